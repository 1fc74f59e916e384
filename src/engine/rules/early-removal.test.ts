import { describe, expect, it } from 'vitest'
import { booking, calc, sds } from '../testing/booking-builder.js'

const ersed = {
  userInputs: { calculateErsed: true, useOffenceIndicators: true, usePreviouslyRecordedSLEDIfFound: false },
}

function fine(date: string, months: number) {
  return {
    type: 'AFineSentence',
    offence: { committedAt: date },
    duration: { durationElements: { MONTHS: months } },
    sentencedAt: date,
    fineAmount: 100,
  }
}

describe('booking-level ERSED and default terms for fines (rules §11)', () => {
  // 12 months from 1 Jan 2020: 366 days, release on day 183 (1 Jul 2020). ERS-50: half of the
  // 183 days to release, rounded up, counted from the sentence date: S + 92 = 2 Apr 2020.
  it('12 months from 1 Jan 2020 alone: ERSED at half the custodial period, 2 Apr 2020', () => {
    expect(calc(booking([sds({ date: '2020-01-01', months: 12 })]), ersed).dates.ERSED).toBe('2020-04-02')
  })

  it('a fine term in the same custody period releasing after the CRD withholds the ERSED', () => {
    // Fine of 12 months imposed on 1 Mar 2020 (before the SDS release): ARD at half, 31 Aug 2020.
    const r = calc(booking([sds({ date: '2020-01-01', months: 12 }), fine('2020-03-01', 12)]), ersed)
    expect(r.dates.ERSED).toBeUndefined()
  })

  it('a fine term in the same custody period releasing between ERSED and CRD moves the ERSED to its release', () => {
    // Fine of 4 months imposed on 1 Mar 2020: 122 days, ARD on day 61 = 30 Apr 2020.
    const r = calc(booking([sds({ date: '2020-01-01', months: 12 }), fine('2020-03-01', 4)]), ersed)
    expect(r.dates.ERSED).toBe('2020-04-30')
  })

  it('a fine term imposed in a later custody period does not withhold the ERSED of the earlier sentence', () => {
    // The SDS is released on 1 Jul 2020; the fine of 1 Jun 2021 starts a new custody period, so it
    // is not "in the same group" as the sentence the ERSED comes from.
    const r = calc(booking([sds({ date: '2020-01-01', months: 12 }), fine('2021-06-01', 3)]), ersed)
    expect(r.dates.ERSED).toBe('2020-04-02')
  })
})

function dto(date: string, months: number) {
  return {
    type: 'DetentionAndTrainingOrderSentence',
    offence: { committedAt: date },
    duration: { durationElements: { MONTHS: months } },
    sentencedAt: date,
  }
}

describe('ERSED with a detention and training order (rules §11, §21)', () => {
  // 2 years from 1 Mar 2024 and a 24-month DTO from 1 Jun 2024: the DTO's mid-term date
  // (31 May 2025) is not before the CRD, so there is no ERSED and the result says why.
  const b = booking([sds({ date: '2024-03-01', years: 2 }), dto('2024-06-01', 24)], {}, '2007-01-01')

  it('no SDS40 tranche (sds-50 profile): no ERSED, ersedNotApplicableDueToDtoLaterThanCrd is set', () => {
    const r = calc(b, { ...ersed, profile: 'sds-50' })
    expect(r.dates.ERSED).toBeUndefined()
    expect(r.flags.ersedNotApplicableDueToDtoLaterThanCrd).toBe(true)
    expect(r.breakdown?.ersedNotApplicableDueToDtoLaterThanCrd).toBe(true)
  })

  it('after the SDS40 merge the result is built afresh, so the flag falls back to false', () => {
    const r = calc(b, { ...ersed, profile: 'calculation-params' })
    expect(r.flags.sdsEarlyReleaseTranche).toBe('TRANCHE_1')
    expect(r.dates.ERSED).toBeUndefined()
    expect(r.flags.ersedNotApplicableDueToDtoLaterThanCrd).toBe(false)
    expect(r.breakdown?.ersedNotApplicableDueToDtoLaterThanCrd).toBe(false)
  })
})
