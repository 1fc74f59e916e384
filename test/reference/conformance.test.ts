/**
 * Reference-case ratchet over every suite the runner runs (main, hint-text, hint-text-overridden,
 * breakdown, sentence-level): every case passes except those listed in known-failures.txt (ids of
 * the other suites carry the suite prefix, e.g. "hint-text/crs-2164-ac1"); a listed case that now
 * passes must be removed from the list.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runAll } from '../../src/conformance/run.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const casesDir = resolve(repoRoot, process.env.REFERENCE_CASES ?? '../shared/reference-cases/crd')
const available = existsSync(resolve(casesDir, 'overall_calculation'))

function knownFailures(): Set<string> {
  const text = readFileSync(resolve(repoRoot, 'test/reference/known-failures.txt'), 'utf8')
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  )
}

if (!available) console.log(`Reference cases not found at ${casesDir}; skipping the reference-case suite`)

describe.skipIf(!available)('reference cases (ratchet against known-failures.txt)', () => {
  const results = available ? runAll(casesDir) : []
  const known = knownFailures()

  it('no case outside the known-failures list fails', () => {
    const regressions = results
      .filter((r) => !r.passed && !known.has(r.id))
      .map((r) => `${r.id}: ${r.diff.join('; ')}`)
    expect(regressions).toEqual([])
  })

  it('the safety invariants refuse no case outside the known-failures list', () => {
    // A refusal is right only where the engine's answer is wrong: a case the reference
    // calculates and we pass must never be refused by our own checks.
    const refused = results
      .filter((r) => r.safety && !known.has(r.id))
      .map((r) => `${r.id}: ${r.safety!.join('|')}`)
    expect(refused).toEqual([])
  })

  it('runs every suite', () => {
    const suites = new Set(results.map((r) => r.suite))
    expect(suites.has('main')).toBe(true)
    if (existsSync(resolve(casesDir, 'hint-text'))) expect(suites.has('hint-text')).toBe(true)
    if (existsSync(resolve(casesDir, 'calculation_breakdown_response')))
      expect(suites.has('breakdown')).toBe(true)
    if (existsSync(resolve(casesDir, 'sentence_level_calculation_response')))
      expect(suites.has('sentence-level')).toBe(true)
  })

  it('every case on the known-failures list still fails (remove the ones that now pass)', () => {
    const ids = new Set(results.map((r) => r.id))
    const nowPassing = results.filter((r) => r.passed && known.has(r.id)).map((r) => r.id)
    expect(nowPassing).toEqual([])
    // Cases listed but not present in this folder are ignored (other case sets may differ).
    void ids
  })
})
