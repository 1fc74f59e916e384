/**
 * Fixed-term recall length checks after calculation (Criminal Justice Act 2003, s.255B, automatic
 * release after a fixed-term recall: 14 days for sentences under 12 months, 28 days otherwise). With sentences of mixed lengths the
 * recall length must match the sentence that is still running at the return to custody.
 */
import type { CalcSentence, ValidationMessage } from '../engine-parts.js'
import { lessThan } from '../engine-parts.js'
import { refOf, type PostCalculationInput } from './types.js'
import { validationMessage, type ValidationCode } from '../catalogue.js'

function ftr(s: CalcSentence): 14 | 28 | null {
  return s.recall?.type === 'FIXED_TERM_RECALL_14'
    ? 14
    : s.recall?.type === 'FIXED_TERM_RECALL_28'
      ? 28
      : null
}

function atLeast12Months(s: CalcSentence): boolean {
  return !lessThan(s.d!.daysToExpiry, s.sentencedAt, 12, 'MONTHS')
}

/** The message naming the recalled sentence (the first recalled part of it). */
const bad = (code: ValidationCode, s: CalcSentence): ValidationMessage => {
  const part = s.parts.find((p) => p.recall) ?? s.parts[0]!
  return validationMessage(code, { sentence: refOf(part) })
}

export function fixedTermRecallAfterCalculation({
  booking,
  ctx,
  timeline,
}: PostCalculationInput): ValidationMessage[] {
  const rtc = ctx.bookingRtc
  const ftrs = timeline.sentences.filter((s) => s.d && ftr(s) !== null)
  if (!ftrs.length || !rtc) return []
  const latest = ftrs.reduce((m, s) => (s.d!.expiry.isAfter(m.d!.expiry) ? s : m))
  const type = ftr(latest)!
  if (latest.kind === 'chain') {
    // As for single sentences (rules §18): the "FTR_14/28_DAYS_…" codes judge the recall length
    // recorded in the fixed-term recall details, the "FTR_TYPE_…" codes the sentence's recall type;
    // the former come first.
    const recallLength = booking.fixedTermRecallDetails?.recallLength ?? 0
    const long = atLeast12Months(latest)
    const out: ValidationMessage[] = []
    if (recallLength === 14 && long) out.push(bad('FTR_14_DAYS_AGGREGATE_GE_12_MONTHS', latest))
    if (recallLength === 28 && !long) out.push(bad('FTR_28_DAYS_AGGREGATE_LT_12_MONTHS', latest))
    if (type === 28 && !long) out.push(bad('FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS', latest))
    if (type === 14 && long) out.push(bad('FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS', latest))
    return out
  }
  const singles = ftrs.filter((s) => s.kind !== 'chain')
  const long = singles.filter(atLeast12Months)
  const short = singles.filter((s) => !atLeast12Months(s))
  if (!long.length || !short.length) return []
  if (atLeast12Months(latest)) {
    if (type === 14) return [bad('FTR_TYPE_14_DAYS_SENTENCE_GT_12_MONTHS', latest)]
    return []
  }
  const running = long.filter((s) => !s.d!.unadjustedExpiry.isBefore(rtc))
  if (!running.length) return []
  if (type === 14) return [bad('FTR_TYPE_14_DAYS_SENTENCE_GAP_GT_14_DAYS', latest)]
  const gap = Math.min(...running.map((s) => s.d!.unadjustedExpiry.toEpochDay() - rtc.toEpochDay()))
  if (gap < 14) return [bad('FTR_TYPE_28_DAYS_SENTENCE_GAP_LT_14_DAYS', latest)]
  return []
}
