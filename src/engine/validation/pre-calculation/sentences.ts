/**
 * Checks on each sentence's own record: its type, its terms and its offence.
 */
import type { ValidationMessage } from '../engine-types.js'
import type { DurationInput, SentenceInput } from '../engine-types.js'
import { validationMessage } from '../catalogue.js'
import {
  type CheckInput,
  date,
  isAfter,
  isBefore,
  isRecall,
  LASPO_DATE,
  ORA_DATE,
  SENTENCING_ACT_2020_COMMENCEMENT,
} from './context.js'
import {
  describeDuration,
  isAtLeastMonths,
  isEmptyDuration,
  isZeroDuration,
  plusDuration,
} from './durations.js'

export function checkNoSentences({ booking }: CheckInput): ValidationMessage[] {
  return booking.sentences.length === 0 ? [validationMessage('NO_SENTENCES')] : []
}

/**
 * STANDARD_RECALL_255 (a recall from home detention curfew under s.255 CJA 2003) has no
 * calculation in the reference: it errors if calculated, so we route it to manual entry.
 */
export function checkUnsupportedSentenceTypes({ booking, refs }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  booking.sentences.forEach((s, i) => {
    if (s.recall?.recallType === 'STANDARD_RECALL_255')
      out.push(validationMessage('UNSUPPORTED_SENTENCE_TYPE', { sentence: refs[i]! }))
  })
  return out
}

function imprisonmentTerm(s: SentenceInput): DurationInput {
  return s.type === 'ExtendedDeterminateSentence' || s.type === 'SopcSentence'
    ? s.custodialDuration
    : s.duration
}

/**
 * Term structure. The booking format carries exactly one imprisonment term (and, for EDS/SOPC,
 * one licence term), so the "more than one term" codes cannot arise here. We read an empty
 * duration (no unit at all) as "no term recorded" and a duration whose units are all zero as a
 * zero term.
 */
export function checkTerms({ booking, refs }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  booking.sentences.forEach((s, i) => {
    const sentence = refs[i]!
    const term = imprisonmentTerm(s)
    if (isEmptyDuration(term)) out.push(validationMessage('SENTENCE_HAS_NO_IMPRISONMENT_TERM', { sentence }))
    else if (isZeroDuration(term)) out.push(validationMessage('ZERO_IMPRISONMENT_TERM', { sentence }))

    if (s.type !== 'ExtendedDeterminateSentence' && s.type !== 'SopcSentence') return
    const licence = s.extensionDuration
    if (isZeroDuration(licence)) {
      out.push(validationMessage('SENTENCE_HAS_NO_LICENCE_TERM', { sentence }))
      return
    }
    const start = date(s.sentencedAt)
    const end = plusDuration(start, licence)
    const length = describeDuration(licence)
    if (s.type === 'ExtendedDeterminateSentence') {
      if (end.isBefore(start.plusYears(1)))
        out.push(validationMessage('EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR', { sentence, length }))
      else if (end.isAfter(start.plusYears(8)))
        out.push(validationMessage('EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS', { sentence, length }))
    } else if (!end.isEqual(start.plusYears(1))) {
      out.push(validationMessage('SOPC_LICENCE_TERM_NOT_12_MONTHS', { sentence, length }))
    }
  })
  return out
}

/** Fines of £10 million or more passed on/after this date are served in full (§4.5). */
export const A_FINE_TEN_MILLION_FULL_RELEASE_DATE = '2015-06-01'

/**
 * A_FINE_SENTENCE_MISSING_FINE_AMOUNT. Interpretation: the amount only changes the release point
 * for default terms passed on or after 1 June 2015 (≥ £10 million → full term), so a missing
 * amount is flagged only there. Without it a £10 million fine would be released at half term.
 */
export function checkFineAmounts({ booking, refs }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  booking.sentences.forEach((s, i) => {
    if (
      s.type === 'AFineSentence' &&
      (s.fineAmount === undefined || s.fineAmount === null) &&
      !isBefore(s.sentencedAt, A_FINE_TEN_MILLION_FULL_RELEASE_DATE)
    )
      out.push(validationMessage('A_FINE_SENTENCE_MISSING_FINE_AMOUNT', { sentence: refs[i]! }))
  })
  return out
}

