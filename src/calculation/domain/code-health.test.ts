/** Whole-folder checks: every refusal is tried by a test, every reason and role has words. */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ROLES, ROLE_NAMES } from './actor.js'
import { CALCULATION_REASONS, OVERRIDE_REASONS } from './reasons.js'
import { REFUSAL_CODES } from './refusals.js'

const here = dirname(fileURLToPath(import.meta.url))
const read = (pattern: RegExp) =>
  readdirSync(here)
    .filter((f) => pattern.test(f))
    .map((f) => readFileSync(join(here, f), 'utf8'))
    .join('\n')

describe('code health of the calculation workflow', () => {
  const tests = read(/\.test\.ts$/)
  const sources = read(/^(?!.*\.test\.ts$).*\.ts$/)

  it.each(REFUSAL_CODES)('refusal %s is produced by the code and tried by a test', (code) => {
    expect(sources.split(`'${code}'`).length).toBeGreaterThan(2) // the list itself, and a use
    expect(tests).toContain(`'${code}'`)
  })

  it('every reason has a label and every role a description', () => {
    for (const r of [...CALCULATION_REASONS, ...OVERRIDE_REASONS]) expect(r.label).toMatch(/^[A-Z0-9]/)
    for (const role of ROLES) expect(ROLE_NAMES[role].length).toBeGreaterThan(0)
  })

  it('nothing in the workflow reads the clock or uses JS Date', () => {
    expect(sources).not.toMatch(/\bnew Date\b|Date\.now|Instant\.now|LocalDate\.now|Math\.random/)
  })
})
