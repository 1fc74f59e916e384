import { describe, expect, it } from 'vitest'
import { parseDate } from '../calendar/dates.js'
import { hdcEligibilityDate } from './hdc-eligibility-date.js'

const base = { deductions: 0, ual: 0, awarded: 0, spansHdc365: false }

describe('HDC eligibility (CJA 2003 s.246), HDC-180 and HDC-365', () => {
  it('2 years from 21 Sep 2013 (365 days to release): 180 days before release, S + 185 = 25 Mar 2014', () => {
    const S = parseDate('2013-09-21')
    const r = hdcEligibilityDate({
      ...base,
      S,
      daysToRelease: 365,
      releaseNum: 730,
      releaseDen: 2,
      adjustedRelease: parseDate('2014-09-20'),
    })
    expect(r?.date.toString()).toBe('2014-03-25')
    expect(r?.trace.rule).toBe('HDC_180')
  })

  it('a custodial period under 42 days (ceil of the decimal) has no HDC date', () => {
    const S = parseDate('2020-01-01')
    // 82 days at one half = 41 days
    expect(
      hdcEligibilityDate({
        ...base,
        S,
        daysToRelease: 41,
        releaseNum: 82,
        releaseDen: 2,
        adjustedRelease: S.plusDays(40),
      }),
    ).toBeNull()
  })

  it('half of the decimal, rounded up: 243 days at one half is 121.5, so half is ceil(60.75) = 61 days from S', () => {
    const S = parseDate('2012-12-17')
    const r = hdcEligibilityDate({
      ...base,
      S,
      daysToRelease: 122,
      releaseNum: 243,
      releaseDen: 2,
      adjustedRelease: S.plusDays(121),
    })
    expect(r?.date.toString()).toBe(S.plusDays(61).toString())
  })

  it('a sentence from 2025: 6 years at 40% (877 days) with 600 days remand and 50 days UAL is held by the 14-day rule, then UAL added: 4 Jul 2025', () => {
    const S = parseDate('2025-05-01')
    const r = hdcEligibilityDate({
      ...base,
      S,
      daysToRelease: 877,
      releaseNum: 2191 * 2,
      releaseDen: 5,
      adjustedRelease: parseDate('2026-03-23'),
      deductions: 600,
      ual: 50,
    })
    expect(r?.date.toString()).toBe('2025-07-04')
    expect(r?.trace.rule).toBe('HDCED_MINIMUM_CUSTODIAL_PERIOD')
  })

  it('after 3 June 2025 a long sentence uses HDC-365: eligibility 365 days before release', () => {
    const S = parseDate('2025-07-01')
    // 5 years at 40% = 731 days to release
    const r = hdcEligibilityDate({
      ...base,
      S,
      daysToRelease: 731,
      releaseNum: 1827 * 2,
      releaseDen: 5,
      adjustedRelease: S.plusDays(730),
    })
    expect(r?.date.toString()).toBe(S.plusDays(731 - 365).toString())
    expect(r?.trace.rule).toBe('HDC_365')
  })
})
