import { describe, expect, it } from 'vitest'
import { bankHolidayCalendar, calendarRangeText, releaseDay } from './release-day.js'

// England and Wales, 2029–2030 (Good Friday 2030 is 19 April, Easter Monday 22 April).
const CALENDAR = bankHolidayCalendar([
  '2029-01-01',
  '2029-12-25',
  '2029-12-26',
  '2030-01-01',
  '2030-04-19',
  '2030-04-22',
  '2030-12-25',
])

describe('the day a person is actually released', () => {
  it('moves a Saturday CRD to the Friday before, in plain words', () => {
    expect(releaseDay('CRD', '2030-04-27', CALENDAR)).toEqual({
      kind: 'moved',
      releaseOn: '2030-04-26',
      text: 'Friday 26 April 2030 (27 April 2030 is a Saturday, so release is on the working day before)',
    })
  })

  it('steps back over a bank holiday weekend to the Thursday before Good Friday', () => {
    expect(releaseDay('ARD', '2030-04-22', CALENDAR)).toMatchObject({ releaseOn: '2030-04-18' })
  })

  it('moves HDC eligibility forward, never earlier', () => {
    expect(releaseDay('HDCED', '2030-04-19', CALENDAR)).toMatchObject({ releaseOn: '2030-04-23' })
  })

  it('crosses into the year before when the calendar covers it', () => {
    expect(releaseDay('CRD', '2030-01-01', CALENDAR)).toMatchObject({ releaseOn: '2029-12-31' })
  })

  it('keeps a working day as it is', () => {
    expect(releaseDay('CRD', '2030-04-25', CALENDAR)).toEqual({
      kind: 'same-day',
      releaseOn: '2030-04-25',
      text: 'Thursday 25 April 2030',
    })
  })

  it('says nothing about expiry dates, even on a weekend', () => {
    for (const type of ['SLED', 'SED', 'LED', 'TUSED', 'ESED'] as const)
      expect(releaseDay(type, '2030-04-27', CALENDAR)).toEqual({ kind: 'not-a-release-day' })
  })

  it('flags a date past the end of the calendar instead of treating it as a working day', () => {
    expect(releaseDay('CRD', '2031-03-05', CALENDAR)).toEqual({
      kind: 'calendar-unknown',
      year: 2031,
      text: 'Bank holidays are not known for 2031: check the working day by hand',
    })
    expect(releaseDay('CRD', '2028-06-05', CALENDAR)).toMatchObject({ kind: 'calendar-unknown', year: 2028 })
  })

  it('flags a move that would cross into a year the calendar does not cover', () => {
    const only2030 = bankHolidayCalendar(['2030-01-01', '2030-12-25'])
    expect(releaseDay('CRD', '2030-01-01', only2030)).toMatchObject({ kind: 'calendar-unknown', year: 2029 })
  })

  it('treats an empty calendar as covering nothing', () => {
    expect(releaseDay('CRD', '2030-04-25', bankHolidayCalendar([]))).toMatchObject({
      kind: 'calendar-unknown',
    })
    expect(calendarRangeText(bankHolidayCalendar([]))).toBeUndefined()
    expect(calendarRangeText(CALENDAR)).toBe('1 January 2029 to 31 December 2030')
  })
})
