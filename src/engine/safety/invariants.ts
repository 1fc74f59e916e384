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
import { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { parseDate } from '../calendar/dates.js'
import type { BookingInput } from '../input/reference-booking.js'
import { deductions } from '../model/adjustments.js'
import { lengthInDays } from '../calendar/duration.js'
import { ceilTimes, RELEASE_FRACTIONS } from '../legislation/release-fractions.js'
import type { CalcSentence } from '../model/calculable.js'
import { breachMessage, dateRuleBreaches, type RecordedDateProblemCode } from './recorded-dates.js'

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

function expiryType(s: CalcSentence): ReleaseDateType {
  return s.types.has('SLED') ? 'SLED' : 'SED'
}

function releaseType(s: CalcSentence): ReleaseDateType {
  if (s.recall) return 'PRRD'
  return s.types.has('ARD') ? 'ARD' : 'CRD'
}

const isoOf = (epochDay: number) => LocalDate.ofEpochDay(epochDay).toString()

/**
 * Every invariant the calculation breaks (empty when it holds together). Runs on every
 * calculation, so the checks compare epoch days and write a message only for a failure.
 */
export function checkInvariants(input: SafetyInput): SafetyFailure[] {
  const out: SafetyFailure[] = []
  const { booking } = input
  const adj = booking.adjustments
  const ual = adj.UNLAWFULLY_AT_LARGE

  // Booking level: the date-level rules, against the booking's sentence dates.
  let latest = ''
  let earliest = ''
  for (const s of booking.sentences) {
    if (s.sentencedAt > latest) latest = s.sentencedAt
    if (earliest === '' || s.sentencedAt < earliest) earliest = s.sentencedAt
  }
  const days: Partial<Record<ReleaseDateType, number>> = {}
  for (const [t, d] of input.dates) days[t] = d.toEpochDay()
  const breaches = dateRuleBreaches(days, parseDate(latest).toEpochDay(), parseDate(earliest).toEpochDay())
  if (breaches.length) {
    // With more than one custody period the booking's TUSED may belong to an earlier period
    // than its release date (a top-up supervision already served); the per-sentence check
    // covers it.
    const periods = new Set(input.sentences.map((s) => s.custodyPeriod ?? -1))
    const iso = (k: string) =>
      k === 'latestSentenceDate'
        ? latest
        : k === 'earliestSentenceDate'
          ? earliest
          : (input.dates.get(k as ReleaseDateType)?.toString() ?? '')
    for (const b of breaches)
      if (!(b.code === 'TUSED_NOT_AFTER_RELEASE' && periods.size > 1))
        out.push(fail(`BOOKING_${b.code}`, b.date, breachMessage(b, iso)))
  }

  const recordedDeductions =
    sum(adj.REMAND) + sum(adj.TAGGED_BAIL) + sum(adj.RECALL_REMAND) + sum(adj.RECALL_TAGGED_BAIL)

  for (const s of input.sentences) {
    const d = s.d
    if (!d) continue
    const b = s.adj
    const S = s.sentencedAt.toEpochDay()
    const release = d.adjustedRelease.toEpochDay()
    const expiry = d.expiry.toEpochDay()
    if (release < S)
      out.push(
        fail(
          'SENTENCE_RELEASE_BEFORE_SENTENCE_DATE',
          releaseType(s),
          `The release date ${d.adjustedRelease.toString()} of ${sentenceName(s)} is before its sentence date`,
        ),
      )
    if (d.releaseDate.toEpochDay() > expiry)
      out.push(
        fail(
          'SENTENCE_RELEASE_AFTER_EXPIRY',
          releaseType(s),
          `The release date ${d.releaseDate.toString()} of ${sentenceName(s)} is after its expiry ${d.expiry.toString()}`,
        ),
      )
    if (d.tused && d.tused.toEpochDay() <= release)
      out.push(
        fail(
          'SENTENCE_TUSED_NOT_AFTER_RELEASE',
          'TUSED',
          `The top-up supervision expiry ${d.tused.toString()} of ${sentenceName(s)} is not after its release ${d.adjustedRelease.toString()}`,
        ),
      )
    const D = deductions(b)
    if (D > recordedDeductions)
      out.push(
        fail(
          'REMAND_CREDITED_MORE_THAN_ONCE',
          releaseType(s),
          `${D} days of remand and tagged bail are deducted from ${sentenceName(s)}, but the booking records only ${recordedDeductions}`,
        ),
      )
    // Expiry recomputed from the sentence's own length and buckets.
    const unadjustedExpiry = S + d.daysToExpiry - 1
    let expected = Math.max(unadjustedExpiry + b.ualDuringCustody + b.ualAfterDeterminateRelease - D, S)
    if (b.lastDayOfUal !== null) expected = Math.max(expected, b.lastDayOfUal + 1)
    if (unadjustedExpiry !== d.unadjustedExpiry.toEpochDay() || expected !== expiry)
      out.push(
        fail(
          'SENTENCE_EXPIRY_ARITHMETIC',
          expiryType(s),
          `The expiry ${d.expiry.toString()} of ${sentenceName(s)} does not follow from its length and adjustments (expected ${isoOf(expected)})`,
        ),
      )
    // Release recomputed from the sentence's own buckets; for a single sentence whose whole
    // term is custodial, the release point is its length times its release fraction.
    const p = s.parts[0]!
    if (s.kind === 'single' && p.custodial === p.total) {
      const days = ceilTimes(d.daysToExpiry, RELEASE_FRACTIONS[p.multiplier].fraction)
      if (days !== d.daysToRelease)
        out.push(
          fail(
            'SENTENCE_RELEASE_ARITHMETIC',
            releaseType(s),
            `The release point of ${sentenceName(s)} is day ${d.daysToRelease}, but its length at ${p.multiplier} gives day ${days}`,
          ),
        )
    }
    if (s.kind === 'chain') {
      const alone = ceilTimes(
        lengthInDays(p.custodial, s.sentencedAt),
        RELEASE_FRACTIONS[p.multiplier].fraction,
      )
      if (d.daysToRelease < alone)
        out.push(
          fail(
            'CHAIN_RELEASE_BEFORE_FIRST_PART',
            releaseType(s),
            `${sentenceName(s)} is released on day ${d.daysToRelease}, sooner than its first sentence alone (day ${alone})`,
          ),
        )
    }
    const expectedRelease = Math.max(
      S +
        d.daysToRelease -
        1 +
        b.ualDuringCustody -
        D +
        b.awardedDuringCustody -
        b.servedAdaDays -
        b.unusedAdaDays,
      S,
    )
    if (expectedRelease !== release)
      out.push(
        fail(
          'SENTENCE_RELEASE_ARITHMETIC',
          releaseType(s),
          `The release date ${d.adjustedRelease.toString()} of ${sentenceName(s)} does not follow from its release point and adjustments (expected ${isoOf(expectedRelease)})`,
        ),
      )
    if (ual && ual.length) {
      // UAL: a recalled sentence serves its whole term again from recall, so every UAL day
      // recorded between its sentence date and its expiry must have extended that expiry.
      // Before first release, every UAL day from the sentence date to the (UAL-extended)
      // release is time not served, so it extends the sentence. The release is taken before
      // additional days: days awarded after a UAL can move the release past it, but the
      // person was already on licence for that sentence when the UAL began.
      const until = s.recall ? expiry + 1 : d.releaseWithoutAwarded.toEpochDay()
      let ualDays = 0
      for (const u of ual) {
        const from = parseDate(u.appliesToSentencesFrom).toEpochDay()
        if (from >= S && from < until) ualDays += u.numberOfDays
      }
      const carried = b.ualDuringCustody + b.ualAfterDeterminateRelease
      if (ualDays > carried)
        out.push(
          fail(
            'UAL_NOT_REFLECTED_IN_EXPIRY',
            expiryType(s),
            `${ualDays} days unlawfully at large are recorded ${s.recall ? 'during' : 'before the release of'} ${sentenceName(s)}, but its expiry ${d.expiry.toString()} carries only ${carried}`,
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
      if (v !== undefined && v.length === 10 && ISO_DATE.test(v)) last = v
    }
    if (last !== undefined && parseDate(last).toEpochDay() !== days[t])
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
