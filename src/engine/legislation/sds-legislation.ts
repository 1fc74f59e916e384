/**
 * Early-release legislation for standard determinate sentences, as dated data:
 * the default halfway/two-thirds rules, SDS40 (SI 2024/844) with its tranches, the SDS40
 * additional excluded offences (SI 2024/1165), and the progression model.
 */
import { cite } from './citation.js'
import type { Citation } from '../api.js'
import type { MultiplierName } from './release-fractions.js'

export type LegislationName =
  | 'SDS_DEFAULT'
  | 'SDS_40'
  | 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES'
  | 'SDS_PROGRESSION_MODEL'
  | 'FTR_56'

export type SentenceFilter = 'SDS_OR_SDS_PLUS' | 'SDS_40_EXCLUSIONS' | 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES' | 'PROGRESSION_MODEL'

export interface Tranche {
  readonly name: string
  readonly date: string
  /** Absent for the final tranche (everyone not allocated earlier). */
  readonly limit?: {
    readonly type: 'SENTENCE_LENGTH_LESS_THAN' | 'SENTENCE_LENGTH_LESS_THAN_OR_EQUAL_TO'
    readonly unit: 'YEARS' | 'DAYS'
    readonly duration: number
  }
  readonly source: Citation
}

export interface SdsLegislation {
  readonly name: LegislationName
  readonly commencement: string
  readonly multipliers: Partial<Record<'SDS' | 'SDS_PLUS', MultiplierName>>
  readonly filter: SentenceFilter
  readonly tranches: readonly Tranche[]
  readonly source: Citation
}

export const SDS_DEFAULT: SdsLegislation = {
  name: 'SDS_DEFAULT',
  commencement: '0001-01-01',
  multipliers: { SDS: 'ONE_HALF', SDS_PLUS: 'TWO_THIRDS' },
  filter: 'SDS_OR_SDS_PLUS',
  tranches: [],
  source: cite('Criminal Justice Act 2003, s.244(3)(a) and s.244ZA (halfway; two thirds for SDS+)'),
}

export interface Sds40Dates {
  readonly trancheOne: string
  readonly trancheTwo: string
  readonly trancheThree: string
}

export function sds40(dates: Sds40Dates, multiplier: MultiplierName): SdsLegislation {
  return {
    name: 'SDS_40',
    commencement: dates.trancheOne,
    multipliers: { SDS: multiplier },
    filter: 'SDS_40_EXCLUSIONS',
    tranches: [
      {
        name: 'TRANCHE_1',
        date: dates.trancheOne,
        limit: { type: 'SENTENCE_LENGTH_LESS_THAN', unit: 'YEARS', duration: 5 },
        source: cite('SI 2024/844 (SDS40), art. 1(2)(a): sentences under 5 years'),
      },
      {
        name: 'TRANCHE_2',
        date: dates.trancheTwo,
        source: cite('SI 2024/844 (SDS40), art. 1(2)(b): all other relevant sentences'),
      },
    ],
    source: cite(
      'SI 2024/844 (Criminal Justice Act 2003 (Requisite and Minimum Custodial Periods) Order 2024), art. 2',
      'https://www.legislation.gov.uk/uksi/2024/844',
    ),
  }
}

export function sds40AdditionalExclusions(dates: Sds40Dates): SdsLegislation {
  return {
    name: 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES',
    commencement: dates.trancheThree,
    multipliers: { SDS: 'ONE_HALF', SDS_PLUS: 'TWO_THIRDS' },
    filter: 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES',
    tranches: [],
    source: cite('SDS40 amendment order 2024: additional excluded offences from 2024-12-16 (amending SI 2024/844)'),
  }
}

/** The progression model tranches (days are "length at most"). */
const PROGRESSION_TRANCHES: ReadonlyArray<[string, number | null, string]> = [
  ['TRANCHE_1', 574, '2026-10-01'],
  ['TRANCHE_2', 882, '2026-10-13'],
  ['TRANCHE_3', 1162, '2026-11-10'],
  ['TRANCHE_4', 1561, '2026-12-08'],
  ['TRANCHE_5', 2121, '2027-01-12'],
  ['TRANCHE_6', 2758, '2027-02-09'],
  ['TRANCHE_7', 3283, '2027-03-09'],
  ['TRANCHE_8', 3654, '2027-04-13'],
  ['TRANCHE_9', 4396, '2027-05-11'],
  ['TRANCHE_10', null, '2027-06-08'],
]

export const SDS_PROGRESSION_MODEL: SdsLegislation = {
  name: 'SDS_PROGRESSION_MODEL',
  commencement: '2026-10-01',
  multipliers: { SDS: 'ONE_THIRD', SDS_PLUS: 'ONE_HALF' },
  filter: 'PROGRESSION_MODEL',
  tranches: PROGRESSION_TRANCHES.map(([name, days, date]) => ({
    name,
    date,
    ...(days === null
      ? {}
      : { limit: { type: 'SENTENCE_LENGTH_LESS_THAN_OR_EQUAL_TO' as const, unit: 'DAYS' as const, duration: days } }),
    source: cite(`Sentencing Act 2026 progression model, commencement schedule (${name})`),
  })),
  source: cite('Sentencing Act 2026, progression model (release at one third; SDS+ at one half)'),
}

/** Fixed-term recall of 56 days and its tranches. */
export const FTR_56_TRANCHES: readonly Tranche[] = (
  [
    ['FTR_56_TRANCHE_1', 1701, '2026-03-31'],
    ['FTR_56_TRANCHE_2', 2128, '2026-04-14'],
    ['FTR_56_TRANCHE_3', 2576, '2026-04-21'],
    ['FTR_56_TRANCHE_4', 3304, '2026-04-28'],
    ['FTR_56_TRANCHE_5', 4438, '2026-05-05'],
    ['FTR_56_TRANCHE_6', null, '2026-05-12'],
  ] as const
).map(([name, days, date]) => ({
  name,
  date,
  ...(days === null
    ? {}
    : { limit: { type: 'SENTENCE_LENGTH_LESS_THAN_OR_EQUAL_TO' as const, unit: 'DAYS' as const, duration: days } }),
  source: cite(`Criminal Justice Act 2003, s.255C as amended (56-day fixed-term recall), ${name}`),
}))

export const FTR_56_SOURCE = cite('Criminal Justice Act 2003, s.255C as amended (fixed-term recall of 56 days)')

/** Exclusion flags carried by each early-release exclusion value. */
export const EXCLUSION_FLAGS: Readonly<
  Record<string, { sds40: boolean; sds40Additional: boolean; progressionModel: boolean }>
> = {
  NO: { sds40: false, sds40Additional: false, progressionModel: false },
  SEXUAL: { sds40: true, sds40Additional: false, progressionModel: false },
  VIOLENT: { sds40: true, sds40Additional: false, progressionModel: false },
  DOMESTIC_ABUSE: { sds40: true, sds40Additional: false, progressionModel: false },
  NATIONAL_SECURITY: { sds40: true, sds40Additional: false, progressionModel: false },
  TERRORISM: { sds40: true, sds40Additional: false, progressionModel: false },
  SEXUAL_T3: { sds40: false, sds40Additional: true, progressionModel: false },
  DOMESTIC_ABUSE_T3: { sds40: false, sds40Additional: true, progressionModel: false },
  MURDER_T3: { sds40: false, sds40Additional: true, progressionModel: false },
  PROGRESSION_MODEL_SCHEDULE_13_PART_3: { sds40: false, sds40Additional: false, progressionModel: true },
  SA2026_PROGRESSION_MODEL_SCHEDULE: { sds40: false, sds40Additional: false, progressionModel: true },
}
