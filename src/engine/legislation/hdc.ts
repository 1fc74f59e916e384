/**
 * Home detention curfew eligibility parameters (HDC-180 and HDC-365).
 * Source: Criminal Justice Act 2003, s.246 (as amended), and the reference service's `hdced` parameters.
 */
import { cite, type Sourced } from './citation.js'

export interface HdcRegime {
  readonly name: 'HDC_180' | 'HDC_365'
  /** Custodial periods (in days) at or above this use the fixed deduction. */
  readonly midPointDays: number
  /** Eligibility is this many days before the release date when at or above the mid point. */
  readonly aboveMidPointDeductionDays: number
  readonly source: Sourced<string>['source']
}

export const HDC_PARAMETERS = {
  minimumCustodialPeriodDays: {
    value: 42,
    summary: 'No HDC if the requisite custodial period is under 6 weeks',
    source: cite('Criminal Justice Act 2003, s.246(4)(i)'),
  },
  minimumDaysOnHdc: {
    value: 14,
    summary: 'HDC eligibility is at least 14 days after the sentence date',
    source: cite('Criminal Justice Act 2003, s.246(2)(b) (the 14-day rule)'),
  },
  belowMidPointMinimumDeductionDays: {
    value: 28,
    summary: 'Below the mid point: half the custodial period, but at least 28 days',
    source: cite('Criminal Justice Act 2003, s.246(2)(a) and (2A)'),
  },
} as const satisfies Record<string, Sourced<number>>

export const HDC_REGIMES: readonly HdcRegime[] = [
  {
    name: 'HDC_180',
    midPointDays: 360,
    aboveMidPointDeductionDays: 179,
    source: cite('Criminal Justice Act 2003, s.246(1)(a) (maximum 180 days on HDC)'),
  },
  {
    name: 'HDC_365',
    midPointDays: 730,
    aboveMidPointDeductionDays: 364,
    source: cite('Criminal Justice Act 2003, s.246(1)(a) as amended (maximum 365 days on HDC, from 2025-06-03)'),
  },
]
