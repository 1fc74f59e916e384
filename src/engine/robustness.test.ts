import fc from 'fast-check'
import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { calculate } from './calculate.js'

const day = (min: string, max: string) =>
  fc
    .integer({ min: LocalDate.parse(min).toEpochDay(), max: LocalDate.parse(max).toEpochDay() })
    .map((n) => LocalDate.ofEpochDay(n).toString())
const dur = fc.record(
  {
    YEARS: fc.integer({ min: 0, max: 12 }),
    MONTHS: fc.integer({ min: 0, max: 14 }),
    WEEKS: fc.integer({ min: 0, max: 6 }),
    DAYS: fc.integer({ min: 0, max: 40 }),
  },
  { requiredKeys: [] },
)
const recall = fc.option(
  fc.record({
    recallType: fc.constantFrom(
      'STANDARD_RECALL',
      'FIXED_TERM_RECALL_14',
      'FIXED_TERM_RECALL_28',
      'FIXED_TERM_RECALL_56',
    ),
    returnToCustodyDate: day('2020-01-01', '2027-12-31'),
    revocationDate: day('2020-01-01', '2027-12-31'),
  }),
  { freq: 4 },
)
const sentence = fc.oneof(
  fc.record({
    type: fc.constant('StandardSentence'),
    offence: fc.record({ committedAt: day('2000-01-01', '2027-01-01') }),
    duration: fc.record({ durationElements: dur }),
    sentencedAt: day('2003-01-01', '2028-01-01'),
    recall,
    releaseArrangements: fc.record({
      isSDSPlus: fc.boolean(),
      isSDSPlusEligibleSentenceTypeLengthAndOffence: fc.boolean(),
      sdsEarlyReleaseExclusions: fc.subarray([
        'SEXUAL',
        'VIOLENT',
        'SEXUAL_T3',
        'PROGRESSION_MODEL_SCHEDULE_13_PART_3',
      ]),
      isSection250: fc.boolean(),
    }),
  }),
  fc.record({
    type: fc.constant('ExtendedDeterminateSentence'),
    offence: fc.record({ committedAt: day('2005-01-01', '2027-01-01') }),
    custodialDuration: fc.record({ durationElements: dur }),
    extensionDuration: fc.record({ durationElements: dur }),
    automaticRelease: fc.boolean(),
    sentencedAt: day('2012-01-01', '2028-01-01'),
    recall,
  }),
  fc.record({
    type: fc.constant('DetentionAndTrainingOrderSentence'),
    offence: fc.record({ committedAt: day('2015-01-01', '2027-01-01') }),
    duration: fc.record({ durationElements: dur }),
    sentencedAt: day('2015-01-01', '2028-01-01'),
  }),
  fc.record({
    type: fc.constantFrom('AFineSentence', 'BotusSentence'),
    offence: fc.record({ committedAt: day('2015-01-01', '2027-01-01') }),
    duration: fc.record({ durationElements: dur }),
    sentencedAt: day('2015-01-01', '2028-01-01'),
  }),
)
const adj = fc.record({
  appliesToSentencesFrom: day('2003-01-01', '2028-06-01'),
  numberOfDays: fc.integer({ min: 0, max: 900 }),
})
const bookingArb = fc
  .record({
    sentences: fc.array(sentence, { minLength: 1, maxLength: 5 }),
    chain: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    adjustments: fc.record(
      {
        REMAND: fc.array(adj, { maxLength: 2 }),
        UNLAWFULLY_AT_LARGE: fc.array(adj, { maxLength: 2 }),
        ADDITIONAL_DAYS_AWARDED: fc.array(adj, { maxLength: 2 }),
        RECALL_REMAND: fc.array(adj, { maxLength: 1 }),
      },
      { requiredKeys: [] },
    ),
    rtc: fc.option(day('2020-01-01', '2027-12-31')),
  })
  .map(({ sentences, chain, adjustments, rtc }) => ({
    offender: { reference: 'X', dateOfBirth: '1995-06-15' },
    sentences: sentences.map((s, i) => ({
      ...s,
      identifier: `s${i}`,
      ...(i > 0 && chain[i] ? { consecutiveSentenceUUIDs: [`s${i - 1}`] } : {}),
    })),
    adjustments,
    returnToCustodyDate: rtc,
  }))

describe('the engine never fails unexpectedly', () => {
  it('random bookings of every sentence type calculate, or give a coded reason, but never an internal error', () => {
    fc.assert(
      fc.property(
        bookingArb,
        fc.constantFrom(
          'calculation-params' as const,
          'sds-50' as const,
          'sds-progression-model-october' as const,
        ),
        (b, profile) => {
          const o = calculate(b, {
            profile,
            bankHolidays: ['2021-12-27', '2021-12-28'],
            today: '2026-08-20',
            userInputs: { calculateErsed: true },
          })
          if (o.status === 'error') expect(o.code, o.message).not.toBe('INTERNAL_ERROR')
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    )
  })
})
