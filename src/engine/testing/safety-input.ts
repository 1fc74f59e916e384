/**
 * For tests of the safety invariants: the timeline and booking-level dates of a booking (no
 * early-release merges), as `checkInvariants` receives them, so a test can break one fact the way
 * a faulty rule would and see the invariant fire. Not used by the engine itself.
 */
import type { LegislationProfileName } from '../api.js'
import { parseDate } from '../calendar/dates.js'
import { workingDays } from '../calendar/working-days.js'
import { extract } from '../extraction/booking-dates.js'
import { parseBooking } from '../input/reference-booking.js'
import { PROFILES } from '../legislation/profiles.js'
import type { Context } from '../model/context.js'
import { toPart } from '../model/part.js'
import type { SafetyInput } from '../safety/invariants.js'
import { Timeline } from '../timeline/timeline.js'
import { FEATURE_TOGGLES, type FeatureToggles } from '../api.js'

export function safetyInputFor(raw: unknown, profile: LegislationProfileName = 'sds-50'): SafetyInput {
  const parsed = parseBooking(raw)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  const booking = parsed.value
  const toggles = Object.fromEntries(FEATURE_TOGGLES.map((t) => [t, false])) as FeatureToggles
  const ctx: Context = {
    dob: parseDate(booking.offender.dateOfBirth),
    sexOffender: booking.offender.isActiveSexOffender,
    toggles,
    profile: PROFILES[profile],
    calculateErsed: false,
    workingDays: workingDays([]),
    bookingRtc: booking.returnToCustodyDate ? parseDate(booking.returnToCustodyDate) : null,
  }
  const timeline = new Timeline(booking, booking.sentences.map(toPart), ctx).run()
  const result = extract(timeline.sentences, ctx)
  return { booking, sentences: timeline.sentences, dates: result.dates, traces: result.traces }
}
