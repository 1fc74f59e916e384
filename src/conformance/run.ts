/**
 * Runs the engine over reference cases laid out as upstream (overall_calculation/ and
 * overall_calculation_response/) and judges each case exactly as the reference harness does.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { calculate, type CalculationOutcome, type LegislationProfileName } from '../engine/index.js'

export const RUNNER_TODAY = '2026-08-20'
export const TEST_BANK_HOLIDAYS = ['2021-12-27', '2021-12-28']
const SKIP = new Set(['custom-examples/different-calclulation-from-stored'])

export interface CaseResult {
  id: string
  folder: string
  passed: boolean
  diff: string[]
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
    .map((f) => relative(base, f).replace(/\\/g, '/').replace(/\.json$/, ''))
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

export function runCase(root: string, id: string): CaseResult {
  const folder = id.split('/')[0]!
  const diff: string[] = []
  let file: CaseFile
  try {
    file = JSON.parse(readFileSync(join(root, 'overall_calculation', id + '.json'), 'utf8')) as CaseFile
  } catch (e) {
    return { id, folder, passed: false, diff: [`cannot read case: ${String(e)}`] }
  }
  const profile = (file.params ?? 'calculation-params') as LegislationProfileName
  const outcome: CalculationOutcome = calculate(file.booking, {
    profile,
    featureToggles: file.featureToggles ?? {},
    bankHolidays: TEST_BANK_HOLIDAYS,
    today: RUNNER_TODAY,
    userInputs: (file.userInputs ?? {}) as never,
  })
  if (outcome.status === 'error') {
    if (file.error && file.error === outcome.code) return { id, folder, passed: true, diff }
    return { id, folder, passed: false, diff: [`error ${outcome.code}: ${outcome.message}`] }
  }
  if (outcome.status === 'invalid-input') {
    return { id, folder, passed: false, diff: outcome.problems.map((p) => `invalid input ${p.path}: ${p.message}`) }
  }
  const messages = outcome.messages
  if (file.expectedValidationException) {
    const want = file.expectedValidationException.split('|')
    const got = messages.map((m) => m.code)
    const ok = want.length === got.length && want.every((w, i) => w === got[i])
    return { id, folder, passed: ok, diff: ok ? [] : [`validation: want ${want.join('|')} got ${got.join('|') || '(none)'}`] }
  }
  if (messages.length) return { id, folder, passed: false, diff: [`unexpected validation: ${messages.map((m) => m.code).join('|')}`] }
  if (outcome.status !== 'calculated') return { id, folder, passed: false, diff: ['rejected'] }
  const respPath = join(root, 'overall_calculation_response', id + '.json')
  if (!existsSync(respPath)) return { id, folder, passed: false, diff: ['no response file'] }
  const exp = JSON.parse(readFileSync(respPath, 'utf8')) as Record<string, unknown>
  const r = outcome.result
  if (exp.skipAssertingDates !== true) {
    const want = Object.fromEntries(Object.entries((exp.dates ?? {}) as Record<string, string>).map(([k, v]) => [k, v.trim()]))
    const got = r.dates as Record<string, string>
    const keys = new Set([...Object.keys(want), ...Object.keys(got)])
    for (const k of [...keys].sort()) if (want[k] !== got[k]) diff.push(`${k}: want ${want[k] ?? '-'} got ${got[k] ?? '-'}`)
    if (exp.effectiveSentenceLength !== r.effectiveSentenceLength)
      diff.push(`ESL: want ${String(exp.effectiveSentenceLength)} got ${r.effectiveSentenceLength}`)
  }
  const f = r.flags
  if (file.assertSds40 && exp.affectedBySds40 !== f.affectedBySds40)
    diff.push(`affectedBySds40: want ${String(exp.affectedBySds40)} got ${String(f.affectedBySds40)}`)
  if (exp.sdsEarlyReleaseAllocatedTranche !== undefined) {
    if (exp.sdsEarlyReleaseAllocatedTranche !== f.sdsEarlyReleaseAllocatedTranche)
      diff.push(`allocatedTranche: want ${String(exp.sdsEarlyReleaseAllocatedTranche)} got ${String(f.sdsEarlyReleaseAllocatedTranche)}`)
    if (exp.sdsEarlyReleaseTranche !== f.sdsEarlyReleaseTranche)
      diff.push(`tranche: want ${String(exp.sdsEarlyReleaseTranche)} got ${String(f.sdsEarlyReleaseTranche)}`)
  }
  if (exp.trancheAllocationByLegislationName !== undefined) {
    const want = exp.trancheAllocationByLegislationName as Record<string, string>
    const got = f.trancheAllocationByLegislationName
    const keys = new Set([...Object.keys(want), ...Object.keys(got)])
    for (const k of keys) if (want[k] !== got[k]) diff.push(`tranche[${k}]: want ${want[k] ?? '-'} got ${got[k] ?? '-'}`)
  }
  if (exp.affectedByProgressionModel !== undefined && exp.affectedByProgressionModel !== f.affectedByProgressionModel)
    diff.push(`affectedByProgressionModel: want ${String(exp.affectedByProgressionModel)} got ${String(f.affectedByProgressionModel)}`)
  return { id, folder, passed: diff.length === 0, diff }
}

export function runAll(root: string): CaseResult[] {
  return listCases(root).map((id) => runCase(root, id))
}

export function summarise(results: CaseResult[]): string[] {
  const lines: string[] = []
  for (const r of results) if (!r.passed) lines.push(`FAIL ${r.id}: ${r.diff.join('; ')}`)
  const folders = new Map<string, { p: number; f: number }>()
  for (const r of results) {
    const e = folders.get(r.folder) ?? { p: 0, f: 0 }
    if (r.passed) e.p++
    else e.f++
    folders.set(r.folder, e)
  }
  lines.push('')
  lines.push(`${'folder'.padEnd(28)} ${'passed'.padStart(7)} ${'failed'.padStart(7)}`)
  for (const [k, v] of [...folders].sort()) lines.push(`${k.padEnd(28)} ${String(v.p).padStart(7)} ${String(v.f).padStart(7)}`)
  const p = results.filter((r) => r.passed).length
  lines.push(`${p} passed, ${results.length - p} failed`)
  return lines
}
