/**
 * The engine entry point: parse, lay out the timeline, extract booking dates, apply the
 * early-release merge rules, validate, and explain every date.
 */
import { parseDate } from './calendar/dates.js'
import {
  FEATURE_TOGGLES,
  type CalculationFlags,
  type CalculationOutcome,
  type CalculationResult,
  type ValidationMessage,
  type DateExplanation,
  type EngineOptions,
  type FeatureToggles,
  type ReleaseDateType,
  RELEASE_DATE_TYPES,
} from './api.js'
import { workingDays } from './calendar/working-days.js'
import { extract, type Extracted } from './extraction/booking-dates.js'
import { adjustAfterTranche, mergeProgression, mergeSds40, sameDates } from './extraction/sds40-merge.js'
import {
  isoDate,
  parseBooking,
  plainMessages,
  problemsFromZod,
  userInputsSchema,
  type InputProblem,
  type BookingInput,
  type UserInputs,
} from './input/reference-booking.js'
import type { LocalDate } from '@js-joda/core'
import { PROFILES, profileWithChange } from './legislation/profiles.js'
import { fastParseBooking } from './input/fast-parse.js'
import { COMMENCEMENTS } from './legislation/commencements.js'
import { step } from './explain/trace.js'
import type { Context } from './model/context.js'
import { toPart } from './model/part.js'
import { NoValidReturnToCustodyDateError } from './rules/post-recall-release.js'
import { Timeline } from './timeline/timeline.js'
import { applyHdcSuspensionAndRepeal } from './rules/hdc-suspension-and-repeal.js'
import { postCalculationValidation } from './validation/post-calculation/index.js'
import { firstBlockingOrder, validateBeforeCalculation } from './validation/pre-calculation/index.js'
import { buildHints, type Sds40Choice } from './explain/hints.js'
import { sentenceLevelDates } from './extraction/sentence-level.js'
import { calculationBreakdown } from './extraction/calculation-breakdown.js'
import { checkInvariants } from './safety/invariants.js'
import { safetyRefusal } from './safety/refusal.js'

/**
 * With the switch useLatestErsedFromPreErs30Snapshot, a consecutive chain spanning ERS-30
 * commencement keeps the later ERSED worked out just before that commencement.
 */
function latestErsedFromPreErs30Snapshot(r: Extracted, snap: Extracted | null): Extracted {
  const e = r.dates.get('ERSED')
  const s = snap?.dates.get('ERSED')
  const cs = r.ersedSentence
  if (!snap || !e || !s || !cs || cs.kind !== 'chain' || !s.isAfter(e)) return r
  const ers30 = parseDate(COMMENCEMENTS.ERS_30.value)
  if (!(
    cs.parts.some((p) => p.sentencedAt.isBefore(ers30)) &&
    cs.parts.some((p) => !p.sentencedAt.isBefore(ers30))
  ))
    return r
  const dates = new Map(r.dates)
  const traces = new Map(r.traces)
  dates.set('ERSED', s)
  const breakdowns = new Map(r.breakdowns)
  const base = snap.traces.get('ERSED')
  if (base?.breakdown) breakdowns.set('ERSED', base.breakdown)
  if (base)
    traces.set('ERSED', {
      ...base,
      steps: [
        ...base.steps,
        step(
          'The ERSED worked out before ERS-30 commenced is later, so it is kept',
          s.toString(),
          COMMENCEMENTS.ERS_30.source,
        ),
      ],
    })
  return { ...r, dates, traces, breakdowns }
}

/** SDS40 hints are not shown when an adjustment applies on or after the tranche date. */
function anyAdjustmentOnOrAfter(booking: BookingInput, T: LocalDate): boolean {
  const a = booking.adjustments
  for (const list of [
    a.REMAND,
    a.TAGGED_BAIL,
    a.UNLAWFULLY_AT_LARGE,
    a.ADDITIONAL_DAYS_AWARDED,
    a.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED,
  ])
    if ((list ?? []).some((x) => !parseDate(x.appliesToSentencesFrom).isBefore(T))) return true
  return false
}

