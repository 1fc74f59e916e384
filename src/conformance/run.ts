/**
 * Runs the engine over reference cases laid out as upstream (overall_calculation/ and
 * overall_calculation_response/) and judges each case exactly as the reference harness does.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  calculate,
  RELEASE_DATE_TYPES,
  type CalculationOutcome,
  type EngineOptions,
  type LegislationProfileName,
  type ReleaseDateType,
} from '../engine/index.js'

export const RUNNER_TODAY = '2026-08-20'
export const TEST_BANK_HOLIDAYS = ['2021-12-27', '2021-12-28']
const SKIP = new Set(['custom-examples/different-calclulation-from-stored'])

export type Suite = 'main' | 'hint-text' | 'hint-text-overridden' | 'breakdown' | 'sentence-level'
export const SUITES: ReadonlyArray<Suite> = [
  'main',
  'hint-text',
  'hint-text-overridden',
  'breakdown',
  'sentence-level',
]

export interface CaseResult {
  /** Main-suite ids are the case path (e.g. "sds-40/crs-1"); other suites prefix the suite name. */
  id: string
  suite: Suite
  folder: string
  passed: boolean
  diff: string[]
  /** The engine refused this case with SAFETY_CHECK_FAILED: the invariants that fired. */
  safety?: string[]
}

/** The safety invariants behind a SAFETY_CHECK_FAILED refusal, if the outcome is one. */
export function safetyCodes(outcome: CalculationOutcome): string[] | undefined {
  if (outcome.status !== 'rejected') return undefined
  const codes = outcome.messages.flatMap((m) => (m.safety ? [m.safety.invariant] : []))
  return codes.length ? codes : undefined
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (name.endsWith('.json')) out.push(p)
  }
  return out
}

export function listCases(root: string): string[] {
  const base = join(root, 'overall_calculation')
  return walk(base)
    .map((f) =>
      relative(base, f)
        .replace(/\\/g, '/')
        .replace(/\.json$/, ''),
    )
    .filter((id) => !SKIP.has(id))
}

interface CaseFile {
  booking: unknown
  userInputs?: Record<string, unknown>
  params?: string
  featureToggles?: Record<string, boolean>
  assertSds40?: boolean
  expectedValidationException?: string
  error?: string
}

function readCase(path: string): CaseFile {
  return JSON.parse(readFileSync(path, 'utf8')) as CaseFile
}

/** The engine called as the reference harness calls it: post-calculation checks only. */
export function engineFor(file: CaseFile, extra: Partial<EngineOptions> = {}): CalculationOutcome {
  return calculate(file.booking, {
    profile: (file.params ?? 'calculation-params') as LegislationProfileName,
    featureToggles: file.featureToggles ?? {},
    bankHolidays: TEST_BANK_HOLIDAYS,
    today: RUNNER_TODAY,
    userInputs: (file.userInputs ?? {}) as never,
    preCalculationChecks: false,
    ...extra,
  })
}

export function runCase(root: string, id: string): CaseResult {
  const r = runMainCase(root, id)
  return { ...r, suite: 'main' } as CaseResult
}

/** The result, marked with the safety invariants if the engine refused the case on them. */
function marked(r: CaseResult, outcome: CalculationOutcome): CaseResult {
  const safety = safetyCodes(outcome)
  return safety ? { ...r, safety } : r
}

