import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'

describe('under-18 switch (rules §4.1: ReleaseDateTypes is re-evaluated on the final release date)', () => {
  // 6 months from 1 Jan 2022 (ORA offence): 181 days, release on day ceil(90.5) = 91, 1 Apr 2022.
  // Born 10 Apr 2004: 17 on 1 Apr 2022, 18 from 10 Apr 2022.
  const dob = '2004-04-10'

  it('under 18 on the release date and under 12 months: no licence (ARD and SED)', () => {
    const r = calc(booking([sds({ date: '2022-01-01', months: 6 })], {}, dob))
    expect(r.dates.ARD).toBe('2022-04-01')
    expect(r.dates.SED).toBe('2022-06-30')
    expect(r.dates.CRD).toBeUndefined()
  })

  it('additional days that move the release past the 18th birthday restore CRD and SLED', () => {
    const r = calc(
      booking(
        [sds({ date: '2022-01-01', months: 6 })],
        { ADDITIONAL_DAYS_AWARDED: [remand('2022-03-01', 20)] },
        dob,
      ),
    )
    expect(r.dates.CRD).toBe('2022-04-21')
    expect(r.dates.SLED).toBe('2022-06-30')
    expect(r.dates.ARD).toBeUndefined()
    expect(r.dates.SED).toBeUndefined()
  })
})
