/**
 * Deadlines for the courts hotline: how urgent a query is (from the release date it matters
 * for) and when an answer or an acknowledgement is due. A rule counts either elapsed minutes
 * (urgent work runs through the night) or working minutes (inside the working hours, skipping
 * weekends and England and Wales bank holidays). Pure: "now", the working hours and the bank
 * holidays are inputs.
 */
import '@js-joda/timezone'
import {
  ChronoUnit,
  DayOfWeek,
  Duration,
  Instant,
  LocalDate,
  LocalDateTime,
  LocalTime,
  ZoneId,
  ZonedDateTime,
} from '@js-joda/core'

export const URGENCIES = ['URGENT', 'HIGH', 'STANDARD'] as const
export type Urgency = (typeof URGENCIES)[number]

export interface SlaRule {
  minutes: number
  clock: 'elapsed' | 'working'
}

export interface SlaPolicy {
  /** Release today or already overdue. */
  urgent: SlaRule
  /** Release within `highWithinDays` days. */
  high: SlaRule
  standard: SlaRule
  highWithinDays: number
  /** A court order or change must be acknowledged by the holding prison within this. */
  acknowledge: SlaRule
  /** An immediate-release order must be acknowledged within this. */
  acknowledgeImmediateRelease: SlaRule
}

/** The defaults the issue gives: 1 hour; 4 working hours; 1 working day; 2 working hours; 30 minutes. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  urgent: { minutes: 60, clock: 'elapsed' },
  high: { minutes: 4 * 60, clock: 'working' },
  standard: { minutes: 8 * 60, clock: 'working' },
  highWithinDays: 2,
  acknowledge: { minutes: 2 * 60, clock: 'working' },
  acknowledgeImmediateRelease: { minutes: 30, clock: 'elapsed' },
}

export interface WorkingHours {
  zone: string
  /** HH:MM */
  start: string
  end: string
  /** ISO day numbers, Monday = 1 … Sunday = 7. */
  days: number[]
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  zone: 'Europe/London',
  start: '09:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
}

export interface WorkingCalendar extends WorkingHours {
  /** YYYY-MM-DD dates that are not working days. */
  bankHolidays: ReadonlySet<string>
}

/** The day a release matters for decides the urgency: today or earlier, within N days, or later. */
export function urgencyFor(releaseDate: string | null, today: string, policy: SlaPolicy): Urgency {
  if (releaseDate === null) return 'STANDARD'
  const days = ChronoUnit.DAYS.between(LocalDate.parse(today), LocalDate.parse(releaseDate))
  if (days <= 0) return 'URGENT'
  if (days <= policy.highWithinDays) return 'HIGH'
  return 'STANDARD'
}

export function ruleFor(urgency: Urgency, policy: SlaPolicy): SlaRule {
  return urgency === 'URGENT' ? policy.urgent : urgency === 'HIGH' ? policy.high : policy.standard
}

/** The date in the calendar's zone of an instant (ISO). */
export function localDateOf(at: string, zone: string): string {
  return ZonedDateTime.ofInstant(Instant.parse(at), ZoneId.of(zone)).toLocalDate().toString()
}

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
  return calendar.days.includes(date.dayOfWeek().value()) && !calendar.bankHolidays.has(date.toString())
}

/** When work started at `from` (ISO instant) under `rule` is due (ISO instant). */
export function dueBy(from: string, rule: SlaRule, calendar: WorkingCalendar): string {
  const start = Instant.parse(from)
  if (rule.clock === 'elapsed') return start.plus(Duration.ofMinutes(rule.minutes)).toString()
  return addWorkingMinutes(start, rule.minutes, calendar).toString()
}

/**
 * Counts `minutes` of working time forward from `from`. Time before the day's start counts from
 * the start; time after its end, or on a day that is not worked, from the next working day.
 */
export function addWorkingMinutes(from: Instant, minutes: number, calendar: WorkingCalendar): Instant {
  const zone = ZoneId.of(calendar.zone)
  const open = LocalTime.parse(calendar.start)
  const close = LocalTime.parse(calendar.end)
  if (!close.isAfter(open)) throw new Error('working hours must end after they start')
  if (!calendar.days.some((d) => d >= 1 && d <= 7)) throw new Error('working hours need a working day')
  let cursor = ZonedDateTime.ofInstant(from, zone).toLocalDateTime()
  let remaining = minutes
  // A bounded walk: even a year of bank holidays cannot stop it.
  for (let guard = 0; guard < 3700; guard++) {
    const day = cursor.toLocalDate()
    if (!isWorkingDay(day, calendar) || !cursor.toLocalTime().isBefore(close)) {
      cursor = LocalDateTime.of(day.plusDays(1), open)
      continue
    }
    if (cursor.toLocalTime().isBefore(open)) cursor = LocalDateTime.of(day, open)
    const available = Duration.between(cursor, LocalDateTime.of(day, close)).toMinutes()
    if (remaining <= available) return cursor.plusMinutes(remaining).atZone(zone).toInstant()
    remaining -= available
    cursor = LocalDateTime.of(day.plusDays(1), open)
  }
  throw new Error('no working time found within ten years')
}

/** Minutes from `now` until `due` (negative once overdue). */
export function minutesUntil(due: string, now: string): number {
  return Math.floor(Duration.between(Instant.parse(now), Instant.parse(due)).seconds() / 60)
}

/** "2 hours 5 minutes", "45 minutes", "3 days 2 hours". */
export function describeMinutes(total: number): string {
  const m = Math.abs(total)
  const days = Math.floor(m / (24 * 60))
  const hours = Math.floor((m % (24 * 60)) / 60)
  const mins = m % 60
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (days > 0) return [part(days, 'day'), hours > 0 ? part(hours, 'hour') : ''].filter(Boolean).join(' ')
  if (hours > 0) return [part(hours, 'hour'), mins > 0 ? part(mins, 'minute') : ''].filter(Boolean).join(' ')
  return part(mins, 'minute')
}

/** Time left, as court and prison staff read it: "2 hours 5 minutes left" or "45 minutes overdue". */
export function timeLeft(due: string, now: string): { overdue: boolean; text: string } {
  const m = minutesUntil(due, now)
  return m < 0
    ? { overdue: true, text: `${describeMinutes(m)} overdue` }
    : { overdue: false, text: `${describeMinutes(m)} left` }
}

export const DAY_NAMES: Record<number, string> = Object.fromEntries(
  DayOfWeek.values().map((d) => [d.value(), d.name().charAt(0) + d.name().slice(1).toLowerCase()]),
)