function runMainCase(root: string, id: string): Omit<CaseResult, 'suite'> {
  const folder = id.split('/')[0]!
  const diff: string[] = []
  let file: CaseFile
  try {
    file = readCase(join(root, 'overall_calculation', id + '.json'))
  } catch (e) {
    return { id, folder, passed: false, diff: [`cannot read case: ${String(e)}`] }
  }
  const outcome: CalculationOutcome = engineFor(file)
  const safety = safetyCodes(outcome)
  if (safety)
    return {
      id,
      folder,
      passed: false,
      diff: [`refused by the safety invariants: ${safety.join('|')}`],
      safety,
    }
  if (outcome.status === 'error') {
    if (file.error && file.error === outcome.code) return { id, folder, passed: true, diff }
    return { id, folder, passed: false, diff: [`error ${outcome.code}: ${outcome.message}`] }
  }
  if (outcome.status === 'invalid-input') {
    return {
      id,
      folder,
      passed: false,
      diff: outcome.problems.map((p) => `invalid input ${p.path}: ${p.message}`),
    }
  }
  const messages = outcome.messages
  if (file.expectedValidationException) {
    const want = file.expectedValidationException.split('|')
    const got = messages.map((m) => m.code)
    const ok = want.length === got.length && want.every((w, i) => w === got[i])
    return {
      id,
      folder,
      passed: ok,
      diff: ok ? [] : [`validation: want ${want.join('|')} got ${got.join('|') || '(none)'}`],
    }
  }
  if (messages.length)
    return {
      id,
      folder,
      passed: false,
      diff: [`unexpected validation: ${messages.map((m) => m.code).join('|')}`],
    }
  if (outcome.status !== 'calculated') return { id, folder, passed: false, diff: ['rejected'] }
  const respPath = join(root, 'overall_calculation_response', id + '.json')
  if (!existsSync(respPath)) return { id, folder, passed: false, diff: ['no response file'] }
  const exp = JSON.parse(readFileSync(respPath, 'utf8')) as Record<string, unknown>
  const r = outcome.result
  if (exp.skipAssertingDates !== true) {
    const want = Object.fromEntries(
      Object.entries((exp.dates ?? {}) as Record<string, string>).map(([k, v]) => [k, v.trim()]),
    )
    const got = r.dates as Record<string, string>
    const keys = new Set([...Object.keys(want), ...Object.keys(got)])
    for (const k of [...keys].sort())
      if (want[k] !== got[k]) diff.push(`${k}: want ${want[k] ?? '-'} got ${got[k] ?? '-'}`)
    if (exp.effectiveSentenceLength !== r.effectiveSentenceLength)
      diff.push(`ESL: want ${String(exp.effectiveSentenceLength)} got ${r.effectiveSentenceLength}`)
  }
  const f = r.flags
  if (file.assertSds40 && exp.affectedBySds40 !== f.affectedBySds40)
    diff.push(`affectedBySds40: want ${String(exp.affectedBySds40)} got ${String(f.affectedBySds40)}`)
  if (exp.sdsEarlyReleaseAllocatedTranche !== undefined) {
    if (exp.sdsEarlyReleaseAllocatedTranche !== f.sdsEarlyReleaseAllocatedTranche)
      diff.push(
        `allocatedTranche: want ${String(exp.sdsEarlyReleaseAllocatedTranche)} got ${String(f.sdsEarlyReleaseAllocatedTranche)}`,
      )
    if (exp.sdsEarlyReleaseTranche !== f.sdsEarlyReleaseTranche)
      diff.push(`tranche: want ${String(exp.sdsEarlyReleaseTranche)} got ${String(f.sdsEarlyReleaseTranche)}`)
  }
  if (exp.trancheAllocationByLegislationName !== undefined) {
    const want = exp.trancheAllocationByLegislationName as Record<string, string>
    const got = f.trancheAllocationByLegislationName
    const keys = new Set([...Object.keys(want), ...Object.keys(got)])
    for (const k of keys)
      if (want[k] !== got[k]) diff.push(`tranche[${k}]: want ${want[k] ?? '-'} got ${got[k] ?? '-'}`)
  }
  if (
    exp.affectedByProgressionModel !== undefined &&
    exp.affectedByProgressionModel !== f.affectedByProgressionModel
  )
    diff.push(
      `affectedByProgressionModel: want ${String(exp.affectedByProgressionModel)} got ${String(f.affectedByProgressionModel)}`,
    )
  return { id, folder, passed: diff.length === 0, diff }
}

export function runAll(root: string): CaseResult[] {
  return [
    ...listCases(root).map((id) => runCase(root, id)),
    ...runHintText(root),
    ...runBreakdowns(root),
    ...runSentenceLevel(root),
  ]
}

function listJson(dir: string): string[] {
  if (!existsSync(dir)) return []
  return walk(dir).map((f) =>
    relative(dir, f)
      .replace(/\\/g, '/')
      .replace(/\.json$/, ''),
  )
}

interface HintEntry {
  type: string
  date: string
  hints: string[]
}

/** Hint types a NOMIS override marks "Manually overridden" (reference HintTextTest). */
const OVERRIDE_TYPES: ReleaseDateType[] = ['HDCED', 'CRD', 'LED', 'SED', 'SLED', 'NPD', 'ARD', 'TUSED', 'PED']

function hintList(outcome: CalculationOutcome): HintEntry[] | string {
  if (outcome.status !== 'calculated') return `not calculated: ${outcome.status}`
  const r = outcome.result
  return (r.dateOrder ?? []).map((t) => ({ type: t, date: r.dates[t]!, hints: r.hints?.[t] ?? [] }))
}

