/**
 * What the validators read from the rest of the engine, in one place (validators sit two
 * folders deep and the lint rule allows one level of relative import).
 */
export type { ValidationMessage } from '../api.js'
export type { BookingInput } from '../input/reference-booking.js'
export type { Context } from '../model/context.js'
export type { TimelineResult } from '../timeline/timeline.js'
export type { Extracted } from '../extraction/booking-dates.js'
export type { CalcSentence } from '../model/calculable.js'
export { releaseDefaulted } from '../extraction/booking-dates.js'
export { deductions } from '../model/adjustments.js'
export { parseDate } from '../calendar/dates.js'
export { lessThan } from '../model/part.js'