/** User inputs with their defaults (a malformed value falls back to the schema's error). */
function readUserInputs(u: Partial<UserInputs> | undefined): UserInputs | InputProblem[] {
  const v = (u ?? {}) as Record<string, unknown>
  const flag = (k: string, d: boolean) => (v[k] === undefined ? d : v[k])
  const out = {
    calculateErsed: flag('calculateErsed', false),
    useOffenceIndicators: flag('useOffenceIndicators', true),
    usePreviouslyRecordedSLEDIfFound: flag('usePreviouslyRecordedSLEDIfFound', false),
  }
  if (Object.values(out).every((x) => typeof x === 'boolean')) return out as UserInputs
  const r = userInputsSchema.safeParse(u, { error: plainMessages })
  return r.success ? r.data : problemsFromZod(r.error, ['userInputs'])
}

function toggles(partial: Partial<FeatureToggles> | undefined): FeatureToggles {
  const t = {} as FeatureToggles
  for (const k of FEATURE_TOGGLES) t[k] = partial?.[k] === true
  return t
}

const wdCache = new Map<string, ReturnType<typeof workingDays>>()
function workingDaysFor(list: ReadonlyArray<string>) {
  const key = list.join(',')
  let w = wdCache.get(key)
  if (!w) {
    w = workingDays(list)
    if (wdCache.size > 16) wdCache.clear()
    wdCache.set(key, w)
  }
  return w
}

export function calculate(booking: unknown, options: EngineOptions): CalculationOutcome {
  try {
    return run(booking, options)
  } catch (e) {
    if (e instanceof NoValidReturnToCustodyDateError) {
      return { status: 'error', code: 'NoValidReturnToCustodyDateException', message: e.message }
    }
    return { status: 'error', code: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) }
  }
}

