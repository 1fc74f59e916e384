import { describe, expect, it } from 'vitest'
import { calculate } from './calculate.js'
import { booking, calc, remand, sds } from './testing/booking-builder.js'

describe('standard determinate sentence released at one half (CJA 2003 s.244(3)(a))', () => {
  it('2 years from 21 Sep 2013, no remand: CRD 20 Sep 2014 (S+n−1), SLED 20 Sep 2015, HDCED 25 Mar 2014 (S+n)', () => {
    const r = calc(booking([sds({ date: '2013-09-21', years: 2 })]))
    expect(r.dates).toEqual({
      CRD: '2014-09-20',
      SLED: '2015-09-20',
      HDCED: '2014-03-25',
      ESED: '2015-09-20',
    })
    expect(r.effectiveSentenceLength).toBe('P2Y')
    const crd = r.explanations.find((e) => e.type === 'CRD')!
    expect(crd.steps.some((s) => s.cites?.provision.includes('s.244(3)(a)'))).toBe(true)
  })

  it('1 month from 1 March is 31 days (first-of-month rule): release on day 16, 16 March', () => {
    const r = calc(booking([sds({ date: '2021-03-01', months: 1, offence: '2021-02-01' })]))
    expect(r.dates.SLED).toBe('2021-03-31')
    expect(r.dates.CRD).toBe('2021-03-16')
  })

  it('8 months from 17 Dec 2012 (243 days) for a pre-ORA offence: ARD at ceil(121.5) = day 122, less 10 days remand = 7 Apr 2013', () => {
    const r = calc(
      booking([sds({ date: '2012-12-17', months: 8, offence: '2012-11-01' })], {
        REMAND: [remand('2012-12-17', 10)],
      }),
    )
    expect(r.dates.ARD).toBe('2013-04-07')
    // HDC: max(28, ceil(121.5 / 2) = 61) − 10 days remand, counted from the sentence date (S + n)
    expect(r.dates.HDCED).toBe('2013-02-06')
  })
})

describe('remand is shared within a custody period (CJA 2003 s.240ZA)', () => {
  it('two concurrent sentences imposed the same day both take the 35 days of remand', () => {
    const one = calc(booking([sds({ date: '2013-11-15', years: 3 })], { REMAND: [remand('2013-11-15', 35)] }))
    const two = calc(
      booking([sds({ date: '2013-11-15', years: 2 }), sds({ date: '2013-11-15', years: 3 })], {
        REMAND: [remand('2013-11-15', 35)],
      }),
    )
    expect(two.dates.CRD).toBe(one.dates.CRD)
    expect(two.dates.SLED).toBe(one.dates.SLED)
  })
})

describe('custody periods end on the previous working day, using the bank holidays passed in', () => {
  // 6 weeks from 15 Nov 2021: release day 21 = 5 Dec 2021 (a Sunday) → previous working day Fri 3 Dec.
  // A sentence imposed on 4 Dec therefore starts a new custody period and takes no share of remand.
  it('a sentence imposed the day after the working-day release point starts a new custody period', () => {
    const b = booking(
      [
        sds({ date: '2021-11-15', weeks: 6, offence: '2021-10-01' }),
        sds({ date: '2021-12-04', months: 2, offence: '2021-10-01' }),
      ],
      { REMAND: [remand('2021-11-15', 5)] },
    )
    const r = calc(b)
    // Second sentence: 2 months from 4 Dec = 62 days, release day 31 = 3 Jan 2022, with no remand.
    expect(r.dates.CRD).toBe('2022-01-03')
  })

  it('bank holidays move the release point back: 27 and 28 Dec 2021 are not working days', () => {
    // 64 days from 29 Nov 2021: release day 32 = 30 Dec, less 2 days remand = 28 Dec (a bank holiday).
    // With the holidays the custody period ends Fri 24 Dec, so a sentence on 27 Dec starts a new
    // period (no remand): 2 months = 62 days, day 31 = 26 Jan 2022. Without them it shares the remand.
    const b = booking([sds({ date: '2021-11-29', days: 64 }), sds({ date: '2021-12-27', months: 2 })], {
      REMAND: [remand('2021-11-29', 2)],
    })
    expect(calc(b).dates.CRD).toBe('2022-01-26')
    expect(calc(b, { bankHolidays: [] }).dates.CRD).toBe('2022-01-24')
  })
})

