/** Small, readable records for tests. */
import type { BookingInputRaw } from '../../src/engine/input/reference-booking.js'
import type { CreatePerson } from '../../src/db/repositories/people.js'

export const PRISON_A = { id: 'MDI', name: 'Moorland (HMP & YOI)' }
export const PRISON_B = { id: 'LEI', name: 'Leeds (HMP)' }

export function personInput(overrides: Partial<CreatePerson> = {}): CreatePerson {
  return {
    prisonNumber: 'A1234BC',
    firstName: 'John',
    lastName: 'Smith',
    aliases: [{ firstName: 'Johnny', lastName: 'Smyth' }],
    dateOfBirth: '1990-04-01',
    prisonId: PRISON_A.id,
    isActiveSexOffender: false,
    ...overrides,
  }
}

/** A booking touching every sentence type and most optional fields. */
export function richBooking(dateOfBirth = '1990-04-01', reference = 'A1234BC'): BookingInputRaw {
  return {
    offender: { reference, dateOfBirth, isActiveSexOffender: false },
    sentences: [
      {
        type: 'StandardSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000001',
        offence: { committedAt: '2023-01-05', offenceCode: 'TH68010' },
        sentencedAt: '2023-06-01',
        duration: { durationElements: { YEARS: 2, MONTHS: 6 } },
        releaseArrangements: { isSDSPlus: false, isSDSPlusEligibleSentenceTypeLengthAndOffence: false, sdsEarlyReleaseExclusions: ['VIOLENT'], isSection250: false },
        consecutiveSentenceUUIDs: [],
        caseSequence: 1,
        lineSequence: 1,
        caseReference: 'T20230001',
      },
      {
        type: 'StandardSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000002',
        offence: { committedAt: '2023-01-06' },
        sentencedAt: '2023-06-01',
        duration: { durationElements: { MONTHS: 4, WEEKS: 0 } },
        releaseArrangements: { isSDSPlus: false, isSDSPlusEligibleSentenceTypeLengthAndOffence: false, sdsEarlyReleaseExclusions: [], isSection250: false },
        consecutiveSentenceUUIDs: ['aaaaaaaa-0000-0000-0000-000000000001'],
        caseSequence: 1,
        lineSequence: 2,
        caseReference: 'T20230001',
        recall: { recallType: 'FIXED_TERM_RECALL_28', revocationDate: '2024-02-01', returnToCustodyDate: '2024-02-10' },
      },
      {
        type: 'ExtendedDeterminateSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000003',
        offence: { committedAt: '2022-03-01', offenceCode: 'SX03001' },
        sentencedAt: '2023-07-01',
        custodialDuration: { durationElements: { YEARS: 6 } },
        extensionDuration: { durationElements: { YEARS: 4 } },
        automaticRelease: true,
        consecutiveSentenceUUIDs: [],
        caseSequence: 2,
        lineSequence: 1,
      },
      {
        type: 'SopcSentence',
        offence: { committedAt: '2022-03-01' },
        identifier: 'aaaaaaaa-0000-0000-0000-000000000004',
        sentencedAt: '2023-07-01',
        custodialDuration: { durationElements: { YEARS: 5 } },
        extensionDuration: { durationElements: { YEARS: 1 } },
        sdopcu18: true,
        consecutiveSentenceUUIDs: [],
        externalSentenceId: { sentenceSequence: 4, bookingId: 99 },
      },
      {
        type: 'AFineSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000005',
        offence: {},
        sentencedAt: '2023-08-01',
        duration: { durationElements: { DAYS: 7 } },
        fineAmount: 250.5,
        consecutiveSentenceUUIDs: [],
      },
      {
        type: 'DetentionAndTrainingOrderSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000006',
        offence: { committedAt: '2008-01-01' },
        sentencedAt: '2008-03-01',
        duration: { durationElements: { MONTHS: 12 } },
        consecutiveSentenceUUIDs: [],
      },
      {
        type: 'BotusSentence',
        identifier: 'aaaaaaaa-0000-0000-0000-000000000007',
        offence: { committedAt: '2023-01-01' },
        sentencedAt: '2023-09-01',
        duration: { durationElements: { DAYS: 14 } },
        latestTusedDate: '2024-01-01',
        latestTusedSource: 'NOMIS',
        consecutiveSentenceUUIDs: [],
      },
    ],
    adjustments: {
      REMAND: [{ appliesToSentencesFrom: '2023-06-01', numberOfDays: 20, fromDate: '2023-01-10', toDate: '2023-01-29' }],
      UNLAWFULLY_AT_LARGE: [
        { appliesToSentencesFrom: '2023-06-01', numberOfDays: 3, fromDate: '2023-10-01', toDate: '2023-10-03', additionalInfo: { type: 'UAL', reason: 'ESCAPE' } },
      ],
      ADDITIONAL_DAYS_AWARDED: [{ appliesToSentencesFrom: '2023-06-01', numberOfDays: 14 }],
    },
    returnToCustodyDate: '2024-02-10',
    fixedTermRecallDetails: { bookingId: 12, returnToCustodyDate: '2024-02-10', recallLength: 28 },
    historicalTusedData: { tused: '2025-01-01', historicalTusedSource: 'CRDS' },
    externalMovements: [{ movementDate: '2023-12-01', movementReason: 'HDC', direction: 'OUT' }],
    bookingId: 12,
  }
}
