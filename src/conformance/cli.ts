/** `npm run conformance -- <DIR> [--json FILE]` */
import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runAll, summarise } from './run.js'

const args = process.argv.slice(2)
let dir: string | undefined
let json: string | undefined
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') json = args[++i]
  else dir = args[i]
}
if (!dir) {
  console.error('Usage: npm run conformance -- <reference-cases-dir> [--json results.json]')
  process.exit(2)
}
const root = resolve(dir)
if (!existsSync(resolve(root, 'overall_calculation'))) {
  console.error(`No overall_calculation folder in ${root}`)
  process.exit(2)
}
const results = runAll(root)
if (json) writeFileSync(json, JSON.stringify(results, null, 2))
for (const l of summarise(results)) console.log(l)
process.exit(0)
