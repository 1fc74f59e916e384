/**
 * Every way a workflow command can be refused, with the plain-English text the user sees.
 * Views and tests refer to the code; the message may carry details (which dates, what changed).
 */
export const REFUSAL_CODES = [
  'MISSING_ROLE',
  'NOT_IN_CASELOAD',
  'WRONG_PERSON',
  'DUPLICATE_ID',
  'INVALID_REASON',
  'PRELIMINARY_NOT_FOUND',
  'ALREADY_CONFIRMED',
  'SUPERSEDED',
  'INPUTS_CHANGED',
  'ENGINE_UNSUPPORTED',
  'BAD_DATA',
  'NO_DATES_TO_CONFIRM',
  'ENGINE_CAN_CALCULATE',
  'NO_DATES',
  'UNKNOWN_DATE_TYPE',
  'INVALID_DATE',
  'DATES_CANNOT_COEXIST',
  'LED_REQUIRED',
  'IMPOSSIBLE_DATES',
  'INVALID_OVERRIDE_REASON',
  'OVERRIDE_SAME_AS_ENGINE',
  'CALCULATION_NOT_FOUND',
  'NOT_CURRENT',
  'SELF_CHECK',
  'ALREADY_VERIFIED',
  'CHECK_ALREADY_SUBMITTED',
  'CHECK_MODE_CONFLICT',
  'CHECK_NOT_CALCULABLE',
  'RECORD_NOT_FOUND',
  'RECORD_ALREADY_CHECKED',
  'NOTE_TOO_SHORT',
  'DIFFERENCE_NOT_FOUND',
  'DIFFERENCE_ALREADY_RESOLVED',
  'REASON_TOO_SHORT',
  'CORRECTION_NOT_FOUND',
  'CORRECTION_TOO_EARLY',
  'DIFFERENCE_STILL_PRESENT',
  'NO_CURRENT_CALCULATION',
] as const
export type RefusalCode = (typeof REFUSAL_CODES)[number]

export interface Refusal {
  code: RefusalCode
  /** Plain English, GOV.UK style: says what is wrong and what to do. */
  message: string
  /** For INPUTS_CHANGED: what changed since the preliminary result, one line each. */
  changes?: string[]
}

export const refuse = (code: RefusalCode, message: string, changes?: string[]): Refusal =>
  changes === undefined ? { code, message } : { code, message, changes }
