/** Shared inputs of the pre-calculation checks. */
import { LocalDate } from '@js-joda/core'
import type { FeatureToggles, SentenceRef } from '../engine-types.js'
import type { BookingInput, SentenceInput } from '../engine-types.js'
import { isoDate, parseDate } from '../engine-types.js'
import { sentenceRef } from '../describe.js'

export interface PreCalculationContext {
  /** "Today", ISO date. The engine has no clock: future-dated data is judged against this. */
  today: string
  /**
   * Route SDS sentences for offences on the Sentencing Act 2026 progression model schedule to
   * manual entry (PROGRESSION_MODEL_SCHEDULE_EXCLUSION). Off unless set here or in featureToggles.
   */
  routeProgressionModelScheduleExclusionToManual?: boolean
  featureToggles?: Partial<FeatureToggles>
}

/** What every check receives: the booking plus precomputed lookups. */
export interface CheckInput {
  booking: BookingInput
  today: LocalDate
  todayIso: string
  toggles: { routeProgressionModelScheduleExclusionToManual: boolean }
  refs: SentenceRef[]
  /** identifier → index of the first sentence carrying it. */
  indexById: Map<string, number>
  /** index → the index of the sentence it is consecutive to (only when that sentence exists). */
  parentOf: Map<number, number>
  /** index → indexes of the sentences consecutive to it. */
  childrenOf: Map<number, number[]>
}

/** `today` must be a real ISO date (EngineOptions.today); anything else is a caller bug. */
export function buildCheckInput(booking: BookingInput, ctx: PreCalculationContext): CheckInput {
  if (!isoDate.safeParse(ctx.today).success)
    throw new RangeError(
      `validateBeforeCalculation: today must be a date in the form YYYY-MM-DD, got ${JSON.stringify(ctx.today)}`,
    )
  const refs = booking.sentences.map((s, i) => sentenceRef(i, s))
  const indexById = new Map<string, number>()
  booking.sentences.forEach((s, i) => {
    if (s.identifier !== undefined && !indexById.has(s.identifier)) indexById.set(s.identifier, i)
  })
  const parentOf = new Map<number, number>()
  const childrenOf = new Map<number, number[]>()
  booking.sentences.forEach((s, i) => {
    const target = s.consecutiveSentenceUUIDs[0]
    if (target === undefined) return
    const p = indexById.get(target)
    if (p === undefined) return
    parentOf.set(i, p)
    childrenOf.set(p, [...(childrenOf.get(p) ?? []), i])
  })
  return {
    booking,
    today: parseDate(ctx.today),
    todayIso: ctx.today,
    toggles: {
      routeProgressionModelScheduleExclusionToManual:
        ctx.routeProgressionModelScheduleExclusionToManual ??
        ctx.featureToggles?.routeProgressionModelScheduleExclusionToManual ??
        false,
    },
    refs,
    indexById,
    parentOf,
    childrenOf,
  }
}

/** ISO dates here are already validated by the booking schema; parsing is cached. */
export const date = (iso: string): LocalDate => parseDate(iso)
export const isBefore = (a: string, b: string): boolean => date(a).isBefore(date(b))
export const isAfter = (a: string, b: string): boolean => date(a).isAfter(date(b))

export function isRecall(s: SentenceInput): boolean {
  return s.recall !== undefined && s.recall !== null
}

export const FIXED_TERM_RECALLS = [
  'FIXED_TERM_RECALL_14',
  'FIXED_TERM_RECALL_28',
  'FIXED_TERM_RECALL_56',
] as const
export function isFixedTermRecall(s: SentenceInput): boolean {
  return !!s.recall && (FIXED_TERM_RECALLS as ReadonlyArray<string>).includes(s.recall.recallType)
}

/** Important dates (release-date-rules.md §2.6). */
export const SENTENCING_ACT_2020_COMMENCEMENT = '2020-12-01'
export const PCSC_COMMENCEMENT_DATE = '2022-06-28'
export const LASPO_DATE = '2012-12-03'
export const CJA_DATE = '2005-04-04'
export const ORA_DATE = '2015-02-01'
