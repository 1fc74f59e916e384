/**
 * Safety invariants: law-level facts that hold whatever the detail of the rules, checked once
 * per calculation on the assembled result and the booking. A calculation that breaks one is
 * not returned: the caller gets a SAFETY_CHECK_FAILED refusal naming the date and the
 * invariant, so a person is never released on a date the engine cannot stand behind.
 *
 * Kept apart from the rules (and from their hot path) on purpose: these checks recompute each
 * fact from the booking and the sentence's own buckets, so a mistake in a rule is caught here
 * rather than repeated.
 */
import type { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { parseDate } from '../calendar/dates.js'
import type { BookingInput } from '../input/reference-booking.js'
import { deductions } from '../model/adjustments.js'
import { lengthInDays } from '../calendar/duration.js'
import { ceilTimes, RELEASE_FRACTIONS } from '../legislation/release-fractions.js'
import type { CalcSentence } from '../model/calculable.js'
import { checkRecordedDates, type RecordedDateProblemCode } from './recorded-dates.js'

export type SafetyInvariantCode =
  | `BOOKING_${RecordedDateProblemCode}`
  | 'SENTENCE_RELEASE_BEFORE_SENTENCE_DATE'
  | 'SENTENCE_RELEASE_AFTER_EXPIRY'
  | 'SENTENCE_EXPIRY_ARITHMETIC'
  | 'SENTENCE_TUSED_NOT_AFTER_RELEASE'
  | 'SENTENCE_RELEASE_ARITHMETIC'
  | 'REMAND_CREDITED_MORE_THAN_ONCE'
  | 'UAL_NOT_REFLECTED_IN_EXPIRY'
  | 'CHAIN_RELEASE_BEFORE_FIRST_PART'
  | 'DATE_WITHOUT_EXPLANATION'
  | 'EXPLANATION_DISAGREES_WITH_DATE'

export interface SafetyFailure {
  code: SafetyInvariantCode
  /** The date that cannot be verified (booking-level type, or the sentence's own date type). */
  date: ReleaseDateType
  /** Plain English: which date, its value, and what it breaks. */
  message: string
}

/** Why each invariant must hold: the law or logic behind it (docs/rules.md lists them). */
export const SAFETY_INVARIANTS: Readonly<Record<SafetyInvariantCode, string>> = {
  BOOKING_DATE_NOT_A_DATE: 'Every date produced is a real calendar date.',
  BOOKING_RELEASE_BEFORE_SENTENCE_DATE:
    'No one is released from a sentence before it is imposed: the booking release is the latest release of the period, so it is not before the latest sentence date; HDCED, PED, ERSED and DTO transfer dates are not before the earliest.',
  BOOKING_RELEASE_AFTER_EXPIRY:
    'Once a sentence has expired there is nothing to release from: no release or eligibility date is after the SLED/SED.',
  BOOKING_HDCED_AFTER_RELEASE:
    'HDC is release before the release date (CJA 2003 s.246): an HDCED after the CRD/ARD is meaningless.',
  BOOKING_ERSED_AFTER_RELEASE:
    'Early removal (CJA 2003 s.260) comes before the release date, never after it.',
  BOOKING_PED_AFTER_RELEASE: 'Parole eligibility comes before the automatic release point, never after it.',
  BOOKING_LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY:
    'A licence ends with the sentence: the LED is not after the SED.',
  BOOKING_TUSED_NOT_AFTER_RELEASE:
    'Top-up supervision (CJA 2003 s.256B) runs for 12 months after release; it cannot end on or before release (checked at booking level when there is one custody period).',
  BOOKING_TRANSFER_DATES_OUT_OF_ORDER: 'A DTO’s early, mid and late transfer dates come in that order.',
  SENTENCE_RELEASE_BEFORE_SENTENCE_DATE:
    'Each sentence’s release is not before its own sentence date (remand can bring release down to, not below, the day of sentence: CJA 2003 s.240ZA).',
  SENTENCE_RELEASE_AFTER_EXPIRY:
    'Each sentence’s release is not after its own expiry (additional days cannot hold a person past the end of the sentence: CJA 2003 s.257; unused days are dropped).',
  SENTENCE_TUSED_NOT_AFTER_RELEASE:
    'Top-up supervision (CJA 2003 s.256B) runs for 12 months after the sentence’s own release; it cannot end on or before that release.',
  SENTENCE_EXPIRY_ARITHMETIC:
    'Each sentence’s expiry is its length from the sentence date, plus UAL, minus remand and tagged bail, and not before the sentence date or the day after the last UAL day (recomputed from the sentence’s own adjustments).',
  SENTENCE_RELEASE_ARITHMETIC:
    'Each sentence’s release is its release point plus UAL and net additional days, minus remand and tagged bail, and not before the sentence date (recomputed from the sentence’s own adjustments).',
  REMAND_CREDITED_MORE_THAN_ONCE:
    'Remand and tagged bail are credited once (CJA 2003 s.240ZA, s.240A): no sentence has more days deducted than the booking records.',
  UAL_NOT_REFLECTED_IN_EXPIRY:
    'Time unlawfully at large does not count towards a sentence (Prison Act 1952 s.49(2)): a recalled sentence’s expiry carries every UAL day recorded from its sentence date up to that expiry.',
  CHAIN_RELEASE_BEFORE_FIRST_PART:
    'Consecutive terms are served one after another (CJA 2003 s.264): a chain is not released sooner than its first term alone would be.',
  DATE_WITHOUT_EXPLANATION: 'Every date shown has an explanation recording how it was reached.',
  EXPLANATION_DISAGREES_WITH_DATE:
    'The explanation and the answer cannot disagree: the last date a date’s explanation arrives at is the date shown.',
}

export interface SafetyInput {
  booking: BookingInput
  /** Every calculable sentence of every custody period, as the timeline left them. */
  sentences: readonly CalcSentence[]
  dates: ReadonlyMap<ReleaseDateType, LocalDate>
  traces: ReadonlyMap<ReleaseDateType, { steps: ReadonlyArray<{ value?: string }> }>
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function sum(list: ReadonlyArray<{ numberOfDays: number }> | undefined): number {
  let n = 0
  for (const a of list ?? []) n += a.numberOfDays
  return n
}

function fail(code: SafetyInvariantCode, date: ReleaseDateType, message: string): SafetyFailure {
  return { code, date, message }
}

function sentenceName(s: CalcSentence): string {
  const first = s.parts[0]!
  const which =
    s.kind === 'chain'
      ? `the consecutive chain starting with sentence ${first.index + 1}`
      : `sentence ${first.index + 1}`
  return `${which} (sentenced ${s.sentencedAt.toString()})`
}

function releaseType(s: CalcSentence): ReleaseDateType {
  if (s.recall) return 'PRRD'
  return s.types.has('ARD') ? 'ARD' : 'CRD'
}

/** Every invariant the calculation breaks (empty when it holds together). */
export function checkInvariants(input: SafetyInput): SafetyFailure[] {
  const out: SafetyFailure[] = []
  const { booking } = input
  const adj = booking.adjustments

  // Booking level: the date-level rules, against the booking's sentence dates.
  let latest = ''
  let earliest = ''
  for (const s of booking.sentences) {
    if (s.sentencedAt > latest) latest = s.sentencedAt
    if (earliest === '' || s.sentencedAt < earliest) earliest = s.sentencedAt
  }
  const dates: Partial<Record<ReleaseDateType, string>> = {}
  for (const [t, d] of input.dates) dates[t] = d.toString()
  // With more than one custody period the booking's TUSED may belong to an earlier period than
  // its release date (a top-up supervision already served); the per-sentence check covers it.
  const periods = new Set(input.sentences.map((s) => s.custodyPeriod ?? -1))
  for (const p of checkRecordedDates(dates, { latestSentenceDate: latest, earliestSentenceDate: earliest }))
    if (!(p.code === 'TUSED_NOT_AFTER_RELEASE' && periods.size > 1))
      out.push(fail(`BOOKING_${p.code}`, p.date, p.message))

  const recordedDeductions =
    sum(adj.REMAND) + sum(adj.TAGGED_BAIL) + sum(adj.RECALL_REMAND) + sum(adj.RECALL_TAGGED_BAIL)

  for (const s of input.sentences) {
    const d = s.d
    if (!d) continue
    const b = s.adj
    const S = s.sentencedAt
    const rel = releaseType(s)
    const name = sentenceName(s)
    if (d.adjustedRelease.isBefore(S))
      out.push(
        fail(
          'SENTENCE_RELEASE_BEFORE_SENTENCE_DATE',
          rel,
          `The release date ${d.adjustedRelease.toString()} of ${name} is before its sentence date`,
        ),
      )
    if (d.releaseDate.isAfter(d.expiry))
      out.push(
        fail(
          'SENTENCE_RELEASE_AFTER_EXPIRY',
          rel,
          `The release date ${d.releaseDate.toString()} of ${name} is after its expiry ${d.expiry.toString()}`,
        ),
      )
    if (d.tused && !d.tused.isAfter(d.adjustedRelease))
      out.push(
        fail(
          'SENTENCE_TUSED_NOT_AFTER_RELEASE',
          'TUSED',
          `The top-up supervision expiry ${d.tused.toString()} of ${name} is not after its release ${d.adjustedRelease.toString()}`,
        ),
      )
    const D = deductions(b)
    if (D > recordedDeductions)
      out.push(
        fail(
          'REMAND_CREDITED_MORE_THAN_ONCE',
          rel,
          `${D} days of remand and tagged bail are deducted from ${name}, but the booking records only ${recordedDeductions}`,
        ),
      )
    // Expiry recomputed from the sentence's own length and buckets.
    const expiryType: ReleaseDateType = s.types.has('SLED') ? 'SLED' : 'SED'
    const unadjustedExpiry = S.plusDays(d.daysToExpiry - 1)
    let expected = unadjustedExpiry.plusDays(b.ualDuringCustody + b.ualAfterDeterminateRelease - D)
    if (expected.isBefore(S)) expected = S
    if (b.lastDayOfUal !== null && expected.toEpochDay() < b.lastDayOfUal + 1)
      expected = expected.plusDays(b.lastDayOfUal + 1 - expected.toEpochDay())
    if (!unadjustedExpiry.equals(d.unadjustedExpiry) || !expected.equals(d.expiry))
      out.push(
        fail(
          'SENTENCE_EXPIRY_ARITHMETIC',
          expiryType,
          `The expiry ${d.expiry.toString()} of ${name} does not follow from its length and adjustments (expected ${expected.toString()})`,
        ),
      )
    // Release recomputed from the sentence's own buckets; for a single sentence, the release
    // point is its custodial term times its release fraction.
    if (s.kind === 'single' && s.parts.length === 1) {
      const p = s.parts[0]!
      const days = ceilTimes(lengthInDays(p.custodial, S), RELEASE_FRACTIONS[p.multiplier].fraction)
      if (days !== d.daysToRelease)
        out.push(
          fail(
            'SENTENCE_RELEASE_ARITHMETIC',
            rel,
            `The release point of ${name} is day ${d.daysToRelease}, but its custodial term at ${p.multiplier} gives day ${days}`,
          ),
        )
    }
    let release = S.plusDays(d.daysToRelease - 1).plusDays(
      b.ualDuringCustody - D + b.awardedDuringCustody - b.servedAdaDays - b.unusedAdaDays,
    )
    if (release.isBefore(S)) release = S
    if (!release.equals(d.adjustedRelease))
      out.push(
        fail(
          'SENTENCE_RELEASE_ARITHMETIC',
          rel,
          `The release date ${d.adjustedRelease.toString()} of ${name} does not follow from its release point and adjustments (expected ${release.toString()})`,
        ),
      )
    if (s.kind === 'chain') {
      const p = s.parts[0]!
      const alone = ceilTimes(lengthInDays(p.custodial, S), RELEASE_FRACTIONS[p.multiplier].fraction)
      if (d.daysToRelease < alone)
        out.push(
          fail(
            'CHAIN_RELEASE_BEFORE_FIRST_PART',
            rel,
            `${name} is released on day ${d.daysToRelease}, sooner than its first sentence alone (day ${alone})`,
          ),
        )
    }
    // UAL: a recalled sentence serves its whole term again from recall, so every UAL day
    // recorded between its sentence date and its expiry must have extended that expiry.
    if (s.recall) {
      let ualDays = 0
      for (const u of adj.UNLAWFULLY_AT_LARGE ?? []) {
        const from = parseDate(u.appliesToSentencesFrom)
        if (!from.isBefore(S) && !from.isAfter(d.expiry)) ualDays += u.numberOfDays
      }
      if (ualDays > b.ualDuringCustody + b.ualAfterDeterminateRelease)
        out.push(
          fail(
            'UAL_NOT_REFLECTED_IN_EXPIRY',
            expiryType,
            `${ualDays} days unlawfully at large are recorded during ${name}, but its expiry ${d.expiry.toString()} carries only ${b.ualDuringCustody + b.ualAfterDeterminateRelease}`,
          ),
        )
    } else {
      // Before first release, every UAL day from the sentence date to the (UAL-extended)
      // release is time not served, so it extends the sentence. The release is taken before
      // additional days: days awarded after a UAL can move the release past it, but the person
      // was already on licence for that sentence when the UAL began.
      let ualDays = 0
      for (const u of adj.UNLAWFULLY_AT_LARGE ?? []) {
        const from = parseDate(u.appliesToSentencesFrom)
        if (!from.isBefore(S) && from.isBefore(d.releaseWithoutAwarded)) ualDays += u.numberOfDays
      }
      if (ualDays > b.ualDuringCustody + b.ualAfterDeterminateRelease)
        out.push(
          fail(
            'UAL_NOT_REFLECTED_IN_EXPIRY',
            expiryType,
            `${ualDays} days unlawfully at large are recorded before the release of ${name}, but its expiry ${d.expiry.toString()} carries only ${b.ualDuringCustody + b.ualAfterDeterminateRelease}`,
          ),
        )
    }
  }

  // Every date shown explains itself, and the explanation ends on that date: the last date its
  // steps arrive at is the date shown (a step that moves the date must say where to).
  for (const [t, d] of input.dates) {
    const steps = input.traces.get(t)?.steps
    if (!steps || steps.length === 0) {
      out.push(fail('DATE_WITHOUT_EXPLANATION', t, `The ${t} ${d.toString()} has no explanation`))
      continue
    }
    let last: string | undefined
    for (let i = steps.length - 1; i >= 0 && last === undefined; i--) {
      const v = steps[i]!.value
      if (v !== undefined && ISO_DATE.test(v)) last = v
    }
    if (last !== undefined && last !== d.toString())
      out.push(
        fail(
          'EXPLANATION_DISAGREES_WITH_DATE',
          t,
          `The explanation of the ${t} arrives at ${last}, but the date is ${d.toString()}`,
        ),
      )
  }
  return out
}
