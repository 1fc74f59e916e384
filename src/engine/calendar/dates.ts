/** Fast ISO date parsing (the input is already validated as YYYY-MM-DD), with a small cache. */
import { LocalDate } from '@js-joda/core'

const cache = new Map<string, LocalDate>()

export function parseDate(s: string): LocalDate {
  let d = cache.get(s)
  if (d === undefined) {
    d = LocalDate.of(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)))
    if (cache.size > 50_000) cache.clear()
    cache.set(s, d)
  }
  return d
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/**
 * A real calendar date written YYYY-MM-DD: the same test as the booking schema's `isoDate`
 * (input/reference-booking.ts), cheap enough to run on every calculation.
 */
export function isIsoDate(s: string): boolean {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false
  const y = Number(s.slice(0, 4))
  const m = Number(s.slice(5, 7))
  const d = Number(s.slice(8, 10))
  if (m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)
}
