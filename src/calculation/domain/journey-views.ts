/**
 * View models for the steps before confirming: "Check the information" (every sentence and
 * adjustment the engine will use, by court case, with each validation message attached to the
 * record it names) and the preliminary result (every date with its full name, how it was worked
 * out, and whether it falls on a non-working day).
 */
import type { CalculationOutcome, Citation, ReleaseDateType, ValidationCategory } from '../../engine/api.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../engine/api.js'
import type { AdjustmentType } from '../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES } from '../../engine/input/reference-booking.js'
import { formatDate, formatDateWithDay, isNonWorkingDay } from './format.js'
import { bankHolidayCalendar, releaseDay } from './release-day.js'
import type { EngineInput } from './input-fingerprint.js'
import type { CalculationState } from './model.js'
import { calculationReasonLabel } from './reasons.js'
import { blockingMessages, confirmableDates, isUnsupported } from './release-dates.js'
import type { AdjustmentRow, SentenceRow } from './tables.js'
import { adjustmentRows, sentenceRows } from './tables.js'

/** The record a message asks the user to fix; the web layer maps it to the form's URL. */
export type FixTarget =
  | { kind: 'sentence'; index: number }
  | { kind: 'adjustment'; type: AdjustmentType; index: number }
  | { kind: 'booking'; path: string }

export interface MessageLine {
  code: string
  category: ValidationCategory
  message: string
  fix?: FixTarget
}

/** Where to go next from "Check the information" or the preliminary result. */
export type NextStep = 'continue' | 'manual-entry' | 'fix-information'

function fixTargetOf(path: string | undefined, sentenceIndex: number | undefined): FixTarget | undefined {
  if (sentenceIndex !== undefined) return { kind: 'sentence', index: sentenceIndex }
  if (path === undefined) return undefined
  const s = /^sentences\[(\d+)\]/.exec(path)
  if (s) return { kind: 'sentence', index: Number(s[1]) }
  const a = /^adjustments\.([A-Z_]+)\[(\d+)\]/.exec(path)
  if (a && (ADJUSTMENT_TYPES as ReadonlyArray<string>).includes(a[1]!))
    return { kind: 'adjustment', type: a[1] as AdjustmentType, index: Number(a[2]) }
  return { kind: 'booking', path }
}

/** Every message of an outcome, each with the record to fix where there is one. */
export function messageLines(outcome: CalculationOutcome): MessageLine[] {
  const line = (code: string, category: ValidationCategory, message: string, fix: FixTarget | undefined) =>
    fix === undefined ? { code, category, message } : { code, category, message, fix }
  switch (outcome.status) {
    case 'calculated':
    case 'rejected':
      return outcome.messages.map((m) =>
        line(m.code, m.category, m.message, fixTargetOf(m.path, m.sentence?.index)),
      )
    case 'invalid-input':
      return outcome.problems.map((p) =>
        line('INVALID_INPUT', 'BAD_DATA', `${p.path} ${p.message}`, fixTargetOf(p.path, undefined)),
      )
    case 'error':
      return [line(outcome.code, 'BAD_DATA', outcome.message, undefined)]
    default: {
      const never: never = outcome
      throw new Error(`Unknown outcome ${JSON.stringify(never)}`)
    }
  }
}

export function nextStep(outcome: CalculationOutcome): NextStep {
  if (outcome.status === 'invalid-input' || outcome.status === 'error') return 'fix-information'
  if (blockingMessages(outcome).some((m) => m.category === 'BAD_DATA')) return 'fix-information'
  if (isUnsupported(outcome)) return 'manual-entry'
  return 'continue'
}

export interface CheckInformationView {
  courtCases: Array<{
    /** "Court case 1" (with its reference where known). */
    heading: string
    sentences: Array<SentenceRow & { index: number; messages: MessageLine[] }>
  }>
  adjustments: Array<AdjustmentRow & { index: number; messages: MessageLine[] }>
  /** Messages not about one record (e.g. about the whole booking). */
  otherMessages: MessageLine[]
  next: NextStep
}

