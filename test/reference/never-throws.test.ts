/**
 * The engine never throws on any shared reference input (every suite's inputs), with the
 * pre-calculation checks on (the default) and off: errors are results, never exceptions, and no
 * input ends in INTERNAL_ERROR. Every validation message comes from the catalogue, in plain
 * English, with the catalogue's category.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { calculate, type CalculationOutcome, type LegislationProfileName } from '../../src/engine/index.js'
import { isValidationCode, VALIDATION_CATALOGUE } from '../../src/engine/validation/index.js'
import { RUNNER_TODAY, TEST_BANK_HOLIDAYS } from '../../src/conformance/run.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const casesDir = resolve(repoRoot, process.env.REFERENCE_CASES ?? '../shared/reference-cases/crd')
const available = existsSync(resolve(casesDir, 'overall_calculation'))

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (name.endsWith('.json')) out.push(p)
  }
  return out
}

interface CaseFile {
  booking: unknown
  userInputs?: Record<string, unknown>
  params?: string
  featureToggles?: Record<string, boolean>
}

describe.skipIf(!available)('the engine on every shared reference input', () => {
  const files = [
    ...walk(join(casesDir, 'overall_calculation')),
    ...walk(join(casesDir, 'hint-text', 'input-data')),
  ]

  it('finds the inputs', () => {
    expect(files.length).toBeGreaterThan(100)
  })

  it('never throws and never ends in INTERNAL_ERROR; messages come from the catalogue', () => {
    const problems: string[] = []
    for (const f of files) {
      const file = JSON.parse(readFileSync(f, 'utf8')) as CaseFile
      for (const preCalculationChecks of [true, false]) {
        let o: CalculationOutcome
        try {
          o = calculate(file.booking, {
            profile: (file.params ?? 'calculation-params') as LegislationProfileName,
            featureToggles: file.featureToggles ?? {},
            bankHolidays: TEST_BANK_HOLIDAYS,
            today: RUNNER_TODAY,
            userInputs: (file.userInputs ?? {}) as never,
            preCalculationChecks,
            hintContext: { manuallyOverridden: ['CRD'], historicSled: true },
          })
        } catch (e) {
          problems.push(`${f}: threw ${String(e)}`)
          continue
        }
        if (o.status === 'error' && o.code === 'INTERNAL_ERROR') problems.push(`${f}: ${o.message}`)
        if (o.status === 'calculated' || o.status === 'rejected')
          for (const m of o.messages) {
            if (!isValidationCode(m.code)) problems.push(`${f}: uncatalogued code ${m.code}`)
            else if (VALIDATION_CATALOGUE[m.code].category !== m.category)
              problems.push(`${f}: ${m.code} has category ${m.category}`)
            if (!/^[A-Z0-9].*[.]$/.test(m.message)) problems.push(`${f}: ${m.code} message not a sentence`)
          }
      }
    }
    expect(problems).toEqual([])
  })
})
