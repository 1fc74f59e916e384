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
import { firstBlockingOrder, sortMessages } from '../catalogue.js'
import {
  checkAdjustmentDateRanges,
  checkFutureDatedAdjustments,
  checkOverlappingPeriods,
  checkRemandBeforeSentence,
} from './adjustments.js'
import { buildCheckInput, type CheckInput, type PreCalculationContext } from './context.js'
import { checkRecallDates, checkRecallLengths } from './recalls.js'
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

/** Every check, in the order its messages are listed within the same order and stage. */
export const PRE_CALCULATION_CHECKS: ReadonlyArray<(input: CheckInput) => ValidationMessage[]> = [
  checkNoSentences,
  checkUnsupportedSentenceTypes,
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
  return sortMessages(PRE_CALCULATION_CHECKS.flatMap((check) => check(input)))
}

/** Only the messages the reference would show: those of the first order that has any. */
export function blockingBeforeCalculation(
  booking: BookingInput,
  ctx: PreCalculationContext,
): ValidationMessage[] {
  return firstBlockingOrder(validateBeforeCalculation(booking, ctx))
}

export { firstBlockingOrder, sortMessages }
