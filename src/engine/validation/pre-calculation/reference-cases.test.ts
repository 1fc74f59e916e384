/* eslint-disable no-restricted-imports -- this test reads the shared reference cases from disk */
/**
 * The pre-calculation checks must not stop calculations that the reference suite expects to
 * produce dates. Every reference input with an expected result is run through the checks with
 * today = 2026-08-20.
 *
 * The reference's own harness runs only post-calculation validators, so some reference inputs
 * carry data its production service would reject before calculating. Those are listed below,
 * case by case, with the code they raise; anything else blocking is a failure, and so is a
 * listed defect that no longer occurs (the list cannot go stale).
 *
 * Cases: $REFERENCE_CASES, else ../shared/reference-cases/crd relative to the repository root.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseBooking } from '../engine-types.js'
import { validateBeforeCalculation } from './index.js'

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..')
const casesRoot = process.env.REFERENCE_CASES ?? resolve(repoRoot, '../shared/reference-cases/crd')
const inputs = join(casesRoot, 'overall_calculation')
const responses = join(casesRoot, 'overall_calculation_response')
const available = existsSync(inputs) && existsSync(responses)
if (!available) console.warn(`Reference cases not found at ${casesRoot}; skipping the reference-case check.`)

const TODAY = '2026-08-20'

/** Why each code appears in reference data that still calculates. */
const WHY: Record<string, string> = {
  OFFENCE_DATE_AFTER_SENTENCE_START_DATE: 'test data gives an offence date after the sentence date',
  ADJUSTMENT_FUTURE_DATED_UAL: 'scenario set after 2026-08-20 (progression model)',
  ADJUSTMENT_FUTURE_DATED_ADA: 'scenario set after 2026-08-20 (progression model)',
  FTR_RTC_DATE_IN_FUTURE: 'scenario set after 2026-08-20 (FTR56 / progression model)',
  REVOCATION_DATE_IN_THE_FUTURE: 'scenario set after 2026-08-20 (FTR56 / progression model)',
  INCORRECT_OFFENCE_BREACH_97: 'PH97003 used for an offence on/after 1 December 2020',
  SE2020_INVALID_OFFENCE_DETAIL: 'SE20 code used for an offence before 1 December 2020',
  ADJUSTMENT_INVALID_DATE_RANGE: 'UAL period whose from date is after its to date',
  A_FINE_SENTENCE_MISSING_FINE_AMOUNT: 'fine default term passed after 1 June 2015 without an amount',
}

/** Reference cases (with expected dates) whose data the production service would reject. */
const KNOWN_REFERENCE_DATA_DEFECTS: Record<string, ReadonlyArray<string>> = {
  'custom-examples/crs-1081-ersed-consec-ac5': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1081-ersed-consec-ac7': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1083-ersed-recalls-ac3': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1083-ersed-recalls-ac4': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1093-eds-sopc-paralell-recalls-ac2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1164-ac3': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1164-ac4': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1164-ac6': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1168-ac3': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1321-bug': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1736-ersed24-ac5': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1828-hdced-with-long-concurrent-licence-2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-1828-hdced-with-long-concurrent-licence': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-2169-ac3-2': ['SE2020_INVALID_OFFENCE_DETAIL'],
  'custom-examples/crs-2343': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-790-ftr-ac2': ['ADJUSTMENT_INVALID_DATE_RANGE'],
  'custom-examples/crs-790-ftr-ac5': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-873-eds-conc-cons-ac-5': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-885-eds-parallel-ac1': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-885-eds-parallel-ac2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-890-parallel-eds-ftr-ac1': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/crs-950-pre-pcsc-sopc-ac6': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'custom-examples/sds40-tused-50-bug-ex-3': ['INCORRECT_OFFENCE_BREACH_97'],
  'ers-30/crs-2381-ac-G': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'ers-30/crs-2381-ac-H': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'ers-30/crs-2381-ac-L': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'external-movements/crs-2107-external-movements-ac8': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'framework-examples/33': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'ftr-56/crs-2465-ac1-1': ['FTR_RTC_DATE_IN_FUTURE', 'REVOCATION_DATE_IN_THE_FUTURE'],
  'ftr-56/crs-2465-ac1-2': ['FTR_RTC_DATE_IN_FUTURE', 'REVOCATION_DATE_IN_THE_FUTURE'],
  'ftr-56/ftr-56-release-after-tranche-default': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'progression-model/crs-2503-ac1-2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'progression-model/crs-2503-ac1-4': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'progression-model/crs-2503-ac1-5': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'progression-model/crs-2663-ac1-2': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac1-5': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac1-5a': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac1-7': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac1-8': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac3-2': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac3-3': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac3-4': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac3-5': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2663-ac3-7': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2686-ac1-1': ['FTR_RTC_DATE_IN_FUTURE', 'REVOCATION_DATE_IN_THE_FUTURE'],
  'progression-model/crs-2694-ac1-5': ['ADJUSTMENT_FUTURE_DATED_UAL'],
  'progression-model/crs-2697-ac1-4': ['ADJUSTMENT_FUTURE_DATED_ADA'],
  'progression-model/crs-2697-ac1-4a': ['ADJUSTMENT_FUTURE_DATED_ADA'],
  'progression-model/crs-2697-ac1-5': ['ADJUSTMENT_FUTURE_DATED_ADA'],
  'psi-examples/20': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-1-1': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-1-2': [
    'A_FINE_SENTENCE_MISSING_FINE_AMOUNT',
    'OFFENCE_DATE_AFTER_SENTENCE_START_DATE',
  ],
  'tranches/crs-2105-ac-2-1': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-2-2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-2-3': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-3-4': ['ADJUSTMENT_INVALID_DATE_RANGE', 'OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2105-ac-4-1': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'tranches/crs-2192-ac2-2': ['INCORRECT_OFFENCE_BREACH_97'],
  'tranches/crs-2202-ac1-2': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
  'validation/crs-2078': ['INCORRECT_OFFENCE_BREACH_97'],
  'validation/crs-2137-ac5-3': ['OFFENCE_DATE_AFTER_SENTENCE_START_DATE'],
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.json') ? [p] : []
    })
}