function compareHints(want: HintEntry[], got: HintEntry[] | string): string[] {
  if (typeof got === 'string') return [got]
  const diff: string[] = []
  const w = want.map((e) => `${e.type} ${e.date} [${e.hints.join(' | ')}]`)
  const g = got.map((e) => `${e.type} ${e.date} [${e.hints.join(' | ')}]`)
  for (let i = 0; i < Math.max(w.length, g.length); i++)
    if (w[i] !== g[i]) diff.push(`#${i}: want ${w[i] ?? '-'} got ${g[i] ?? '-'}`)
  return diff
}

/** Hint-text suite (reference-suite.md §7.3): plain, then with every date manually overridden. */
export function runHintText(root: string): CaseResult[] {
  const base = join(root, 'hint-text')
  const out: CaseResult[] = []
  for (const name of listJson(join(base, 'input-data'))) {
    const expPath = join(base, 'expected-results', name + '.json')
    for (const suite of ['hint-text', 'hint-text-overridden'] as const) {
      const id = `${suite}/${name}`
      try {
        if (!existsSync(expPath)) {
          out.push({ id, suite, folder: suite, passed: false, diff: ['no expected result'] })
          continue
        }
        const file = readCase(join(base, 'input-data', name + '.json'))
        let want = JSON.parse(readFileSync(expPath, 'utf8')) as HintEntry[]
        const overridden = suite === 'hint-text-overridden'
        if (overridden)
          want = want.map((e) =>
            OVERRIDE_TYPES.includes(e.type as ReleaseDateType)
              ? { ...e, hints: ['Manually overridden', ...e.hints] }
              : e,
          )
        const outcome = engineFor(
          { ...file, featureToggles: {} },
          overridden ? { hintContext: { manuallyOverridden: RELEASE_DATE_TYPES } } : {},
        )
        const diff = compareHints(want, hintList(outcome))
        out.push(marked({ id, suite, folder: suite, passed: diff.length === 0, diff }, outcome))
      } catch (e) {
        out.push({ id, suite, folder: suite, passed: false, diff: [`threw: ${String(e)}`] })
      }
    }
  }
  const sled = 'crs-2348-sled'
  if (existsSync(join(base, 'input-data', sled + '.json'))) {
    const id = `hint-text-historic-sled/${sled}`
    const file = readCase(join(base, 'input-data', sled + '.json'))
    const outcome = engineFor({ ...file, featureToggles: {} }, { hintContext: { historicSled: true } })
    const got = hintList(outcome)
    const ok =
      typeof got !== 'string' &&
      (got.find((e) => e.type === 'SLED')?.hints ?? []).includes('SLED from a previous period of custody')
    out.push({
      id,
      suite: 'hint-text',
      folder: 'hint-text',
      passed: ok,
      diff: ok ? [] : ['SLED lacks the historic-SLED hint'],
    })
  }
  return out
}

function sameDateMaps(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

/** Deep equality with reference defaults: missing expected fields are compared as absent. */
function jsonDiff(want: unknown, got: unknown, path: string, out: string[]): void {
  if (out.length > 6) return
  // A date's breakdown rules are a set in the reference: their order carries no meaning.
  if (path.endsWith('.rules') && Array.isArray(want) && Array.isArray(got)) {
    want = want.map(String).sort()
    got = got.map(String).sort()
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      out.push(`${path}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`)
      return
    }
    want.forEach((w, i) => jsonDiff(w, got[i], `${path}[${i}]`, out))
    return
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') {
      out.push(`${path}: want object got ${JSON.stringify(got)}`)
      return
    }
    const g = got as Record<string, unknown>
    const w = want as Record<string, unknown>
    for (const k of new Set([...Object.keys(w), ...Object.keys(g)]))
      jsonDiff(w[k] ?? null, g[k] ?? null, `${path}.${k}`, out)
    return
  }
  if (want !== got) out.push(`${path}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`)
}

