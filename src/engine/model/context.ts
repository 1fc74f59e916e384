/** Everything a rule may read besides the sentence itself: the offender and the options. */
import type { LocalDate } from '@js-joda/core'
import type { FeatureToggles } from '../api.js'
import type { LegislationProfile } from '../legislation/profiles.js'
import type { WorkingDays } from '../calendar/working-days.js'

export interface Context {
  dob: LocalDate
  sexOffender: boolean
  toggles: FeatureToggles
  profile: LegislationProfile
  calculateErsed: boolean
  workingDays: WorkingDays
  /** Booking-level return to custody date. */
  bookingRtc: LocalDate | null
}