export function checkInformationView(input: EngineInput, outcome: CalculationOutcome): CheckInformationView {
  const messages = messageLines(outcome)
  const rows = sentenceRows(input.booking)
  const byCase = new Map<string, CheckInformationView['courtCases'][number]>()
  input.booking.sentences.forEach((s, index) => {
    const key = s.caseSequence == null ? 'none' : String(s.caseSequence)
    const heading =
      s.caseSequence == null
        ? 'Sentences without a court case'
        : `Court case ${s.caseSequence}${s.caseReference ? ` (${s.caseReference})` : ''}`
    const group = byCase.get(key) ?? { heading, sentences: [] }
    byCase.set(key, group)
    group.sentences.push({
      ...rows[index]!,
      index,
      messages: messages.filter((m) => m.fix?.kind === 'sentence' && m.fix.index === index),
    })
  })
  const adjustmentTable = adjustmentRows(input.booking)
  const adjustments = ADJUSTMENT_TYPES.flatMap((type) =>
    (input.booking.adjustments[type] ?? []).map((_, index) => ({ type, index })),
  ).map(({ type, index }, i) => ({
    ...adjustmentTable[i]!,
    index,
    messages: messages.filter(
      (m) => m.fix?.kind === 'adjustment' && m.fix.type === type && m.fix.index === index,
    ),
  }))
  const attached = (m: MessageLine) =>
    (m.fix?.kind === 'sentence' && m.fix.index < input.booking.sentences.length) ||
    (m.fix?.kind === 'adjustment' && m.fix.index < (input.booking.adjustments[m.fix.type]?.length ?? 0))
  return {
    courtCases: [...byCase.values()],
    adjustments,
    otherMessages: messages.filter((m) => !attached(m)),
    next: nextStep(outcome),
  }
}

export interface ResultDate {
  type: ReleaseDateType
  name: string
  date: string
  notWorkingDay: boolean
  /** "Saturday 12 April 2025 — not a working day" (never on an expiry date). */
  note?: string
  /** The day the person actually leaves, or that the bank-holiday calendar does not cover it. */
  releaseDay?: string
  calendarUnknown: boolean
  /** The engine's notes on the date: the working day it falls back to, which rule moved it, overrides. */
  hints: string[]
  explanation?: {
    /** The engine's rule code (guidance links use it). */
    rule: string
    summary: string
    steps: Array<{ says: string; value?: string; cites?: Citation }>
    sources: Citation[]
  }
}

export interface PreliminaryView {
  calculationId: string
  /** The fingerprint of the inputs: the version a JSON API client sends back when confirming. */
  version: string
  reason: string
  dates: ResultDate[]
  /** Dates worked out but not final, e.g. a PRRD that is not the release date. */
  otherDates: Array<{ type: ReleaseDateType; name: string; date: string }>
  messages: MessageLine[]
  /** True when "Yes, the dates are right" may be offered. */
  canConfirm: boolean
  next: NextStep
}

/** The preliminary result page. Non-working days are judged against the calendar the engine used. */
export function preliminaryView(state: CalculationState, preliminaryId: string): PreliminaryView | undefined {
  const p = state.preliminaries[preliminaryId]
  if (p === undefined) return undefined
  const result = p.outcome.status === 'calculated' ? p.outcome.result : undefined
  const calendar = bankHolidayCalendar(p.input.bankHolidays)
  const dates: ResultDate[] = RELEASE_DATE_TYPES.flatMap((type) => {
    const iso = result?.dates[type]
    if (iso === undefined) return []
    const explanation = result?.explanations.find((e) => e.type === type)
    const day = releaseDay(type, iso, calendar)
    const notWorkingDay = day.kind !== 'not-a-release-day' && isNonWorkingDay(iso, p.input.bankHolidays)
    return [
      {
        type,
        name: RELEASE_DATE_NAMES[type],
        date: formatDate(iso),
        notWorkingDay,
        ...(day.kind === 'not-a-release-day' ? {} : { releaseDay: day.text }),
        calendarUnknown: day.kind === 'calendar-unknown',
        hints: result?.hints?.[type] ?? [],
        ...(notWorkingDay ? { note: `${formatDateWithDay(iso)} — not a working day` } : {}),
        ...(explanation
          ? {
              explanation: {
                rule: explanation.rule,
                summary: explanation.summary,
                steps: explanation.steps,
                sources: explanation.sources,
              },
            }
          : {}),
      },
    ]
  })
  const otherDates = RELEASE_DATE_TYPES.flatMap((type) => {
    const iso = result?.otherDates[type]
    return iso === undefined ? [] : [{ type, name: RELEASE_DATE_NAMES[type], date: formatDate(iso) }]
  })
  return {
    calculationId: p.id,
    version: p.fingerprint,
    reason: calculationReasonLabel(p.reason),
    dates,
    otherDates,
    messages: messageLines(p.outcome),
    canConfirm: !p.used && 'dates' in confirmableDates(p.outcome),
    next: nextStep(p.outcome),
  }
}
