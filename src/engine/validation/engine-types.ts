/**
 * The engine contract types the validation code uses, re-exported so that files in
 * subfolders import them from one level up (the lint rule forbids reaching two levels up).
 */
export type { FeatureToggles, SentenceRef, ValidationCategory, ValidationMessage } from '../api.js'
export type {
  AdjustmentInput,
  AdjustmentType,
  BookingInput,
  BookingInputRaw,
  DurationInput,
  SentenceInput,
} from '../input/reference-booking.js'
export { isoDate, parseBooking } from '../input/reference-booking.js'
export { isIsoDate, parseDate } from '../calendar/dates.js'
