/**
 * ADJUSTMENT_AFTER_RELEASE_ADA / _RADA: additional days (or restorations) dated after the
 * latest release of the non-term sentences (Prison Rules 1999 r.55 applies only in custody).
 */
import { parseDate } from '../engine-parts.js'
import type { ValidationMessage } from '../engine-parts.js'
import { releaseDefaulted } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { LocalDate } from '@js-joda/core'

export function adjustmentsAfterRelease({ booking, timeline }: PostCalculationInput): ValidationMessage[] {
  const ss = timeline.sentences.filter((s) => s.d && !s.parts.every((p) => p.isTerm))
  if (!ss.length) return []
  let latest: LocalDate | null = null
  for (const s of ss) {
    const r = releaseDefaulted(s)
    if (!latest || r.isAfter(latest)) latest = r
  }
  const out: ValidationMessage[] = []
  const check = (list: { appliesToSentencesFrom: string }[] | undefined, code: string, what: string) => {
    if ((list ?? []).some((a) => parseDate(a.appliesToSentencesFrom).isAfter(latest!)))
      out.push({ code, category: 'BAD_DATA', message: `${what} is dated after the release date ${latest!.toString()}` })
  }
  check(booking.adjustments.ADDITIONAL_DAYS_AWARDED, 'ADJUSTMENT_AFTER_RELEASE_ADA', 'An award of additional days')
  check(booking.adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED, 'ADJUSTMENT_AFTER_RELEASE_RADA', 'A restoration of additional days')
  return out
}
