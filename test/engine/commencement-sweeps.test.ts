/**
 * Commencement sweeps: for each commencement and tranche date in src/engine/legislation, a case
 * dated the day before, on and after it gets the law of its own side, with no gap and no overlap.
 * Each expectation is worked out from the rule text for that side (docs/rules.md,
 * release-date-rules.md §2.6, §5, §9, §11, §13), not read back from the engine.
 */
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  calculate,
  type CalculationResult,
  type EngineOptions,
  type LegislationProfileName,
} from '../../src/engine/index.js'
import { COMMENCEMENTS } from '../../src/engine/legislation/commencements.js'
import { PROFILES } from '../../src/engine/legislation/profiles.js'
import { FTR_56_TRANCHES } from '../../src/engine/legislation/sds-legislation.js'
import { booking, remand, sds } from '../../src/engine/testing/booking-builder.js'

const day = (s: string) => LocalDate.parse(s)
const around = (c: string) => [day(c).minusDays(1), day(c), day(c).plusDays(1)]
/** Day n counting S as day 1. */
const dayN = (S: LocalDate, n: number) => S.plusDays(n - 1).toString()
const ceilFrac = (n: number, num: number, den: number) => Math.ceil((n * num) / den)
const maxIso = (a: string, b: string) => (a > b ? a : b)

function calc(
  b: unknown,
  profile: LegislationProfileName,
  extra: Partial<EngineOptions> = {},
): CalculationResult {
  const o = calculate(b, {
    profile,
    bankHolidays: [],
    today: '2030-01-01',
    preCalculationChecks: false,
    ...extra,
  })
  if (o.status !== 'calculated') throw new Error(JSON.stringify(o))
  expect(o.messages).toEqual([])
  return o.result
}

/** Every legislation date the sweeps must account for: swept below, or named with why not. */
const NOT_SWEPT: Record<string, string> = {
  SDS_PLUS:
    'SDS+ status comes with the booking (releaseArrangements.isSDSPlus / ...Eligible...), decided upstream from the offence and length, not from this date',
  SENTENCING_ACT_2020: 'used only by validation of sentence and offence types',
  A_FINE_TEN_MILLION:
    'fines of £10 million or more: full-term release is keyed on the fine amount; swept in rules tests',
  SDS40_TRANCHE_2:
    'a 5-year-plus sentence imposed between the two SDS40 tranches gets 40% from imposition in the reference (§5, §13.3); the law (SI 2024/844) is for a lawyer to confirm (docs/known-differences.md)',
  SDS40_TRANCHE_3: 'the T3 exclusions: swept by the existing SDS40 rules tests',
  PROGRESSION_TRANCHES_2_TO_10:
    'who is allocated to a later tranche is decided once, at commencement (§13.5); a sentence imposed after commencement gets one third from imposition, so the later dates have no day-before/after boundary for new sentences',
  FTR_56_TRANCHES:
    'keyed on the return to custody and revocation dates of a recall, covered by the FTR56 rules tests',
}

