import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from '../testing/booking-builder.js'

/**
 * Rules §9.4, booking-level HDCED: "If a sentence without HDCED (not DTO) releases after that
 * HDCED (defaulted release), and not all such sentences are immediate releases (or the next one
 * is an immediate custody release), HDCED becomes that sentence's release."
 *
 * Worked example (sds-50, halfway release): 2 years from 10 Jan 2024 (731 days, release on day
 * 366) and 6 months from 1 Sep 2024 (1 Sep 2024 – 28 Feb 2025, 181 days, release on day 91),
 * concurrent, in one custody period, with remand linked to the later sentence (shared by both).
 */
const twoYears = sds({ date: '2024-01-10', years: 2 })
const sixMonths = sds({ date: '2024-09-01', months: 6 })

describe('§9.4 an HDCED never lands before a concurrent sentence without HDC is released', () => {
  it('remand exactly using up the later sentence (an immediate custody release) moves the HDCED to its release', () => {
    // 90 days' remand: the 6-month sentence releases on day 91 − 90 = its sentence date, exactly.
    // It has no HDCED (release before sentence date + 14 days). The 2-year sentence's HDCED is
    // 10 Jan 2024 + 186 − 90 days = 15 Apr 2024: before the second sentence was even imposed.
    const r = calc(booking([twoYears, sixMonths], { REMAND: [remand('2024-09-01', 90)] }))
    expect(r.dates.CRD).toBe('2024-10-11')
    expect(r.dates.HDCED).toBe('2024-09-01')
    expect(r.breakdown?.breakdownByReleaseDateType.HDCED?.rules).toEqual([
      'HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE',
    ])
  })

  it('more remand than the later sentence needs (held at its sentence date, not an immediate custody release) leaves the HDCED', () => {
    // 100 days' remand: the release would fall 10 days before sentence and is held at 1 Sep 2024.
    // That is an immediate release but not an immediate custody release, and it is the only
    // sentence without an HDCED, so the HDCED stays at 10 Jan 2024 + 186 − 100 = 5 Apr 2024.
    const r = calc(booking([twoYears, sixMonths], { REMAND: [remand('2024-09-01', 100)] }))
    expect(r.dates.HDCED).toBe('2024-04-05')
  })

  it('an immediate release counts when another sentence without HDCED is not an immediate release', () => {
    // 20 days' remand linked to 1 Sep 2024, shared by the custody period. The 2-year sentence's
    // HDCED: 10 Jan 2024 + 186 − 20 = 24 Jun 2024; its CRD 9 Jan 2025 − 20 = 20 Dec 2024.
    // 2 months from 1 Sep 2024: 61 days, release on day 31 − 20 = 11 Sep 2024 (not immediate).
    // 1 month from 20 Sep 2024: 30 days, release on day 15 − 20: held at 20 Sep 2024 (immediate).
    // Neither has an HDCED (a custodial period under 42 days). Not all of them are immediate
    // releases, so the HDCED becomes the latest of their releases: 20 Sep 2024.
    const r = calc(
      booking([twoYears, sds({ date: '2024-09-01', months: 2 }), sds({ date: '2024-09-20', months: 1 })], {
        REMAND: [remand('2024-09-01', 20)],
      }),
    )
    expect(r.dates.CRD).toBe('2024-12-20')
    expect(r.dates.HDCED).toBe('2024-09-20')
  })
})
