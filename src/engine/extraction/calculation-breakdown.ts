/**
 * The calculation breakdown (reference `CalculationBreakdown`, rules §19): each plain standard
 * determinate sentence with its own release and expiry dates, the one consecutive chain (if there
 * is exactly one), and for each booking date the rules and adjustments that produced it. Every
 * figure is read from what the calculation recorded; nothing is worked out again here.
 */
import type { LocalDate } from '@js-joda/core'
import type {
  BreakdownDate,
  BreakdownSentence,
  CalculationBreakdown,
  ReleaseDateBreakdown,
  ReleaseDateType,
} from '../api.js'
import { addDurations, daysBetween, lengthInDays, ZERO, type Duration } from '../calendar/duration.js'
import type { DateBreakdown } from '../explain/breakdown.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Part } from '../model/part.js'

/** Dates the reference gives no breakdown for: they are not produced by a sentence's own rules. */
const NO_BREAKDOWN = new Set<ReleaseDateType>(['ESED', 'PRRD', 'MTD', 'ETD', 'LTD', 'NPD'])

const UNITS: ReadonlyArray<[keyof Duration, string]> = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
]

/** "4 years 6 months", "70 days", "1 year"; a chain's units are summed, not normalised ("13 years 14 months"). */
export function durationText(d: Duration): string {
  return UNITS.filter(([k]) => d[k] !== 0)
    .map(([k, name]) => `${d[k]} ${name}${d[k] === 1 ? '' : 's'}`)
    .join(' ')
}

function dateBreakdown(unadjusted: LocalDate, adjusted: LocalDate, days: number): BreakdownDate {
  return {
    unadjusted: unadjusted.toString(),
    adjusted: adjusted.toString(),
    daysFromSentenceStart: days,
    adjustedByDays: daysBetween(adjusted, unadjusted),
  }
}

/** A sentence's own expiry and release, before any booking-level choice. */
function ownDates(s: CalcSentence): Partial<Record<ReleaseDateType, BreakdownDate>> {
  const d = s.d!
  const release: ReleaseDateType | null = s.recall
    ? 'PRRD'
    : s.types.has('CRD')
      ? 'CRD'
      : s.types.has('ARD')
        ? 'ARD'
        : null
  const out: Partial<Record<ReleaseDateType, BreakdownDate>> = {
    [s.types.has('SLED') ? 'SLED' : 'SED']: dateBreakdown(
      d.unadjustedExpiry,
      d.adjustedExpiry,
      d.daysToExpiry,
    ),
  }
  if (release) out[release] = dateBreakdown(d.unadjustedRelease, d.adjustedRelease, d.daysToRelease)
  return out
}

function identity(p: Part) {
  const ext = p.input.externalSentenceId
  return {
    lineSequence: p.input.lineSequence ?? 0,
    caseSequence: p.input.caseSequence ?? 0,
    externalSentenceId: { sentenceSequence: ext?.sentenceSequence ?? 0, bookingId: ext?.bookingId ?? 0 },
    caseReference: p.input.caseReference ?? null,
  }
}

function byCaseThenLine(a: Part, b: Part): number {
  return (
    (a.input.caseSequence ?? 0) - (b.input.caseSequence ?? 0) ||
    (a.input.lineSequence ?? 0) - (b.input.lineSequence ?? 0)
  )
}

function concurrentSentence(s: CalcSentence): BreakdownSentence {
  const p = s.parts[0]!
  return {
    sentencedAt: s.sentencedAt.toString(),
    sentenceLength: durationText(p.total),
    sentenceLengthDays: s.d!.daysToExpiry,
    dates: ownDates(s),
    ...identity(p),
  }
}

function consecutiveSentence(s: CalcSentence): NonNullable<CalculationBreakdown['consecutiveSentence']> {
  const byId = new Map(s.parts.map((p) => [p.id, p]))
  return {
    sentencedAt: s.sentencedAt.toString(),
    sentenceLength: durationText(s.parts.map((p) => p.total).reduce(addDurations, ZERO)),
    sentenceLengthDays: s.d!.daysToExpiry,
    dates: ownDates(s),
    sentenceParts: [...s.parts].sort(byCaseThenLine).map((p) => {
      const to = p.consecutiveTo ? byId.get(p.consecutiveTo) : undefined
      return {
        ...identity(p),
        sentenceLength: durationText(p.total),
        sentenceLengthDays: lengthInDays(p.total, p.sentencedAt),
        consecutiveToLineSequence: to ? (to.input.lineSequence ?? 0) : null,
        consecutiveToCaseSequence: to ? (to.input.caseSequence ?? 0) : null,
      }
    }),
  }
}

function releaseDateBreakdown(b: DateBreakdown): ReleaseDateBreakdown {
  const rulesWithExtraAdjustments: ReleaseDateBreakdown['rulesWithExtraAdjustments'] = {}
  for (const [rule, p] of Object.entries(b.periods))
    if (p) rulesWithExtraAdjustments[rule] = { adjustmentValue: p.amount, type: p.unit }
  return {
    rules: [...b.rules],
    rulesWithExtraAdjustments,
    adjustedDays: b.adjustedDays,
    releaseDate: b.date.toString(),
    unadjustedDate: b.from.toString(),
  }
}

export function calculationBreakdown(args: {
  sentences: readonly CalcSentence[]
  breakdowns: ReadonlyMap<ReleaseDateType, DateBreakdown>
  otherDates: ReadonlyMap<ReleaseDateType, LocalDate>
  ersedNotApplicableDueToDtoLaterThanCrd: boolean
  showSds40Hints: boolean
}): CalculationBreakdown {
  const calculated = args.sentences.filter((s) => s.d)
  const concurrent = calculated
    .filter((s) => s.kind === 'single' && s.parts[0]!.kind === 'StandardSentence')
    .sort((a, b) => byCaseThenLine(a.parts[0]!, b.parts[0]!))
  // The same chain can be built twice when a booking records a sentence twice: count it once.
  const chains = [
    ...new Map(
      calculated.filter((s) => s.kind === 'chain').map((s) => [s.parts.map((p) => p.id).join('>'), s]),
    ).values(),
  ]
  const breakdownByReleaseDateType: CalculationBreakdown['breakdownByReleaseDateType'] = {}
  for (const [t, b] of args.breakdowns)
    if (!NO_BREAKDOWN.has(t)) breakdownByReleaseDateType[t] = releaseDateBreakdown(b)
  const otherDates: CalculationBreakdown['otherDates'] = {}
  for (const [t, d] of args.otherDates) otherDates[t] = d.toString()
  return {
    concurrentSentences: concurrent.map(concurrentSentence),
    consecutiveSentence: chains.length === 1 ? consecutiveSentence(chains[0]!) : null,
    breakdownByReleaseDateType,
    otherDates,
    ersedNotApplicableDueToDtoLaterThanCrd: args.ersedNotApplicableDueToDtoLaterThanCrd,
    showSds40Hints: args.showSds40Hints,
  }
}