describe('commencement sweeps', () => {
  it('every commencement and tranche date is swept or named with a reason', () => {
    const swept = ['CJA_2003', 'LASPO', 'ORA_2014', 'PCSC_2022', 'HDC_365', 'ERS_30', 'HDC_CLEAN_STOP']
    for (const k of Object.keys(COMMENCEMENTS)) expect(swept.includes(k) || k in NOT_SWEPT, k).toBe(true)
    expect(PROFILES['calculation-params'].sds40Dates).toEqual({
      trancheOne: '2024-09-10',
      trancheTwo: '2024-10-22',
      trancheThree: '2024-12-16',
    })
    expect(PROFILES['sds-progression-model-october'].progressionModel?.tranches[0]?.date).toBe('2026-10-01')
    expect(FTR_56_TRANCHES.length).toBeGreaterThan(0)
  })

  it('CJA 2003 (offences from 4 Apr 2005): before it, a pre-LASPO sentence is old style with an LED; from it, a SLED', () => {
    for (const offence of around(COMMENCEMENTS.CJA_2003.value)) {
      const r = calc(booking([sds({ date: '2012-06-01', years: 2, offence: offence.toString() })]), 'sds-50')
      const old = offence.isBefore(day(COMMENCEMENTS.CJA_2003.value))
      expect(r.dates.LED !== undefined, offence.toString()).toBe(old)
      expect(r.dates.SLED !== undefined, offence.toString()).toBe(!old)
    }
  })

  it('LASPO (sentences from 3 Dec 2012): an offence before CJA 2003 is old style only if sentenced before it', () => {
    for (const S of around(COMMENCEMENTS.LASPO.value)) {
      const r = calc(booking([sds({ date: S.toString(), years: 2, offence: '2005-01-01' })]), 'sds-50')
      const old = S.isBefore(day(COMMENCEMENTS.LASPO.value))
      expect(r.dates.LED !== undefined, S.toString()).toBe(old)
      expect(r.dates.SLED !== undefined, S.toString()).toBe(!old)
    }
  })

  it('ORA 2014 (offences from 1 Feb 2015): a 6-month sentence gets licence and top-up supervision only for offences on or after it', () => {
    for (const offence of around(COMMENCEMENTS.ORA_2014.value)) {
      const r = calc(booking([sds({ date: '2015-06-01', months: 6, offence: offence.toString() })]), 'sds-50')
      const ora = !offence.isBefore(day(COMMENCEMENTS.ORA_2014.value))
      // 6 months from 1 Jun 2015: 183 days, release on day 92 either way.
      expect(r.dates.CRD ?? r.dates.ARD).toBe('2015-08-31')
      expect(r.dates.CRD !== undefined, offence.toString()).toBe(ora)
      expect(r.dates.ARD !== undefined, offence.toString()).toBe(!ora)
      expect(r.dates.TUSED !== undefined, offence.toString()).toBe(ora)
    }
  })

  it('PCSC 2022 (28 Jun 2022): remand counts towards a detention and training order imposed on or after it', () => {
    for (const S of around(COMMENCEMENTS.PCSC_2022.value)) {
      const dto = {
        type: 'DetentionAndTrainingOrderSentence',
        offence: { committedAt: S.minusDays(10).toString() },
        duration: { durationElements: { MONTHS: 12 } },
        sentencedAt: S.toString(),
      }
      const r = calc(booking([dto], { REMAND: [remand(S.toString(), 30)] }, '2006-01-01'), 'sds-50')
      const after = !S.isBefore(day(COMMENCEMENTS.PCSC_2022.value))
      // 12 months: 365 days, mid-term on day 183; less 30 days of remand only after PCSC.
      expect(r.dates.MTD, S.toString()).toBe(dayN(S, 183 - (after ? 30 : 0)))
    }
  })

  it('HDC-365 (3 Jun 2025): an HDC-180 date before it stands; from it the HDC-365 rules apply, not before the commencement', () => {
    // 800 days (sds-50): release on day 400. HDC-180: 180 days before the release point (day
    // 221, 400 ≥ 360); HDC-365: halfway (400 < 730), day 201. Sentence dates put the HDC-180
    // date on the day before, on and after commencement.
    const C = day(COMMENCEMENTS.HDC_365.value)
    for (const target of around(COMMENCEMENTS.HDC_365.value)) {
      const S = target.minusDays(220)
      const r = calc(booking([sds({ date: S.toString(), days: 800 })]), 'sds-50')
      const hdc180 = S.plusDays(220)
      const hdc365 = S.plusDays(200)
      const want = hdc180.isBefore(C) ? hdc180 : hdc365.isBefore(C) ? C : hdc365
      expect(r.dates.HDCED, target.toString()).toBe(want.toString())
      const rule = r.explanations.find((e) => e.type === 'HDCED')!.rule
      expect(rule, target.toString()).toBe(
        hdc180.isBefore(C) ? 'HDC_180' : 'HDCED_ADJUSTED_TO_365_COMMENCEMENT',
      )
    }
  })

  it('ERS-30 (23 Sep 2025): an ERS-50 date before it stands; from it the ERS-30 rules apply, not before the commencement', () => {
    // sds-50, 6000 days from 1 Jan 2020: CRD on day 3000. ERS-50: 544 days before the CRD (the
    // later of that and halfway to the CRD). Remand moves the CRD so that the ERS-50 date falls
    // the day before, on and after commencement.
    const C = day(COMMENCEMENTS.ERS_30.value)
    const S = day('2020-01-01')
    for (const target of around(COMMENCEMENTS.ERS_30.value)) {
      const crd = target.plusDays(544)
      const remandDays = S.plusDays(2999).toEpochDay() - crd.toEpochDay()
      const r = calc(
        booking([sds({ date: S.toString(), days: 6000 })], { REMAND: [remand(S.toString(), remandDays)] }),
        'sds-50',
        {
          userInputs: { calculateErsed: true },
        },
      )
      expect(r.dates.CRD).toBe(crd.toString())
      const ers50 = target
      // ERS-30: four years before the CRD, or 30% of the way to it, whichever is later.
      const ers30 = maxIso(
        crd.minusYears(4).toString(),
        S.plusDays(ceilFrac(3000, 3, 10))
          .minusDays(remandDays)
          .toString(),
      )
      const want = ers50.isBefore(C) ? ers50.toString() : ers30 < C.toString() ? C.toString() : ers30
      expect(r.dates.ERSED, target.toString()).toBe(want)
    }
  })

  it('HDC clean stop (2 Sep 2026, with the post-HDC-repeal rules on): an HDCED from that date is not given', () => {
    // 112 days (sds-50): release on day 56; HDCED at 28 days (the halfway point, 28 days minimum).
    const C = day(COMMENCEMENTS.HDC_CLEAN_STOP.value)
    for (const target of around(COMMENCEMENTS.HDC_CLEAN_STOP.value)) {
      const S = target.minusDays(28)
      const on = calc(booking([sds({ date: S.toString(), days: 112 })]), 'sds-50', {
        featureToggles: { applyPostHdcedRepealRules: true },
      })
      const off = calc(booking([sds({ date: S.toString(), days: 112 })]), 'sds-50')
      expect(off.dates.HDCED).toBe(target.toString())
      expect(on.dates.HDCED, target.toString()).toBe(target.isBefore(C) ? target.toString() : undefined)
    }
  })

  describe('early-release tranches: a sentence imposed before the tranche date is held at it, one imposed on or after it gets the new fraction from the start', () => {
    // release-date-rules §13.3 (SDS40) and §13.5 (progression): before the tranche, the old
    // fraction's release stands if it falls before the tranche date; otherwise the new fraction
    // applies, not before the tranche date. On or after it, the new fraction applies outright.
    const cases: Array<{
      name: string
      profile: LegislationProfileName
      T: string
      old: [number, number]
      now: [number, number]
      length: number
    }> = [
      {
        name: 'SDS40 tranche 1 (under 5 years)',
        profile: 'calculation-params',
        T: '2024-09-10',
        old: [1, 2],
        now: [2, 5],
        length: 400,
      },
      {
        name: 'SDS40 tranche 1, 4 years',
        profile: 'calculation-params',
        T: '2024-09-10',
        old: [1, 2],
        now: [2, 5],
        length: 1460,
      },
      {
        name: 'progression tranche 1 (up to 574 days)',
        profile: 'sds-progression-model-october',
        T: '2026-10-01',
        old: [2, 5],
        now: [1, 3],
        length: 540,
      },
    ]
    for (const c of cases)
      it(c.name, () => {
        const T = day(c.T)
        for (const S of around(c.T))
          // Remand up to (not past) the whole custodial period: more is flagged as bad data.
          for (const remandDays of [0, 60, 120, 150]) {
            const r = calc(
              booking(
                [sds({ date: S.toString(), days: c.length })],
                remandDays ? { REMAND: [remand(S.toString(), remandDays)] } : {},
              ),
              c.profile,
            )
            const at = ([num, den]: [number, number]) =>
              maxIso(S.toString(), dayN(S, ceilFrac(c.length, num, den) - remandDays))
            let want: string
            if (!S.isBefore(T)) want = at(c.now)
            else if (at(c.old) < c.T) want = at(c.old)
            else want = maxIso(c.T, at(c.now))
            expect(r.dates.CRD, `${S.toString()} remand ${remandDays}`).toBe(want)
          }
      })
  })
})
