/** Small helpers to write bookings in tests as worked examples. Not used by the engine itself. */
import type { CalculationResult, EngineOptions, LegislationProfileName } from '../api.js'
import { calculate } from '../calculate.js'

export interface SdsSpec {
  date: string
  years?: number
  months?: number
  weeks?: number
  days?: number
  offence?: string
  id?: string
  consecutiveTo?: string
}

export function sds(s: SdsSpec) {
  return {
    type: 'StandardSentence',
    offence: { committedAt: s.offence ?? s.date },
    duration: {
      durationElements: {
        ...(s.years ? { YEARS: s.years } : {}),
        ...(s.months ? { MONTHS: s.months } : {}),
        ...(s.weeks ? { WEEKS: s.weeks } : {}),
        ...(s.days ? { DAYS: s.days } : {}),
      },
    },
    sentencedAt: s.date,
    ...(s.id ? { identifier: s.id } : {}),
    ...(s.consecutiveTo ? { consecutiveSentenceUUIDs: [s.consecutiveTo] } : {}),
    releaseArrangements: { isSDSPlus: false, isSDSPlusEligibleSentenceTypeLengthAndOffence: false, sdsEarlyReleaseExclusions: [], isSection250: false },
  }
}

export function booking(sentences: unknown[], adjustments: Record<string, unknown[]> = {}, dob = '1980-01-01') {
  return { offender: { reference: 'T1', dateOfBirth: dob }, sentences, adjustments }
}

export function remand(appliesToSentencesFrom: string, numberOfDays: number) {
  return { appliesToSentencesFrom, numberOfDays }
}

export function calc(b: unknown, opts: Partial<EngineOptions> & { profile?: LegislationProfileName } = {}): CalculationResult {
  const o = calculate(b, { profile: 'sds-50', bankHolidays: ['2021-12-27', '2021-12-28'], today: '2026-08-20', ...opts })
  if (o.status !== 'calculated') throw new Error(`not calculated: ${JSON.stringify(o)}`)
  return o.result
}
