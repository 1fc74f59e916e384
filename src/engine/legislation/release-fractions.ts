/**
 * Release fractions (the "multipliers" of the reference service), as exact integer ratios.
 * Sources: Criminal Justice Act 2003 ss.244, 244ZA, 246A, 247; Sentencing Act 2020 s.244A;
 * Powers of Criminal Courts (Sentencing) Act 2000 s.102 (DTOs); Criminal Justice Act 1991 s.33
 * (pre-2005 sentences); SI 2024/844 (SDS40); the progression model profile.
 */
import { cite, type Fraction } from './citation.js'
import type { Citation } from '../api.js'

export type MultiplierName =
  | 'FULL'
  | 'THREE_QUARTERS'
  | 'TWO_THIRDS'
  | 'ONE_HALF'
  | 'ONE_THIRD'
  | 'FORTY_PERCENT'
  | 'THIRTY_PERCENT'

export interface ReleaseFraction {
  readonly name: MultiplierName
  readonly fraction: Fraction
  readonly source: Citation
}

export const RELEASE_FRACTIONS: Readonly<Record<MultiplierName, ReleaseFraction>> = {
  FULL: {
    name: 'FULL',
    fraction: { numerator: 1, denominator: 1 },
    source: cite('Criminal Justice Act 2003, s.246A(5) (release at the end of the custodial term)'),
  },
  THREE_QUARTERS: {
    name: 'THREE_QUARTERS',
    fraction: { numerator: 3, denominator: 4 },
    source: cite('Criminal Justice Act 1991, s.37(1) (licence to three-quarters, pre-CJA 2003 sentences)'),
  },
  TWO_THIRDS: {
    name: 'TWO_THIRDS',
    fraction: { numerator: 2, denominator: 3 },
    source: cite('Criminal Justice Act 2003, s.244ZA (serious offenders: release at two thirds)'),
  },
  ONE_HALF: {
    name: 'ONE_HALF',
    fraction: { numerator: 1, denominator: 2 },
    source: cite('Criminal Justice Act 2003, s.244(3)(a) (requisite custodial period: one half)'),
  },
  ONE_THIRD: {
    name: 'ONE_THIRD',
    fraction: { numerator: 1, denominator: 3 },
    source: cite('Sentencing Act 2026 progression model (profile sds-progression-model-october)'),
  },
  FORTY_PERCENT: {
    name: 'FORTY_PERCENT',
    fraction: { numerator: 2, denominator: 5 },
    source: cite(
      'SI 2024/844 (SDS40), art. 2, amending Criminal Justice Act 2003, s.244(3)(a)',
      'https://www.legislation.gov.uk/uksi/2024/844',
    ),
  },
  THIRTY_PERCENT: {
    name: 'THIRTY_PERCENT',
    fraction: { numerator: 3, denominator: 10 },
    source: cite('Criminal Justice Act 2003, s.260 as amended (early removal scheme, ERS-30)'),
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
