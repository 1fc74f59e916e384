/**
 * Small builders for validation tests: readable bookings in the reference format.
 * Not used by the engine itself.
 */
import type { BookingInput, BookingInputRaw } from './engine-types.js'
import { parseBooking } from './engine-types.js'

type RawSentence = BookingInputRaw['sentences'][number]
type RawBookingExtras = Omit<Partial<BookingInputRaw>, 'sentences'>

export const TODAY = '2026-08-20'

const releaseArrangements = {
  isSDSPlus: false,
  isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
  sdsEarlyReleaseExclusions: [],
  isSection250: false,
}

/** A standard determinate sentence of 2 years passed on 1 March 2023 for an offence of 1 January 2023. */
export function sds(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'StandardSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    duration: { durationElements: { YEARS: 2 } },
    releaseArrangements,
    ...fields,
  } as RawSentence
}

export function eds(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'ExtendedDeterminateSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    custodialDuration: { durationElements: { YEARS: 6 } },
    extensionDuration: { durationElements: { YEARS: 4 } },
    ...fields,
  } as RawSentence
}

export function sopc(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'SopcSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    custodialDuration: { durationElements: { YEARS: 5 } },
    extensionDuration: { durationElements: { YEARS: 1 } },
    ...fields,
  } as RawSentence
}

export function fine(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'AFineSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    duration: { durationElements: { MONTHS: 3 } },
    fineAmount: 500,
    ...fields,
  } as RawSentence
}

export function dto(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'DetentionAndTrainingOrderSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    duration: { durationElements: { MONTHS: 12 } },
    ...fields,
  } as RawSentence
}

export function botus(fields: Record<string, unknown> = {}): RawSentence {
  return {
    type: 'BotusSentence',
    offence: { committedAt: '2023-01-01' },
    sentencedAt: '2023-03-01',
    duration: { durationElements: { DAYS: 30 } },
    ...fields,
  } as RawSentence
}

/** Parses a booking built from these pieces; throws (in tests) if the builder made a bad one. */
export function booking(sentences: RawSentence[], extras: RawBookingExtras = {}): BookingInput {
  const parsed = parseBooking({
    offender: { reference: 'A1234BC', dateOfBirth: '1990-01-01' },
    sentences,
    adjustments: {},
    ...extras,
  })
  if (!parsed.ok) throw new Error(`test booking does not parse: ${JSON.stringify(parsed.problems)}`)
  return parsed.value
}
