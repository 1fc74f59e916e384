/**
 * Home detention curfew eligibility date (HDCED), HDC-180 and HDC-365.
 * Source: Criminal Justice Act 2003, s.246 (power to release before the required date), as
 * amended from 2025-06-03 (HDC-365): s.246(1) gives the window, s.246(2) the minimum conditions
 * (6 weeks; 4 weeks and one half of the requisite custodial period served). The 14-day rule
 * follows the reference service; whether it comes from s.246 or from HMPPS policy is not
 * confirmed, so it is cited to s.246 without a subsection (legislation/hdc.ts).
 */
import { parseDate } from '../calendar/dates.js'
import { LocalDate } from '@js-joda/core'
import { HDC_PARAMETERS, HDC_REGIMES, type HdcRegime } from '../legislation/hdc.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { ceilExact } from '../legislation/release-fractions.js'
import { step, trace, type DateTrace } from '../explain/trace.js'
import type { ExplanationStep } from '../api.js'
import { breakdown, withRule, type DateBreakdown } from '../explain/breakdown.js'

const HDC365 = parseDate(COMMENCEMENTS.HDC_365.value)

export interface HdcInput {
  S: LocalDate
  /** Integer days to release and the exact decimal (num/den). */
  daysToRelease: number
  releaseNum: number
  releaseDen: number
  adjustedRelease: LocalDate
  deductions: number
  ual: number
  /** awardedDuringCustody − unusedAdaDays − servedAdaDays */
  awarded: number
  /** For a chain spanning the HDC-365 commencement. */
  spansHdc365: boolean
}

interface Regime {
  /** The date with UAL but without additional days: decides which regime applies. */
  candidate: LocalDate
  result: LocalDate
  steps: ExplanationStep[]
  minimum: boolean
  breakdown: DateBreakdown
}

function byRegime(i: HdcInput, r: HdcRegime): Regime {
  const ceilPd = ceilExact(i.releaseNum, i.releaseDen)
  const steps: ExplanationStep[] = []
  let n: number
  let base = 0
  const belowMidPoint = ceilPd < r.midPointDays
  if (belowMidPoint) {
    const half = ceilExact(i.releaseNum, i.releaseDen * 2)
    base = Math.max(HDC_PARAMETERS.belowMidPointMinimumDeductionDays.value, half)
    n = base - i.deductions + i.ual
    steps.push(
      step(
        `Custodial period under ${r.midPointDays} days: half of it rounded up (${half}), at least 28 days`,
        `${base} days`,
        HDC_PARAMETERS.belowMidPointMinimumDeductionDays.source,
      ),
    )
  } else {
    n = i.daysToRelease - (r.aboveMidPointDeductionDays + 1) - i.deductions + i.ual
    steps.push(
      step(
        `Custodial period of ${r.midPointDays} days or more: ${r.aboveMidPointDeductionDays + 1} days before the release point`,
        `${i.daysToRelease - (r.aboveMidPointDeductionDays + 1)} days`,
        r.source,
      ),
    )
  }
  if (i.deductions) steps.push(step('Less remand and tagged bail', `${i.deductions} days`))
  if (i.ual) steps.push(step('Plus unlawfully at large', `${i.ual} days`))
  const candidate = i.S.plusDays(n)
  const min = i.S.plusDays(HDC_PARAMETERS.minimumDaysOnHdc.value)
  const regimeRule = belowMidPoint ? 'HDCED_GE_MIN_PERIOD_LT_MIDPOINT' : 'HDCED_GE_MIDPOINT_LT_MAX_PERIOD'
  if (!min.isBefore(candidate.minusDays(i.ual))) {
    steps.push(
      step(
        'The 14-day rule applies: sentence date plus 14 days',
        min.toString(),
        HDC_PARAMETERS.minimumDaysOnHdc.source,
      ),
    )
    const result = min.plusDays(i.ual + i.awarded)
    return {
      candidate: min.plusDays(i.ual),
      result,
      steps,
      minimum: true,
      breakdown: breakdown(['HDCED_MINIMUM_CUSTODIAL_PERIOD', regimeRule], i.ual + i.awarded, result, i.S, {
        HDCED_MINIMUM_CUSTODIAL_PERIOD: { amount: HDC_PARAMETERS.minimumDaysOnHdc.value, unit: 'DAYS' },
      }),
    }
  }
  if (i.awarded) steps.push(step('Plus net additional days awarded', `${i.awarded} days`))
  const result = candidate.plusDays(i.awarded)
  const adjustedDays = i.ual + i.awarded - i.deductions
  return {
    candidate,
    result,
    steps,
    minimum: false,
    // Below the mid-point the rule counts forward from the sentence date; above it, back from the
    // adjusted release point.
    breakdown: belowMidPoint
      ? breakdown([regimeRule], adjustedDays, result, i.S, {
          [regimeRule]: { amount: base, unit: 'DAYS' },
        })
      : breakdown([regimeRule], adjustedDays, result, result.plusDays(r.aboveMidPointDeductionDays), {
          [regimeRule]: { amount: -r.aboveMidPointDeductionDays, unit: 'DAYS' },
        }),
  }
}

