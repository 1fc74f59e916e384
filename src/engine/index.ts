/** SafeRelease release-date engine: a pure library. */
export { calculate } from './calculate.js'
export * from './api.js'
export { parseBooking } from './input/reference-booking.js'
export { PROFILES } from './legislation/profiles.js'
export {
  checkRecordedDates,
  type RecordedDateFacts,
  type RecordedDateProblem,
  type RecordedDateProblemCode,
} from './safety/recorded-dates.js'
