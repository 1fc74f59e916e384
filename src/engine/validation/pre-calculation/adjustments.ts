/**
 * Checks on adjustments (remand, tagged bail, UAL, ADA, RADA and recall variants).
 */
import type { ValidationMessage } from '../engine-types.js'
import type { AdjustmentInput, AdjustmentType } from '../engine-types.js'
import { validationMessage } from '../catalogue.js'
import { type CheckInput, isAfter, isBefore } from './context.js'

/** The JSON path a message names, e.g. "adjustments.REMAND[0]" (built only when a check fires). */
function pathOf(type: AdjustmentType, k: number): string {
  return `adjustments.${type}[${k}]`
}

/**
 * ADA, RADA and UAL dated after today. An ADA/RADA is dated by its `fromDate` when it has one,
 * else by `appliesToSentencesFrom` (which production fills with the award date). A UAL period is
 * judged on when it starts, on the same basis.
 */
const FUTURE_DATED_CODES = {
  ADDITIONAL_DAYS_AWARDED: 'ADJUSTMENT_FUTURE_DATED_ADA',
  RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: 'ADJUSTMENT_FUTURE_DATED_RADA',
  UNLAWFULLY_AT_LARGE: 'ADJUSTMENT_FUTURE_DATED_UAL',
} as const
const FUTURE_DATED_TYPES = Object.keys(FUTURE_DATED_CODES) as ReadonlyArray<keyof typeof FUTURE_DATED_CODES>

export function checkFutureDatedAdjustments({ adjustments, todayIso }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  for (const type of FUTURE_DATED_TYPES) {
    const list = adjustments[type]
    for (let k = 0; k < list.length; k++) {
      const adj = list[k]!
      const when = adj.fromDate ?? adj.appliesToSentencesFrom
      if (isAfter(when, todayIso))
        out.push(
          validationMessage(FUTURE_DATED_CODES[type], {
            path: pathOf(type, k),
            date: when,
            comparedWith: todayIso,
          }),
        )
    }
  }
  return out
}

/**
 * ADJUSTMENT_INVALID_DATE_RANGE: a remand (including recall remand) or UAL period whose from date
 * is after its to date. Tagged bail is not included: the reference names only remand and UAL,
 * and tagged bail is recorded as a number of days.
 */
const DATE_RANGE_TYPES = ['REMAND', 'RECALL_REMAND', 'UNLAWFULLY_AT_LARGE'] as const

export function checkAdjustmentDateRanges({ adjustments }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  for (const type of DATE_RANGE_TYPES) {
    const list = adjustments[type]
    for (let k = 0; k < list.length; k++) {
      const adj = list[k]!
      if (adj.fromDate && adj.toDate && isAfter(adj.fromDate, adj.toDate))
        out.push(
          validationMessage('ADJUSTMENT_INVALID_DATE_RANGE', {
            path: pathOf(type, k),
            date: adj.fromDate,
            comparedWith: adj.toDate,
          }),
        )
    }
  }
  return out
}

interface Period {
  /** Position in the booking's list of that type. */
  k: number
  from: string
  to: string
}

/** Periods with both dates, in order; ill-formed ranges are left to the date-range check. */
function periods(list: ReadonlyArray<AdjustmentInput>): Period[] {
  const out: Period[] = []
  for (let k = 0; k < list.length; k++) {
    const a = list[k]!
    if (a.fromDate && a.toDate && !isAfter(a.fromDate, a.toDate))
      out.push({ k, from: a.fromDate, to: a.toDate })
  }
  return out
}

/** Pairs of periods sharing at least one day (both ends inclusive). Each later entry reported once. */
function overlaps(list: ReadonlyArray<AdjustmentInput>): Array<[Period, Period]> {
  const out: Array<[Period, Period]> = []
  if (list.length < 2) return out
  const dated = periods(list)
  for (let j = 1; j < dated.length; j++) {
    const b = dated[j]!
    for (let i = 0; i < j; i++) {
      const a = dated[i]!
      if (!isAfter(a.from, b.to) && !isAfter(b.from, a.to)) {
        out.push([b, a])
        break
      }
    }
  }
  return out
}

/**
 * REMAND_OVERLAPS_WITH_REMAND: two remand periods share a day (inclusive dates). Only entries with
 * both dates can be compared; a remand recorded as a day count alone is normal in this format
 * (so REMAND_FROM_TO_DATES_REQUIRED is not raised here).
 * DUPLICATE_OR_OVERLAPPING_UAL: the same for periods unlawfully at large.
 */
export function checkOverlappingPeriods({ adjustments }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  for (const [b, a] of overlaps(adjustments.REMAND))
    out.push(
      validationMessage('REMAND_OVERLAPS_WITH_REMAND', {
        path: pathOf('REMAND', b.k),
        otherPath: pathOf('REMAND', a.k),
      }),
    )
  for (const [b, a] of overlaps(adjustments.UNLAWFULLY_AT_LARGE))
    out.push(
      validationMessage('DUPLICATE_OR_OVERLAPPING_UAL', {
        path: pathOf('UNLAWFULLY_AT_LARGE', b.k),
        otherPath: pathOf('UNLAWFULLY_AT_LARGE', a.k),
      }),
    )
  return out
}

/**
 * REMAND_ON_OR_AFTER_SENTENCE_DATE: remand is time in custody before sentence, so a remand
 * period that starts on or after the date of the sentence it is credited to is wrong.
 * Interpretation:
 * - The sentence credited is the first sentence dated on or after the entry's
 *   `appliesToSentencesFrom` (usually exactly that date; the reference's own integration case
 *   validation/crs-2082_inttest links a remand by a date one day before its sentence).
 * - Judged on the from date. A period that starts before the sentence date but runs past it is
 *   left to the post-calculation REMAND_OVERLAPS_WITH_SENTENCE check, which that same reference
 *   case (remand 28–30 April 2000, sentence 29 April 2000) expects.
 */
export function checkRemandBeforeSentence({ booking, adjustments }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const list = adjustments.REMAND
  for (let k = 0; k < list.length; k++) {
    const adj = list[k]!
    if (!adj.fromDate) continue
    // The earliest sentence date on or after the date the entry applies from.
    let sentenceDate: string | undefined
    for (const s of booking.sentences)
      if (
        !isBefore(s.sentencedAt, adj.appliesToSentencesFrom) &&
        (sentenceDate === undefined || isBefore(s.sentencedAt, sentenceDate))
      )
        sentenceDate = s.sentencedAt
    if (sentenceDate === undefined) continue
    if (!isBefore(adj.fromDate, sentenceDate))
      out.push(
        validationMessage('REMAND_ON_OR_AFTER_SENTENCE_DATE', {
          path: pathOf('REMAND', k),
          date: adj.fromDate,
          comparedWith: sentenceDate,
        }),
      )
  }
  return out
}