export function hdcEligibilityDate(i: HdcInput): { date: LocalDate; trace: DateTrace } | null {
  const ceilPd = ceilExact(i.releaseNum, i.releaseDen)
  if (i.adjustedRelease.isBefore(i.S.plusDays(HDC_PARAMETERS.minimumDaysOnHdc.value))) return null
  if (ceilPd < HDC_PARAMETERS.minimumCustodialPeriodDays.value) return null
  const [r180, r365] = [byRegime(i, HDC_REGIMES[0]!), byRegime(i, HDC_REGIMES[1]!)]
  let cand180 = r180.candidate
  if (i.spansHdc365 && cand180.isBefore(HDC365)) cand180 = HDC365
  const sources = [HDC_PARAMETERS.minimumDaysOnHdc.source]
  if (cand180.isBefore(HDC365)) {
    return {
      date: r180.result,
      trace: {
        breakdown: withRule(r180.breakdown, 'HDC_180'),
        ...trace(
          r180.minimum ? 'HDCED_MINIMUM_CUSTODIAL_PERIOD' : 'HDC_180',
          'Home detention curfew eligibility (HDC-180 rules)',
          [HDC_REGIMES[0]!.source, ...sources],
          [
            step('Sentence date', i.S.toString()),
            ...r180.steps,
            step('HDC eligibility date', r180.result.toString()),
          ],
        ),
      },
    }
  }
  if (!r365.candidate.isBefore(HDC365)) {
    return {
      date: r365.result,
      trace: {
        breakdown: r365.breakdown,
        ...trace(
          r365.minimum ? 'HDCED_MINIMUM_CUSTODIAL_PERIOD' : 'HDC_365',
          'Home detention curfew eligibility (HDC-365 rules)',
          [HDC_REGIMES[1]!.source, ...sources],
          [
            step('Sentence date', i.S.toString()),
            ...r365.steps,
            step('HDC eligibility date', r365.result.toString()),
          ],
        ),
      },
    }
  }
  const date = HDC365.plusDays(i.awarded)
  return {
    date,
    // As in the reference, the breakdown is the HDC-365 one with the commencement rule added: its
    // date stays the HDC-365 date, which the commencement date replaced.
    trace: {
      breakdown: withRule(r365.breakdown, 'HDCED_ADJUSTED_TO_365_COMMENCEMENT'),
      ...trace(
        'HDCED_ADJUSTED_TO_365_COMMENCEMENT',
        'HDC eligibility cannot be before HDC-365 commencement',
        [COMMENCEMENTS.HDC_365.source],
        [
          step(
            'HDC-180 date falls on or after 3 June 2025 but HDC-365 date falls before it: use the commencement date',
            HDC365.toString(),
            COMMENCEMENTS.HDC_365.source,
          ),
          ...(i.awarded
            ? [
                step('Plus net additional days awarded', `${i.awarded} days`),
                step('HDC eligibility date', date.toString()),
              ]
            : []),
        ],
      ),
    },
  }
}
