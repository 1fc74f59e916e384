import { describe, expect, it } from 'vitest'
import { checkRecordedDates, type RecordedDateFacts } from './recorded-dates.js'

const period = { earliestSentenceDate: '2024-01-10', latestSentenceDate: '2024-03-01' }
const codes = (dates: Parameters<typeof checkRecordedDates>[0], facts: RecordedDateFacts = period) =>
  checkRecordedDates(dates, facts).map((p) => `${p.code}:${p.date}`)

describe('checkRecordedDates: date-level sanity of a set of release dates', () => {
  it('accepts a coherent set of dates', () => {
    expect(
      codes({
        CRD: '2025-01-10',
        SLED: '2026-01-09',
        HDCED: '2024-07-15',
        TUSED: '2026-01-10',
        ESED: '2026-01-09',
      }),
    ).toEqual([])
  })

  it('refuses a release date before the latest sentence of the period was imposed', () => {
    expect(codes({ CRD: '2024-02-28', SLED: '2026-01-09' })).toEqual(['RELEASE_BEFORE_SENTENCE_DATE:CRD'])
    expect(codes({ PRRD: '2024-02-28', SLED: '2026-01-09' })).toEqual(['RELEASE_BEFORE_SENTENCE_DATE:PRRD'])
    // Released on the day of sentence (remand covered it all) is lawful.
    expect(codes({ ARD: '2024-03-01', SED: '2024-06-01' })).toEqual([])
  })

  it('refuses an HDCED, PED or ERSED before the earliest sentence date', () => {
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', HDCED: '2024-01-09' })).toEqual([
      'RELEASE_BEFORE_SENTENCE_DATE:HDCED',
    ])
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', PED: '2023-12-31', ERSED: '2024-01-09' })).toEqual([
      'RELEASE_BEFORE_SENTENCE_DATE:PED',
      'RELEASE_BEFORE_SENTENCE_DATE:ERSED',
    ])
  })

  it('refuses any release date after the expiry of the sentence', () => {
    expect(codes({ CRD: '2026-01-10', SLED: '2026-01-09' })).toContain('RELEASE_AFTER_EXPIRY:CRD')
    expect(codes({ ARD: '2024-12-01', SED: '2024-11-30' })).toEqual(['RELEASE_AFTER_EXPIRY:ARD'])
    expect(codes({ PRRD: '2026-01-10', SLED: '2026-01-09' })).toEqual(['RELEASE_AFTER_EXPIRY:PRRD'])
  })

  it('refuses early-release dates that come after the release they bring forward', () => {
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', HDCED: '2025-01-11' })).toEqual([
      'HDCED_AFTER_RELEASE:HDCED',
    ])
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', ERSED: '2025-01-11' })).toEqual([
      'ERSED_AFTER_RELEASE:ERSED',
    ])
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', PED: '2025-01-11' })).toEqual([
      'PED_AFTER_RELEASE:PED',
    ])
  })

  it('refuses top-up supervision that ends on or before release, and a licence that outlasts the sentence', () => {
    expect(codes({ CRD: '2025-01-10', SLED: '2026-01-09', TUSED: '2025-01-10' })).toEqual([
      'TUSED_NOT_AFTER_RELEASE:TUSED',
    ])
    expect(codes({ CRD: '2025-01-10', SED: '2026-01-09', LED: '2026-01-10' })).toEqual([
      'LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY:LED',
    ])
  })

  it('refuses detention and training order transfer dates out of order', () => {
    expect(codes({ ETD: '2024-06-01', MTD: '2024-05-31', LTD: '2024-07-01', SED: '2024-09-01' })).toEqual([
      'TRANSFER_DATES_OUT_OF_ORDER:MTD',
    ])
  })

  it('reports a value that is not a real date, naming it, and checks the rest', () => {
    const p = checkRecordedDates({ CRD: '2025-02-30', SLED: '2026-01-09', HDCED: '2026-02-01' }, period)
    expect(p.map((x) => x.code)).toEqual(['DATE_NOT_A_DATE', 'RELEASE_AFTER_EXPIRY'])
    expect(p[0]!.message).toContain('conditional release date (CRD)')
    expect(p[1]!.message).toBe(
      'The home detention curfew eligibility date (HDCED) 2026-02-01 is after the sentence and licence expiry date (SLED) 2026-01-09',
    )
  })

  it('uses the latest sentence date as the earliest when no earliest is given', () => {
    expect(
      codes(
        { CRD: '2025-01-10', SLED: '2026-01-09', HDCED: '2024-02-01' },
        { latestSentenceDate: '2024-03-01' },
      ),
    ).toEqual(['RELEASE_BEFORE_SENTENCE_DATE:HDCED'])
  })
})
