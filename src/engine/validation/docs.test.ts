/* eslint-disable no-restricted-imports -- this test reads the committed doc from disk */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { VALIDATION_CATALOGUE, VALIDATION_CODES } from './catalogue.js'
import { renderValidationCodesDoc } from './docs.js'
import { CATALOGUE_ONLY_REASONS } from './pre-calculation/coverage.js'
import { PRE_CALCULATION_CODES } from './pre-calculation/index.js'

describe('docs/validation-codes.md', () => {
  it('is up to date with the catalogue (regenerate with npx tsx scripts/validation-codes-doc.ts)', () => {
    const committed = readFileSync(
      fileURLToPath(new URL('../../../docs/validation-codes.md', import.meta.url)),
      'utf8',
    )
    expect(committed).toBe(renderValidationCodesDoc())
  })

  it('has one row per code', () => {
    const doc = renderValidationCodesDoc()
    for (const code of VALIDATION_CODES) expect(doc).toContain(`| \`${code}\` |`)
  })
})

describe('Pre-calculation coverage', () => {
  const preStages = VALIDATION_CODES.filter((c) =>
    ['pre-source', 'pre-booking'].includes(VALIDATION_CATALOGUE[c].stage),
  )

  it('checks every pre-calculation code of the reference or says why it cannot', () => {
    const covered = new Set<string>([...PRE_CALCULATION_CODES, ...Object.keys(CATALOGUE_ONLY_REASONS)])
    expect(preStages.filter((c) => !covered.has(c))).toEqual([])
  })

  it('never both checks a code and gives a reason for not checking it', () => {
    const checked = new Set<string>(PRE_CALCULATION_CODES)
    expect(Object.keys(CATALOGUE_ONLY_REASONS).filter((c) => checked.has(c))).toEqual([])
  })

  it('gives reasons only for pre-calculation codes', () => {
    for (const code of Object.keys(CATALOGUE_ONLY_REASONS))
      expect(preStages as string[], code).toContain(code)
  })
})
