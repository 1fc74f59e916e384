/**
 * Early removal scheme eligibility date (ERSED), ERS-50 and ERS-30.
 * Source: Criminal Justice Act 2003, s.260 (early removal of prisoners liable to removal).
 */
import { parseDate } from '../calendar/dates.js'
import { LocalDate } from '@js-joda/core'
import { ERS_30, ERS_50, type ErsScheme } from '../legislation/ers.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { ceilExact, RELEASE_FRACTIONS } from '../legislation/release-fractions.js'
import { step, trace, type DateTrace } from '../explain/trace.js'
import { daysBetween } from '../calendar/duration.js'
import { breakdown, withBreakdown, withRule, type DateBreakdown } from '../explain/breakdown.js'

const ERS30 = parseDate(COMMENCEMENTS.ERS_30.value)

export interface ErsInput {
  S: LocalDate
  effective: LocalDate
  effectiveUnadjusted: LocalDate
  /** Uc − D + Ac − served */
  adjustments: number
  ual: number
  awarded: number
  unusedAda: number
  servedAda: number
  /** A sentence/chain with any part sentenced on or after ERS-30 commencement. */
  afterErs30: boolean
}

function byScheme(i: ErsInput, s: ErsScheme): { date: LocalDate; rule: string; breakdown: DateBreakdown } {
  const max =
    s.maxPeriod.unit === 'DAYS'
      ? i.effective.minusDays(s.maxPeriod.amount)
      : i.effective.minusYears(s.maxPeriod.amount)
  const f = RELEASE_FRACTIONS[s.releasePoint].fraction
  const days = daysBetween(i.S, i.effectiveUnadjusted) + 1
  const minFrom = i.S.plusDays(ceilExact(days * f.numerator, f.denominator))
  let min = minFrom.plusDays(i.adjustments)
  if (min.isAfter(i.effective)) min = i.effective
  if (max.isAfter(min)) {
    if (!max.minusDays(i.ual + i.awarded).isBefore(i.S))
      return {
        date: max,
        rule: 'ERSED_MAX_PERIOD',
        breakdown: breakdown(
          ['ERSED_MAX_PERIOD'],
          daysBetween(i.effectiveUnadjusted, i.effective),
          max,
          i.effectiveUnadjusted,
          { ERSED_MAX_PERIOD: { amount: -s.maxPeriod.amount, unit: s.maxPeriod.unit } },
        ),
      }
  } else if (!min.minusDays(i.ual + i.awarded).isBefore(i.S))
    return {
      date: min,
      rule: 'ERSED_MIN_EFFECTIVE_DATE',
      breakdown: breakdown(['ERSED_MIN_EFFECTIVE_DATE'], i.adjustments, min, minFrom),
    }
  const date = i.S.plusDays(i.ual + i.awarded)
  return {
    date,
    rule: 'ERSED_BEFORE_SENTENCE_DATE',
    breakdown: breakdown(['ERSED_BEFORE_SENTENCE_DATE'], 0, date, date),
  }
}

export function earlyRemovalDate(i: ErsInput): { date: LocalDate; trace: DateTrace } {
  const ers30 = byScheme(i, ERS_30)
  const ers50 = byScheme(i, ERS_50)
  const mk = (d: LocalDate, rule: string, s: ErsScheme | null, b: DateBreakdown) => ({
    date: d,
    trace: withBreakdown(
      trace(
        rule,
        `Early removal eligibility (${s ? s.name.replace('_', '-') : 'ERS-30 commencement'})`,
        [s ? s.source : COMMENCEMENTS.ERS_30.source],
        [
          step(`Release point used: ${i.effective.toString()}`),
          step('Early removal eligibility date', d.toString(), s ? s.source : COMMENCEMENTS.ERS_30.source),
        ],
      ),
      b,
    ),
  })
  if (i.afterErs30) return mk(ers30.date, ers30.rule, ERS_30, ers30.breakdown)
  if (ers50.date.minusDays(i.awarded).isBefore(ERS30))
    return mk(ers50.date, ers50.rule, ERS_50, ers50.breakdown)
  if (!ers30.date.minusDays(i.awarded).isBefore(ERS30))
    return mk(ers30.date, ers30.rule, ERS_30, ers30.breakdown)
  // Recorded like the HDC-365 commencement: the ERS-30 breakdown with the commencement rule added.
  return mk(
    ERS30.plusDays(i.awarded - i.unusedAda - i.servedAda),
    'ERSED_ADJUSTED_TO_ERS30_COMMENCEMENT',
    null,
    withRule(ers30.breakdown, 'ERSED_ADJUSTED_TO_ERS30_COMMENCEMENT'),
  )
}
