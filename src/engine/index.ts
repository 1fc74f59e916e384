/** SafeRelease release-date engine: a pure library. */
export { calculate } from './calculate.js'
export * from './api.js'
export { parseBooking } from './input/reference-booking.js'
export { PROFILES } from './legislation/profiles.js'
