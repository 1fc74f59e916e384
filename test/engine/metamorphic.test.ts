/**
 * Metamorphic properties of the engine: change a booking in a way whose effect the law fixes,
 * and check the answer changes (or does not) exactly so. fast-check generates the bookings; the
 * synthetic estate generator (src/synthetic) supplies realistic mixed bookings.
 */
import fc from 'fast-check'
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  calculate,
  type CalculationOutcome,
  type EngineOptions,
  type LegislationProfileName,
} from '../../src/engine/index.js'
import { booking, remand, sds } from '../../src/engine/testing/booking-builder.js'
import { generatePeople, generatePrisons } from '../../src/synthetic/index.js'

const PROFILES: LegislationProfileName[] = ['calculation-params', 'sds-50', 'sds-progression-model-october']
const options = (profile: LegislationProfileName): EngineOptions => ({
  profile,
  bankHolidays: ['2021-12-27', '2021-12-28'],
  today: '2026-11-28',
})
const epoch = (s: string) => LocalDate.parse(s).toEpochDay()
const iso = (n: number) => LocalDate.ofEpochDay(n).toString()
const shiftIso = (s: string, days: number) => LocalDate.parse(s).plusDays(days).toString()

/** What a caller sees: status, dates, and the codes of any messages. */
function seen(o: CalculationOutcome) {
  if (o.status === 'calculated')
    return { status: o.status, dates: o.result.dates, codes: o.messages.map((m) => m.code) }
  if (o.status === 'rejected') return { status: o.status, codes: o.messages.map((m) => m.code) }
  return { status: o.status }
}

const prisons = generatePrisons(4, 1)
/** One synthetic person's booking per seed (each seed gives a different person). */
const syntheticBooking = fc
  .integer({ min: 1, max: 1_000_000 })
  .map((seed) => [...generatePeople({ seed, count: 1, prisons, referenceDate: '2026-11-28' })][0]!.booking)

type Raw = Record<string, unknown> & {
  sentences: Record<string, unknown>[]
  adjustments?: Record<string, unknown[]>
}

// A window with no commencement or tranche date anywhere near (LASPO 2012, ORA 2015-02-01 and
// SDS+ 2020-04-01 are behind every date; SDS40 2024-09-10 is after every expiry used here).
const quietDay = fc.integer({ min: epoch('2015-06-01'), max: epoch('2018-06-01') })
const quietSentence = fc.record({
  start: quietDay,
  days: fc.integer({ min: 90, max: 1460 }),
})

