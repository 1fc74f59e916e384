import { describe, expect, it } from 'vitest'
import { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { booking, calc, sds } from '../testing/booking-builder.js'
import type { Extracted } from './booking-dates.js'
import { adjustAfterTranche, mergeSds40 } from './sds40-merge.js'

/** Worked examples of the SDS40 final merge (rules §13.3), under the calculation-params profile. */
const params = { profile: 'calculation-params' as const }

describe('SDS40 final merge (SI 2024/844): which dates it chooses between', () => {
  it('an automatic release date is not one of them: it keeps its 40% value before the tranche date', () => {
    // 6 months from 15 Jun 2024 for an offence before ORA commencement: ARD, 183 days.
    // Half: day 92 is 14 Sep 2024 (after tranche 1); 40%: ceil(73.2) = day 74 is 27 Aug 2024.
    // The merge (CRD, ERSED, HDCED, PED, PRRD) does not move an ARD to the tranche date.
    const r = calc(booking([sds({ date: '2024-06-15', months: 6, offence: '2014-06-01' })]), params)
    expect(r.flags.sdsEarlyReleaseTranche).toBe('TRANCHE_1')
    expect(r.dates.ARD).toBe('2024-08-27')
    expect(r.dates.CRD).toBeUndefined()
  })
})

/** A booking-level result holding just these dates (no traces or breakdowns). */
function result(dates: Partial<Record<ReleaseDateType, string>>): Extracted {
  return {
    dates: new Map(Object.entries(dates).map(([t, d]) => [t as ReleaseDateType, LocalDate.parse(d)])),
    traces: new Map(),
    breakdowns: new Map(),
    esl: 'P1Y',
    otherDates: new Map(),
    ersedNotApplicableDueToDtoLaterThanCrd: false,
    active: null,
    affectedBySds40: false,
    affectedByProgressionModel: false,
  }
}
const plain = (r: Extracted) => Object.fromEntries([...r.dates].map(([t, d]) => [t, d.toString()]))
const T1 = LocalDate.parse('2024-09-10')

describe('SDS40 final merge: post recall release date against the release date (rules §12.6, §13.3 step 3)', () => {
  it('a CRD later than the PRRD wins: the PRRD is removed', () => {
    // Early: CRD 1 Sep 2024 (40%, before tranche 1) and PRRD 1 Sep 2024; standard CRD 1 Oct 2024.
    // The CRD goes to the tranche date (10 Sep), later than the PRRD, so the PRRD goes.
    const early = result({ SLED: '2026-01-01', CRD: '2024-09-01', PRRD: '2024-09-01' })
    const standard = result({ SLED: '2026-01-01', CRD: '2024-10-01', PRRD: '2024-09-01' })
    expect(plain(mergeSds40(early, standard, T1, 'TRANCHE_1'))).toEqual({
      SLED: '2026-01-01',
      CRD: '2024-09-10',
    })
  })

  it('a PRRD later than the CRD wins: the CRD and the HDCED are removed', () => {
    const early = result({ SLED: '2026-01-01', CRD: '2024-09-01', PRRD: '2024-12-01', HDCED: '2024-06-01' })
    const standard = result({
      SLED: '2026-01-01',
      CRD: '2024-10-01',
      PRRD: '2024-12-01',
      HDCED: '2024-06-01',
    })
    expect(plain(mergeSds40(early, standard, T1, 'TRANCHE_1'))).toEqual({
      SLED: '2026-01-01',
      PRRD: '2024-12-01',
    })
  })
})

describe('SDS40 post-tranche adjustment (rules §13.3, TimelinePostSDS40TrancheAdjustmentService)', () => {
  const tenDays = () => 10

  it('moves an HDCED on or before the tranche date that the merge labelled', () => {
    const early = result({ CRD: '2025-01-10', HDCED: '2024-07-15' })
    const standard = result({ CRD: '2025-01-01', HDCED: '2024-07-05' })
    const merged = mergeSds40(early, standard, T1, 'TRANCHE_1')
    // The standard HDCED (before the tranche date) applies, then the 10 days after the tranche date.
    expect(plain(adjustAfterTranche(merged, T1, tenDays)).HDCED).toBe('2024-07-15')
  })

  it('leaves alone dates the merge did not label (the 40% calculation changed nothing)', () => {
    const same = result({ CRD: '2025-01-10', HDCED: '2024-07-15' })
    const merged = mergeSds40(same, result({ CRD: '2025-01-10', HDCED: '2024-07-15' }), T1, 'TRANCHE_1')
    expect(plain(adjustAfterTranche(merged, T1, tenDays)).HDCED).toBe('2024-07-15')
  })
})
