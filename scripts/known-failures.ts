/** Regenerates test/reference/known-failures.txt from the current runner results, keeping reasons. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { runAll } from '../src/conformance/run.js'

const dir = resolve(process.argv[2] ?? '../shared/reference-cases/crd')
const file = resolve('test/reference/known-failures.txt')
const reasons = new Map<string, string>()
if (existsSync(file)) {
  let reason = '# not yet analysed'
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) reason = line
    else if (line.trim()) reasons.set(line.trim(), reason)
  }
}
const failing = runAll(dir).filter((r) => !r.passed)
const byReason = new Map<string, string[]>()
for (const r of failing) {
  const reason = reasons.get(r.id) ?? `# ${r.folder}: not yet analysed`
  byReason.set(reason, [...(byReason.get(reason) ?? []), r.id])
}
const out: string[] = [
  '# Reference cases that currently fail. One case id per line, grouped under a reason heading.',
  '# The ratchet test fails on any other failing case, and on a listed case that now passes.',
  '',
]
for (const [reason, ids] of [...byReason].sort()) {
  if (reason.startsWith('# Reference cases')) continue
  out.push(reason, ...ids.sort(), '')
}
writeFileSync(file, out.join('\n'))
console.log(`${failing.length} known failures written to ${file}`)
