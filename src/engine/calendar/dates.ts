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
