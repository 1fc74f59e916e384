/**
 * Finer points of the pre-calculation checks: what the messages name, how they are ordered, and
 * the interpretations documented in the check code.
 */
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { booking, dto, sds, TODAY } from '../testing.js'
import { describeDuration, isAtLeastMonths, lastDayServed, lengthInDays } from './durations.js'
import { blockingBeforeCalculation, validateBeforeCalculation } from './index.js'

const ID_A = '11111111-1111-1111-1111-111111111111'
const ID_B = '22222222-2222-2222-2222-222222222222'
const ID_C = '33333333-3333-3333-3333-333333333333'
const check = (b: ReturnType<typeof booking>, extra = {}) =>
  validateBeforeCalculation(b, { today: TODAY, ...extra })
const codes = (b: ReturnType<typeof booking>, extra = {}) => check(b, extra).map((m) => m.code)

describe('Messages name what to fix', () => {
  it('name the sentence by court case and line, and carry its reference', () => {
    const [m] = check(
      booking([
        sds({
          caseSequence: 2,
          lineSequence: 3,
          caseReference: 'T20237001',
          offence: { committedAt: '2023-04-01' },
        }),
      ]),
    )
    expect(m?.sentence).toEqual({ index: 0, caseSequence: 2, lineSequence: 3, caseReference: 'T20237001' })
    expect(m?.message).toMatch(/^Court case 2 \(T20237001\), line 3: the offence date \(1 April 2023\)/)
  })

  it('name an adjustment by its path', () => {
    const [m] = check(
      booking([sds()], {
        adjustments: {
          REMAND: [
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-01-01',
              toDate: '2023-01-10',
              numberOfDays: 10,
            },
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-01-05',
              toDate: '2023-01-20',
              numberOfDays: 16,
            },
          ],
        },
      }),
    )
    expect(m?.path).toBe('adjustments.REMAND[1]')
    expect(m?.message).toMatch(/^Remand period 2 overlaps remand period 1\./)
  })

  it('point at the booking return to custody date once, not once per recalled sentence', () => {
    const b = booking(
      [
        sds({ recall: { recallType: 'FIXED_TERM_RECALL_28' } }),
        sds({ recall: { recallType: 'FIXED_TERM_RECALL_28' } }),
      ],
      { returnToCustodyDate: '2026-09-01' },
    )
    expect(check(b).filter((m) => m.code === 'FTR_RTC_DATE_IN_FUTURE')).toEqual([
      expect.objectContaining({
        path: 'returnToCustodyDate',
        message:
          'The booking’s return to custody date (1 September 2026) is after today (20 August 2026). Correct the return to custody date and calculate again.',
      }),
    ])
  })

  it('give the length of the longest chain when several sentences follow the same one', () => {
    const b = booking([
      sds({ identifier: ID_A, caseSequence: 1, lineSequence: 1 }),
      sds({
        identifier: ID_B,
        consecutiveSentenceUUIDs: [ID_A],
        duration: { durationElements: { MONTHS: 6 } },
      }),
      sds({ identifier: ID_C, consecutiveSentenceUUIDs: [ID_A] }),
      sds({ consecutiveSentenceUUIDs: [ID_C], duration: { durationElements: { WEEKS: 3 } } }),
    ])
    const [m] = check(b)
    expect(m?.code).toBe('CONCURRENT_CONSECUTIVE_SENTENCES_DURATION')
    expect(m?.category).toBe('WARNING')
    expect(m?.message).toMatch(/^2 sentences are recorded as consecutive to court case 1, line 1\./)
    expect(m?.message).toMatch(
      /The longest consecutive chain is 4 years 21 days \(2 years \+ 2 years \+ 3 weeks\)\./,
    )
  })
})

describe('Order of messages', () => {
  const mixed = booking([
    sds({ identifier: ID_A }),
    sds({ identifier: ID_B, consecutiveSentenceUUIDs: [ID_A] }),
    sds({ consecutiveSentenceUUIDs: [ID_A], offence: { committedAt: '2024-01-01' } }),
    dto({ identifier: ID_C }),
    sds({ consecutiveSentenceUUIDs: [ID_C] }),
  ])

  it('lists unsupported cases first, then bad data, then warnings', () => {
    expect(check(mixed).map((m) => m.category)).toEqual(['UNSUPPORTED', 'BAD_DATA', 'WARNING'])
  })

  it('shows only the unsupported messages when there are any, as the reference stops there', () => {
    expect(blockingBeforeCalculation(mixed, { today: TODAY }).map((m) => m.code)).toEqual([
      'DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT',
    ])
  })
})

