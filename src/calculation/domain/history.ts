/**
 * Calculation history: every confirmed calculation (engine, manual or override) with its reason,
 * who, when, prison, source, check status, and the exact inputs and engine outcome it used — so a
 * past calculation can be shown exactly as it was. Built only from the recorded events.
 */
import type { ReleaseDateType, ValidationCategory } from '../../engine/api.js'
import { FEATURE_TOGGLES, RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../engine/api.js'
import { formatDate, formatInstantDate } from './format.js'
import { bankHolidayCalendar, releaseDay, type BankHolidayCalendar } from './release-day.js'
import type { EngineInput, InputFingerprint } from './input-fingerprint.js'
import type { CalculationSource, CalculationState, CheckStatus } from './model.js'
import type { CalculationOutcome } from '../../engine/api.js'
import type { CalculationReason, OverrideReason } from './reasons.js'
import { calculationReasonLabel, overrideReasonLabel } from './reasons.js'
import type { ReleaseDates } from './release-dates.js'
import type { AdjustmentRow, SentenceRow } from './tables.js'
import { adjustmentRows, sentenceRows } from './tables.js'

export interface HistoryEntry {
  calculationId: string
  prisonNumber: string
  reason: CalculationReason
  calculatedBy: string[]
  confirmedBy: string
  requestedAt: string
  confirmedAt: string
  /** The prison where it was confirmed. */
  prisonId: string
  source: CalculationSource
  overrideReason?: OverrideReason
  status: CheckStatus
  /** The person's current dates come from this calculation. */
  isCurrent: boolean
  /** Exactly what the engine was given. */
  input: EngineInput
  fingerprint: InputFingerprint
  /** Exactly what the engine said. */
  outcome: CalculationOutcome
  /** The dates that were recorded. */
  dates: ReleaseDates
}

/** Every confirmed calculation, newest first. */
export function historyEntries(state: CalculationState): HistoryEntry[] {
  return [...state.order]
    .reverse()
    .map((id) => historyEntry(state, id))
    .filter((e): e is HistoryEntry => e !== undefined)
}

export function historyEntry(state: CalculationState, calculationId: string): HistoryEntry | undefined {
  const c = state.calculations[calculationId]
  if (c === undefined) return undefined
  return {
    calculationId: c.id,
    prisonNumber: c.prisonNumber,
    reason: c.reason,
    calculatedBy: c.calculatedBy,
    confirmedBy: c.confirmedBy,
    requestedAt: c.requestedAt,
    confirmedAt: c.confirmedAt,
    prisonId: c.prisonId,
    source: c.source,
    ...(c.overrideReason ? { overrideReason: c.overrideReason } : {}),
    status: c.check.status,
    isCurrent: state.currentCalculationId === c.id,
    input: c.input,
    fingerprint: c.fingerprint,
    outcome: c.outcome,
    dates: c.dates,
  }
}

export function sourceLabel(source: CalculationSource): string {
  switch (source) {
    case 'engine':
      return 'Calculated by SafeRelease'
    case 'manual':
      return 'Entered by hand (SafeRelease could not calculate this case)'
    case 'override':
      return 'Override: the calculated dates were replaced'
    default: {
      const never: never = source
      throw new Error(`Unknown source ${String(never)}`)
    }
  }
}

export function checkStatusLabel(status: CheckStatus): string {
  switch (status) {
    // One vocabulary everywhere: verified or not verified.
    case 'unverified':
      return 'Not verified'
    case 'verified':
      return 'Verified'
    case 'differences-found':
      return 'Not verified: the second check found differences'
    default: {
      const never: never = status
      throw new Error(`Unknown status ${String(never)}`)
    }
  }
}

export interface DateLine {
  type: ReleaseDateType
  name: string
  iso: string
  /** "12 April 2025" */
  date: string
  /** For an override: what SafeRelease had calculated, if different. */
  calculated?: string
  /** The day the person actually leaves (absent for expiry dates), or a calendar warning. */
  releaseDay?: string
  releaseOn?: string
  calendarUnknown: boolean
}

/** Recorded dates in the standard order; for an override, beside what the engine calculated. */
export function dateLines(
  entry: Pick<HistoryEntry, 'dates' | 'source' | 'outcome' | 'input'>,
  calendar: BankHolidayCalendar = bankHolidayCalendar(entry.input.bankHolidays),
): DateLine[] {
  const engine = entry.outcome.status === 'calculated' ? entry.outcome.result.dates : {}
  const lines: DateLine[] = []
  for (const type of RELEASE_DATE_TYPES) {
    const iso = entry.dates[type]
    const was = engine[type]
    if (iso === undefined && !(entry.source === 'override' && was !== undefined)) continue
    const day = iso ? releaseDay(type, iso, calendar) : ({ kind: 'not-a-release-day' } as const)
    const line: DateLine = {
      type,
      name: RELEASE_DATE_NAMES[type],
      iso: iso ?? '',
      date: iso ? formatDate(iso) : 'No date',
      calendarUnknown: day.kind === 'calendar-unknown',
    }
    if (day.kind !== 'not-a-release-day') line.releaseDay = day.text
    if (day.kind === 'same-day' || day.kind === 'moved') line.releaseOn = day.releaseOn
    if (entry.source === 'override' && was !== iso)
      line.calculated = was === undefined ? 'No date' : formatDate(was)
    lines.push(line)
  }
  return lines
}

export interface CalculationView {
  calculationId: string
  /** "Calculation confirmed on 3 March 2025" */
  title: string
  reason: string
  source: string
  overrideReason?: string
  status: string
  isCurrent: boolean
  calculatedBy: string[]
  confirmedBy: string
  confirmedOn: string
  prisonId: string
  dates: DateLine[]
  messages: Array<{ category: ValidationCategory; message: string }>
  explanations: Array<{ type: ReleaseDateType; name: string; summary: string; steps: string[] }>
  sentences: SentenceRow[]
  adjustments: AdjustmentRow[]
  settings: { profile: string; switchesOn: string[]; bankHolidays: string[] }
  fingerprint: InputFingerprint
}

/**
 * A past calculation exactly as it was: built only from the recorded snapshot, never current
 * data — except the day of release, judged against `bankHolidays` when given (the calendar kept
 * now knows holidays announced since), else against the calendar the engine was given.
 */
export function calculationView(entry: HistoryEntry, bankHolidays?: ReadonlyArray<string>): CalculationView {
  const outcome = entry.outcome
  const messages = outcome.status === 'calculated' || outcome.status === 'rejected' ? outcome.messages : []
  const explanations = outcome.status === 'calculated' ? outcome.result.explanations : []
  return {
    calculationId: entry.calculationId,
    title: `Calculation confirmed on ${formatInstantDate(entry.confirmedAt)}`,
    reason: calculationReasonLabel(entry.reason),
    source: sourceLabel(entry.source),
    ...(entry.overrideReason ? { overrideReason: overrideReasonLabel(entry.overrideReason) } : {}),
    status: checkStatusLabel(entry.status),
    isCurrent: entry.isCurrent,
    calculatedBy: entry.calculatedBy,
    confirmedBy: entry.confirmedBy,
    confirmedOn: formatInstantDate(entry.confirmedAt),
    prisonId: entry.prisonId,
    dates: dateLines(entry, bankHolidayCalendar(bankHolidays ?? entry.input.bankHolidays)),
    messages: messages.map((m) => ({ category: m.category, message: m.message })),
    explanations: explanations.map((e) => ({
      type: e.type,
      name: RELEASE_DATE_NAMES[e.type],
      summary: e.summary,
      steps: e.steps.map((s) => s.says),
    })),
    sentences: sentenceRows(entry.input.booking),
    adjustments: adjustmentRows(entry.input.booking),
    settings: {
      profile: entry.input.profile,
      switchesOn: FEATURE_TOGGLES.filter((t) => entry.input.featureToggles[t] === true),
      bankHolidays: [...entry.input.bankHolidays].sort().map(formatDate),
    },
    fingerprint: entry.fingerprint,
  }
}
