/**
 * Top-up supervision expiry date (TUSED): 12 months of supervision after release for short
 * sentences for offences on or after 1 February 2015.
 * Source: Criminal Justice Act 2003, s.256AA, inserted by the Offender Rehabilitation Act 2014, s.2.
 */
import type { LocalDate } from '@js-joda/core'
import { cite } from '../legislation/citation.js'
import { step, trace, type DateTrace } from '../explain/trace.js'
import { breakdown } from '../explain/breakdown.js'

export const TUSED_SOURCE = cite(
  'Criminal Justice Act 2003, s.256AA (supervision after end of sentence), inserted by Offender Rehabilitation Act 2014, s.2',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/256AA',
)

export function topUpSupervisionExpiry(args: {
  S: LocalDate
  immediateRelease: boolean
  unadjustedRelease: LocalDate
  /** Remand, tagged bail and UAL before release (additional days do not move the TUSED). */
  adjustmentDays: number
  ualAfterRelease: number
}): { date: LocalDate; trace: DateTrace } {
  const from = args.immediateRelease ? args.S : args.unadjustedRelease.plusDays(args.adjustmentDays)
  const date = from.plusMonths(12).plusDays(args.ualAfterRelease)
  return {
    date,
    trace: {
      breakdown: breakdown(
        args.immediateRelease
          ? ['TUSED_LICENCE_PERIOD_LT_1Y', 'IMMEDIATE_RELEASE']
          : ['TUSED_LICENCE_PERIOD_LT_1Y'],
        args.adjustmentDays,
        date,
        args.unadjustedRelease,
        { TUSED_LICENCE_PERIOD_LT_1Y: { amount: 12, unit: 'MONTHS' } },
      ),
      ...trace(
        'TUSED_LICENCE_PERIOD_LT_1Y',
        'Top-up supervision ends 12 months after release (before additional days)',
        [TUSED_SOURCE],
        [
          step(
            args.immediateRelease
              ? 'Immediate release: from the sentence date'
              : 'Release date before additional days awarded',
            from.toString(),
          ),
          step('Plus 12 months of supervision', from.plusMonths(12).toString(), TUSED_SOURCE),
          ...(args.ualAfterRelease
            ? [
                step('Plus unlawfully at large after release', `${args.ualAfterRelease} days`),
                step('Top-up supervision expiry date', date.toString()),
              ]
            : []),
        ],
      ),
    },
  }
}
