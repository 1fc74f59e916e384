import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'

// Worked examples from rules §10 (TUSED), each built from the rule as the document states it.
describe('top-up supervision expiry (CJA 2003 s.256AA; rules §10)', () => {
  // 6 months from 1 Jan 2020: 182 days, release on day 91 (31 Mar 2020); half the sentence,
  // rounded up, from the sentence date is S + 91 = 1 Apr 2020.
  it('the offender must be strictly over 18 on S + ceil(L/2): exactly 18 on 1 Apr 2020 gives no TUSED', () => {
    expect(
      calc(booking([sds({ date: '2020-01-01', months: 6 })], {}, '2002-04-01')).dates.TUSED,
    ).toBeUndefined()
  })

  it('18 years and a day on S + ceil(L/2): TUSED 12 months after the unadjusted release, 31 Mar 2021', () => {
    expect(calc(booking([sds({ date: '2020-01-01', months: 6 })], {}, '2002-03-31')).dates.TUSED).toBe(
      '2021-03-31',
    )
  })

  it('additional days awarded move the CRD but not the TUSED', () => {
    const r = calc(
      booking([sds({ date: '2020-01-01', months: 6 })], {
        ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: '2020-01-01', numberOfDays: 10 }],
      }),
    )
    expect(r.dates.CRD).toBe('2020-04-10')
    expect(r.dates.TUSED).toBe('2021-03-31')
  })

  it('an immediate release (remand beyond the release point) counts the 12 months from the sentence date', () => {
    const r = calc(booking([sds({ date: '2020-01-01', months: 6 })], { REMAND: [remand('2020-01-01', 120)] }))
    expect(r.dates.CRD).toBe('2020-01-01')
    expect(r.dates.TUSED).toBe('2021-01-01')
  })

  // At 40% a sentence under 2 years can leave a licence of a year or more: no TUSED then.
  it('20 months from 1 Jan 2025 at 40%: 607 days, release day 243, licence 364 days, TUSED applies', () => {
    const r = calc(booking([sds({ date: '2025-01-01', months: 20 })]), { profile: 'calculation-params' })
    expect(r.dates.CRD).toBe('2025-09-01')
    expect(r.dates.TUSED).toBe('2026-09-01')
  })

  it('21 months from 1 Jan 2025 at 40%: 638 days, release day 256, licence 382 days, no TUSED', () => {
    const r = calc(booking([sds({ date: '2025-01-01', months: 21 })]), { profile: 'calculation-params' })
    expect(r.dates.CRD).toBe('2025-09-13')
    expect(r.dates.TUSED).toBeUndefined()
  })
})
