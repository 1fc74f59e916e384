import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BOOKING_DATE_FIELDS, bookingDateProblems, checkRecordDate, recordDate } from './dates.js'

describe('the one date rule', () => {
  it('accepts real dates from 1900 to 2200 and says what is wrong with any other', () => {
    expect(checkRecordDate('1990-04-01')).toBe('ok')
    expect(checkRecordDate('2024-02-29')).toBe('ok')
    expect(checkRecordDate('1900-01-01')).toBe('ok')
    expect(checkRecordDate('2200-12-31')).toBe('ok')
    expect(checkRecordDate('2023-02-29')).toBe('not-real')
    expect(checkRecordDate('2024-04-31')).toBe('not-real')
    expect(checkRecordDate('0000-01-01')).toBe('out-of-range')
    expect(checkRecordDate('9999-12-31')).toBe('out-of-range')
    expect(checkRecordDate('1899-12-31')).toBe('out-of-range')
    expect(checkRecordDate('1/4/1990')).toBe('format')
    expect(checkRecordDate('+10000-01-01')).toBe('format')
    expect(recordDate.safeParse('9999-12-31').error?.issues[0]?.message).toBe(
      'must be between 1900-01-01 and 2200-12-31',
    )
  })

  it('finds every bad date in a booking, by path', () => {
    const problems = bookingDateProblems({
      offender: { dateOfBirth: '9999-12-31' },
      sentences: [
        { sentencedAt: '0000-06-01', offence: { committedAt: '2024-01-05' }, caseReference: '0000-01-01' },
      ],
      adjustments: { REMAND: [{ appliesToSentencesFrom: '2024-06-03', fromDate: '2023-02-29' }] },
    })
    expect(problems).toEqual([
      { path: 'offender.dateOfBirth', message: 'must be between 1900-01-01 and 2200-12-31' },
      { path: 'sentences[0].sentencedAt', message: 'must be between 1900-01-01 and 2200-12-31' },
      { path: 'adjustments.REMAND[0].fromDate', message: 'must be a real calendar date' },
    ])
  })

  it('knows every date field of the reference booking format', () => {
    const schema = readFileSync(
      fileURLToPath(new URL('../engine/input/reference-booking.ts', import.meta.url)),
      'utf8',
    )
    const inSchema = new Set([...schema.matchAll(/(\w+): isoDate\b/g)].map((m) => m[1]))
    expect([...inSchema].sort()).toEqual([...BOOKING_DATE_FIELDS])
  })
})
