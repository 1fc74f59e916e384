/**
 * Sentence lengths: turning a duration (years, months, weeks, days) into days served.
 * Source: Prison Service Instruction on sentence calculation, para 5.5 (counting a sentence in
 * days), as implemented by the reference service. All calendar arithmetic uses js-joda, which
 * clamps month arithmetic to the last day of the month exactly as java.time does.
 */
import { ChronoUnit, LocalDate } from '@js-joda/core'

export interface Duration {
  readonly years: number
  readonly months: number
  readonly weeks: number
  readonly days: number
}

export const ZERO: Duration = { years: 0, months: 0, weeks: 0, days: 0 }

export function duration(e: { YEARS?: number; MONTHS?: number; WEEKS?: number; DAYS?: number }): Duration {
  return { years: e.YEARS ?? 0, months: e.MONTHS ?? 0, weeks: e.WEEKS ?? 0, days: e.DAYS ?? 0 }
}

export function addDurations(a: Duration, b: Duration): Duration {
  return { years: a.years + b.years, months: a.months + b.months, weeks: a.weeks + b.weeks, days: a.days + b.days }
}

/**
 * The last day served of a term starting on `start` (day 1).
 * First-of-month rule: a term with a month or year part that starts on the 1st ends on the last
 * day of the final month (1 March + 1 month ends 31 March); otherwise the day before the same
 * date in the final month, clamped to the month's end (30 Jan + 1 month ends 28/29 Feb... minus one).
 */
export function endDate(d: Duration, start: LocalDate): LocalDate {
  if (start.dayOfMonth() === 1 && (d.months !== 0 || d.years !== 0)) {
    const m = start.plusYears(d.years).plusMonths(d.months - 1)
    return m.withDayOfMonth(m.lengthOfMonth()).plusWeeks(d.weeks).plusDays(d.days)
  }
  return start.minusDays(1).plusYears(d.years).plusMonths(d.months).plusWeeks(d.weeks).plusDays(d.days)
}

/** Inclusive length in days: counting `start` as day 1. */
export function lengthInDays(d: Duration, start: LocalDate): number {
  return ChronoUnit.DAYS.between(start, endDate(d, start)) + 1
}

export function daysBetween(a: LocalDate, b: LocalDate): number {
  return b.toEpochDay() - a.toEpochDay()
}

/** Day n counting `start` as day 1. */
export function dayN(start: LocalDate, n: number): LocalDate {
  return start.plusDays(n - 1)
}

/** Days in `n` units measured from `start` (for "is this under 12 months?" checks). */
export function thresholdDays(start: LocalDate, n: number, unit: 'YEARS' | 'MONTHS' | 'DAYS'): number {
  const end = unit === 'YEARS' ? start.plusYears(n) : unit === 'MONTHS' ? start.plusMonths(n) : start.plusDays(n)
  return daysBetween(start, end)
}

function isMonthFamily(d: Duration): boolean {
  return d.years !== 0 || d.months !== 0
}

/**
 * Lay durations end to end: runs of month/year parts merge, runs of week/day parts merge, and a
 * new block starts whenever the unit family changes ([3m, 3w, 3m, 5m] → [3m, 3w, 8m]).
 */
export function aggregateBlocks(list: readonly Duration[]): Duration[] {
  const pieces: { monthly: boolean; d: Duration }[] = []
  for (const d of list) {
    const m: Duration = { years: d.years, months: d.months, weeks: 0, days: 0 }
    const w: Duration = { years: 0, months: 0, weeks: d.weeks, days: d.days }
    if (isMonthFamily(m)) pieces.push({ monthly: true, d: m })
    if (w.weeks !== 0 || w.days !== 0) pieces.push({ monthly: false, d: w })
  }
  const blocks: { monthly: boolean; d: Duration }[] = []
  for (const p of pieces) {
    const last = blocks[blocks.length - 1]
    if (last && last.monthly === p.monthly) last.d = addDurations(last.d, p.d)
    else blocks.push({ ...p })
  }
  return blocks.map((b) => b.d)
}

/** Total days of durations served end to end from `start`. */
export function aggregateDays(list: readonly Duration[], start: LocalDate): number {
  let running = start
  let total = 0
  for (const b of aggregateBlocks(list)) {
    const len = lengthInDays(b, running)
    running = running.plusDays(len)
    total += len
  }
  return total
}

export function durationText(d: Duration): string {
  const parts: string[] = []
  const unit = (n: number, s: string) => parts.push(`${n} ${s}${n === 1 ? '' : 's'}`)
  if (d.years) unit(d.years, 'year')
  if (d.months) unit(d.months, 'month')
  if (d.weeks) unit(d.weeks, 'week')
  if (d.days) unit(d.days, 'day')
  return parts.length ? parts.join(' ') : '0 days'
}
