import { Instant } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  daysBetween,
  formatDate,
  formatDateWithDay,
  formatDuration,
  isNonWorkingDay,
  ukDate,
} from './format.js'

describe('format', () => {
  it('formats dates GOV.UK style, without a leading zero', () => {
    expect(formatDate('2025-04-02')).toBe('2 April 2025')
    expect(formatDateWithDay('2025-04-12')).toBe('Saturday 12 April 2025')
  })

  it('shows unreadable dates as they were rather than hiding them', () => {
    expect(formatDate('2025-02-30')).toBe('2025-02-30')
    expect(formatDate(undefined)).toBe('not given')
  })

  it('treats weekends and listed bank holidays as non-working days', () => {
    expect(isNonWorkingDay('2025-04-12', [])).toBe(true)
    expect(isNonWorkingDay('2025-04-13', [])).toBe(true)
    expect(isNonWorkingDay('2025-04-18', ['2025-04-18'])).toBe(true)
    expect(isNonWorkingDay('2025-04-17', ['2025-04-18'])).toBe(false)
  })

  it('formats lengths in words', () => {
    expect(formatDuration({ durationElements: { YEARS: 2, MONTHS: 6 } })).toBe('2 years 6 months')
    expect(formatDuration({ durationElements: { YEARS: 1, DAYS: 1 } })).toBe('1 year 1 day')
    expect(formatDuration({ durationElements: {} })).toBe('no length entered')
  })

  it('uses the UK calendar date: 23:30 GMT in summer is the next day', () => {
    expect(ukDate(Instant.parse('2025-06-30T23:30:00Z')).toString()).toBe('2025-07-01')
    expect(ukDate(Instant.parse('2025-01-31T23:30:00Z')).toString()).toBe('2025-01-31')
    expect(ukDate(Instant.parse('2025-03-30T00:59:00Z')).toString()).toBe('2025-03-30')
    expect(ukDate(Instant.parse('2025-10-25T23:30:00Z')).toString()).toBe('2025-10-26')
    expect(ukDate(Instant.parse('2025-10-26T23:30:00Z')).toString()).toBe('2025-10-26')
  })

  it('counts whole calendar days waited', () => {
    expect(daysBetween(Instant.parse('2025-03-03T09:00:00Z'), Instant.parse('2025-03-03T17:00:00Z'))).toBe(0)
    expect(daysBetween(Instant.parse('2025-03-03T17:00:00Z'), Instant.parse('2025-03-04T08:00:00Z'))).toBe(1)
  })
})
