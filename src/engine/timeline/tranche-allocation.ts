/**
 * Tranche allocation for early-release laws that commence in tranches (SDS40, SI 2024/844, whose
 * tranche articles are not confirmed; the progression model, whose tranche dates are the
 * reference service's configuration): how long a sentence is for tranche purposes, which tranche
 * applies, and whether the person was in custody at the tranche date.
 */
import { ChronoUnit, type LocalDate } from '@js-joda/core'
import type { BookingInput } from '../input/reference-booking.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Tranche } from '../legislation/sds-legislation.js'
import { aggregateDays } from '../calendar/duration.js'
import { parseDate } from '../calendar/dates.js'

/** Length (years or days) of the parts sentenced before commencement, laid end to end. */
export function trancheLength(
  s: CalcSentence,
  commencement: LocalDate,
  unit: 'YEARS' | 'DAYS',
): number | null {
  if (!s.d || s.d.adjustedExpiry.isBefore(commencement)) return null
  const ps = s.parts.filter(
    (p) => p.sentencedAt.isBefore(commencement) && !p.isDto && !p.isBotus && !p.isFine,
  )
  if (!ps.length) return null
  const start = ps.reduce((m, p) => (p.sentencedAt.isBefore(m) ? p.sentencedAt : m), ps[0]!.sentencedAt)
  const days = aggregateDays(
    ps.map((p) => p.total),
    start,
  )
  const after = start.plusDays(days)
  return unit === 'YEARS' ? ChronoUnit.YEARS.between(start, after) : ChronoUnit.DAYS.between(start, after)
}

/** The first tranche whose length limit every sentence meets; the final tranche otherwise. */
export function pickTranche(tranches: readonly Tranche[], lengths: number[]): Tranche {
  for (const t of tranches) {
    if (!t.limit) return t
    const lim = t.limit
    if (
      lengths.every((l) => (lim.type === 'SENTENCE_LENGTH_LESS_THAN' ? l < lim.duration : l <= lim.duration))
    )
      return t
  }
  return tranches[tranches.length - 1]!
}

/**
 * SDS40 is not allocated to someone out of prison just before the tranche date, unless they
 * were unlawfully at large across it (never after an HDC, ERS or ECSL release).
 */
export function outOfPrisonBefore(booking: BookingInput, date: LocalDate): boolean {
  const before = booking.externalMovements.filter((m) => parseDate(m.movementDate).isBefore(date))
  const last = before[before.length - 1]
  if (last === undefined || last.direction !== 'OUT') return false
  if (last.movementReason === 'HDC' || last.movementReason === 'ERS' || last.movementReason === 'ECSL')
    return true
  const ualAcross = (booking.adjustments.UNLAWFULLY_AT_LARGE ?? []).some(
    (u) =>
      u.fromDate && u.toDate && !parseDate(u.fromDate).isAfter(date) && !parseDate(u.toDate).isBefore(date),
  )
  return !ualAcross
}

/** Days unlawfully at large in periods starting on or after a date. */
export function ualFrom(booking: BookingInput, date: LocalDate): number {
  return (booking.adjustments.UNLAWFULLY_AT_LARGE ?? [])
    .filter((u) => !parseDate(u.appliesToSentencesFrom).isBefore(date))
    .reduce((n, u) => n + u.numberOfDays, 0)
}
