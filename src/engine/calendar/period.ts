/** ISO-8601 periods as java.time.Period.between produces them (normalised, e.g. P1Y6M). */
import { Period, type LocalDate } from '@js-joda/core'

export function periodBetween(a: LocalDate, b: LocalDate): string {
  return Period.between(a, b).toString()
}

/** Age as the reference computes it: years + 0.0001 × months + 0.0001 × days. */
export function ageOn(dob: LocalDate, on: LocalDate): number {
  const p = Period.between(dob, on)
  return p.years() + 0.0001 * p.months() + 0.0001 * p.days()
}
