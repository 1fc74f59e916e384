import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'

describe('booking-level extraction for one calculable sentence (rules §8.1)', () => {
  it('the LED of a lone sentence typed LED is output even when additional days take release past it', () => {
    // Old style (sentenced before 3 Dec 2012 for an offence before 4 Apr 2005), 12 months from
    // 15 Jan 2010: 365 days, SED 14 Jan 2011; LED at ceil(0.75 × 365) = day 274, 15 Oct 2010;
    // release at day 183 (16 Jul 2010) plus 100 additional days is 24 Oct 2010, after the LED.
    const r = calc(
      booking([sds({ date: '2010-01-15', months: 12, offence: '2004-01-01' })], {
        ADDITIONAL_DAYS_AWARDED: [remand('2010-03-01', 100)],
      }),
    )
    expect(r.dates.SED).toBe('2011-01-14')
    expect(r.dates.LED).toBe('2010-10-15')
    expect(r.dates.CRD ?? r.dates.ARD).toBe('2010-10-24')
  })

  it('without additional days the same sentence gives CRD, LED and SED', () => {
    const r = calc(booking([sds({ date: '2010-01-15', months: 12, offence: '2004-01-01' })]))
    expect(r.dates.CRD).toBe('2010-07-16')
    expect(r.dates.LED).toBe('2010-10-15')
    expect(r.dates.SED).toBe('2011-01-14')
  })
})
