/**
 * The day a person actually leaves, beside the date in law. A release due on a weekend or bank
 * holiday happens on the working day before (HDC, an eligibility, on the working day after);
 * expiry dates (SLED, SED, LED, TUSED, ESED) are not release days and are never moved or tagged.
 *
 * The bank-holiday calendar covers a range of years. A date outside it cannot be checked: it is
 * flagged, never silently treated as a working day.
 */
import { DayOfWeek, type LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../../engine/api.js'
import { formatDate, formatDateWithDay, parseIsoDate } from './format.js'

/** Dates on which someone is released (or first eligible to be), so the working-day rule applies. */
const RELEASED_ON_WORKING_DAY: ReadonlySet<ReleaseDateType> = new Set([
  'CRD',
  'ARD',
  'PED',
  'HDCED',
  'ETD',
  'MTD',
  'LTD',
  'PRRD',
])
/** HDC cannot start before eligibility, so a non-working HDCED moves to the next working day. */
const MOVES_LATER: ReadonlySet<ReleaseDateType> = new Set(['HDCED'])

export const EXPIRY_DATE_TYPES: ReadonlyArray<ReleaseDateType> = ['SLED', 'SED', 'LED', 'TUSED', 'ESED']

export interface BankHolidayCalendar {
  holidays: ReadonlySet<string>
  /** The first and last calendar years the list covers; undefined when the list is empty. */
  firstYear?: number
  lastYear?: number
}

export function bankHolidayCalendar(holidays: ReadonlyArray<string>): BankHolidayCalendar {
  const years = holidays.map((h) => Number(h.slice(0, 4))).filter((y) => Number.isInteger(y))
  if (years.length === 0) return { holidays: new Set() }
  return { holidays: new Set(holidays), firstYear: Math.min(...years), lastYear: Math.max(...years) }
}

/** "1 January 2015 to 31 December 2028", or undefined for an empty calendar. */
export function calendarRangeText(calendar: BankHolidayCalendar): string | undefined {
  if (calendar.firstYear === undefined || calendar.lastYear === undefined) return undefined
  return `1 January ${calendar.firstYear} to 31 December ${calendar.lastYear}`
}

export function yearKnown(calendar: BankHolidayCalendar, year: number): boolean {
  return (
    calendar.firstYear !== undefined &&
    calendar.lastYear !== undefined &&
    year >= calendar.firstYear &&
    year <= calendar.lastYear
  )
}

/** "Bank holidays are not known for 2031: check the working day by hand." */
export function unknownYearWarning(year: number): string {
  return `Bank holidays are not known for ${year}: check the working day by hand`
}

export type ReleaseDay =
  /** An expiry or other date with no release on it: nothing to say. */
  | { kind: 'not-a-release-day' }
  /** Released on the date in law. */
  | { kind: 'same-day'; releaseOn: string; text: string }
  /** The date in law is not a working day: released on `releaseOn`. */
  | { kind: 'moved'; releaseOn: string; text: string }
  /** The calendar does not cover the year: the working day cannot be known. */
  | { kind: 'calendar-unknown'; year: number; text: string }

const isWeekend = (d: LocalDate) => d.dayOfWeek() === DayOfWeek.SATURDAY || d.dayOfWeek() === DayOfWeek.SUNDAY

function nonWorkingReason(d: LocalDate, calendar: BankHolidayCalendar): string | undefined {
  if (d.dayOfWeek() === DayOfWeek.SATURDAY) return 'a Saturday'
  if (d.dayOfWeek() === DayOfWeek.SUNDAY) return 'a Sunday'
  if (calendar.holidays.has(d.toString())) return 'a bank holiday'
  return undefined
}

/** The day a person is released for a date in law, in words a prisoner understands. */
export function releaseDay(type: ReleaseDateType, iso: string, calendar: BankHolidayCalendar): ReleaseDay {
  if (!RELEASED_ON_WORKING_DAY.has(type)) return { kind: 'not-a-release-day' }
  const inLaw = parseIsoDate(iso)
  if (inLaw === undefined) return { kind: 'not-a-release-day' }
  const later = MOVES_LATER.has(type)
  let day = inLaw
  // Walk to the working day, refusing to guess in any year the calendar does not cover.
  for (;;) {
    if (!yearKnown(calendar, day.year()))
      return { kind: 'calendar-unknown', year: day.year(), text: unknownYearWarning(day.year()) }
    if (!isWeekend(day) && !calendar.holidays.has(day.toString())) break
    day = later ? day.plusDays(1) : day.minusDays(1)
  }
  if (day.equals(inLaw)) return { kind: 'same-day', releaseOn: iso, text: formatDateWithDay(iso) }
  const why = nonWorkingReason(inLaw, calendar)!
  const releaseOn = day.toString()
  const moved = later ? 'eligibility starts on the next working day' : 'release is on the working day before'
  return {
    kind: 'moved',
    releaseOn,
    text: `${formatDateWithDay(releaseOn)} (${formatDate(iso)} is ${why}, so ${moved})`,
  }
}
