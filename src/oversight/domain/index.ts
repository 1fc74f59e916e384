/** Oversight's pure part: comparing dates, impact and priority, law changes, triage, batches. */
export * from './compare.js'
export * from './law-change.js'
export * from './triage.js'
export * from './batches.js'
