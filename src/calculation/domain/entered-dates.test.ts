import { describe, expect, it } from 'vitest'
import { checkEnteredDates, enteredDateFacts } from './entered-dates.js'

const facts = { latestSentenceDate: '2024-06-03', earliestSentenceDate: '2024-01-10' }
const codes = (dates: Record<string, string>) =>
  checkEnteredDates(dates, facts).map((p) => `${p.date}:${p.code}`)

describe('sanity rules for dates typed in by hand', () => {
  it('accepts dates that can all be right together', () => {
    expect(
      codes({ HDCED: '2025-01-10', CRD: '2025-03-01', SLED: '2026-06-02', TUSED: '2026-03-01' }),
    ).toEqual([])
  })

  it('refuses an HDCED, PED or ERSED after the release date', () => {
    expect(codes({ CRD: '2025-03-01', HDCED: '2025-04-01', SLED: '2026-06-02' })).toEqual([
      'HDCED:HDCED_AFTER_RELEASE',
    ])
    expect(codes({ ARD: '2025-03-01', ERSED: '2025-04-01' })).toEqual(['ERSED:ERSED_AFTER_RELEASE'])
  })

  it('refuses a release before the sentence date and after the expiry', () => {
    expect(codes({ CRD: '2024-05-01', SLED: '2026-06-02' })).toEqual(['CRD:RELEASE_BEFORE_SENTENCE_DATE'])
    // HDC eligibility is judged against the earliest sentence date.
    expect(codes({ HDCED: '2024-02-01', CRD: '2025-03-01' })).toEqual([])
    expect(codes({ CRD: '2026-07-01', SLED: '2026-06-02' })).toEqual(['CRD:RELEASE_AFTER_EXPIRY'])
  })

  it('refuses a licence ending after the sentence, supervision ending before release, transfers out of order', () => {
    expect(codes({ LED: '2026-07-01', SED: '2026-06-02' })).toEqual([
      'LED:LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY',
    ])
    expect(codes({ CRD: '2025-03-01', TUSED: '2025-03-01' })).toEqual(['TUSED:TUSED_NOT_AFTER_RELEASE'])
    expect(codes({ ETD: '2025-02-01', MTD: '2025-01-01' })).toEqual(['MTD:TRANSFER_DATES_OUT_OF_ORDER'])
  })

  it('takes the earliest and latest sentence dates from the booking', () => {
    expect(
      enteredDateFacts({
        sentences: [{ sentencedAt: '2024-06-03' }, { sentencedAt: '2023-02-01' }] as never,
      }),
    ).toEqual({ earliestSentenceDate: '2023-02-01', latestSentenceDate: '2024-06-03' })
    expect(enteredDateFacts({ sentences: [] })).toBeUndefined()
  })
})
