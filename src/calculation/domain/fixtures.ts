/**
 * Small hand-built inputs for the workflow tests. Nothing here depends on the engine's
 * implementation: outcomes are fabricated.
 */
import { Instant } from '@js-joda/core'
import type {
  CalculationOutcome,
  CalculationResult,
  ReleaseDateType,
  ValidationMessage,
} from '../../engine/api.js'
import type { AdjustmentInput, BookingInput, SentenceInput } from '../../engine/input/reference-booking.js'
import type { Actor } from './actor.js'
import type { EngineInput } from './input-fingerprint.js'

export function sds(
  caseSequence: number,
  lineSequence: number,
  years: number,
  extra: Partial<Extract<SentenceInput, { type: 'StandardSentence' }>> = {},
): SentenceInput {
  return {
    type: 'StandardSentence',
    offence: { committedAt: '2024-01-10', offenceCode: 'TH68010' },
    sentencedAt: '2024-06-03',
    identifier: `s-${caseSequence}-${lineSequence}`,
    consecutiveSentenceUUIDs: [],
    caseSequence,
    lineSequence,
    caseReference: `T2024000${caseSequence}`,
    duration: { durationElements: { YEARS: years } },
    releaseArrangements: {
      isSDSPlus: false,
      isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
      sdsEarlyReleaseExclusions: [],
      isSection250: false,
    },
    ...extra,
  }
}

export function remand(days: number, fromDate = '2024-03-01', toDate?: string): AdjustmentInput {
  return { appliesToSentencesFrom: '2024-06-03', numberOfDays: days, fromDate, toDate: toDate ?? null }
}

export function booking(overrides: Partial<BookingInput> = {}): BookingInput {
  return {
    offender: { reference: 'A1234BC', dateOfBirth: '1990-05-17', isActiveSexOffender: false },
    sentences: [sds(1, 1, 2), sds(2, 1, 2)],
    adjustments: { REMAND: [remand(35, '2024-03-01', '2024-04-04')] },
    externalMovements: [],
    bookingId: 1001,
    ...overrides,
  }
}

export function engineInput(b: BookingInput = booking(), extra: Partial<EngineInput> = {}): EngineInput {
  return {
    booking: b,
    profile: 'calculation-params',
    featureToggles: {},
    userInputs: {},
    bankHolidays: ['2025-04-18', '2025-04-21', '2025-05-05'],
    ...extra,
  }
}

export function result(dates: Partial<Record<ReleaseDateType, string>>): CalculationResult {
  return {
    dates,
    effectiveSentenceLength: 'P2Y',
    explanations: [],
    flags: {
      affectedBySds40: false,
      affectedByProgressionModel: false,
      trancheAllocationByLegislationName: {},
      ersedNotApplicableDueToDtoLaterThanCrd: false,
      showSds40Hints: false,
    },
    otherDates: {},
  }
}

export const DATES = { CRD: '2025-04-12', SLED: '2026-04-20', HDCED: '2025-01-10' } as const

export function calculated(
  dates: Partial<Record<ReleaseDateType, string>> = DATES,
  messages: ValidationMessage[] = [],
): CalculationOutcome {
  return { status: 'calculated', result: result(dates), messages }
}

export function unsupported(): CalculationOutcome {
  return {
    status: 'rejected',
    messages: [
      {
        code: 'UNSUPPORTED_SENTENCE_TYPE',
        category: 'UNSUPPORTED',
        message:
          'Court case 1, line 1: this sentence type cannot be calculated here. Calculate the dates by hand.',
      },
    ],
  }
}

export function badData(): CalculationOutcome {
  return calculated(DATES, [
    {
      code: 'REMAND_OVERLAPS_SENTENCE',
      category: 'BAD_DATA',
      message: 'Remand from 1 March 2024 overlaps the sentence in court case 1, line 1',
      path: 'adjustments.REMAND[0]',
    },
  ])
}

export const PRISON = 'BMI'
export const OTHER_PRISON = 'LEI'

export const alice: Actor = { id: 'alice', roles: ['calculator'], caseload: [PRISON] }
export const bob: Actor = { id: 'bob', roles: ['checker'], caseload: [PRISON] }
export const carol: Actor = { id: 'carol', roles: ['calculator', 'checker'], caseload: [PRISON] }
export const maria: Actor = { id: 'maria', roles: ['manager'], caseload: [PRISON] }
export const outsider: Actor = {
  id: 'olly',
  roles: ['calculator', 'checker', 'manager'],
  caseload: [OTHER_PRISON],
}
export const analyst: Actor = { id: 'ann', roles: ['analyst', 'admin', 'court'], caseload: [PRISON] }

export const person = { prisonNumber: 'A1234BC', prisonId: PRISON }

export const T0 = Instant.parse('2025-03-03T09:00:00Z')
export const at = (hours: number) => T0.plusSeconds(hours * 3600)
export const days = (n: number) => T0.plusSeconds(n * 86400)
