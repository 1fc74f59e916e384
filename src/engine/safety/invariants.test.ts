import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { ReleaseDateType } from '../api.js'
import { booking, remand, sds } from '../testing/booking-builder.js'
import { safetyInputFor } from '../testing/safety-input.js'
import { checkInvariants, SAFETY_INVARIANTS, type SafetyInput } from './invariants.js'

/**
 * Each invariant, made to fire by breaking the one fact it guards the way a faulty rule would,
 * on a booking that otherwise holds together.
 */

const codes = (input: SafetyInput) => checkInvariants(input).map((f) => `${f.code}:${f.date}`)
const d = (s: string) => LocalDate.parse(s)

// 2 years from 10 Jan 2024 with 30 days' remand (sds-50): CRD 2025-01-09 − 30 = 2024-12-10.
const plain = () =>
  safetyInputFor(booking([sds({ date: '2024-01-10', years: 2 })], { REMAND: [remand('2024-01-10', 30)] }))
const withDates = (input: SafetyInput, change: Partial<Record<ReleaseDateType, string>>): SafetyInput => {
  const dates = new Map(input.dates)
  for (const [k, v] of Object.entries(change)) dates.set(k as ReleaseDateType, d(v))
  return { ...input, dates }
}

describe('safety invariants', () => {
  it('hold on a plain booking (so every firing below is caused by the one broken fact)', () => {
    const input = plain()
    expect(input.dates.get('CRD')?.toString()).toBe('2024-12-10')
    expect(codes(input)).toEqual([])
  })

  it('every invariant has a stated reason', () => {
    for (const [code, reason] of Object.entries(SAFETY_INVARIANTS))
      expect(reason.length, code).toBeGreaterThan(20)
  })

  it('BOOKING_RELEASE_BEFORE_SENTENCE_DATE: a booking release before the sentence was imposed', () => {
    expect(codes(withDates(plain(), { CRD: '2024-01-09' }))).toContain(
      'BOOKING_RELEASE_BEFORE_SENTENCE_DATE:CRD',
    )
  })

  it('BOOKING_RELEASE_AFTER_EXPIRY: a booking release after the SLED', () => {
    expect(codes(withDates(plain(), { CRD: '2026-01-01' }))).toContain('BOOKING_RELEASE_AFTER_EXPIRY:CRD')
  })

  it('BOOKING_HDCED_AFTER_RELEASE: an HDCED later than the CRD', () => {
    expect(codes(withDates(plain(), { HDCED: '2024-12-11' }))).toContain('BOOKING_HDCED_AFTER_RELEASE:HDCED')
  })

  it('SENTENCE_RELEASE_BEFORE_SENTENCE_DATE: a sentence released before its own sentence date', () => {
    const input = plain()
    input.sentences[0]!.d!.adjustedRelease = d('2024-01-09')
    expect(codes(input)).toContain('SENTENCE_RELEASE_BEFORE_SENTENCE_DATE:CRD')
  })

  it('SENTENCE_RELEASE_AFTER_EXPIRY: additional days pushing a release past expiry', () => {
    const input = plain()
    const s = input.sentences[0]!.d!
    s.releaseDate = s.expiry.plusDays(1)
    expect(codes(input)).toContain('SENTENCE_RELEASE_AFTER_EXPIRY:CRD')
  })

  it('SENTENCE_EXPIRY_ARITHMETIC: an expiry that does not follow from the length and adjustments', () => {
    const input = plain()
    const s = input.sentences[0]!.d!
    s.expiry = s.expiry.minusDays(1)
    expect(codes(input)).toEqual(['SENTENCE_EXPIRY_ARITHMETIC:SLED'])
  })

  it('SENTENCE_RELEASE_ARITHMETIC: a release point that is not the custodial term times its fraction', () => {
    const input = plain()
    input.sentences[0]!.d!.daysToRelease -= 1
    expect(codes(input)).toContain('SENTENCE_RELEASE_ARITHMETIC:CRD')
  })

  it('SENTENCE_RELEASE_ARITHMETIC: a release that ignores the remand the sentence was credited', () => {
    const input = plain()
    input.sentences[0]!.d!.adjustedRelease = d('2025-01-09')
    expect(codes(input)).toEqual(['SENTENCE_RELEASE_ARITHMETIC:CRD'])
  })

  it('REMAND_CREDITED_MORE_THAN_ONCE: remand deducted twice', () => {
    const input = plain()
    input.sentences[0]!.adj.remand = 60
    expect(codes(input)).toContain('REMAND_CREDITED_MORE_THAN_ONCE:CRD')
  })

  it('UAL_NOT_REFLECTED_IN_EXPIRY: UAL before release that the sentence did not receive', () => {
    const ual = {
      appliesToSentencesFrom: '2024-06-01',
      numberOfDays: 10,
      fromDate: '2024-06-01',
      toDate: '2024-06-10',
    }
    const input = safetyInputFor(
      booking([sds({ date: '2024-01-10', years: 2 })], { UNLAWFULLY_AT_LARGE: [ual] }),
    )
    expect(input.sentences[0]!.adj.ualDuringCustody).toBe(10)
    expect(codes(input)).toEqual([])
    input.sentences[0]!.adj.ualDuringCustody = 0
    expect(codes(input)).toContain('UAL_NOT_REFLECTED_IN_EXPIRY:SLED')
  })

  it('UAL_NOT_REFLECTED_IN_EXPIRY: a standard recall that ignores its second period unlawfully at large', () => {
    const ual = (from: string, to: string, n: number) => ({
      appliesToSentencesFrom: from,
      numberOfDays: n,
      fromDate: from,
      toDate: to,
    })
    const b = {
      ...booking(
        [
          {
            ...sds({ date: '2020-01-01', years: 4 }),
            recall: {
              recallType: 'STANDARD_RECALL',
              revocationDate: '2022-06-01',
              returnToCustodyDate: '2022-07-01',
            },
          },
        ],
        { UNLAWFULLY_AT_LARGE: [ual('2022-06-01', '2022-06-30', 30), ual('2023-01-01', '2023-01-31', 31)] },
      ),
      returnToCustodyDate: '2022-07-01',
    }
    const input = safetyInputFor(b)
    expect(input.dates.get('SLED')?.toString()).toBe('2024-03-01')
    expect(codes(input)).toEqual([])
    input.sentences[0]!.adj.ualAfterDeterminateRelease -= 31
    expect(codes(input)).toContain('UAL_NOT_REFLECTED_IN_EXPIRY:SLED')
  })

  it('CHAIN_RELEASE_BEFORE_FIRST_PART: a consecutive chain released sooner than its first term alone', () => {
    const input = safetyInputFor(
      booking([
        sds({ date: '2024-01-10', years: 2, id: 'a' }),
        sds({ date: '2024-01-10', years: 1, id: 'b', consecutiveTo: 'a' }),
      ]),
    )
    const chain = input.sentences.find((s) => s.kind === 'chain')!
    expect(codes(input)).toEqual([])
    chain.d!.daysToRelease = 300
    expect(codes(input)).toContain('CHAIN_RELEASE_BEFORE_FIRST_PART:CRD')
  })

  it('EXPLANATION_DISAGREES_WITH_DATE: a date moved without its explanation saying so', () => {
    expect(codes(withDates(plain(), { CRD: '2024-12-11' }))).toEqual(['EXPLANATION_DISAGREES_WITH_DATE:CRD'])
  })

  it('DATE_WITHOUT_EXPLANATION: a date with no explanation', () => {
    const input = plain()
    const traces = new Map(input.traces)
    traces.delete('CRD')
    expect(codes({ ...input, traces })).toEqual(['DATE_WITHOUT_EXPLANATION:CRD'])
  })
})

describe('top-up supervision', () => {
  it('SENTENCE_TUSED_NOT_AFTER_RELEASE: a TUSED that does not follow the sentence’s release', () => {
    // 8 months from 1 Mar 2020 (after ORA): CRD on day 122, TUSED 12 months after it.
    const input = safetyInputFor(booking([sds({ date: '2020-03-01', months: 8 })]))
    const s = input.sentences[0]!.d!
    expect(s.tused).not.toBeNull()
    expect(codes(input)).toEqual([])
    s.tused = s.adjustedRelease
    expect(codes(input)).toContain('SENTENCE_TUSED_NOT_AFTER_RELEASE:TUSED')
  })
})
