/**
 * A remand period given both as a range and as a count must agree: remand counts every day from
 * the first to the last, both included. A user who knows they differ (for example overlapping
 * remand already credited to another sentence) says why; the reason is kept with the record.
 */
import { ChronoUnit, LocalDate } from '@js-joda/core'

export interface AdjustmentDays {
  type: string
  numberOfDays: number
  fromDate?: string | null
  toDate?: string | null
  daysDifferReason?: string | null
}

/** Days from the first to the last, both included; undefined unless both are real dates in order. */
export function daysInRange(fromDate: string, toDate: string): number | undefined {
  try {
    const from = LocalDate.parse(fromDate)
    const to = LocalDate.parse(toDate)
    if (to.isBefore(from)) return undefined
    return from.until(to, ChronoUnit.DAYS) + 1
  } catch {
    return undefined
  }
}

/** The problem, in GOV.UK words, or undefined when the record is consistent (or explained). */
export function adjustmentDaysProblem(a: AdjustmentDays): { inRange: number; message: string } | undefined {
  if (a.type !== 'REMAND' || !a.fromDate || !a.toDate) return undefined
  const inRange = daysInRange(a.fromDate, a.toDate)
  if (inRange === undefined || inRange === a.numberOfDays) return undefined
  if ((a.daysDifferReason ?? '').trim().length > 0) return undefined
  return {
    inRange,
    message: `The number of days (${a.numberOfDays}) does not match the first and last day, which are ${inRange} days. Correct the number or the dates, or say why they differ`,
  }
}
