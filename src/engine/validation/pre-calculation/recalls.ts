/**
 * Checks on recall data: return to custody (RTC) and revocation dates, and whether the recall
 * length fits the sentence.
 */
import type { ValidationMessage } from '../engine-types.js'
import type { DurationInput, SentenceInput } from '../engine-types.js'
import { validationMessage } from '../catalogue.js'
import { type CheckInput, date, isAfter, isBefore, isFixedTermRecall } from './context.js'
import { addDurations, describeDuration, isAtLeastMonths } from './durations.js'

/** The RTC that applies to a recall sentence: its own, else the booking's. */
function returnToCustody(s: SentenceInput, booking: CheckInput['booking']): string | undefined {
  return (
    s.recall?.returnToCustodyDate ??
    booking.returnToCustodyDate ??
    booking.fixedTermRecallDetails?.returnToCustodyDate ??
    undefined
  )
}

/**
 * - FTR_NO_RETURN_TO_CUSTODY_DATE: a fixed-term recall with no RTC on the sentence or the booking
 *   (its release is counted from the RTC, so nothing can be calculated).
 * - FTR_RTC_DATE_BEFORE_SENTENCE_DATE, FTR_RTC_DATE_BEFORE_REVOCATION_DATE: on fixed-term recalls.
 * - FTR_RTC_DATE_IN_FUTURE, REVOCATION_DATE_IN_THE_FUTURE: on any recall. The booking-level RTC is
 *   judged once, on the booking, not once per sentence.
 * RECALL_MISSING_REVOCATION_DATE is not raised: in the booking format the revocation date is
 * optional and the calculation proceeds without it (it only feeds FTR56 tranche allocation).
 */
export function checkRecallDates(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const { booking, todayIso } = input
  const sentences = booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    if (!s.recall) continue
    const sentence = input.ref(i)
    const rtc = returnToCustody(s, booking)
    const own = s.recall.returnToCustodyDate ?? undefined
    const revocation = s.recall.revocationDate ?? undefined
    if (own && isAfter(own, todayIso))
      out.push(validationMessage('FTR_RTC_DATE_IN_FUTURE', { sentence, date: own, comparedWith: todayIso }))
    if (revocation && isAfter(revocation, todayIso))
      out.push(
        validationMessage('REVOCATION_DATE_IN_THE_FUTURE', {
          sentence,
          date: revocation,
          comparedWith: todayIso,
        }),
      )
    if (!isFixedTermRecall(s)) continue
    if (!rtc) {
      out.push(validationMessage('FTR_NO_RETURN_TO_CUSTODY_DATE', { sentence }))
      continue
    }
    if (isBefore(rtc, s.sentencedAt))
      out.push(
        validationMessage('FTR_RTC_DATE_BEFORE_SENTENCE_DATE', {
          sentence,
          date: rtc,
          comparedWith: s.sentencedAt,
        }),
      )
    if (revocation && isBefore(rtc, revocation))
      out.push(
        validationMessage('FTR_RTC_DATE_BEFORE_REVOCATION_DATE', {
          sentence,
          date: rtc,
          comparedWith: revocation,
        }),
      )
  }
  const bookingRtc = booking.returnToCustodyDate ?? undefined
  if (bookingRtc && isAfter(bookingRtc, todayIso))
    out.push(
      validationMessage('FTR_RTC_DATE_IN_FUTURE', {
        path: 'returnToCustodyDate',
        date: bookingRtc,
        comparedWith: todayIso,
      }),
    )
  return out
}

function totalTerm(s: SentenceInput): DurationInput {
  return s.type === 'ExtendedDeterminateSentence' || s.type === 'SopcSentence'
    ? addDurations(s.custodialDuration, s.extensionDuration)
    : s.duration
}