describe('Interpretations', () => {
  it('ask for a missing offence date on a short standard sentence passed after 1 February 2015 (licence depends on it)', () => {
    const short = sds({
      sentencedAt: '2016-01-10',
      offence: { committedAt: null },
      duration: { durationElements: { MONTHS: 6 } },
    })
    expect(codes(booking([short]))).toEqual(['OFFENCE_MISSING_DATE'])
  })

  it('but not on a 12-month sentence, nor on a detention and training order', () => {
    const year = sds({
      sentencedAt: '2016-01-10',
      offence: { committedAt: null },
      duration: { durationElements: { MONTHS: 12 } },
    })
    const order = dto({
      sentencedAt: '2016-01-10',
      offence: { committedAt: null },
      duration: { durationElements: { MONTHS: 6 } },
    })
    expect(codes(booking([year, order]))).toEqual([])
  })

  it('report every sentence in a loop of consecutive links as a broken chain', () => {
    const b = booking([
      sds({ identifier: ID_A, consecutiveSentenceUUIDs: [ID_B] }),
      sds({ identifier: ID_B, consecutiveSentenceUUIDs: [ID_A] }),
    ])
    expect(codes(b)).toEqual(['BROKEN_CONSECUTIVE_CHAINS', 'BROKEN_CONSECUTIVE_CHAINS'])
  })

  it('leave remand that starts before sentence but runs past it to the post-calculation overlap check', () => {
    // Shape of the reference integration case validation/crs-2082_inttest.
    const b = booking([sds({ sentencedAt: '2000-04-29', offence: { committedAt: '2000-03-17' } })], {
      adjustments: {
        REMAND: [
          {
            appliesToSentencesFrom: '2000-04-28',
            fromDate: '2000-04-28',
            toDate: '2000-04-30',
            numberOfDays: 2,
          },
        ],
      },
    })
    expect(codes(b)).toEqual([])
  })

  it('do not treat remand on a date shared by a DTO and another sentence as remand on the DTO', () => {
    const b = booking([dto({ sentencedAt: '2021-05-01' }), sds({ sentencedAt: '2021-05-01' })], {
      adjustments: { REMAND: [{ appliesToSentencesFrom: '2021-05-01', numberOfDays: 10 }] },
    })
    expect(codes(b)).not.toContain('PRE_PCSC_DTO_WITH_ADJUSTMENT')
  })

  it('leave section 250 and recalled sentences out of the progression model schedule check', () => {
    const arrangements = {
      isSDSPlus: false,
      isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
      sdsEarlyReleaseExclusions: ['SA2026_PROGRESSION_MODEL_SCHEDULE'],
    }
    const b = booking([
      sds({ releaseArrangements: { ...arrangements, isSection250: true } }),
      sds({
        releaseArrangements: { ...arrangements, isSection250: false },
        recall: { recallType: 'STANDARD_RECALL' },
      }),
    ])
    expect(codes(b, { routeProgressionModelScheduleExclusionToManual: true })).toEqual([])
  })

  it('read the progression model switch from the feature toggles too', () => {
    const b = booking([
      sds({
        releaseArrangements: {
          isSDSPlus: false,
          isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
          sdsEarlyReleaseExclusions: ['SA2026_PROGRESSION_MODEL_SCHEDULE'],
          isSection250: false,
        },
      }),
    ])
    expect(codes(b, { featureToggles: { routeProgressionModelScheduleExclusionToManual: true } })).toEqual([
      'PROGRESSION_MODEL_SCHEDULE_EXCLUSION',
    ])
  })

  it('refuse a "today" that is not a real date rather than guess', () => {
    expect(() => validateBeforeCalculation(booking([sds()]), { today: '2026-02-30' })).toThrow(RangeError)
  })
})

describe('Measuring terms', () => {
  const d = (s: string) => LocalDate.parse(s)
  it('serves a one-month term from the first of a month to the end of that month', () => {
    expect(lastDayServed(d('2021-03-01'), { durationElements: { MONTHS: 1 } }).toString()).toBe('2021-03-31')
    expect(lengthInDays(d('2021-03-01'), { durationElements: { MONTHS: 1 } })).toBe(31)
  })
  it('counts a 12-month term from 15 January 2021 as 12 months, not less', () => {
    expect(isAtLeastMonths(d('2021-01-15'), { durationElements: { MONTHS: 12 } }, 12)).toBe(true)
    expect(isAtLeastMonths(d('2021-01-15'), { durationElements: { MONTHS: 11, WEEKS: 4 } }, 12)).toBe(false)
  })
  it('describes a term in words', () => {
    expect(describeDuration({ durationElements: { YEARS: 1, MONTHS: 2, WEEKS: 1, DAYS: 3 } })).toBe(
      '1 year 2 months 1 week 3 days',
    )
    expect(describeDuration({ durationElements: {} })).toBe('0 days')
  })
})
