/**
 * One rule per pre-calculation check, each shown failing and passing. Read as a policy guide:
 * "<what the booking shows> → <code>", then the closest case that is fine.
 */
import { describe, expect, it } from 'vitest'
import type { BookingInput } from '../engine-types.js'
import { booking, botus, dto, eds, fine, sds, sopc, TODAY } from '../testing.js'
import { PRE_CALCULATION_CODES, validateBeforeCalculation, type PreCalculationContext } from './index.js'

const ID_A = '11111111-1111-1111-1111-111111111111'
const ID_B = '22222222-2222-2222-2222-222222222222'
const ftr = (recallType: string, extra: Record<string, unknown> = {}) => ({
  recall: { recallType, returnToCustodyDate: '2024-05-01', ...extra },
})

interface Side {
  says: string
  booking: BookingInput
  ctx?: Partial<PreCalculationContext>
}
interface Rule {
  code: (typeof PRE_CALCULATION_CODES)[number]
  fails: Side
  passes: Side
}

const RULES: Rule[] = [
  {
    code: 'NO_SENTENCES',
    fails: { says: 'a booking with no sentences cannot be calculated', booking: booking([]) },
    passes: { says: 'a booking with one sentence can', booking: booking([sds()]) },
  },
  {
    code: 'UNSUPPORTED_SENTENCE_TYPE',
    fails: {
      says: 'a recall from home detention curfew (STANDARD_RECALL_255) is calculated manually',
      booking: booking([sds({ recall: { recallType: 'STANDARD_RECALL_255' } })]),
    },
    passes: {
      says: 'a standard recall is supported',
      booking: booking([sds({ recall: { recallType: 'STANDARD_RECALL' } })]),
    },
  },
  {
    code: 'SENTENCE_HAS_NO_IMPRISONMENT_TERM',
    fails: {
      says: 'a sentence with no term recorded at all must be given one',
      booking: booking([sds({ duration: { durationElements: {} } })]),
    },
    passes: { says: 'a sentence with a term is fine', booking: booking([sds()]) },
  },
  {
    code: 'ZERO_IMPRISONMENT_TERM',
    fails: {
      says: 'a sentence whose term is zero must be corrected',
      booking: booking([sds({ duration: { durationElements: { YEARS: 0, MONTHS: 0 } } })]),
    },
    passes: {
      says: 'a sentence of a single day is fine',
      booking: booking([sds({ duration: { durationElements: { DAYS: 1 } } })]),
    },
  },
  {
    code: 'SENTENCE_HAS_NO_LICENCE_TERM',
    fails: {
      says: 'an extended sentence with no extension period must be given one',
      booking: booking([eds({ extensionDuration: { durationElements: {} } })]),
    },
    passes: { says: 'an extended sentence with an extension period is fine', booking: booking([eds()]) },
  },
  {
    code: 'EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR',
    fails: {
      says: 'an extended sentence licence of 11 months is too short',
      booking: booking([eds({ extensionDuration: { durationElements: { MONTHS: 11 } } })]),
    },
    passes: {
      says: 'a licence of exactly 1 year is the minimum',
      booking: booking([eds({ extensionDuration: { durationElements: { MONTHS: 12 } } })]),
    },
  },
  {
    code: 'EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS',
    fails: {
      says: 'an extended sentence licence of 8 years and 1 day is too long',
      booking: booking([eds({ extensionDuration: { durationElements: { YEARS: 8, DAYS: 1 } } })]),
    },
    passes: {
      says: 'a licence of exactly 8 years is the maximum',
      booking: booking([eds({ extensionDuration: { durationElements: { YEARS: 8 } } })]),
    },
  },
  {
    code: 'SOPC_LICENCE_TERM_NOT_12_MONTHS',
    fails: {
      says: 'a SOPC licence of 52 weeks is not 12 months',
      booking: booking([sopc({ extensionDuration: { durationElements: { WEEKS: 52 } } })]),
    },
    passes: {
      says: 'a SOPC licence of 12 months is right',
      booking: booking([sopc({ extensionDuration: { durationElements: { MONTHS: 12 } } })]),
    },
  },
  {
    code: 'OFFENCE_MISSING_DATE',
    fails: {
      says: 'a sentence passed before 3 December 2012 needs its offence date (it decides old or new rules)',
      booking: booking([sds({ sentencedAt: '2012-12-02', offence: { committedAt: null } })]),
    },
    passes: {
      says: 'a later sentence without an offence date can still be calculated',
      booking: booking([sds({ sentencedAt: '2012-12-03', offence: { committedAt: null } })]),
    },
  },
  {
    code: 'OFFENCE_DATE_AFTER_SENTENCE_START_DATE',
    fails: {
      says: 'an offence dated the day after sentence is a mistake',
      booking: booking([sds({ offence: { committedAt: '2023-03-02' } })]),
    },
    passes: {
      says: 'an offence on the day of sentence is possible',
      booking: booking([sds({ offence: { committedAt: '2023-03-01' } })]),
    },
  },
  {
    code: 'OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO',
    fails: {
      says: 'an offence dated more than 100 years before today is mistyped',
      booking: booking([sds({ offence: { committedAt: '1926-08-19' } })]),
    },
    passes: {
      says: 'an offence exactly 100 years ago is accepted',
      booking: booking([sds({ offence: { committedAt: '1926-08-20' } })]),
    },
  },
  {
    code: 'SE2020_INVALID_OFFENCE_DETAIL',
    fails: {
      says: 'a Sentencing Act 2020 offence code cannot be used for an offence before 1 December 2020',
      booking: booking([sds({ offence: { committedAt: '2020-11-30', offenceCode: 'SE20002' } })]),
    },
    passes: {
      says: 'it can from 1 December 2020',
      booking: booking([sds({ offence: { committedAt: '2020-12-01', offenceCode: 'SE20002' } })]),
    },
  },
  {
    code: 'INCORRECT_OFFENCE_BREACH_97',
    fails: {
      says: 'breach of a restraining order on or after 1 December 2020 must not use the 1997 Act code PH97003',
      booking: booking([sds({ offence: { committedAt: '2020-12-01', offenceCode: 'PH97003' } })]),
    },
    passes: {
      says: 'PH97003 is right for a breach before 1 December 2020',
      booking: booking([sds({ offence: { committedAt: '2020-11-30', offenceCode: 'PH97003' } })]),
    },
  },
  {
    code: 'A_FINE_SENTENCE_MISSING_FINE_AMOUNT',
    fails: {
      says: 'a fine default term passed from 1 June 2015 needs its amount (£10 million or more is served in full)',
      booking: booking([
        fine({ fineAmount: null, sentencedAt: '2015-06-01', offence: { committedAt: '2015-01-01' } }),
      ]),
    },
    passes: {
      says: 'before 1 June 2015 the amount does not change the release point',
      booking: booking([
        fine({ fineAmount: null, sentencedAt: '2015-05-31', offence: { committedAt: '2015-01-01' } }),
      ]),
    },
  },
  {
    code: 'BROKEN_CONSECUTIVE_CHAINS',
    fails: {
      says: 'a sentence consecutive to a sentence that is not in the booking breaks the chain',
      booking: booking([sds({ identifier: ID_A }), sds({ consecutiveSentenceUUIDs: [ID_B] })]),
    },
    passes: {
      says: 'a sentence consecutive to one in the booking is fine',
      booking: booking([sds({ identifier: ID_A }), sds({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
  },
  {
    code: 'CONSECUTIVE_TO_SENTENCE_IMPOSED_AFTER',
    fails: {
      says: 'a sentence cannot be consecutive to one passed after it',
      booking: booking([
        sds({ identifier: ID_A, sentencedAt: '2023-03-02' }),
        sds({ consecutiveSentenceUUIDs: [ID_A] }),
      ]),
    },
    passes: {
      says: 'it can be consecutive to one passed the same day or earlier',
      booking: booking([
        sds({ identifier: ID_A, sentencedAt: '2023-03-01' }),
        sds({ consecutiveSentenceUUIDs: [ID_A] }),
      ]),
    },
  },
  {
    code: 'CONCURRENT_CONSECUTIVE_SENTENCES_DURATION',
    fails: {
      says: 'two sentences consecutive to the same sentence are worth a second look',
      booking: booking([
        sds({ identifier: ID_A }),
        sds({ identifier: ID_B, consecutiveSentenceUUIDs: [ID_A] }),
        sds({ consecutiveSentenceUUIDs: [ID_A] }),
      ]),
    },
    passes: {
      says: 'a single chain is not',
      booking: booking([
        sds({ identifier: ID_A }),
        sds({ identifier: ID_B, consecutiveSentenceUUIDs: [ID_A] }),
        sds({ consecutiveSentenceUUIDs: [ID_B] }),
      ]),
    },
  },
  {
    code: 'A_FINE_SENTENCE_CONSECUTIVE_TO',
    fails: {
      says: 'a fine default term consecutive to another sentence is calculated manually',
      booking: booking([sds({ identifier: ID_A }), fine({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
    passes: {
      says: 'a fine default term concurrent with it is supported',
      booking: booking([sds({ identifier: ID_A }), fine()]),
    },
  },
  {
    code: 'A_FINE_SENTENCE_CONSECUTIVE',
    fails: {
      says: 'a sentence consecutive to a fine default term is calculated manually',
      booking: booking([fine({ identifier: ID_A }), sds({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
    passes: {
      says: 'a sentence concurrent with a fine default term is supported',
      booking: booking([fine({ identifier: ID_A }), sds()]),
    },
  },
  {
    code: 'DTO_CONSECUTIVE_TO_SENTENCE',
    fails: {
      says: 'a detention and training order consecutive to another kind of sentence is calculated manually',
      booking: booking([sds({ identifier: ID_A }), dto({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
    passes: {
      says: 'a detention and training order consecutive to another order is supported',
      booking: booking([dto({ identifier: ID_A }), dto({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
  },
  {
    code: 'DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT',
    fails: {
      says: 'another kind of sentence consecutive to a detention and training order is calculated manually',
      booking: booking([dto({ identifier: ID_A }), sds({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
    passes: {
      says: 'a sentence concurrent with a detention and training order is supported',
      booking: booking([dto({ identifier: ID_A }), sds()]),
    },
  },
  {
    code: 'BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE',
    fails: {
      says: 'a breach of top-up supervision consecutive to another kind of sentence is calculated manually',
      booking: booking([sds({ identifier: ID_A }), botus({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
    passes: {
      says: 'one consecutive to another breach of top-up supervision is supported',
      booking: booking([botus({ identifier: ID_A }), botus({ consecutiveSentenceUUIDs: [ID_A] })]),
    },
  },
  {
    code: 'UNSUPPORTED_DTO_RECALL_SEC104_SEC105',
    fails: {
      says: 'a recalled detention and training order is calculated manually',
      booking: booking([dto({ recall: { recallType: 'STANDARD_RECALL' } })]),
    },
    passes: { says: 'an order without a recall is supported', booking: booking([dto()]) },
  },
  {
    code: 'UNSUPPORTED_CALCULATION_DTO_WITH_RECALL',
    fails: {
      says: 'a detention and training order alongside a recalled sentence is calculated manually',
      booking: booking([dto(), sds({ recall: { recallType: 'STANDARD_RECALL' } })]),
    },
    passes: {
      says: 'alongside a sentence that is not recalled it is supported',
      booking: booking([dto(), sds()]),
    },
  },
  {
    code: 'PRE_PCSC_DTO_WITH_ADJUSTMENT',
    fails: {
      says: 'remand recorded against a detention and training order passed before 28 June 2022 must be removed',
      booking: booking([dto({ sentencedAt: '2022-06-27' })], {
        adjustments: { REMAND: [{ appliesToSentencesFrom: '2022-06-27', numberOfDays: 10 }] },
      }),
    },
    passes: {
      says: 'remand on an order passed from 28 June 2022 is credited',
      booking: booking([dto({ sentencedAt: '2022-06-28' })], {
        adjustments: { REMAND: [{ appliesToSentencesFrom: '2022-06-28', numberOfDays: 10 }] },
      }),
    },
  },
  {
    code: 'ADJUSTMENT_FUTURE_DATED_ADA',
    fails: {
      says: 'additional days cannot be awarded after today',
      booking: booking([sds()], {
        adjustments: { ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: '2026-08-21', numberOfDays: 5 }] },
      }),
    },
    passes: {
      says: 'an award dated today is accepted',
      booking: booking([sds()], {
        adjustments: { ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: TODAY, numberOfDays: 5 }] },
      }),
    },
  },
  {
    code: 'ADJUSTMENT_FUTURE_DATED_RADA',
    fails: {
      says: 'additional days cannot be restored after today',
      booking: booking([sds()], {
        adjustments: {
          RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: '2026-08-21', numberOfDays: 5 }],
        },
      }),
    },
    passes: {
      says: 'a restoration dated today is accepted',
      booking: booking([sds()], {
        adjustments: {
          RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: TODAY, numberOfDays: 5 }],
        },
      }),
    },
  },
  {
    code: 'ADJUSTMENT_FUTURE_DATED_UAL',
    fails: {
      says: 'a period unlawfully at large cannot start after today',
      booking: booking([sds()], {
        adjustments: {
          UNLAWFULLY_AT_LARGE: [
            {
              appliesToSentencesFrom: '2026-08-21',
              fromDate: '2026-08-21',
              toDate: '2026-08-25',
              numberOfDays: 5,
            },
          ],
        },
      }),
    },
    passes: {
      says: 'one that started today is accepted',
      booking: booking([sds()], {
        adjustments: {
          UNLAWFULLY_AT_LARGE: [
            { appliesToSentencesFrom: TODAY, fromDate: TODAY, toDate: TODAY, numberOfDays: 1 },
          ],
        },
      }),
    },
  },
  {
    code: 'ADJUSTMENT_INVALID_DATE_RANGE',
    fails: {
      says: 'a remand period that ends before it starts must be corrected',
      booking: booking([sds()], {
        adjustments: {
          REMAND: [
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-01-10',
              toDate: '2023-01-09',
              numberOfDays: 0,
            },
          ],
        },
      }),
    },
    passes: {
      says: 'a one-day remand period (from and to the same day) is fine',
      booking: booking([sds()], {
        adjustments: {
          REMAND: [
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-01-10',
              toDate: '2023-01-10',
              numberOfDays: 1,
            },
          ],
        },
      }),
    },
  },
  {
    code: 'REMAND_OVERLAPS_WITH_REMAND',
    fails: {
      says: 'two remand periods sharing a day count that day twice',
      booking: booking([sds()], {
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
              fromDate: '2023-01-10',
              toDate: '2023-01-20',
              numberOfDays: 11,
            },
          ],
        },
      }),
    },
    passes: {
      says: 'back-to-back remand periods do not overlap',
      booking: booking([sds()], {
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
              fromDate: '2023-01-11',
              toDate: '2023-01-20',
              numberOfDays: 10,
            },
          ],
        },
      }),
    },
  },
  {
    code: 'REMAND_ON_OR_AFTER_SENTENCE_DATE',
    fails: {
      says: 'remand starting on the day of sentence is not remand',
      booking: booking([sds()], {
        adjustments: {
          REMAND: [
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-03-01',
              toDate: '2023-03-05',
              numberOfDays: 5,
            },
          ],
        },
      }),
    },
    passes: {
      says: 'remand ending the day before sentence is',
      booking: booking([sds()], {
        adjustments: {
          REMAND: [
            {
              appliesToSentencesFrom: '2023-03-01',
              fromDate: '2023-02-01',
              toDate: '2023-02-28',
              numberOfDays: 28,
            },
          ],
        },
      }),
    },
  },
  {
    code: 'DUPLICATE_OR_OVERLAPPING_UAL',
    fails: {
      says: 'the same period unlawfully at large recorded twice is counted twice',
      booking: booking([sds()], {
        adjustments: {
          UNLAWFULLY_AT_LARGE: [
            {
              appliesToSentencesFrom: '2024-01-01',
              fromDate: '2024-01-01',
              toDate: '2024-01-05',
              numberOfDays: 5,
            },
            {
              appliesToSentencesFrom: '2024-01-01',
              fromDate: '2024-01-01',
              toDate: '2024-01-05',
              numberOfDays: 5,
            },
          ],
        },
      }),
    },
    passes: {
      says: 'two separate periods are fine',
      booking: booking([sds()], {
        adjustments: {
          UNLAWFULLY_AT_LARGE: [
            {
              appliesToSentencesFrom: '2024-01-01',
              fromDate: '2024-01-01',
              toDate: '2024-01-05',
              numberOfDays: 5,
            },
            {
              appliesToSentencesFrom: '2024-02-01',
              fromDate: '2024-02-01',
              toDate: '2024-02-05',
              numberOfDays: 5,
            },
          ],
        },
      }),
    },
  },
  {
    code: 'FTR_NO_RETURN_TO_CUSTODY_DATE',
    fails: {
      says: 'a fixed-term recall cannot be calculated without a return to custody date',
      booking: booking([sds({ recall: { recallType: 'FIXED_TERM_RECALL_28' } })]),
    },
    passes: {
      says: 'the booking-level return to custody date is enough',
      booking: booking([sds({ recall: { recallType: 'FIXED_TERM_RECALL_28' } })], {
        returnToCustodyDate: '2024-05-01',
      }),
    },
  },
  {
    code: 'FTR_RTC_DATE_BEFORE_SENTENCE_DATE',
    fails: {
      says: 'a return to custody before the sentence was passed is a mistake',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28', { returnToCustodyDate: '2023-02-28' }))]),
    },
    passes: {
      says: 'a return to custody after sentence is normal',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28'))]),
    },
  },
  {
    code: 'FTR_RTC_DATE_IN_FUTURE',
    fails: {
      says: 'a return to custody after today has not happened yet',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28', { returnToCustodyDate: '2026-08-21' }))]),
    },
    passes: {
      says: 'a return to custody today is accepted',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28', { returnToCustodyDate: TODAY }))]),
    },
  },
  {
    code: 'FTR_RTC_DATE_BEFORE_REVOCATION_DATE',
    fails: {
      says: 'a return to custody before the licence was revoked is a mistake',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28', { revocationDate: '2024-05-02' }))]),
    },
    passes: {
      says: 'a return to custody on the revocation date is normal',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28', { revocationDate: '2024-05-01' }))]),
    },
  },
  {
    code: 'REVOCATION_DATE_IN_THE_FUTURE',
    fails: {
      says: 'a licence cannot be revoked after today',
      booking: booking([sds({ recall: { recallType: 'STANDARD_RECALL', revocationDate: '2026-08-21' } })]),
    },
    passes: {
      says: 'a revocation today is accepted',
      booking: booking([sds({ recall: { recallType: 'STANDARD_RECALL', revocationDate: TODAY } })]),
    },
  },
  {
    code: 'FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28',
    fails: {
      says: 'a 14-day recall whose recall details say 28 days must be corrected',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 6 } } })],
        {
          fixedTermRecallDetails: { recallLength: 28, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
    passes: {
      says: 'a 14-day recall with 14-day details is consistent',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 6 } } })],
        {
          fixedTermRecallDetails: { recallLength: 14, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
  },
  {
    code: 'FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14',
    fails: {
      says: 'a 28-day recall whose recall details say 14 days must be corrected',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28'))], {
        fixedTermRecallDetails: { recallLength: 14, returnToCustodyDate: '2024-05-01' },
      }),
    },
    passes: {
      says: 'a 28-day recall with 28-day details is consistent',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_28'))], {
        fixedTermRecallDetails: { recallLength: 28, returnToCustodyDate: '2024-05-01' },
      }),
    },
  },
  {
    code: 'FTR_14_DAYS_SENTENCE_GE_12_MONTHS',
    fails: {
      says: 'recall details of 14 days do not fit a sentence of 12 months',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 12 } } })],
        {
          fixedTermRecallDetails: { recallLength: 14, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
    passes: {
      says: 'they fit a sentence of 11 months',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 11 } } })],
        {
          fixedTermRecallDetails: { recallLength: 14, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
  },
  {
    code: 'FTR_28_DAYS_SENTENCE_LT_12_MONTHS',
    fails: {
      says: 'recall details of 28 days do not fit a sentence under 12 months',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 11 } } })],
        {
          fixedTermRecallDetails: { recallLength: 28, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
    passes: {
      says: 'they fit a sentence of 12 months',
      booking: booking(
        [sds({ ...ftr('FIXED_TERM_RECALL_28'), duration: { durationElements: { MONTHS: 12 } } })],
        {
          fixedTermRecallDetails: { recallLength: 28, returnToCustodyDate: '2024-05-01' },
        },
      ),
    },
  },
  {
    code: 'FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS',
    fails: {
      says: 'a 28-day recall does not fit a sentence of 11 months and 4 weeks (under 12 months)',
      booking: booking([
        sds({
          ...ftr('FIXED_TERM_RECALL_28'),
          sentencedAt: '2023-03-15',
          duration: { durationElements: { MONTHS: 11, WEEKS: 4 } },
        }),
      ]),
    },
    passes: {
      says: 'it fits a sentence of 12 months',
      booking: booking([
        sds({ ...ftr('FIXED_TERM_RECALL_28'), duration: { durationElements: { MONTHS: 12 } } }),
      ]),
    },
  },
  {
    code: 'FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS',
    fails: {
      says: 'a 14-day recall does not fit a sentence of 12 months or more',
      booking: booking([
        sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { YEARS: 1 } } }),
      ]),
    },
    passes: {
      says: 'a 14-day recall in a booking with several fixed-term recalls is left to the mixed-length rules',
      booking: booking([
        sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { YEARS: 1 } } }),
        sds({ ...ftr('FIXED_TERM_RECALL_14'), duration: { durationElements: { MONTHS: 6 } } }),
      ]),
    },
  },
  {
    code: 'FTR_TYPE_56_UNSUPPORTED_RECALL',
    fails: {
      says: 'a 56-day recall after a release on home detention curfew is calculated manually',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_56'))], {
        externalMovements: [{ movementDate: '2024-01-10', movementReason: 'HDC', direction: 'OUT' }],
      }),
    },
    passes: {
      says: 'a 56-day recall after release at the conditional release date is calculated',
      booking: booking([sds(ftr('FIXED_TERM_RECALL_56'))], {
        externalMovements: [
          { movementDate: '2023-06-10', movementReason: 'HDC', direction: 'OUT' },
          { movementDate: '2023-07-01', movementReason: 'HDC_RECALL', direction: 'IN' },
          { movementDate: '2024-01-10', movementReason: 'CRD', direction: 'OUT' },
        ],
      }),
    },
  },
  {
    code: 'PROGRESSION_MODEL_SCHEDULE_EXCLUSION',
    fails: {
      says: 'with the switch on, a standard sentence for an offence on the progression model schedule is calculated manually',
      booking: booking([
        sds({
          releaseArrangements: {
            isSDSPlus: false,
            isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
            sdsEarlyReleaseExclusions: ['SA2026_PROGRESSION_MODEL_SCHEDULE'],
            isSection250: false,
          },
        }),
      ]),
      ctx: { routeProgressionModelScheduleExclusionToManual: true },
    },
    passes: {
      says: 'with the switch off it is calculated',
      booking: booking([
        sds({
          releaseArrangements: {
            isSDSPlus: false,
            isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
            sdsEarlyReleaseExclusions: ['SA2026_PROGRESSION_MODEL_SCHEDULE'],
            isSection250: false,
          },
        }),
      ]),
    },
  },
]

const run = (side: Side) => validateBeforeCalculation(side.booking, { today: TODAY, ...side.ctx })

describe('Pre-calculation checks', () => {
  it('raise nothing for a plain two-year standard sentence', () => {
    expect(run({ says: '', booking: booking([sds()]) })).toEqual([])
  })

  for (const rule of RULES) {
    describe(rule.code, () => {
      it(`${rule.fails.says}`, () => {
        expect(run(rule.fails).map((m) => m.code)).toContain(rule.code)
      })
      it(`but ${rule.passes.says}`, () => {
        expect(run(rule.passes).map((m) => m.code)).not.toContain(rule.code)
      })
    })
  }

  it('have a failing and a passing example for every code they can emit', () => {
    expect(RULES.map((r) => r.code).sort()).toEqual([...PRE_CALCULATION_CODES].sort())
  })
})