/**
 * Recall length against the recall type and the sentence length (pre-booking checks).
 * - FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28 / FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14: the sentence's recall
 *   type disagrees with `fixedTermRecallDetails.recallLength`.
 * - The four "…_SENTENCE_…_12_MONTHS" codes: a 14-day recall needs a sentence under 12 months and
 *   a 28-day recall one of 12 months or more. "FTR_14/28_DAYS_…" judge the recall details'
 *   length, "FTR_TYPE_…" the sentence's recall type.
 * Interpretation: these run only when the booking has exactly one 14/28-day fixed-term recall
 * sentence and it is not part of a consecutive chain. Chains are judged on their aggregate after
 * calculation (FTR_…_AGGREGATE_… codes), and bookings mixing several fixed-term recall sentences
 * follow the mixed-length rules, also after calculation.
 */
export function checkRecallLengths(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasRecall) return out
  const booking = input.booking
  const recallLength = booking.fixedTermRecallDetails?.recallLength ?? 0
  let short = 0
  let only = -1
  for (let i = 0; i < booking.sentences.length; i++) {
    const type = booking.sentences[i]!.recall?.recallType
    if (type !== 'FIXED_TERM_RECALL_14' && type !== 'FIXED_TERM_RECALL_28') continue
    short++
    only = i
    if (recallLength === 28 && type === 'FIXED_TERM_RECALL_14')
      out.push(validationMessage('FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28', { sentence: input.ref(i) }))
    if (recallLength === 14 && type === 'FIXED_TERM_RECALL_28')
      out.push(validationMessage('FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14', { sentence: input.ref(i) }))
  }

  if (short !== 1) return out
  const i = only
  const s = booking.sentences[i]!
  if (input.hasConsecutiveLinks && (input.parentOf.has(i) || (input.childrenOf.get(i)?.length ?? 0) > 0))
    return out
  const term = totalTerm(s)
  const twelveOrMore = isAtLeastMonths(date(s.sentencedAt), term, 12)
  const details14 = recallLength === 14 && twelveOrMore
  const details28 = recallLength === 28 && !twelveOrMore
  const type28 = s.recall!.recallType === 'FIXED_TERM_RECALL_28' && !twelveOrMore
  const type14 = s.recall!.recallType === 'FIXED_TERM_RECALL_14' && twelveOrMore
  if (!(details14 || details28 || type28 || type14)) return out
  const args = { sentence: input.ref(i), length: describeDuration(term) }
  if (details14) out.push(validationMessage('FTR_14_DAYS_SENTENCE_GE_12_MONTHS', args))
  if (details28) out.push(validationMessage('FTR_28_DAYS_SENTENCE_LT_12_MONTHS', args))
  if (type28) out.push(validationMessage('FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS', args))
  if (type14) out.push(validationMessage('FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS', args))
  return out
}

/**
 * FTR_TYPE_56_UNSUPPORTED_RECALL: a 56-day fixed-term recall following a release on home
 * detention curfew (HDC) or end of custody supervised licence (ECSL) is calculated manually.
 * Interpretation: the release is the latest OUT movement on or before the return to custody
 * date. Only bookings that carry external movements can show this; without movements nothing is
 * inferred (absence of a movement is not evidence of a standard release).
 */
export function checkFtr56AfterEarlyRelease(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const booking = input.booking
  if (booking.externalMovements.length === 0 || !input.hasRecall) return out
  booking.sentences.forEach((s, i) => {
    if (s.recall?.recallType !== 'FIXED_TERM_RECALL_56') return
    const rtc = returnToCustody(s, booking)
    if (!rtc) return
    const release = booking.externalMovements
      .filter((m) => m.direction === 'OUT' && !isAfter(m.movementDate, rtc))
      .reduce<(typeof booking.externalMovements)[number] | undefined>(
        (latest, m) => (latest === undefined || !isBefore(m.movementDate, latest.movementDate) ? m : latest),
        undefined,
      )
    if (release && (release.movementReason === 'HDC' || release.movementReason === 'ECSL'))
      out.push(
        validationMessage('FTR_TYPE_56_UNSUPPORTED_RECALL', {
          sentence: input.ref(i),
          date: release.movementDate,
        }),
      )
  })
  return out
}
