/**
 * The fingerprint of everything the engine calculates from (booking, legislation profile,
 * feature switches, user choices, bank holidays), and a plain-English list of what changed
 * between two sets of inputs. A preliminary result records the fingerprint of its inputs; a
 * confirm is refused when the current inputs have a different fingerprint.
 */
import { createHash } from 'node:crypto'
import type { FeatureToggles, LegislationProfileName, UserInputs } from '../../engine/api.js'
import { FEATURE_TOGGLES } from '../../engine/api.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import { describeDifference, diffBookings } from './booking-diff.js'
import { canonicalJson } from './canonical-json.js'
import { formatDate } from './format.js'

/** Everything the engine is given except "today" (which only affects validation hints). */
export interface EngineInput {
  booking: BookingInput
  profile: LegislationProfileName
  featureToggles: Partial<FeatureToggles>
  userInputs: Partial<UserInputs>
  bankHolidays: ReadonlyArray<string>
}

/** A version string for a set of inputs: "sha256:" + 64 hex characters. */
export type InputFingerprint = string

/**
 * Stable fingerprint of the engine input. Switches that are off and unset switches are the
 * same; bank-holiday order does not matter.
 */
export function fingerprintInput(input: EngineInput): InputFingerprint {
  const toggles = Object.fromEntries(
    FEATURE_TOGGLES.filter((t) => input.featureToggles[t] === true).map((t) => [t, true]),
  )
  const canonical = canonicalJson({
    booking: input.booking,
    profile: input.profile,
    featureToggles: toggles,
    userInputs: input.userInputs,
    bankHolidays: [...new Set(input.bankHolidays)].sort(),
  })
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`
}

/** What changed in the booking, one plain-English line per change. Empty when nothing did. */
export function describeInputChanges(before: BookingInput, after: BookingInput): string[] {
  return diffBookings(before, after).map(describeDifference)
}

const USER_INPUT_NAMES: Record<keyof UserInputs, string> = {
  calculateErsed: 'Calculate the early removal scheme eligibility date',
  useOffenceIndicators: 'Use offence indicators',
  usePreviouslyRecordedSLEDIfFound: 'Use a previously recorded sentence and licence expiry date',
}

/**
 * What changed in any engine input. Never empty when the fingerprints differ: a change that
 * cannot be described more precisely is still reported.
 */
export function describeEngineInputChanges(before: EngineInput, after: EngineInput): string[] {
  const out = describeInputChanges(before.booking, after.booking)
  if (before.profile !== after.profile)
    out.push(`Legislation profile changed from ${before.profile} to ${after.profile}`)
  for (const t of FEATURE_TOGGLES) {
    const x = before.featureToggles[t] === true
    const y = after.featureToggles[t] === true
    if (x !== y) out.push(`Setting "${t}" switched ${y ? 'on' : 'off'}`)
  }
  for (const k of Object.keys(USER_INPUT_NAMES) as (keyof UserInputs)[]) {
    const x = before.userInputs[k]
    const y = after.userInputs[k]
    if (x !== y) out.push(`${USER_INPUT_NAMES[k]}: changed from ${answer(x)} to ${answer(y)}`)
  }
  const hb = new Set(before.bankHolidays)
  const ha = new Set(after.bankHolidays)
  for (const d of ha) if (!hb.has(d)) out.push(`Bank holiday ${formatDate(d)} added to the calendar`)
  for (const d of hb) if (!ha.has(d)) out.push(`Bank holiday ${formatDate(d)} removed from the calendar`)
  if (out.length === 0 && fingerprintInput(before) !== fingerprintInput(after))
    out.push('Other details of the booking changed')
  return out
}

const answer = (v: boolean | undefined) => (v === undefined ? 'not answered' : v ? 'yes' : 'no')
