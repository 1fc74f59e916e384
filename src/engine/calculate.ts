/**
 * The engine entry point: parse, lay out the timeline, extract booking dates, apply the
 * early-release merge rules, validate, and explain every date.
 */
import { parseDate } from './calendar/dates.js'
import {
  FEATURE_TOGGLES,
  type CalculationFlags,
  type CalculationOutcome,
  type DateExplanation,
  type EngineOptions,
  type FeatureToggles,
  type ReleaseDateType,
  RELEASE_DATE_TYPES,
} from './api.js'
import { workingDays } from './calendar/working-days.js'
import { extract, type Extracted } from './extraction/booking-dates.js'
import { mergeProgression, mergeSds40, sameDates } from './extraction/sds40-merge.js'
import { parseBooking, userInputsSchema } from './input/reference-booking.js'
import { PROFILES } from './legislation/profiles.js'
import type { Context } from './model/context.js'
import { toPart } from './model/part.js'
import { NoValidReturnToCustodyDateError } from './rules/post-recall-release.js'
import { Timeline } from './timeline/timeline.js'
import { applyHdcSuspensionAndRepeal } from './rules/hdc-suspension-and-repeal.js'
import { postCalculationValidation } from './validation/post-calculation/index.js'

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
  const parsed = parseBooking(raw)
  if (!parsed.ok) return { status: 'invalid-input', problems: parsed.problems }
  const booking = parsed.value
  const profile = PROFILES[options.profile]
  if (!profile) return { status: 'error', code: 'UNKNOWN_PROFILE', message: `Unknown legislation profile ${String(options.profile)}` }
  const ui = userInputsSchema.parse(options.userInputs ?? {})
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
      messages: [{ code: 'NO_SENTENCES', category: 'BAD_DATA', message: 'The booking has no sentences to calculate' }],
    }
  }
  const parts = booking.sentences.map(toPart)
  const timeline = new Timeline(booking, parts, ctx).run()
  let result: Extracted = extract(timeline.sentences, ctx)
  let affectedBySds40 = result.affectedBySds40
  let affectedByProgressionModel = result.affectedByProgressionModel
  if (timeline.progression && timeline.progressionSnapshot) {
    let snap = extract(timeline.progressionSnapshot.sentences, ctx)
    if (timeline.sds40 && timeline.sds40Snapshot) {
      snap = mergeSds40(snap, extract(timeline.sds40Snapshot.sentences, ctx), timeline.sds40.date, timeline.sds40.name)
    }
    const awarded =
      (booking.adjustments.ADDITIONAL_DAYS_AWARDED ?? []).reduce((s, a) => s + a.numberOfDays, 0) -
      (booking.adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED ?? []).reduce((s, a) => s + a.numberOfDays, 0)
    result = mergeProgression(result, snap, timeline.progression.date, awarded)
    affectedByProgressionModel = !sameDates(result.dates, snap.dates) || snap.affectedByProgressionModel
    // The reference leaves affectedBySds40 false on this path.
    affectedBySds40 = false
  } else if (timeline.sds40 && timeline.sds40Snapshot) {
    const standard = extract(timeline.sds40Snapshot.sentences, ctx)
    result = mergeSds40(result, standard, timeline.sds40.date, timeline.sds40.name)
    affectedBySds40 = !sameDates(result.dates, standard.dates) || standard.affectedBySds40
  }
  result = applyHdcSuspensionAndRepeal(result, timeline.sentences, ctx, affectedByProgressionModel)
  const messages = postCalculationValidation({ booking, ctx, timeline, result })

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
  if (timeline.progression) trancheAllocationByLegislationName.SDS_PROGRESSION_MODEL = timeline.progression.name
  if (timeline.ftr56) trancheAllocationByLegislationName.FTR_56 = timeline.ftr56.name
  const tranche = timeline.sds40 ? timeline.sds40.name : 'TRANCHE_0'
  const flags: CalculationFlags = {
    affectedBySds40,
    affectedByProgressionModel,
    sdsEarlyReleaseTranche: tranche,
    sdsEarlyReleaseAllocatedTranche: tranche,
    trancheAllocationByLegislationName,
    ersedNotApplicableDueToDtoLaterThanCrd: result.ersedNotApplicableDueToDtoLaterThanCrd,
    showSds40Hints: true,
  }
  return {
    status: 'calculated',
    result: { dates, effectiveSentenceLength: result.esl, explanations, flags, otherDates },
    messages,
  }
}
