import fc from 'fast-check'
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { booking, calc, remand, sds } from './testing/booking-builder.js'

const dateArb = fc.integer({ min: LocalDate.parse('2015-03-01').toEpochDay(), max: LocalDate.parse('2030-12-31').toEpochDay() }).map((n) => LocalDate.ofEpochDay(n).toString())
const sentenceArb = fc.record({
  date: dateArb,
  years: fc.integer({ min: 0, max: 6 }),
  months: fc.integer({ min: 0, max: 11 }),
  days: fc.integer({ min: 0, max: 30 }),
}).filter((s) => s.years + s.months + s.days > 0)
const profileArb = fc.constantFrom('sds-50' as const, 'calculation-params' as const, 'sds-progression-model-october' as const)

function release(d: Partial<Record<string, string>>): string {
  return d.CRD ?? d.ARD ?? d.PRRD ?? ''
}

describe('properties of the release arithmetic', () => {
  it('more remand never makes the release date later', () => {
    fc.assert(
      fc.property(sentenceArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), profileArb, (s, a, b, profile) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const less = calc(booking([sds(s)], { REMAND: [remand(s.date, lo)] }), { profile })
        const more = calc(booking([sds(s)], { REMAND: [remand(s.date, hi)] }), { profile })
        expect(release(more.dates) <= release(less.dates)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it('adding a concurrent sentence imposed the same day never makes the latest release earlier', () => {
    fc.assert(
      fc.property(sentenceArb, sentenceArb, profileArb, (s, t, profile) => {
        const alone = calc(booking([sds(s)]), { profile })
        const both = calc(booking([sds(s), sds({ ...t, date: s.date })]), { profile })
        expect(release(both.dates) >= release(alone.dates)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it('the conditional or automatic release date is never before the sentence date', () => {
    fc.assert(
      fc.property(sentenceArb, fc.integer({ min: 0, max: 3000 }), profileArb, (s, days, profile) => {
        const r = calc(booking([sds(s)], { REMAND: [remand(s.date, days)] }), { profile })
        expect(release(r.dates) >= s.date).toBe(true)
      }),
      { numRuns: 150 },
    )
  })
})
