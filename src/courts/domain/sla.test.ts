import { Instant } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SLA_POLICY,
  DEFAULT_WORKING_HOURS,
  addWorkingMinutes,
  dueBy,
  timeLeft,
  urgencyFor,
  type WorkingCalendar,
} from './sla.js'

const calendar: WorkingCalendar = { ...DEFAULT_WORKING_HOURS, bankHolidays: new Set(['2025-05-26']) }
const add = (from: string, minutes: number) =>
  addWorkingMinutes(Instant.parse(from), minutes, calendar).toString()

describe('urgency from the release date', () => {
  it('is urgent for a release today or already overdue, high within two days, otherwise standard', () => {
    expect(urgencyFor('2025-06-02', '2025-06-02', DEFAULT_SLA_POLICY)).toBe('URGENT')
    expect(urgencyFor('2025-05-30', '2025-06-02', DEFAULT_SLA_POLICY)).toBe('URGENT')
    expect(urgencyFor('2025-06-03', '2025-06-02', DEFAULT_SLA_POLICY)).toBe('HIGH')
    expect(urgencyFor('2025-06-04', '2025-06-02', DEFAULT_SLA_POLICY)).toBe('HIGH')
    expect(urgencyFor('2025-06-05', '2025-06-02', DEFAULT_SLA_POLICY)).toBe('STANDARD')
    expect(urgencyFor(null, '2025-06-02', DEFAULT_SLA_POLICY)).toBe('STANDARD')
  })
})

describe('working time (09:00–17:00 Europe/London, Monday to Friday, bank holidays off)', () => {
  it('counts within the day, in British Summer Time', () => {
    // Monday 2 June 2025 10:00 BST is 09:00 UTC; 4 working hours later is 14:00 BST.
    expect(add('2025-06-02T09:00:00Z', 240)).toBe('2025-06-02T13:00:00Z')
  })
  it('carries over the evening to the next morning', () => {
    // 16:00 BST + 2 hours: 1 hour today, 1 hour from 09:00 Tuesday.
    expect(add('2025-06-02T15:00:00Z', 120)).toBe('2025-06-03T09:00:00Z')
  })
  it('makes one working day the same time on the next working day, over a weekend', () => {
    // Friday 6 June 11:00 BST → Monday 9 June 11:00 BST.
    expect(add('2025-06-06T10:00:00Z', 480)).toBe('2025-06-09T10:00:00Z')
  })
  it('starts a query raised at night from the next working morning', () => {
    // Monday 20:00 BST → Tuesday 09:00 + 4h = 13:00 BST.
    expect(add('2025-06-02T19:00:00Z', 240)).toBe('2025-06-03T12:00:00Z')
  })
  it('skips bank holidays from the calendar', () => {
    // Friday 23 May 16:00 BST + 2h → Monday 26 May is a bank holiday → Tuesday 27 May 10:00 BST.
    expect(add('2025-05-23T15:00:00Z', 120)).toBe('2025-05-27T09:00:00Z')
  })
  it('follows the clocks changing (GMT in winter)', () => {
    // Friday 24 October 2025 16:00 BST + 2h → Monday 27 October (GMT) 10:00 = 10:00Z.
    expect(add('2025-10-24T15:00:00Z', 120)).toBe('2025-10-27T10:00:00Z')
  })
  it('counts elapsed minutes through the night for urgent work', () => {
    expect(dueBy('2025-06-02T22:30:00Z', DEFAULT_SLA_POLICY.urgent, calendar)).toBe('2025-06-02T23:30:00Z')
  })
  it('says how much time is left, or how overdue', () => {
    expect(timeLeft('2025-06-02T12:00:00Z', '2025-06-02T09:55:00Z')).toEqual({
      overdue: false,
      text: '2 hours 5 minutes left',
    })
    expect(timeLeft('2025-06-02T12:00:00Z', '2025-06-02T12:45:00Z')).toEqual({
      overdue: true,
      text: '45 minutes overdue',
    })
  })
})
