/**
 * Checks on adjustments (remand, tagged bail, UAL, ADA, RADA and recall variants).
 */
import type { ValidationMessage } from '../engine-types.js'
import type { AdjustmentInput, AdjustmentType } from '../engine-types.js'
import { validationMessage } from '../catalogue.js'
import { type CheckInput, isAfter, isBefore } from './context.js'

function entries(booking: CheckInput['booking'], type: AdjustmentType): Array<[AdjustmentInput, string]> {
  return (booking.adjustments[type] ?? []).map((a, k) => [a, `adjustments.${type}[${k}]`])
}

/**
 * ADA, RADA and UAL dated after today. An ADA/RADA is dated by its `fromDate` when it has one,
 * else by `appliesToSentencesFrom` (which production fills with the award date). A UAL period is
 * judged on when it starts, on the same basis.
 */
export function checkFutureDatedAdjustments({ booking, todayIso }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const codes = {
    ADDITIONAL_DAYS_AWARDED: 'ADJUSTMENT_FUTURE_DATED_ADA',
    RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: 'ADJUSTMENT_FUTURE_DATED_RADA',
    UNLAWFULLY_AT_LARGE: 'ADJUSTMENT_FUTURE_DATED_UAL',
  } as const
  for (const type of Object.keys(codes) as Array<keyof typeof codes>) {
    for (const [adj, path] of entries(booking, type)) {
      const when = adj.fromDate ?? adj.appliesToSentencesFrom
      if (isAfter(when, todayIso))
        out.push(validationMessage(codes[type], { path, date: when, comparedWith: todayIso }))
    }
  }
  return out
}

/**
 * ADJUSTMENT_INVALID_DATE_RANGE: a remand (including recall remand) or UAL period whose from date
 * is after its to date. Tagged bail is not included: the reference names only remand and UAL,
 * and tagged bail is recorded as a number of days.
 */
export function checkAdjustmentDateRanges({ booking }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  for (const type of ['REMAND', 'RECALL_REMAND', 'UNLAWFULLY_AT_LARGE'] as const) {
    for (const [adj, path] of entries(booking, type)) {
      if (adj.fromDate && adj.toDate && isAfter(adj.fromDate, adj.toDate))
        out.push(
          validationMessage('ADJUSTMENT_INVALID_DATE_RANGE', {
            path,
            date: adj.fromDate,
            comparedWith: adj.toDate,
          }),
        )
    }
  }
  return out
}

interface Period {
  path: string
  from: string
  to: string
}

/** Periods with both dates, in order; ill-formed ranges are left to the date-range check. */
function periods(booking: CheckInput['booking'], type: AdjustmentType): Period[] {
  return entries(booking, type)
    .filter(([a]) => a.fromDate && a.toDate && !isAfter(a.fromDate, a.toDate))
    .map(([a, path]) => ({ path, from: a.fromDate!, to: a.toDate! }))
}

/** Pairs of periods sharing at least one day (both ends inclusive). Each later entry reported once. */
function overlaps(list: Period[]): Array<[Period, Period]> {
  const out: Array<[Period, Period]> = []
  list.forEach((b, j) => {
    const a = list.slice(0, j).find((x) => !isAfter(x.from, b.to) && !isAfter(b.from, x.to))
    if (a) out.push([b, a])
  })
  return out
}

/**
 * REMAND_OVERLAPS_WITH_REMAND: two remand periods share a day (inclusive dates). Only entries with
 * both dates can be compared; a remand recorded as a day count alone is normal in this format
 * (so REMAND_FROM_TO_DATES_REQUIRED is not raised here).
 * DUPLICATE_OR_OVERLAPPING_UAL: the same for periods unlawfully at large.
 */
export function checkOverlappingPeriods({ booking }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  for (const [b, a] of overlaps(periods(booking, 'REMAND')))
    out.push(validationMessage('REMAND_OVERLAPS_WITH_REMAND', { path: b.path, otherPath: a.path }))
  for (const [b, a] of overlaps(periods(booking, 'UNLAWFULLY_AT_LARGE')))
    out.push(validationMessage('DUPLICATE_OR_OVERLAPPING_UAL', { path: b.path, otherPath: a.path }))
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
export function checkRemandBeforeSentence({ booking }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const sentenceDates = [...new Set(booking.sentences.map((s) => s.sentencedAt))].sort()
  for (const [adj, path] of entries(booking, 'REMAND')) {
    if (!adj.fromDate) continue
    const sentenceDate = sentenceDates.find((d) => !isBefore(d, adj.appliesToSentencesFrom))
    if (sentenceDate === undefined) continue
    if (!isBefore(adj.fromDate, sentenceDate))
      out.push(
        validationMessage('REMAND_ON_OR_AFTER_SENTENCE_DATE', {
          path,
          date: adj.fromDate,
          comparedWith: sentenceDate,
        }),
      )
  }
  return out
}
