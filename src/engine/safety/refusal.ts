/** The refusal the engine returns, instead of dates, when its own answer does not hold together. */
import type { CalculationOutcome, ValidationMessage } from '../api.js'
import type { SafetyFailure } from './invariants.js'

export const SAFETY_CHECK_FAILED = 'SAFETY_CHECK_FAILED'

/**
 * One UNSUPPORTED message per broken invariant (so every caller routes the booking to manual
 * entry, as for any case the engine cannot calculate safely), after any warnings already found.
 */
export function safetyRefusal(
  failures: readonly SafetyFailure[],
  warnings: readonly ValidationMessage[],
): CalculationOutcome {
  return {
    status: 'rejected',
    messages: [
      ...failures.map((f): ValidationMessage => ({
        code: SAFETY_CHECK_FAILED,
        category: 'UNSUPPORTED',
        message: `SafeRelease could not verify the ${f.date}: calculate it by hand. ${f.message} (check ${f.code}).`,
        safety: { invariant: f.code, date: f.date },
      })),
      ...warnings,
    ],
  }
}
