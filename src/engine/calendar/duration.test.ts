import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { aggregateBlocks, duration, endDate, lengthInDays } from './duration.js'

const d = LocalDate.parse

describe('turning a sentence into days (PSI para 5.5)', () => {
  it('1 month from 1 March ends on 31 March: 31 days (first-of-month rule)', () => {
    expect(endDate(duration({ MONTHS: 1 }), d('2021-03-01')).toString()).toBe('2021-03-31')
    expect(lengthInDays(duration({ MONTHS: 1 }), d('2021-03-01'))).toBe(31)
  })
  it('1 month from 31 January 2021 ends on 28 February: 30 Jan + 1 month clamps to the month end', () => {
    expect(endDate(duration({ MONTHS: 1 }), d('2021-01-31')).toString()).toBe('2021-02-28')
  })
  it('2 years from 21 Sep 2013 ends 20 Sep 2015: 730 days', () => {
    expect(lengthInDays(duration({ YEARS: 2 }), d('2013-09-21'))).toBe(730)
  })
  it('12 months from 15 Jan 2021 is 365 days', () => {
    expect(lengthInDays(duration({ MONTHS: 12 }), d('2021-01-15'))).toBe(365)
  })
  it('consecutive durations merge by unit family: [3m, 3w, 3m, 5m] becomes [3m, 3w, 8m]', () => {
    const blocks = aggregateBlocks([duration({ MONTHS: 3 }), duration({ WEEKS: 3 }), duration({ MONTHS: 3 }), duration({ MONTHS: 5 })])
    expect(blocks.map((b) => [b.months, b.weeks])).toEqual([
      [3, 0],
      [0, 3],
      [8, 0],
    ])
  })
})