function run(raw: unknown, options: EngineOptions): CalculationOutcome {
  const fast = fastParseBooking(raw)
  const parsed = fast ? ({ ok: true, value: fast } as const) : parseBooking(raw)
  if (!parsed.ok) return { status: 'invalid-input', problems: parsed.problems }
  const booking = parsed.value
  const profile =
    PROFILES[options.profile] && options.legislationChange
      ? profileWithChange(options.profile, options.legislationChange)
      : PROFILES[options.profile]
  if (!profile)
    return {
      status: 'error',
      code: 'UNKNOWN_PROFILE',
      message: `Unknown legislation profile ${String(options.profile)}`,
    }
  if (!isoDate.safeParse(options.today).success)
    return {
      status: 'error',
      code: 'INVALID_OPTIONS',
      message: `"today" must be a date in the form YYYY-MM-DD, got ${JSON.stringify(options.today)}`,
    }
  const ui = readUserInputs(options.userInputs)
  if (Array.isArray(ui)) return { status: 'invalid-input', problems: ui }
  const ctx: Context = {
    dob: parseDate(booking.offender.dateOfBirth),
    sexOffender: booking.offender.isActiveSexOffender,
    toggles: toggles(options.featureToggles),
    profile,
    calculateErsed: ui.calculateErsed,
    workingDays: workingDaysFor(options.bankHolidays),
    bookingRtc: booking.returnToCustodyDate ? parseDate(booking.returnToCustodyDate) : null,
  }
  if (!booking.sentences.length) {
    return {
      status: 'rejected',
      messages: [
        { code: 'NO_SENTENCES', category: 'BAD_DATA', message: 'The booking has no sentences to calculate' },
      ],
    }
  }
  let warnings: ValidationMessage[] = []
  if (options.preCalculationChecks !== false) {
    const found = validateBeforeCalculation(booking, {
      today: options.today,
      featureToggles: options.featureToggles,
    })
    const blocking = firstBlockingOrder(found)
    if (blocking.some((m) => m.category !== 'WARNING')) return { status: 'rejected', messages: blocking }
    warnings = found.filter((m) => m.category === 'WARNING')
  }
  const parts = booking.sentences.map(toPart)
  const timeline = new Timeline(booking, parts, ctx).run()
  let result: Extracted = extract(timeline.sentences, ctx)
  const sds40 = new Map<ReleaseDateType, Sds40Choice>()
  let affectedBySds40 = result.affectedBySds40
  let affectedByProgressionModel = result.affectedByProgressionModel
  if (timeline.progression && timeline.progressionSnapshot) {
    let snap = extract(timeline.progressionSnapshot.sentences, ctx)
    if (timeline.sds40 && timeline.sds40Snapshot) {
      snap = mergeSds40(
        snap,
        extract(timeline.sds40Snapshot.sentences, ctx),
        timeline.sds40.date,
        timeline.sds40.name,
      )
    }
    const awarded =
      (booking.adjustments.ADDITIONAL_DAYS_AWARDED ?? []).reduce((s, a) => s + a.numberOfDays, 0) -
      (booking.adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED ?? []).reduce(
        (s, a) => s + a.numberOfDays,
        0,
      )
    result = mergeProgression(result, snap, timeline.progression.date, awarded)
    affectedByProgressionModel = !sameDates(result.dates, snap.dates) || snap.affectedByProgressionModel
    // The reference leaves affectedBySds40 false on this path.
    affectedBySds40 = false
    // The merged result is built afresh: the DTO-later-than-CRD flag falls back to false (rules §21).
    result = { ...result, ersedNotApplicableDueToDtoLaterThanCrd: false }
  } else if (timeline.sds40 && timeline.sds40Snapshot) {
    const standard = extract(timeline.sds40Snapshot.sentences, ctx)
    const early = result
    result = mergeSds40(result, standard, timeline.sds40.date, timeline.sds40.name, {
      commencement: parseDate(profile.sds40Dates.trancheOne),
      recallSdsWithTused: timeline.sentences.some(
        (s) => s.recall !== null && s.parts.some((p) => p.isSds) && s.d?.tused != null,
      ),
    })
    affectedBySds40 = !sameDates(result.dates, standard.dates) || standard.affectedBySds40
    // The merged result is built afresh: the DTO-later-than-CRD flag falls back to false (rules §21).
    result = { ...result, ersedNotApplicableDueToDtoLaterThanCrd: false }
    for (const t of ['CRD', 'ARD', 'HDCED', 'ERSED', 'PED', 'TUSED'] as const) {
      const f = result.dates.get(t)
      const e = early.dates.get(t)
      const sd = standard.dates.get(t)
      if (!f || !e || !sd) continue
      // A date held at the HDC-365 commencement is credited to that rule, not to either fraction.
      if (result.traces.get(t)?.rule === 'HDCED_ADJUSTED_TO_365_COMMENCEMENT') continue
      // The merge kept the halfway date: either it differs from the 40% date, or, when SDS40
      // changed the booking's dates, it falls before the tranche date (40% never applied to it).
      if (f.equals(sd) && (!e.equals(sd) || (affectedBySds40 && sd.isBefore(timeline.sds40.date))))
        sds40.set(t, 'HALF')
      else if (f.equals(e) && !e.equals(sd)) sds40.set(t, 'FORTY_PERCENT')
    }
    result = adjustAfterTranche(result, timeline.sds40.date, (from, to) => {
      const within = (list: { appliesToSentencesFrom: string; numberOfDays: number }[] | undefined) =>
        (list ?? [])
          .filter((a) => {
            const d = parseDate(a.appliesToSentencesFrom)
            return !d.isBefore(from) && d.isBefore(to)
          })
          .reduce((s, a) => s + a.numberOfDays, 0)
      const adj = booking.adjustments
      return (
        within(adj.UNLAWFULLY_AT_LARGE) +
        within(adj.ADDITIONAL_DAYS_AWARDED) -
        within(adj.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
      )
    })
  }
  result = latestErsedFromPreErs30Snapshot(
    result,
    timeline.ers30Snapshot ? extract(timeline.ers30Snapshot.sentences, ctx) : null,
  )
  result = applyHdcSuspensionAndRepeal(result, timeline.sentences, ctx, affectedByProgressionModel)
  const messages = [...warnings, ...postCalculationValidation({ booking, ctx, timeline, result })]
  // The engine checks its own answer before returning it. Where validation already stops the
  // dates being relied on, there is no answer to check.
  if (!messages.some((m) => m.category !== 'WARNING')) {
    const failures = checkInvariants({
      booking,
      sentences: timeline.sentences,
      dates: result.dates,
      traces: result.traces,
    })
    if (failures.length) return safetyRefusal(failures, messages)
  }

  const dates: Partial<Record<ReleaseDateType, string>> = {}
  const explanations: DateExplanation[] = []
  for (const t of RELEASE_DATE_TYPES) {
    const d = result.dates.get(t)
    if (!d) continue
    dates[t] = d.toString()
    const tr = result.traces.get(t)
    explanations.push({
      type: t,
      date: d.toString(),
      rule: tr?.rule ?? 'EXTRACTED',
      summary: tr?.summary ?? 'Date chosen across sentences',
      sources: tr?.sources ?? [],
      steps: tr?.steps ?? [],
    })
  }
  const otherDates: Partial<Record<ReleaseDateType, string>> = {}
  for (const [k, v] of result.otherDates) otherDates[k] = v.toString()
  const trancheAllocationByLegislationName: Record<string, string> = {}
  if (timeline.sds40) trancheAllocationByLegislationName.SDS_40 = timeline.sds40.name
  if (timeline.progression)
    trancheAllocationByLegislationName.SDS_PROGRESSION_MODEL = timeline.progression.name
  if (timeline.ftr56) trancheAllocationByLegislationName.FTR_56 = timeline.ftr56.name
  const tranche = timeline.sds40 ? timeline.sds40.name : 'TRANCHE_0'
  const flags: CalculationFlags = {
    affectedBySds40,
    affectedByProgressionModel,
    sdsEarlyReleaseTranche: tranche,
    sdsEarlyReleaseAllocatedTranche: tranche,
    trancheAllocationByLegislationName,
    ersedNotApplicableDueToDtoLaterThanCrd: result.ersedNotApplicableDueToDtoLaterThanCrd,
    // Decided where the reference adjusts dates after the tranche date, which it does only when
    // there is a conditional release date.
    showSds40Hints: !(
      timeline.sds40 &&
      result.dates.has('CRD') &&
      anyAdjustmentOnOrAfter(booking, timeline.sds40.date)
    ),
  }
  const hints = buildHints({
    dates: result.dates,
    traces: result.traces,
    otherDates: result.otherDates,
    today: parseDate(options.today),
    workingDays: ctx.workingDays,
    sds40,
    // SDS40 hints are not shown once the progression model is part of the legislation.
    showSds40Hints: flags.showSds40Hints && !profile.progressionModel,
    context: options.hintContext,
  })
  const calculated: CalculationResult = {
    dates,
    effectiveSentenceLength: result.esl,
    explanations,
    flags,
    otherDates,
    // The effective sentence end date comes last, as in the reference's hint lists.
    dateOrder: [
      ...[...result.dates.keys()].filter((t) => t !== 'ESED'),
      ...(result.dates.has('ESED') ? ['ESED' as const] : []),
    ],
    hints,
    breakdown: calculationBreakdown({
      sentences: timeline.sentences,
      breakdowns: result.breakdowns,
      otherDates: result.otherDates,
      ersedNotApplicableDueToDtoLaterThanCrd: flags.ersedNotApplicableDueToDtoLaterThanCrd,
      showSds40Hints: flags.showSds40Hints,
    }),
  }
  if (ctx.toggles.storeSentenceLevelDates)
    calculated.sentenceLevelDates = sentenceLevelDates(timeline.sentences, result)
  return { status: 'calculated', result: calculated, messages }
}
