import { describe, expect, it } from 'vitest'
import { booking, calc, sds } from '../testing/booking-builder.js'

describe('consecutive sentences are served as one term (CJA 2003 s.264)', () => {
  it('4 months then 6 months consecutive from 23 Feb 2015: one 10-month term, release at half of the aggregate', () => {
    const r = calc(
      booking([
        sds({ date: '2015-02-23', months: 4, id: 'a' }),
        sds({ date: '2015-02-23', months: 6, id: 'b', consecutiveTo: 'a' }),
      ]),
    )
    // 10 months from 23 Feb 2015 ends 22 Dec 2015 (303 days); ceil(151.5) = day 152 is 24 Jul 2015.
    expect(r.dates.SLED).toBe('2015-12-22')
    expect(r.dates.CRD).toBe('2015-07-24')
    expect(r.effectiveSentenceLength).toBe('P10M')
  })

  it('a sentence imposed after the first is released starts a new custody period (pre-ORA offences: ARD)', () => {
    const r = calc(booking([sds({ date: '2013-01-01', months: 6 }), sds({ date: '2014-01-01', months: 6 })]))
    // 6 months from 1 Jan 2014 ends 30 Jun (181 days); ceil(90.5) = day 91 is 1 Apr 2014.
    expect(r.dates.ARD).toBe('2014-04-01')
    expect(r.effectiveSentenceLength).toBe('P1Y6M')
  })
})

describe('SDS40 (SI 2024/844) under the calculation-params profile', () => {
  it('a 3-year sentence imposed on or after 10 Sep 2024 is released at 40%: 1095 days × 2/5 = day 438 from 1 Oct 2024', () => {
    const r = calc(booking([sds({ date: '2024-10-01', years: 3 })]), { profile: 'calculation-params' })
    expect(r.dates.CRD).toBe('2025-12-12')
  })

  it('a 3-year sentence from 1 Jun 2023 is allocated to tranche 1 and cannot be released before 10 Sep 2024', () => {
    const r = calc(booking([sds({ date: '2023-06-01', years: 3 })]), { profile: 'calculation-params' })
    // Half (day 548) is 30 Nov 2024; 40% (day 439) is 12 Aug 2024, before tranche 1: released on the tranche date.
    expect(r.dates.CRD).toBe('2024-09-10')
    expect(r.flags.sdsEarlyReleaseTranche).toBe('TRANCHE_1')
    expect(r.flags.affectedBySds40).toBe(true)
  })
})