describe('legislation dates in the future are applied (the engine never reads the clock)', () => {
  it('a 56-day fixed-term recall and the progression model apply whatever "today" is', () => {
    const b = booking([sds({ date: '2026-11-02', years: 3 })])
    const early = calc(b, { profile: 'sds-progression-model-october', today: '2020-01-01' })
    const late = calc(b, { profile: 'sds-progression-model-october', today: '2030-01-01' })
    expect(early.dates).toEqual(late.dates)
    // one third of 1096 days = ceil(365.33) = 366 → 2027-11-02
    expect(early.dates.CRD).toBe('2027-11-02')
  })
})

describe('extended determinate sentence without automaticRelease is discretionary (CJA 2003 s.246A)', () => {
  it('6 years custodial + 4 extension from 2015-03-06: CRD at the end of custody, PED at two thirds', () => {
    const eds = {
      type: 'ExtendedDeterminateSentence',
      offence: { committedAt: '2015-01-01' },
      custodialDuration: { durationElements: { YEARS: 6 } },
      extensionDuration: { durationElements: { YEARS: 4 } },
      sentencedAt: '2015-03-06',
    }
    const r = calc(booking([eds]))
    expect(r.dates.CRD).toBe('2021-03-05')
    expect(r.dates.PED).toBe('2019-03-06')
    expect(r.dates.SLED).toBe('2025-03-05')
  })
})

describe('the engine never throws', () => {
  it('nonsense input is reported as invalid input with a path', () => {
    const o = calculate({ offender: {} }, { profile: 'sds-50', bankHolidays: [], today: '2026-01-01' })
    expect(o.status).toBe('invalid-input')
  })
  it('a fixed-term recall with no return to custody date is a coded error', () => {
    const s = { ...sds({ date: '2020-01-01', years: 2 }), recall: { recallType: 'FIXED_TERM_RECALL_28' } }
    const o = calculate(booking([s]), {
      profile: 'sds-50',
      bankHolidays: [],
      today: '2026-01-01',
      preCalculationChecks: false,
    })
    expect(o).toMatchObject({ status: 'error', code: 'NoValidReturnToCustodyDateException' })
  })
})

describe('pre-calculation checks in the entry point', () => {
  const ftrWithoutRtc = () =>
    booking([{ ...sds({ date: '2020-01-01', years: 2 }), recall: { recallType: 'FIXED_TERM_RECALL_28' } }])
  it('are on by default and reject a booking with bad data before any arithmetic', () => {
    const o = calculate(ftrWithoutRtc(), { profile: 'sds-50', bankHolidays: [], today: '2026-01-01' })
    expect(o.status).toBe('rejected')
    if (o.status !== 'rejected') return
    expect(o.messages.length).toBeGreaterThan(0)
    expect(o.messages.every((m) => m.category !== 'WARNING')).toBe(true)
    expect(o.messages.every((m) => m.message.length > 0)).toBe(true)
  })
  it('can be switched off (the reference harness runs only post-calculation checks)', () => {
    const o = calculate(ftrWithoutRtc(), {
      profile: 'sds-50',
      bankHolidays: [],
      today: '2026-01-01',
      preCalculationChecks: false,
    })
    expect(o.status).toBe('error')
  })
  it('let a clean booking through to the calculation', () => {
    const o = calculate(booking([sds({ date: '2020-01-01', years: 2 })]), {
      profile: 'sds-50',
      bankHolidays: [],
      today: '2026-01-01',
    })
    expect(o.status).toBe('calculated')
  })
})

describe('options', () => {
  it('a malformed "today" is a coded error, not an exception', () => {
    const o = calculate(booking([sds({ date: '2020-01-01', years: 2 })]), {
      profile: 'sds-50',
      bankHolidays: [],
      today: 'yesterday',
    })
    expect(o).toMatchObject({ status: 'error', code: 'INVALID_OPTIONS' })
  })
})
