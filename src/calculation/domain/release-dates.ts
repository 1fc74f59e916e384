/**
 * Dates a person types in (manual entry for unsupported cases, overrides): the checks that stop
 * impossible combinations, and blocking engine messages.
 */
import type { CalculationOutcome, ReleaseDateType, ValidationMessage } from '../../engine/api.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../engine/api.js'
import { z } from 'zod'
import { recordDate } from '../../boundary/dates.js'
import { parseIsoDate } from './format.js'
import { checkEnteredDates, enteredDateFacts } from './entered-dates.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import type { Refusal } from './refusals.js'
import { refuse } from './refusals.js'

export type ReleaseDates = Partial<Record<ReleaseDateType, string>>

/** Dates typed in (forms, JSON API). The decider checks them again with `validateEnteredDates`. */
export const releaseDatesSchema = z.partialRecord(z.enum(RELEASE_DATE_TYPES), recordDate)

/** Pairs of dates that cannot both apply to one calculation. */
export const INCOMPATIBLE_DATES: ReadonlyArray<readonly [ReleaseDateType, ReleaseDateType]> = [
  ['CRD', 'ARD'],
  ['HDCED', 'PRRD'],
  ['PED', 'PRRD'],
  ['HDCED', 'PED'],
  ['TUSED', 'PED'],
  ['ARD', 'LED'],
]

/** "a conditional release date (CRD)" */
export function dateName(type: ReleaseDateType): string {
  const name = RELEASE_DATE_NAMES[type].toLowerCase()
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} (${type})`
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Checks typed-in dates: real dates, known types, no incompatible pair, and (given the booking
 * they are for) the sanity rules of entered-dates.ts. Undefined when they are acceptable.
 */
export function validateEnteredDates(
  dates: Readonly<Record<string, string | undefined>>,
  booking?: Pick<BookingInput, 'sentences'>,
): Refusal | undefined {
  const entered = Object.entries(dates).filter(
    (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
  )
  if (entered.length === 0) return refuse('NO_DATES', 'Enter at least one release date')
  for (const [type, value] of entered) {
    if (!(RELEASE_DATE_TYPES as ReadonlyArray<string>).includes(type))
      return refuse('UNKNOWN_DATE_TYPE', `${type} is not a release date SafeRelease knows. Remove it.`)
    if (parseIsoDate(value) === undefined)
      return refuse(
        'INVALID_DATE',
        `${capitalise(dateName(type as ReleaseDateType))} must be a real date, for example 12 4 2025`,
      )
  }
  const has = (t: ReleaseDateType) => entered.some(([k]) => k === t)
  for (const [a, b] of INCOMPATIBLE_DATES) {
    if (has(a) && has(b))
      return refuse(
        'DATES_CANNOT_COEXIST',
        `${capitalise(dateName(a))} and ${dateName(b)} cannot both be entered. Remove one of them.`,
      )
  }
  if (has('CRD') && has('SED') && !has('LED'))
    return refuse(
      'LED_REQUIRED',
      `Enter ${dateName('LED')}: it is needed when ${dateName('CRD')} and ${dateName('SED')} are entered`,
    )
  const facts = booking ? enteredDateFacts(booking) : undefined
  const problems = facts ? checkEnteredDates(Object.fromEntries(entered), facts) : []
  if (problems.length > 0)
    return refuse(
      'IMPOSSIBLE_DATES',
      `These dates cannot all be right: ${problems.map((p) => p.message).join('. ')}. Check them against the court documents.`,
    )
  return undefined
}

export function blockingMessages(outcome: CalculationOutcome): ValidationMessage[] {
  switch (outcome.status) {
    case 'calculated':
    case 'rejected':
      return outcome.messages.filter((m) => m.category === 'UNSUPPORTED' || m.category === 'BAD_DATA')
    case 'invalid-input':
    case 'error':
      return []
    default: {
      const never: never = outcome
      throw new Error(`Unknown outcome ${JSON.stringify(never)}`)
    }
  }
}

/** True when the engine says this case cannot be calculated safely (manual entry applies). */
export function isUnsupported(outcome: CalculationOutcome): boolean {
  return blockingMessages(outcome).some((m) => m.category === 'UNSUPPORTED')
}

/** The engine dates the user may confirm, or the refusal saying why there are none. */
export function confirmableDates(
  outcome: CalculationOutcome,
): { dates: ReleaseDates } | { refusal: Refusal } {
  const blocking = blockingMessages(outcome)
  const unsupported = blocking.filter((m) => m.category === 'UNSUPPORTED')
  if (unsupported.length > 0)
    return {
      refusal: refuse(
        'ENGINE_UNSUPPORTED',
        `These dates cannot be confirmed because SafeRelease cannot calculate this case: ${unsupported.map((m) => m.message).join(' ')} Enter the dates by hand instead.`,
      ),
    }
  const bad = blocking.filter((m) => m.category === 'BAD_DATA')
  if (bad.length > 0)
    return {
      refusal: refuse(
        'BAD_DATA',
        `These dates cannot be confirmed until the information is corrected: ${bad.map((m) => m.message).join(' ')}`,
      ),
    }
  if (outcome.status === 'error')
    return {
      refusal: refuse(
        'NO_DATES_TO_CONFIRM',
        `SafeRelease could not calculate these dates: ${outcome.message} Correct the information and calculate again.`,
      ),
    }
  if (outcome.status === 'invalid-input')
    return {
      refusal: refuse(
        'BAD_DATA',
        `These dates cannot be confirmed until the information is corrected: ${outcome.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      ),
    }
  if (outcome.status !== 'calculated' || Object.keys(outcome.result.dates).length === 0)
    return {
      refusal: refuse(
        'NO_DATES_TO_CONFIRM',
        'There are no calculated dates to confirm. Check the information and calculate again.',
      ),
    }
  return { dates: outcome.result.dates }
}

export function sameDates(a: ReleaseDates, b: ReleaseDates): boolean {
  return RELEASE_DATE_TYPES.every((t) => (a[t] ?? '') === (b[t] ?? ''))
}
