/**
 * Release fractions (the "multipliers" of the reference service), as exact integer ratios.
 * Sources: Criminal Justice Act 2003 s.244(3) (one half; 40% under SI 2024/844), s.244ZA (SDS+,
 * two thirds), s.244A (SOPC), s.246A (extended sentences), s.258 (fine defaulters); Criminal
 * Justice Act 1991 ss.33 and 37 (sentences for offences before 4 April 2005); Sentencing Act 2020
 * ss.233-248 (detention and training orders: half of the term); the Sentencing Act 2026
 * progression model (one third).
 *
 * Citation notes: the earlier header cited "Sentencing Act 2020 s.244A", which does not exist as
 * a release provision (s.244A is the CJA 2003 SOPC release section). The exact section of the
 * Sentencing Act 2026 that substitutes one third into CJA 2003 s.244 (secondary sources say s.23)
 * and the instrument amending s.260 for ERS-30 are to be verified, as is the article of SI 2024/844
 * that substitutes 40 per cent into s.244(3)(a).
 */
import { cite, type Fraction } from './citation.js'
import type { Citation } from '../api.js'

export type MultiplierName =
  'FULL' | 'THREE_QUARTERS' | 'TWO_THIRDS' | 'ONE_HALF' | 'ONE_THIRD' | 'FORTY_PERCENT' | 'THIRTY_PERCENT'

export interface ReleaseFraction {
  readonly name: MultiplierName
  readonly fraction: Fraction
  readonly source: Citation
}

export const RELEASE_FRACTIONS: Readonly<Record<MultiplierName, ReleaseFraction>> = {
  FULL: {
    name: 'FULL',
    fraction: { numerator: 1, denominator: 1 },
    source: cite(
      'Criminal Justice Act 2003, s.244A (SOPC) and s.246A (extended sentences): release at the latest at the end of the custodial term; s.258 (fine defaulters of £10 million or more)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/246A',
    ),
  },
  THREE_QUARTERS: {
    name: 'THREE_QUARTERS',
    fraction: { numerator: 3, denominator: 4 },
    source: cite(
      'Criminal Justice Act 1991, s.37(1) (licence in force to the three-quarters point; offences before 4 April 2005)',
      'https://www.legislation.gov.uk/ukpga/1991/53/section/37',
    ),
  },
  TWO_THIRDS: {
    name: 'TWO_THIRDS',
    fraction: { numerator: 2, denominator: 3 },
    source: cite(
      'Criminal Justice Act 2003, s.244ZA (SDS+: release at two thirds), inserted by SI 2020/158 and amended by the Police, Crime, Sentencing and Courts Act 2022; also s.246A (extended sentences: two thirds of the custodial term)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/244ZA',
    ),
  },
  ONE_HALF: {
    name: 'ONE_HALF',
    fraction: { numerator: 1, denominator: 2 },
    source: cite(
      'Criminal Justice Act 2003, s.244(3)(a) (requisite custodial period: one half of the sentence)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/244',
    ),
  },
  ONE_THIRD: {
    name: 'ONE_THIRD',
    fraction: { numerator: 1, denominator: 3 },
    source: cite(
      'Criminal Justice Act 2003, s.244(3) as amended by the Sentencing Act 2026 (progression model: release at one third; profile sds-progression-model-october)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/244',
    ),
  },
  FORTY_PERCENT: {
    name: 'FORTY_PERCENT',
    fraction: { numerator: 2, denominator: 5 },
    source: cite(
      'SI 2024/844 (Criminal Justice Act 2003 (Requisite and Minimum Custodial Periods) Order 2024), amending Criminal Justice Act 2003, s.244(3)(a): 40% for standard determinate sentences not excluded',
      'https://www.legislation.gov.uk/uksi/2024/844',
    ),
  },
  THIRTY_PERCENT: {
    name: 'THIRTY_PERCENT',
    fraction: { numerator: 3, denominator: 10 },
    source: cite(
      'Criminal Justice Act 2003, s.260 as amended from 23 September 2025 (early removal scheme, ERS-30: after 30% of the requisite custodial period)',
      'https://www.legislation.gov.uk/ukpga/2003/44/section/260',
    ),
  },
}

/** ceil(days × fraction) with exact integer arithmetic. */
export function ceilTimes(days: number, f: Fraction): number {
  return ceilExact(days * f.numerator, f.denominator)
}

/** ceil(a / b) for integers, b > 0. */
export function ceilExact(a: number, b: number): number {
  const q = Math.floor(a / b)
  return q * b === a ? q : q + 1
}

export function floorTimes(days: number, f: Fraction): number {
  return Math.floor((days * f.numerator) / f.denominator)
}
