import { describe, expect, it } from 'vitest'
import { booking, calc, sds } from '../testing/booking-builder.js'

/** Rules §14: external movements open and close custody periods. */

const move = (movementDate: string, movementReason: string, direction: 'IN' | 'OUT') => ({
  movementDate,
  movementReason,
  direction,
})

// 2 years from 1 Jan 2020 (731 days, half = day 366: CRD 31 Dec 2020), then a concurrent 6 months
// from 1 Jul 2020 with 10 days of remand. Remand is shared only inside a custody period (§6.3).
const sentences = [sds({ date: '2020-01-01', years: 2 }), sds({ date: '2020-07-01', months: 6 })]
const remand = {
  REMAND: [
    { appliesToSentencesFrom: '2020-07-01', numberOfDays: 10, fromDate: '2019-10-01', toDate: '2019-10-10' },
  ],
}

describe('§14 external movements', () => {
  it('an early release (OUT) closes the custody period: a later sentence starts a new one', () => {
    const r = calc({ ...booking(sentences, remand), externalMovements: [move('2020-06-01', 'HDC', 'OUT')] })
    expect(r.dates.CRD).toBe('2020-12-31')
  })

  it('two movements on one day collapse to the last one listed: an OUT then an IN leaves custody unbroken', () => {
    const r = calc({
      ...booking(sentences, remand),
      externalMovements: [move('2020-06-01', 'HDC', 'OUT'), move('2020-06-01', 'HDC_RECALL', 'IN')],
    })
    // Still one custody period, so the second sentence's remand also reduces the first: 31 Dec − 10.
    expect(r.dates.CRD).toBe('2020-12-21')
  })

  it('an IN then an OUT on one day: the OUT (listed last) releases', () => {
    const r = calc({
      ...booking(sentences, remand),
      externalMovements: [move('2020-06-01', 'HDC_RECALL', 'IN'), move('2020-06-01', 'HDC', 'OUT')],
    })
    expect(r.dates.CRD).toBe('2020-12-31')
  })
})
