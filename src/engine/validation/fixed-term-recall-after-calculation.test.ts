import { describe, expect, it } from 'vitest'
import { calculate } from '../calculate.js'
import { booking, sds } from '../testing/booking-builder.js'

/** Rules §18, recall codes found after calculation (chains and mixed lengths). */

function codes(b: unknown): string[] {
  const o = calculate(b, {
    profile: 'calculation-params',
    bankHolidays: [],
    today: '2026-08-20',
    preCalculationChecks: false,
  })
  if (o.status !== 'calculated') throw new Error(JSON.stringify(o))
  return o.messages.map((m) => m.code)
}

// Two 6-month sentences from 11 Dec 2023, the second consecutive to the first: a 12-month chain.
function chain(recallType: string, recallLength: number, months = 6) {
  const r = { recall: { recallType, returnToCustodyDate: '2024-11-11' } }
  return {
    ...booking([
      { ...sds({ date: '2023-12-11', months, id: 'a' }), ...r },
      { ...sds({ date: '2023-12-11', months, id: 'b', consecutiveTo: 'a' }), ...r },
    ]),
    returnToCustodyDate: '2024-11-11',
    fixedTermRecallDetails: { bookingId: 1, returnToCustodyDate: '2024-11-11', recallLength },
  }
}

describe('§18 fixed-term recall codes for consecutive chains', () => {
  it('14-day recall type and 14-day recall length on a 12-month chain: both codes, the recall-length one first', () => {
    expect(codes(chain('FIXED_TERM_RECALL_14', 14))).toEqual([
      'FTR_14_DAYS_AGGREGATE_GE_12_MONTHS',
      'FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS',
    ])
  })

  it('14-day recall type recorded with a 28-day recall length: only the recall-type code', () => {
    expect(codes(chain('FIXED_TERM_RECALL_14', 28))).toEqual(['FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS'])
  })

  it('28-day recall type recorded with a 14-day recall length on a 10-month chain: only the recall-type code', () => {
    expect(codes(chain('FIXED_TERM_RECALL_28', 14, 5))).toEqual(['FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS'])
  })

  it('28-day recall type and length on a 10-month chain: both codes, the recall-length one first', () => {
    expect(codes(chain('FIXED_TERM_RECALL_28', 28, 5))).toEqual([
      'FTR_28_DAYS_AGGREGATE_LT_12_MONTHS',
      'FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS',
    ])
  })
})
