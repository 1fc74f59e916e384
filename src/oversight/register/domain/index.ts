/** The releases-in-error register's pure half: taxonomy, entries, CSV import, as-at comparison. */
export * from './taxonomy.js'
export * from './entry.js'
export * from './csv.js'
export * from './as-at.js'
export * from './access.js'
