/** The board's pure half: figures from plain records, the pack's sections, charts and CSV. */
export * from './ports.js'
export * from './figures.js'
export * from './charts.js'
export * from './pack.js'
export * from './access.js'