/** PH97003 (breach of a restraining order, Protection from Harassment Act 1997 s.5(5)). */
export const BREACH_97_OFFENCE_CODE = 'PH97003'
/** Sentencing Act 2020 offence codes begin SE20. */
export const SENTENCING_ACT_2020_CODE_PREFIX = 'SE20'

/**
 * Offence data. Notes on interpretation:
 * - OFFENCE_MISSING_DATE: the reference raises it on source data whenever both offence dates are
 *   missing. In the booking format `committedAt` may be null, and for most sentences the offence
 *   date changes nothing. We flag a missing date only where it decides the law applied:
 *   (a) a sentence passed before 3 December 2012 (LASPO): an offence before 4 April 2005 makes it
 *       an "old style" sentence (§4.1);
 *   (b) a standard sentence under 12 months passed on or after 1 February 2015: whether the
 *       Offender Rehabilitation Act licence and top-up supervision apply depends on the offence
 *       being on or after that date (§4.1, §10).
 * - OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO: read as "more than 100 years before today or more
 *   than 100 years after today" (mistyped years such as 1021 or 3021).
 * - Offence codes are compared ignoring case and surrounding spaces. PH97003 with a suffix (e.g.
 *   PH97003A, an attempt) is treated the same as PH97003.
 */
export function checkOffences({ booking, refs, today }: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  booking.sentences.forEach((s, i) => {
    const sentence = refs[i]!
    const committedAt = s.offence.committedAt ?? undefined
    const offenceCode = s.offence.offenceCode?.trim().toUpperCase() || undefined
    if (committedAt === undefined) {
      const decidesOldStyle = isBefore(s.sentencedAt, LASPO_DATE)
      const decidesOra =
        s.type === 'StandardSentence' &&
        !isBefore(s.sentencedAt, ORA_DATE) &&
        !isAtLeastMonths(date(s.sentencedAt), s.duration, 12)
      if (decidesOldStyle || decidesOra) out.push(validationMessage('OFFENCE_MISSING_DATE', { sentence }))
      return
    }
    if (isAfter(committedAt, s.sentencedAt))
      out.push(
        validationMessage('OFFENCE_DATE_AFTER_SENTENCE_START_DATE', {
          sentence,
          date: committedAt,
          comparedWith: s.sentencedAt,
        }),
      )
    const offence = date(committedAt)
    if (offence.isBefore(today.minusYears(100)) || offence.isAfter(today.plusYears(100)))
      out.push(validationMessage('OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO', { sentence, date: committedAt }))
    if (offenceCode === undefined) return
    if (
      offenceCode.startsWith(SENTENCING_ACT_2020_CODE_PREFIX) &&
      isBefore(committedAt, SENTENCING_ACT_2020_COMMENCEMENT)
    )
      out.push(
        validationMessage('SE2020_INVALID_OFFENCE_DETAIL', { sentence, date: committedAt, offenceCode }),
      )
    if (
      offenceCode.startsWith(BREACH_97_OFFENCE_CODE) &&
      !isBefore(committedAt, SENTENCING_ACT_2020_COMMENCEMENT)
    )
      out.push(validationMessage('INCORRECT_OFFENCE_BREACH_97', { sentence, date: committedAt, offenceCode }))
  })
  return out
}

/**
 * §13.6: behind the toggle, a non-recall, non-section-250 standard sentence carrying the
 * SA2026_PROGRESSION_MODEL_SCHEDULE exclusion goes to manual entry.
 */
export function checkProgressionModelScheduleExclusion({
  booking,
  refs,
  toggles,
}: CheckInput): ValidationMessage[] {
  if (!toggles.routeProgressionModelScheduleExclusionToManual) return []
  const out: ValidationMessage[] = []
  booking.sentences.forEach((s, i) => {
    if (
      s.type === 'StandardSentence' &&
      !isRecall(s) &&
      !s.releaseArrangements.isSection250 &&
      s.releaseArrangements.sdsEarlyReleaseExclusions.includes('SA2026_PROGRESSION_MODEL_SCHEDULE')
    )
      out.push(validationMessage('PROGRESSION_MODEL_SCHEDULE_EXCLUSION', { sentence: refs[i]! }))
  })
  return out
}
