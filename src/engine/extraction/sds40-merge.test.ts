import { describe, expect, it } from 'vitest'
import { booking, calc, sds } from '../testing/booking-builder.js'

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