/** Breakdown suite (reference-suite.md §7.1). */
export function runBreakdowns(root: string): CaseResult[] {
  const base = join(root, 'calculation_breakdown_response')
  const out: CaseResult[] = []
  for (const name of listJson(base)) {
    const id = `breakdown/${name}`
    const suite = 'breakdown' as const
    try {
      const file = readCase(join(root, 'overall_calculation', name + '.json'))
      const expected = JSON.parse(readFileSync(join(base, name + '.json'), 'utf8')) as Record<string, unknown>
      const respPath = join(root, 'overall_calculation_response', name + '.json')
      const stored = existsSync(respPath)
        ? ((JSON.parse(readFileSync(respPath, 'utf8')) as { dates?: Record<string, string> }).dates ?? {})
        : {}
      const outcome = engineFor(file)
      let error: string | null = null
      if (outcome.status === 'error') error = outcome.code
      else if (outcome.status !== 'calculated') error = outcome.status
      else if (!sameDateMaps(stored, outcome.result.dates as Record<string, string>))
        error = 'BreakdownChangedSinceLastCalculation'
      if (error !== null || file.error) {
        const ok = error === (file.error ?? null)
        out.push(
          marked(
            {
              id,
              suite,
              folder: suite,
              passed: ok,
              diff: ok ? [] : [`error: want ${file.error ?? '-'} got ${error ?? '-'}`],
            },
            outcome,
          ),
        )
        continue
      }
      const got = outcome.status === 'calculated' ? outcome.result.breakdown : undefined
      const diff: string[] = []
      if (!got) diff.push('no breakdown produced')
      else
        jsonDiff(
          { ersedNotApplicableDueToDtoLaterThanCrd: false, showSds40Hints: true, ...expected },
          got,
          '',
          diff,
        )
      out.push({ id, suite, folder: suite, passed: diff.length === 0, diff })
    } catch (e) {
      out.push({ id, suite, folder: suite, passed: false, diff: [`threw: ${String(e)}`] })
    }
  }
  return out
}

/** Sentence-level suite (reference-suite.md §7.2): the same elements in any order. */
export function runSentenceLevel(root: string): CaseResult[] {
  const base = join(root, 'sentence_level_calculation_response')
  const out: CaseResult[] = []
  for (const name of listJson(base)) {
    const id = `sentence-level/${name}`
    const suite = 'sentence-level' as const
    try {
      const file = readCase(join(root, 'overall_calculation', name + '.json'))
      const want = (
        JSON.parse(readFileSync(join(base, name + '.json'), 'utf8')) as { sentenceLevelDates: unknown[] }
      ).sentenceLevelDates
      const outcome = engineFor(file)
      if (outcome.status !== 'calculated') {
        out.push(
          marked(
            { id, suite, folder: suite, passed: false, diff: [`not calculated: ${outcome.status}`] },
            outcome,
          ),
        )
        continue
      }
      const got = outcome.result.sentenceLevelDates ?? []
      const canon = (x: unknown) => JSON.stringify(sortKeys(x))
      const ws = want.map(canon).sort()
      const gs = got.map(canon).sort()
      const diff: string[] = []
      for (const w of ws) if (!gs.includes(w)) diff.push(`missing ${w}`)
      for (const g of gs) if (!ws.includes(g)) diff.push(`extra ${g}`)
      out.push({ id, suite, folder: suite, passed: diff.length === 0, diff })
    } catch (e) {
      out.push({ id, suite, folder: suite, passed: false, diff: [`threw: ${String(e)}`] })
    }
  }
  return out
}

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys)
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(
      Object.keys(x)
        .sort()
        .map((k) => [k, sortKeys((x as Record<string, unknown>)[k])]),
    )
  return x
}

export function summarise(results: CaseResult[]): string[] {
  const lines: string[] = []
  for (const r of results) if (!r.passed) lines.push(`FAIL ${r.id}: ${r.diff.join('; ')}`)
  const folders = new Map<string, { p: number; f: number }>()
  for (const r of results) {
    const key = r.suite === 'main' ? r.folder : `[${r.suite}]`
    const e = folders.get(key) ?? { p: 0, f: 0 }
    if (r.passed) e.p++
    else e.f++
    folders.set(key, e)
  }
  lines.push('')
  lines.push(`${'folder / suite'.padEnd(36)} ${'passed'.padStart(7)} ${'failed'.padStart(7)}`)
  const rows = [...folders].sort(([a], [b]) =>
    a.startsWith('[') === b.startsWith('[') ? a.localeCompare(b) : a.startsWith('[') ? 1 : -1,
  )
  for (const [k, v] of rows)
    lines.push(`${k.padEnd(36)} ${String(v.p).padStart(7)} ${String(v.f).padStart(7)}`)
  lines.push('')
  for (const suite of SUITES) {
    const rs = results.filter((r) => r.suite === suite)
    const p = rs.filter((r) => r.passed).length
    lines.push(`${suite}: ${p} passed, ${rs.length - p} failed`)
  }
  const p = results.filter((r) => r.passed).length
  lines.push(`${p} passed, ${results.length - p} failed`)
  // Reported apart: a case the engine refused because its own answer broke a safety invariant.
  const refused = results.filter((r) => r.safety)
  lines.push(
    `refused by the safety invariants: ${refused.length} (${refused.filter((r) => r.passed).length} of them passing)`,
  )
  for (const r of refused) lines.push(`  SAFETY ${r.id}: ${r.safety!.join('|')}`)
  return lines
}
