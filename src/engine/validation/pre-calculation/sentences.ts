/**
 * Checks on each sentence's own record: its type, its terms and its offence.
 */
import type { LocalDate } from '@js-joda/core'
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

export function checkNoSentences(input: CheckInput): ValidationMessage[] {
  return input.booking.sentences.length === 0 ? [validationMessage('NO_SENTENCES')] : []
}

/**
 * STANDARD_RECALL_255 (a recall from home detention curfew under s.255 CJA 2003) has no
 * calculation in the reference: it errors if calculated, so we route it to manual entry.
 */
export function checkUnsupportedSentenceTypes(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasRecall) return out
  const sentences = input.booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    if (sentences[i]!.recall?.recallType === 'STANDARD_RECALL_255')
      out.push(validationMessage('UNSUPPORTED_SENTENCE_TYPE', { sentence: input.ref(i) }))
  }
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
export function checkTerms(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const sentences = input.booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    const term = imprisonmentTerm(s)
    if (isEmptyDuration(term))
      out.push(validationMessage('SENTENCE_HAS_NO_IMPRISONMENT_TERM', { sentence: input.ref(i) }))
    else if (isZeroDuration(term))
      out.push(validationMessage('ZERO_IMPRISONMENT_TERM', { sentence: input.ref(i) }))

    if (s.type !== 'ExtendedDeterminateSentence' && s.type !== 'SopcSentence') continue
    const sentence = input.ref(i)
    const licence = s.extensionDuration
    if (isZeroDuration(licence)) {
      out.push(validationMessage('SENTENCE_HAS_NO_LICENCE_TERM', { sentence }))
      continue
    }
    const start = date(s.sentencedAt)
    const end = plusDuration(start, licence)
    if (s.type === 'ExtendedDeterminateSentence') {
      if (end.isBefore(start.plusYears(1)))
        out.push(
          validationMessage('EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR', {
            sentence,
            length: describeDuration(licence),
          }),
        )
      else if (end.isAfter(start.plusYears(8)))
        out.push(
          validationMessage('EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS', {
            sentence,
            length: describeDuration(licence),
          }),
        )
    } else if (!end.isEqual(start.plusYears(1))) {
      out.push(
        validationMessage('SOPC_LICENCE_TERM_NOT_12_MONTHS', { sentence, length: describeDuration(licence) }),
      )
    }
  }
  return out
}

/** Fines of £10 million or more passed on/after this date are served in full (§4.5). */
export const A_FINE_TEN_MILLION_FULL_RELEASE_DATE = '2015-06-01'

/**
 * A_FINE_SENTENCE_MISSING_FINE_AMOUNT. Interpretation: the amount only changes the release point
 * for default terms passed on or after 1 June 2015 (≥ £10 million → full term), so a missing
 * amount is flagged only there. Without it a £10 million fine would be released at half term.
 */
export function checkFineAmounts(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const sentences = input.booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    if (
      s.type === 'AFineSentence' &&
      (s.fineAmount === undefined || s.fineAmount === null) &&
      !isBefore(s.sentencedAt, A_FINE_TEN_MILLION_FULL_RELEASE_DATE)
    )
      out.push(validationMessage('A_FINE_SENTENCE_MISSING_FINE_AMOUNT', { sentence: input.ref(i) }))
  }
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
export function checkOffences(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const sentences = input.booking.sentences
  // The window of plausible offence dates, worked out once per booking.
  let earliest: LocalDate | undefined
  let latest: LocalDate | undefined
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    const committedAt = s.offence.committedAt ?? undefined
    if (committedAt === undefined) {
      const decidesOldStyle = isBefore(s.sentencedAt, LASPO_DATE)
      const decidesOra =
        s.type === 'StandardSentence' &&
        !isBefore(s.sentencedAt, ORA_DATE) &&
        !isAtLeastMonths(date(s.sentencedAt), s.duration, 12)
      if (decidesOldStyle || decidesOra)
        out.push(validationMessage('OFFENCE_MISSING_DATE', { sentence: input.ref(i) }))
      continue
    }
    if (isAfter(committedAt, s.sentencedAt))
      out.push(
        validationMessage('OFFENCE_DATE_AFTER_SENTENCE_START_DATE', {
          sentence: input.ref(i),
          date: committedAt,
          comparedWith: s.sentencedAt,
        }),
      )
    const offence = date(committedAt)
    earliest ??= input.today.minusYears(100)
    latest ??= input.today.plusYears(100)
    if (offence.isBefore(earliest) || offence.isAfter(latest))
      out.push(
        validationMessage('OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO', {
          sentence: input.ref(i),
          date: committedAt,
        }),
      )
    const offenceCode = s.offence.offenceCode?.trim().toUpperCase() || undefined
    if (offenceCode === undefined) continue
    const sentence = input.ref(i)
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
  }
  return out
}

/**
 * §13.6: behind the toggle, a non-recall, non-section-250 standard sentence carrying the
 * SA2026_PROGRESSION_MODEL_SCHEDULE exclusion goes to manual entry.
 */
export function checkProgressionModelScheduleExclusion(input: CheckInput): ValidationMessage[] {
  if (!input.toggles.routeProgressionModelScheduleExclusionToManual) return []
  const out: ValidationMessage[] = []
  const sentences = input.booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    if (
      s.type === 'StandardSentence' &&
      !isRecall(s) &&
      !s.releaseArrangements.isSection250 &&
      s.releaseArrangements.sdsEarlyReleaseExclusions.includes('SA2026_PROGRESSION_MODEL_SCHEDULE')
    )
      out.push(validationMessage('PROGRESSION_MODEL_SCHEDULE_EXCLUSION', { sentence: input.ref(i) }))
  }
  return out
}
