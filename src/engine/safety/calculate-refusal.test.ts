import { describe, expect, it, vi } from 'vitest'
import { calculate } from '../calculate.js'
import type { EngineOptions } from '../api.js'
import { booking, remand, sds } from '../testing/booking-builder.js'

/**
 * The safety invariants run inside calculate(): a faulty rule cannot reach the caller as a date.
 * `fault.on` makes booking extraction return a CRD after the SLED, as a broken rule would.
 */
const fault = vi.hoisted(() => ({ on: false }))
vi.mock('../extraction/booking-dates.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../extraction/booking-dates.js')>()
  return {
    ...real,
    extract: (...args: Parameters<typeof real.extract>) => {
      const r = real.extract(...args)
      const sled = r.dates.get('SLED')
      if (!fault.on || !sled) return r
      const dates = new Map(r.dates)
      dates.set('CRD', sled.plusDays(1))
      return { ...r, dates }
    },
  }
})

const options: EngineOptions = { profile: 'sds-50', bankHolidays: [], today: '2026-08-20' }
const plain = booking([sds({ date: '2024-01-10', years: 2 })], { REMAND: [remand('2024-01-10', 30)] })

describe('calculate() refuses an answer that breaks a safety invariant', () => {
  it('returns the dates when the answer holds together', () => {
    fault.on = false
    const o = calculate(plain, options)
    expect(o.status).toBe('calculated')
  })

  it('returns SAFETY_CHECK_FAILED, naming the date and the invariant, and no dates', () => {
    fault.on = true
    try {
      const o = calculate(plain, options)
      expect(o.status).toBe('rejected')
      if (o.status !== 'rejected') return
      // The moved CRD also no longer matches its explanation: both checks are named.
      expect(o.messages.map((m) => m.safety?.invariant)).toEqual([
        'BOOKING_RELEASE_AFTER_EXPIRY',
        'EXPLANATION_DISAGREES_WITH_DATE',
      ])
      const m = o.messages[0]!
      expect(m.code).toBe('SAFETY_CHECK_FAILED')
      expect(m.category).toBe('UNSUPPORTED')
      expect(m.safety).toEqual({ invariant: 'BOOKING_RELEASE_AFTER_EXPIRY', date: 'CRD' })
      expect(m.message).toBe(
        'SafeRelease could not verify the CRD: calculate it by hand. The conditional release date (CRD) 2025-12-11 is after the sentence and licence expiry date (SLED) 2025-12-10 (check BOOKING_RELEASE_AFTER_EXPIRY).',
      )
    } finally {
      fault.on = false
    }
  })

  it('does not add a safety refusal where validation already stops the dates being relied on', () => {
    fault.on = true
    try {
      // A sentence with no imprisonment term is bad data: validation reports it, not the invariants.
      const o = calculate(booking([sds({ date: '2024-01-10' })]), options)
      expect(o.status).toBe('rejected')
      if (o.status === 'rejected')
        expect(o.messages.some((m) => m.code === 'SAFETY_CHECK_FAILED')).toBe(false)
    } finally {
      fault.on = false
    }
  })
})

describe('a wrong date found on generated bookings is refused, not returned', () => {
  it('never gives a release date before a consecutive sentence imposed after the first term ended', () => {
    // 1 year 9 months from 23 Apr 2026 with 89 days' remand, then 2 years 10 months imposed on
    // 7 Nov 2026 consecutive to it. Under the progression model the engine's CRD came out as
    // 6 Oct 2026, a month before the second sentence existed: that must never be a date.
    const o = calculate(
      booking(
        [
          sds({ date: '2026-04-23', years: 1, months: 9, id: 'a' }),
          sds({ date: '2026-11-07', years: 2, months: 10, id: 'b', consecutiveTo: 'a' }),
        ],
        { REMAND: [remand('2026-04-23', 89)] },
      ),
      { ...options, profile: 'sds-progression-model-october', today: '2026-12-01' },
    )
    if (o.status === 'calculated') expect(o.result.dates.CRD! >= '2026-11-07').toBe(true)
    else {
      expect(o.status).toBe('rejected')
      if (o.status === 'rejected') expect(o.messages.map((m) => m.code)).toContain('SAFETY_CHECK_FAILED')
    }
  })
})
