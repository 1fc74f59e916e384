/**
 * Duration helpers the pre-calculation checks need (release-date-rules.md §2.1–2.2). They only
 * compare lengths; the calculation core owns the release arithmetic.
 */
import { ChronoUnit, LocalDate, Period, TemporalAdjusters } from '@js-joda/core'
import type { DurationInput } from '../engine-types.js'

type Unit = 'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS'

function part(d: DurationInput, unit: Unit): number {
  return d.durationElements[unit] ?? 0
}

/** No unit recorded at all. */
export function isEmptyDuration(d: DurationInput): boolean {
  const e = d.durationElements
  return e.YEARS === undefined && e.MONTHS === undefined && e.WEEKS === undefined && e.DAYS === undefined
}

/** Every recorded unit is zero (or nothing is recorded). */
export function isZeroDuration(d: DurationInput): boolean {
  const e = d.durationElements
  return zeroOrAbsent(e.YEARS) && zeroOrAbsent(e.MONTHS) && zeroOrAbsent(e.WEEKS) && zeroOrAbsent(e.DAYS)
}
const zeroOrAbsent = (v: number | undefined): boolean => v === undefined || v === 0

/** start + years + months + weeks + days, in that order (ISO month arithmetic). */
export function plusDuration(start: LocalDate, d: DurationInput): LocalDate {
  return start
    .plusYears(part(d, 'YEARS'))
    .plusMonths(part(d, 'MONTHS'))
    .plusWeeks(part(d, 'WEEKS'))
    .plusDays(part(d, 'DAYS'))
}

/** Last day served for a term starting on `start` (§2.1, including the first-of-month rule). */
export function lastDayServed(start: LocalDate, d: DurationInput): LocalDate {
  const years = part(d, 'YEARS')
  const months = part(d, 'MONTHS')
  if (start.dayOfMonth() === 1 && (years !== 0 || months !== 0)) {
    return start
      .plusYears(years)
      .plusMonths(months - 1)
      .with(TemporalAdjusters.lastDayOfMonth())
      .plusWeeks(part(d, 'WEEKS'))
      .plusDays(part(d, 'DAYS'))
  }
  return plusDuration(start.minusDays(1), d)
}

/** Inclusive length in days of a term starting on `start`. */
export function lengthInDays(start: LocalDate, d: DurationInput): number {
  return start.until(lastDayServed(start, d), ChronoUnit.DAYS) + 1
}

/** "Is this term at least n months?", measured as the reference does (§2.2). */
export function isAtLeastMonths(start: LocalDate, d: DurationInput, months: number): boolean {
  return lengthInDays(start, d) >= start.until(start.plusMonths(months), ChronoUnit.DAYS)
}

/** Element-wise sum (used for EDS/SOPC custodial + extension). */
export function addDurations(a: DurationInput, b: DurationInput): DurationInput {
  const out: DurationInput = { durationElements: {} }
  for (const unit of ['YEARS', 'MONTHS', 'WEEKS', 'DAYS'] as const) {
    const va = a.durationElements[unit]
    const vb = b.durationElements[unit]
    if (va !== undefined || vb !== undefined) out.durationElements[unit] = (va ?? 0) + (vb ?? 0)
  }
  return out
}

const UNIT_WORDS: Record<Unit, [string, string]> = {
  YEARS: ['year', 'years'],
  MONTHS: ['month', 'months'],
  WEEKS: ['week', 'weeks'],
  DAYS: ['day', 'days'],
}

/** "2 years 6 months"; "0 days" when nothing is recorded. */
export function describeDuration(d: DurationInput): string {
  const words: string[] = []
  for (const unit of ['YEARS', 'MONTHS', 'WEEKS', 'DAYS'] as const) {
    const v = d.durationElements[unit]
    if (v) words.push(`${v} ${UNIT_WORDS[unit][v === 1 ? 0 : 1]}`)
  }
  return words.length === 0 ? '0 days' : words.join(' ')
}

/** The calendar span from `start` to `end` in words, e.g. "4 years 21 days". */
export function describePeriod(start: LocalDate, end: LocalDate): string {
  const p = Period.between(start, end)
  return describeDuration({ durationElements: { YEARS: p.years(), MONTHS: p.months(), DAYS: p.days() } })
}
