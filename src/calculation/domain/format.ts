/**
 * Plain-English formatting shared by the calculation workflow: GOV.UK dates ("12 April 2025"),
 * sentence lengths ("2 years 6 months") and the UK calendar day of an instant.
 * Pure: no clock, no JS Date arithmetic.
 */
import { DayOfWeek, Instant, LocalDate } from '@js-joda/core'
import type { DurationInput } from '../../engine/input/reference-booking.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** Parse an ISO date (YYYY-MM-DD); undefined when it is not a real calendar date. */
export function parseIsoDate(iso: string): LocalDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined
  try {
    return LocalDate.parse(iso)
  } catch {
    return undefined
  }
}

/** GOV.UK style: "12 April 2025". Unreadable input is returned as it was, never hidden. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return 'not given'
  const d = parseIsoDate(iso)
  if (d === undefined) return iso
  return `${d.dayOfMonth()} ${MONTHS[d.monthValue() - 1]} ${d.year()}`
}

/** "Saturday 12 April 2025". */
export function formatDateWithDay(iso: string): string {
  const d = parseIsoDate(iso)
  if (d === undefined) return iso
  return `${WEEKDAYS[d.dayOfWeek().ordinal()]} ${formatDate(iso)}`
}

/** True when the date is a Saturday, Sunday or one of the given bank holidays. */
export function isNonWorkingDay(iso: string, bankHolidays: ReadonlyArray<string>): boolean {
  const d = parseIsoDate(iso)
  if (d === undefined) return false
  const dow = d.dayOfWeek()
  return dow === DayOfWeek.SATURDAY || dow === DayOfWeek.SUNDAY || bankHolidays.includes(iso)
}

const UNIT_NAMES = {
  YEARS: ['year', 'years'],
  MONTHS: ['month', 'months'],
  WEEKS: ['week', 'weeks'],
  DAYS: ['day', 'days'],
} as const

/** "2 years 6 months"; "no length entered" when every element is missing or zero. */
export function formatDuration(duration: DurationInput | null | undefined): string {
  if (!duration) return 'no length entered'
  const parts: string[] = []
  for (const unit of ['YEARS', 'MONTHS', 'WEEKS', 'DAYS'] as const) {
    const n = duration.durationElements[unit]
    if (n === undefined || n === 0) continue
    const [one, many] = UNIT_NAMES[unit]
    parts.push(`${n} ${n === 1 ? one : many}`)
  }
  return parts.length === 0 ? 'no length entered' : parts.join(' ')
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

const UK_CALENDAR = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/**
 * The calendar date in England and Wales at an instant. Uses the platform's time-zone database
 * (Europe/London) rather than re-deriving summer-time rules, so future changes to UK summer time
 * arrive with the runtime's tz data.
 */
export function ukDate(instant: Instant): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return LocalDate.parse(UK_CALENDAR.format(instant.toEpochMilli()))
}

/** Whole days between two instants, counted on the UK calendar (0 on the same day). */
export function daysBetween(from: Instant, to: Instant): number {
  return ukDate(to).toEpochDay() - ukDate(from).toEpochDay()
}

/** The UK calendar date of an ISO instant, GOV.UK style: "12 April 2025". */
export function formatInstantDate(instant: string): string {
  return formatDate(ukDate(Instant.parse(instant)).toString())
}
