import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'

function fine(date: string, months: number, offenceCode: string) {
  return {
    type: 'AFineSentence',
    offence: { committedAt: date, offenceCode },
    duration: { durationElements: { MONTHS: months } },
    sentencedAt: date,
    fineAmount: 500,
  }
}

describe('who receives remand (rules §7, §4.5)', () => {
  it('a civil-imprisonment default term joining the custody period later does not inherit remand', () => {
    // SDS of 2 months from 1 Jan 2022 with 10 days remand: CRD 21 Jan 2022. The civil fine term
    // (ZZ01002) of 6 months from 15 Jan 2022 joins the same custody period. Without remand its ARD
    // is day ceil(181 / 2) = 91 from 15 Jan 2022 = 15 Apr 2022 and its SED 14 Jul 2022.
    const r = calc(
      booking([sds({ date: '2022-01-01', months: 2 }), fine('2022-01-15', 6, 'ZZ01002')], {
        REMAND: [remand('2022-01-01', 10)],
      }),
    )
    expect(r.dates.ARD).toBe('2022-04-15')
    expect(r.dates.SED).toBe('2022-07-14')
  })

  it('an ordinary default term joining the custody period later does inherit remand', () => {
    const r = calc(
      booking([sds({ date: '2022-01-01', months: 2 }), fine('2022-01-15', 6, 'XX99999')], {
        REMAND: [remand('2022-01-01', 10)],
      }),
    )
    expect(r.dates.ARD).toBe('2022-04-05')
    expect(r.dates.SED).toBe('2022-07-04')
  })
})