describe('metamorphic properties', () => {
  it('N more days unlawfully at large before release move every release and expiry date later by exactly N', () => {
    fc.assert(
      fc.property(
        quietSentence,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom<LegislationProfileName>('calculation-params', 'sds-50'),
        ({ start, days }, n, remandDays, profile) => {
          const S = iso(start)
          // UAL while still in custody: the day after sentence, with the remand leaving the
          // release at least a few days after it (UAL on licence does not extend a sentence).
          const ualFrom = shiftIso(S, 1)
          remandDays = Math.min(remandDays, Math.floor(days / 2) - 5)
          const base = (ual: number) =>
            booking([sds({ date: S, days })], {
              REMAND: remandDays ? [remand(S, remandDays)] : [],
              UNLAWFULLY_AT_LARGE: ual
                ? [
                    {
                      appliesToSentencesFrom: ualFrom,
                      numberOfDays: ual,
                      fromDate: ualFrom,
                      toDate: shiftIso(ualFrom, ual - 1),
                    },
                  ]
                : [],
            })
          const a = calculate(base(0), options(profile))
          const b = calculate(base(n), options(profile))
          expect(b.status).toBe(a.status)
          if (a.status !== 'calculated' || b.status !== 'calculated') return
          for (const t of ['CRD', 'ARD', 'SLED', 'SED', 'LED', 'HDCED'] as const) {
            const before = a.result.dates[t]
            if (before === undefined) {
              expect(b.result.dates[t], t).toBeUndefined()
              continue
            }
            expect(b.result.dates[t], t).toBe(shiftIso(before, n))
          }
          // The effective sentence end date is the unadjusted expiry: UAL does not move it.
          expect(b.result.dates.ESED).toBe(a.result.dates.ESED)
        },
      ),
      { numRuns: 120 },
    )
  })

  it('splitting a remand period into two adjacent periods changes nothing', () => {
    fc.assert(
      fc.property(
        syntheticBooking,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.constantFrom(...PROFILES),
        (raw0, cut, profile) => {
          const raw = raw0 as unknown as Raw
          const list = (raw.adjustments?.REMAND ?? []) as Array<{
            fromDate?: string
            toDate?: string
            numberOfDays: number
            appliesToSentencesFrom: string
          }>
          const i = list.findIndex((r) => r.fromDate && r.toDate && r.numberOfDays >= 2)
          if (i < 0) return
          const r = list[i]!
          const first = Math.max(1, Math.min(r.numberOfDays - 1, Math.round(r.numberOfDays * cut)))
          const mid = shiftIso(r.fromDate!, first - 1)
          const split = [
            { ...r, toDate: mid, numberOfDays: first },
            { ...r, fromDate: shiftIso(mid, 1), numberOfDays: r.numberOfDays - first },
          ]
          const other = {
            ...raw,
            adjustments: {
              ...raw.adjustments,
              REMAND: [...list.slice(0, i), ...split, ...list.slice(i + 1)],
            },
          }
          expect(seen(calculate(other, options(profile)))).toEqual(seen(calculate(raw, options(profile))))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('the order of the sentences and court cases in the input changes nothing', () => {
    fc.assert(
      fc.property(
        syntheticBooking,
        fc.constantFrom(...PROFILES),
        fc.integer({ min: 1, max: 1000 }),
        (raw0, profile, k) => {
          const raw = raw0 as unknown as Raw
          if (raw.sentences.length < 2) return
          // Rotate the list, and reverse it: two different reorderings.
          const rot = k % raw.sentences.length
          const rotated = [...raw.sentences.slice(rot), ...raw.sentences.slice(0, rot)]
          const want = seen(calculate(raw, options(profile)))
          expect(seen(calculate({ ...raw, sentences: rotated }, options(profile)))).toEqual(want)
          expect(
            seen(calculate({ ...raw, sentences: [...raw.sentences].reverse() }, options(profile))),
          ).toEqual(want)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('shifting every date of a booking by whole weeks (away from any commencement) shifts every date by the same amount', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: 200 }),
            days: fc.integer({ min: 20, max: 1460 }),
            weeks: fc.integer({ min: 0, max: 20 }),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        quietDay,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -26, max: 26 }),
        fc.constantFrom<LegislationProfileName>('calculation-params', 'sds-50'),
        (parts, start, remandDays, weeks, profile) => {
          // Durations in days and weeks only: whole-week shifts keep them the same number of days
          // (months would not).
          const make = (shift: number) => {
            const S = (o: number) => iso(start + o + shift)
            return booking(
              parts.map((p, i) => sds({ date: S(p.offset), days: p.days, weeks: p.weeks, id: `s${i}` })),
              remandDays
                ? {
                    REMAND: [
                      {
                        ...remand(S(0), remandDays),
                        fromDate: iso(start + shift - remandDays),
                        toDate: iso(start + shift - 1),
                      },
                    ],
                  }
                : {},
              iso(epoch('1980-03-01') + shift),
            )
          }
          const a = calculate(make(0), options(profile))
          const b = calculate(make(weeks * 7), options(profile))
          expect(b.status).toBe(a.status)
          if (a.status !== 'calculated' || b.status !== 'calculated') return
          const shifted = Object.fromEntries(
            Object.entries(a.result.dates)
              // TUSED adds 12 calendar months, which a shift in days does not preserve.
              .filter(([t]) => t !== 'TUSED')
              .map(([t, v]) => [t, shiftIso(v, weeks * 7)]),
          )
          const got = Object.fromEntries(Object.entries(b.result.dates).filter(([t]) => t !== 'TUSED'))
          expect(got).toEqual(shifted)
        },
      ),
      { numRuns: 120 },
    )
  })

  it('making a sentence longer never makes any release date earlier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: epoch('2013-01-01'), max: epoch('2029-12-31') }),
        fc.integer({ min: 14, max: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(...PROFILES),
        (start, days, more, remandDays, profile) => {
          const S = iso(start)
          const make = (d: number) =>
            booking([sds({ date: S, days: d })], remandDays ? { REMAND: [remand(S, remandDays)] } : {})
          const a = calculate(make(days), options(profile))
          const b = calculate(make(days + more), options(profile))
          if (a.status !== 'calculated' || b.status !== 'calculated') return
          const release = (o: typeof a) => o.result.dates.CRD ?? o.result.dates.ARD ?? ''
          expect(release(b) >= release(a)).toBe(true)
          const expiry = (o: typeof a) => o.result.dates.SLED ?? o.result.dates.SED ?? ''
          expect(expiry(b) >= expiry(a)).toBe(true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
