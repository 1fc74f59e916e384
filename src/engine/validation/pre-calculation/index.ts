/**
 * Pre-calculation validation: checks that run on a parsed booking before any arithmetic.
 *
 * `validateBeforeCalculation` returns every message, sorted as the reference reports them
 * (unsupported, then bad data, then warnings; within each, source-data checks before booking
 * checks). Use `firstBlockingOrder` to keep only the first order that has messages, which is what
 * the reference shows the user.
 *
 * Pure: "today" comes from the caller; nothing here reads a clock or does I/O.
 */
import type { ValidationMessage } from '../engine-types.js'
import type { BookingInput } from '../engine-types.js'
import { firstBlockingOrder, sortMessages, type ValidationCode } from '../catalogue.js'
import {
  checkAdjustmentDateRanges,
  checkFutureDatedAdjustments,
  checkOverlappingPeriods,
  checkRemandBeforeSentence,
} from './adjustments.js'
import { buildCheckInput, type CheckInput, type PreCalculationContext } from './context.js'
import { checkFtr56AfterEarlyRelease, checkRecallDates, checkRecallLengths } from './recalls.js'
import {
  checkFineAmounts,
  checkNoSentences,
  checkOffences,
  checkProgressionModelScheduleExclusion,
  checkTerms,
  checkUnsupportedSentenceTypes,
} from './sentences.js'
import {
  checkConcurrentConsecutive,
  checkConsecutiveLinks,
  checkDtoRecalls,
  checkPrePcscDtoAdjustments,
  checkTypesInChains,
} from './structure.js'

export type { PreCalculationContext } from './context.js'

/** Every code the pre-calculation checks can emit. */
export const PRE_CALCULATION_CODES = [
  'NO_SENTENCES',
  'UNSUPPORTED_SENTENCE_TYPE',
  'SENTENCE_HAS_NO_IMPRISONMENT_TERM',
  'ZERO_IMPRISONMENT_TERM',
  'SENTENCE_HAS_NO_LICENCE_TERM',
  'EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR',
  'EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS',
  'SOPC_LICENCE_TERM_NOT_12_MONTHS',
  'OFFENCE_MISSING_DATE',
  'OFFENCE_DATE_AFTER_SENTENCE_START_DATE',
  'OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO',
  'SE2020_INVALID_OFFENCE_DETAIL',
  'INCORRECT_OFFENCE_BREACH_97',
  'A_FINE_SENTENCE_MISSING_FINE_AMOUNT',
  'BROKEN_CONSECUTIVE_CHAINS',
  'CONSECUTIVE_TO_SENTENCE_IMPOSED_AFTER',
  'CONCURRENT_CONSECUTIVE_SENTENCES_DURATION',
  'A_FINE_SENTENCE_CONSECUTIVE_TO',
  'A_FINE_SENTENCE_CONSECUTIVE',
  'DTO_CONSECUTIVE_TO_SENTENCE',
  'DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT',
  'BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE',
  'UNSUPPORTED_DTO_RECALL_SEC104_SEC105',
  'UNSUPPORTED_CALCULATION_DTO_WITH_RECALL',
  'PRE_PCSC_DTO_WITH_ADJUSTMENT',
  'ADJUSTMENT_FUTURE_DATED_ADA',
  'ADJUSTMENT_FUTURE_DATED_RADA',
  'ADJUSTMENT_FUTURE_DATED_UAL',
  'ADJUSTMENT_INVALID_DATE_RANGE',
  'REMAND_OVERLAPS_WITH_REMAND',
  'REMAND_ON_OR_AFTER_SENTENCE_DATE',
  'DUPLICATE_OR_OVERLAPPING_UAL',
  'FTR_NO_RETURN_TO_CUSTODY_DATE',
  'FTR_RTC_DATE_BEFORE_SENTENCE_DATE',
  'FTR_RTC_DATE_IN_FUTURE',
  'FTR_RTC_DATE_BEFORE_REVOCATION_DATE',
  'REVOCATION_DATE_IN_THE_FUTURE',
  'FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28',
  'FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14',
  'FTR_14_DAYS_SENTENCE_GE_12_MONTHS',
  'FTR_28_DAYS_SENTENCE_LT_12_MONTHS',
  'FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS',
  'FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS',
  'FTR_TYPE_56_UNSUPPORTED_RECALL',
  'PROGRESSION_MODEL_SCHEDULE_EXCLUSION',
] as const satisfies ReadonlyArray<ValidationCode>

/** Every check, in the order its messages are listed within the same order and stage. */
export const PRE_CALCULATION_CHECKS: ReadonlyArray<(input: CheckInput) => ValidationMessage[]> = [
  checkNoSentences,
  checkUnsupportedSentenceTypes,
  checkFtr56AfterEarlyRelease,
  checkTypesInChains,
  checkDtoRecalls,
  checkTerms,
  checkOffences,
  checkFineAmounts,
  checkConsecutiveLinks,
  checkPrePcscDtoAdjustments,
  checkFutureDatedAdjustments,
  checkAdjustmentDateRanges,
  checkOverlappingPeriods,
  checkRemandBeforeSentence,
  checkRecallDates,
  checkRecallLengths,
  checkProgressionModelScheduleExclusion,
  checkConcurrentConsecutive,
]

/** All pre-calculation messages for the booking, sorted (unsupported, bad data, warnings). */
export function validateBeforeCalculation(
  booking: BookingInput,
  ctx: PreCalculationContext,
): ValidationMessage[] {
  const input = buildCheckInput(booking, ctx)
  const found: ValidationMessage[] = []
  for (const check of PRE_CALCULATION_CHECKS) {
    const messages = check(input)
    for (const m of messages) found.push(m)
  }
  return sortMessages(found)
}

/** Only the messages the reference would show: those of the first order that has any. */
export function blockingBeforeCalculation(
  booking: BookingInput,
  ctx: PreCalculationContext,
): ValidationMessage[] {
  return firstBlockingOrder(validateBeforeCalculation(booking, ctx))
}

export { firstBlockingOrder, sortMessages }
