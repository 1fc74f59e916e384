/**
 * Home detention curfew eligibility parameters (HDC-180 and HDC-365).
 * Source: Criminal Justice Act 2003, s.246 (power to release before required to do so), as
 * amended; https://www.legislation.gov.uk/ukpga/2003/44/section/246. The numbers match the
 * reference service's `hdced` parameters.
 *
 * What is known: s.246(1) lets the Secretary of State release a fixed-term prisoner on HDC
 * licence during a set number of days ending with the requisite custodial period (180 days before
 * 3 June 2025, 365 days from then); s.246(2) sets the minimum conditions (a requisite custodial
 * period of at least 6 weeks, and a minimum part of it served).
 * To be verified: the order that raised the maximum to 365 days (shared notes point at SI
 * 2024/1331; not confirmed here) and the one that set 180 days; the paragraph numbering inside
 * s.246(2) for the 4-week (28-day) and one-half conditions; and the source of the 14-day rule,
 * which is believed to be HMPPS policy (the HDC policy framework) rather than the Act itself, so
 * it is cited to s.246 without a subsection (an earlier comment said s.246(2)(b); not confirmed).
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
    source: cite(
      'Criminal Justice Act 2003, s.246(2) (no HDC where the requisite custodial period is under 6 weeks)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
    ),
  },
  minimumDaysOnHdc: {
    value: 14,
    summary: 'HDC eligibility is at least 14 days after the sentence date',
    source: cite(
      'Criminal Justice Act 2003, s.246 (discretionary HDC release); the 14-day minimum after the sentence date is applied as in the reference service',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
    ),
  },
  belowMidPointMinimumDeductionDays: {
    value: 28,
    summary: 'Below the mid point: half the custodial period, but at least 28 days',
    source: cite(
      'Criminal Justice Act 2003, s.246(2) (at least 4 weeks and one half of the requisite custodial period served)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
    ),
  },
} as const satisfies Record<string, Sourced<number>>

export const HDC_REGIMES: readonly HdcRegime[] = [
  {
    name: 'HDC_180',
    midPointDays: 360,
    aboveMidPointDeductionDays: 179,
    source: cite(
      'Criminal Justice Act 2003, s.246(1) (HDC: up to 180 days before the requisite custodial period ends; before 3 June 2025)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
    ),
  },
  {
    name: 'HDC_365',
    midPointDays: 730,
    aboveMidPointDeductionDays: 364,
    source: cite(
      'Criminal Justice Act 2003, s.246(1) as amended with effect from 3 June 2025 (HDC: up to 365 days before the requisite custodial period ends)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
    ),
  },
]
