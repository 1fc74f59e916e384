import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'
import { durationText } from './calculation-breakdown.js'

describe('the breakdown of each date says which rule produced it and by how much it was adjusted', () => {
  it('2 years from 21 Sep 2013: HDCED is 179 days before the CRD under the HDC-180 rules', () => {
    const b = calc(booking([sds({ date: '2013-09-21', years: 2 })])).breakdown!
    expect(b.breakdownByReleaseDateType.HDCED).toEqual({
      rules: ['HDCED_GE_MIDPOINT_LT_MAX_PERIOD', 'HDC_180'],
      rulesWithExtraAdjustments: { HDCED_GE_MIDPOINT_LT_MAX_PERIOD: { adjustmentValue: -179, type: 'DAYS' } },
      adjustedDays: 0,
      releaseDate: '2014-03-25',
      unadjustedDate: '2014-09-20',
    })
    expect(b.breakdownByReleaseDateType.CRD).toEqual({
      rules: [],
      rulesWithExtraAdjustments: {},
      adjustedDays: 0,
      releaseDate: '2014-09-20',
      unadjustedDate: '2014-09-20',
    })
  })

  it('6 months from 12 Feb 2015 with 14 days remand: HDCED counts 46 days from the sentence date, TUSED adds 12 months', () => {
    const b = calc(
      booking([sds({ date: '2015-02-12', months: 6 })], { REMAND: [remand('2015-02-12', 14)] }),
    ).breakdown!
    // 181 days; release on day 91 (13 May 2015), less 14 days remand = 29 Apr 2015.
    expect(b.breakdownByReleaseDateType.CRD).toMatchObject({
      adjustedDays: -14,
      releaseDate: '2015-04-29',
      unadjustedDate: '2015-05-13',
    })
    // HDC: max(28, ceil(91 / 2) = 46) days from the sentence date, less 14 days remand.
    expect(b.breakdownByReleaseDateType.HDCED).toEqual({
      rules: ['HDCED_GE_MIN_PERIOD_LT_MIDPOINT', 'HDC_180'],
      rulesWithExtraAdjustments: { HDCED_GE_MIN_PERIOD_LT_MIDPOINT: { adjustmentValue: 46, type: 'DAYS' } },
      adjustedDays: -14,
      releaseDate: '2015-03-16',
      unadjustedDate: '2015-02-12',
    })
    expect(b.breakdownByReleaseDateType.TUSED).toEqual({
      rules: ['TUSED_LICENCE_PERIOD_LT_1Y'],
      rulesWithExtraAdjustments: { TUSED_LICENCE_PERIOD_LT_1Y: { adjustmentValue: 12, type: 'MONTHS' } },
      adjustedDays: -14,
      releaseDate: '2016-04-29',
      unadjustedDate: '2015-05-13',
    })
  })

  it('remand longer than the custodial part: CRD is the sentence date and says immediate release', () => {
    const b = calc(
      booking([sds({ date: '2020-06-04', months: 6 })], { REMAND: [remand('2020-06-04', 92)] }),
    ).breakdown!
    expect(b.breakdownByReleaseDateType.CRD).toEqual({
      rules: ['IMMEDIATE_RELEASE'],
      rulesWithExtraAdjustments: {},
      // Capped at the sentence date: 91 of the 92 days moved the date.
      adjustedDays: -91,
      releaseDate: '2020-06-04',
      unadjustedDate: '2020-09-03',
    })
    expect(b.breakdownByReleaseDateType.TUSED?.rules).toEqual([
      'TUSED_LICENCE_PERIOD_LT_1Y',
      'IMMEDIATE_RELEASE',
    ])
  })
})

describe('the breakdown lists each sentence with its own dates', () => {
  it('concurrent sentences, sorted by case then line, with their own release and expiry', () => {
    const s1 = { ...sds({ date: '2015-02-12', months: 8 }), caseSequence: 2, lineSequence: 1 }
    const s2 = {
      ...sds({ date: '2015-02-12', months: 6 }),
      caseSequence: 1,
      lineSequence: 7,
      caseReference: 'T1',
    }
    const b = calc(booking([s1, s2], { REMAND: [remand('2015-02-12', 14)] })).breakdown!
    expect(b.consecutiveSentence).toBeNull()
    expect(b.concurrentSentences.map((s) => [s.caseSequence, s.lineSequence, s.sentenceLength])).toEqual([
      [1, 7, '6 months'],
      [2, 1, '8 months'],
    ])
    expect(b.concurrentSentences[0]).toMatchObject({
      sentencedAt: '2015-02-12',
      sentenceLengthDays: 181,
      caseReference: 'T1',
      externalSentenceId: { sentenceSequence: 0, bookingId: 0 },
      dates: {
        SLED: {
          unadjusted: '2015-08-11',
          adjusted: '2015-07-28',
          daysFromSentenceStart: 181,
          adjustedByDays: 14,
        },
        CRD: {
          unadjusted: '2015-05-13',
          adjusted: '2015-04-29',
          daysFromSentenceStart: 91,
          adjustedByDays: 14,
        },
      },
    })
  })

  it('one consecutive chain: its summed length and each part with the sentence it follows', () => {
    const first = { ...sds({ date: '2019-07-19', years: 13, id: 'a' }), caseSequence: 1, lineSequence: 1 }
    const second = {
      ...sds({ date: '2019-07-19', months: 14, id: 'b', consecutiveTo: 'a' }),
      caseSequence: 1,
      lineSequence: 2,
    }
    const b = calc(booking([second, first])).breakdown!
    expect(b.concurrentSentences).toEqual([])
    const c = b.consecutiveSentence!
    expect(c.sentenceLength).toBe('13 years 14 months')
    expect(c.sentenceLengthDays).toBe(5176)
    expect(
      c.sentenceParts.map((p) => [p.lineSequence, p.sentenceLengthDays, p.consecutiveToLineSequence]),
    ).toEqual([
      [1, 4749, null],
      [2, 428, 1],
    ])
  })

  it('two separate chains: no single consecutive sentence to show', () => {
    const chain = (p: string, date: string) => [
      sds({ date, months: 6, id: `${p}1` }),
      sds({ date, months: 6, id: `${p}2`, consecutiveTo: `${p}1` }),
    ]
    const b = calc(booking([...chain('a', '2020-01-10'), ...chain('b', '2020-01-10')])).breakdown!
    expect(b.consecutiveSentence).toBeNull()
  })
})

describe('sentence length as the breakdown shows it', () => {
  it('names each unit in order, singular for one, and does not normalise summed units', () => {
    expect(durationText({ years: 1, months: 0, weeks: 0, days: 0 })).toBe('1 year')
    expect(durationText({ years: 4, months: 6, weeks: 0, days: 0 })).toBe('4 years 6 months')
    expect(durationText({ years: 0, months: 16, weeks: 0, days: 1 })).toBe('16 months 1 day')
    expect(durationText({ years: 0, months: 0, weeks: 16, days: 0 })).toBe('16 weeks')
  })
})