function blockingCodesByCase(today: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const file of walk(inputs)) {
    const name = relative(inputs, file).replace(/\.json$/, '')
    if (!existsSync(join(responses, `${name}.json`))) continue
    const test = JSON.parse(readFileSync(file, 'utf8')) as {
      booking: unknown
      featureToggles?: Record<string, boolean>
    }
    const parsed = parseBooking(test.booking)
    if (!parsed.ok) continue // the input parser's own tests deal with unreadable files
    const codes = validateBeforeCalculation(parsed.value, {
      today,
      featureToggles: test.featureToggles ?? {},
    })
      .filter((m) => m.category !== 'WARNING')
      .map((m) => m.code)
    out.set(name, [...new Set(codes)].sort())
  }
  return out
}

describe.skipIf(!available)('Reference cases that expect release dates', () => {
  const found = available ? blockingCodesByCase(TODAY) : new Map<string, string[]>()

  it('are several hundred, so the check is meaningful', () => {
    expect(found.size).toBeGreaterThan(600)
  })

  it('are not blocked by any pre-calculation check, apart from the listed data defects', () => {
    const unexpected: Record<string, string[]> = {}
    for (const [name, codes] of found) {
      const allowed = KNOWN_REFERENCE_DATA_DEFECTS[name] ?? []
      const extra = codes.filter((c) => !allowed.includes(c))
      if (extra.length > 0) unexpected[name] = extra
    }
    expect(unexpected).toEqual({})
  })

  it('still contain every listed data defect, so the list stays exact', () => {
    const stale: Record<string, string[]> = {}
    for (const [name, allowed] of Object.entries(KNOWN_REFERENCE_DATA_DEFECTS)) {
      const codes = found.get(name) ?? []
      const missing = allowed.filter((c) => !codes.includes(c))
      if (missing.length > 0) stale[name] = missing
    }
    expect(stale).toEqual({})
  })

  it('have a stated reason for every code in the defect list', () => {
    const codes = new Set(Object.values(KNOWN_REFERENCE_DATA_DEFECTS).flat())
    for (const code of codes) expect(WHY[code], code).toBeTruthy()
  })

  it('raise no future-date message once today is after every scenario date', () => {
    const later = blockingCodesByCase('2030-01-01')
    const dateRelative = new Set([
      'ADJUSTMENT_FUTURE_DATED_UAL',
      'ADJUSTMENT_FUTURE_DATED_ADA',
      'ADJUSTMENT_FUTURE_DATED_RADA',
      'FTR_RTC_DATE_IN_FUTURE',
      'REVOCATION_DATE_IN_THE_FUTURE',
    ])
    const hits = [...later.entries()].filter(([, codes]) => codes.some((c) => dateRelative.has(c)))
    expect(hits).toEqual([])
  })
})
