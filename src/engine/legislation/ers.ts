/**
 * Early removal scheme (ERS) parameters.
 * Source: Criminal Justice Act 2003, s.260 (early removal of prisoners liable to removal from the
 * United Kingdom), https://www.legislation.gov.uk/ukpga/2003/44/section/260; s.261 deals with
 * re-entry after early removal.
 *
 * To be verified: the subsections of s.260 holding the maximum period and the minimum part of the
 * custodial period served (an earlier text cited s.260(2) and (2A)), the order that set the
 * 544-day maximum, and the instrument that brought in ERS-30 from 23 September 2025.
 */
import { cite } from './citation.js'
import type { Citation } from '../api.js'
import type { MultiplierName } from './release-fractions.js'

export interface ErsScheme {
  readonly name: 'ERS_50' | 'ERS_30'
  readonly maxPeriod: { readonly amount: number; readonly unit: 'DAYS' | 'YEARS' }
  readonly releasePoint: MultiplierName
  readonly source: Citation
}

export const ERS_50: ErsScheme = {
  name: 'ERS_50',
  maxPeriod: { amount: 544, unit: 'DAYS' },
  releasePoint: 'ONE_HALF',
  source: cite(
    'Criminal Justice Act 2003, s.260 (ERS: removal up to 544 days before the requisite custodial period ends, once half of it is served)',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/260',
  ),
}

export const ERS_30: ErsScheme = {
  name: 'ERS_30',
  maxPeriod: { amount: 4, unit: 'YEARS' },
  releasePoint: 'THIRTY_PERCENT',
  source: cite(
    'Criminal Justice Act 2003, s.260 as amended with effect from 23 September 2025 (ERS-30: removal up to 4 years early, once 30% of the requisite custodial period is served)',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/260',
  ),
}
