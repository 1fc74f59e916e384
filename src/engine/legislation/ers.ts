/**
 * Early removal scheme (ERS) parameters.
 * Source: Criminal Justice Act 2003, s.260 (removal of prisoners liable to removal from the UK).
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
  source: cite('Criminal Justice Act 2003, s.260(2) and (2A) (ERS: up to 544 days, after half the requisite period)'),
}

export const ERS_30: ErsScheme = {
  name: 'ERS_30',
  maxPeriod: { amount: 4, unit: 'YEARS' },
  releasePoint: 'THIRTY_PERCENT',
  source: cite('Criminal Justice Act 2003, s.260 as amended from 2025-09-23 (ERS-30: up to 4 years, after 30%)'),
}
