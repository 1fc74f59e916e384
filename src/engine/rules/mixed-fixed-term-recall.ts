/**
 * Booking-level post-recall release with fixed-term recalls of mixed sentence lengths
 * (Criminal Justice Act 2003, s.255B: 14 days for sentences under 12 months, 28 days otherwise).
 * The recall is governed by the sentence that is still running at the return to custody.
 */
import type { LocalDate } from '@js-joda/core'
import type { CalcSentence } from '../model/calculable.js'
import { lessThan } from '../model/part.js'

function ftrDays(s: CalcSentence): 14 | 28 | null {
  return s.recall?.type === 'FIXED_TERM_RECALL_14' ? 14 : s.recall?.type === 'FIXED_TERM_RECALL_28' ? 28 : null
}

const long = (s: CalcSentence) => !lessThan(s.d!.daysToExpiry, s.sentencedAt, 12, 'MONTHS')
const min = (a: LocalDate, b: LocalDate) => (a.isBefore(b) ? a : b)

export function mixedFixedTermRecallRelease(
  all: readonly CalcSentence[],
  rtc: LocalDate | null,
  sled: LocalDate | undefined,
  latestRelease: LocalDate,
): { date: LocalDate; says: string } | null {
  if (!rtc || !sled) return null
  const ftrs = all.filter((s) => s.d && (ftrDays(s) === 28 || (ftrDays(s) === 14 && s.types.has('SLED'))))
  const longs = ftrs.filter(long)
  if (!longs.length || longs.length === ftrs.length) return null
  const latest = ftrs.find((s) => s.d!.expiry.equals(sled))
  if (!latest) return null
  const days = ftrDays(latest)!
  const cap = rtc.plusDays(days - 1 + latest.adj.ualAfterFtr + latest.adj.awardedAfterDeterminateRelease)
  if (long(latest)) return { date: min(cap, latest.d!.expiry), says: `Latest sentence is 12 months or more: ${days}-day recall, not after its expiry` }
  const running = longs.filter((s) => !s.d!.expiry.isBefore(rtc))
  if (!running.length) return null
  const closest = running.reduce((m, s) =>
    Math.abs(s.d!.unadjustedExpiry.toEpochDay() - latestRelease.toEpochDay()) < Math.abs(m.d!.unadjustedExpiry.toEpochDay() - latestRelease.toEpochDay()) ? s : m,
  )
  if (days === 28) return { date: min(cap, closest.d!.expiry), says: 'A sentence of 12 months or more is still running: released at its expiry if earlier than the 28-day recall' }
  return { date: min(cap, latest.d!.expiry), says: '14-day recall, not after the latest sentence expiry' }
}
