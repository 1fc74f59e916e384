/**
 * ADJUSTMENT_AFTER_RELEASE_ADA / _RADA: additional days (or restorations) dated after the
 * latest release of the non-term sentences (additional days are awarded to prisoners: Prison Rules
 * 1999 r.55, Young Offender Institution Rules 2000 r.60, under CJA 2003 s.257).
 */
import { parseDate } from '../engine-parts.js'
import type { ValidationMessage } from '../engine-parts.js'
import { releaseDefaulted } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { LocalDate } from '@js-joda/core'
import { validationMessage } from '../catalogue.js'

export function adjustmentsAfterRelease({ booking, timeline }: PostCalculationInput): ValidationMessage[] {
  // Most bookings have no ADA or RADA, so there is nothing to check.
  if (
    !booking.adjustments.ADDITIONAL_DAYS_AWARDED?.length &&
    !booking.adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED?.length
  )
    return []
  const ss = timeline.sentences.filter((s) => s.d && !s.parts.every((p) => p.isTerm))
  if (!ss.length) return []
  let latest: LocalDate | null = null
  for (const s of ss) {
    const r = releaseDefaulted(s)
    if (!latest || r.isAfter(latest)) latest = r
  }
  const out: ValidationMessage[] = []
  const check = (
    list: { appliesToSentencesFrom: string }[] | undefined,
    code: 'ADJUSTMENT_AFTER_RELEASE_ADA' | 'ADJUSTMENT_AFTER_RELEASE_RADA',
    name: string,
  ) => {
    const i = (list ?? []).findIndex((a) => parseDate(a.appliesToSentencesFrom).isAfter(latest!))
    if (i >= 0)
      out.push(
        validationMessage(code, {
          path: `adjustments.${name}[${i}]`,
          date: list![i]!.appliesToSentencesFrom,
          comparedWith: latest!.toString(),
        }),
      )
  }
  check(
    booking.adjustments.ADDITIONAL_DAYS_AWARDED,
    'ADJUSTMENT_AFTER_RELEASE_ADA',
    'ADDITIONAL_DAYS_AWARDED',
  )
  check(
    booking.adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED,
    'ADJUSTMENT_AFTER_RELEASE_RADA',
    'RESTORATION_OF_ADDITIONAL_DAYS_AWARDED',
  )
  return out
}
