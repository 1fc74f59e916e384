/** Shared inputs of the pre-calculation checks. */
import { LocalDate } from '@js-joda/core'
import type { FeatureToggles, SentenceRef } from '../engine-types.js'
import type { AdjustmentInput, AdjustmentType, BookingInput, SentenceInput } from '../engine-types.js'
import { isIsoDate, parseDate } from '../engine-types.js'
import { sentenceRef } from '../describe.js'

export interface PreCalculationContext {
  /** "Today", ISO date. The engine has no clock: future-dated data is judged against this. */
  today: string
  /**
   * Route SDS sentences for offences on the Sentencing Act 2026 progression model schedule to
   * manual entry (PROGRESSION_MODEL_SCHEDULE_EXCLUSION). Off unless set here or in featureToggles.
   */
  routeProgressionModelScheduleExclusionToManual?: boolean
  featureToggles?: Partial<FeatureToggles>
}

const DTO = 'DetentionAndTrainingOrderSentence'
const NONE: ReadonlyArray<AdjustmentInput> = Object.freeze([])

/**
 * What every check receives: the booking plus facts worked out once per booking (the checks run
 * on every calculation, so nothing here is computed twice). Lookups that only a few bookings need
 * (sentence references for messages, the consecutive-link maps) are built on first use.
 */
export class CheckInput {
  readonly booking: BookingInput
  readonly todayIso: string
  readonly toggles: { routeProgressionModelScheduleExclusionToManual: boolean }
  /** Some sentence names another as the one it is consecutive to. */
  readonly hasConsecutiveLinks: boolean
  /** Some sentence carries a recall. */
  readonly hasRecall: boolean
  /** Some sentence is a DTO. */
  readonly hasDto: boolean
  /** The booking's adjustments of each type (an empty list when the type is absent). */
  readonly adjustments: Readonly<Record<AdjustmentType, ReadonlyArray<AdjustmentInput>>>
  private todayDate: LocalDate | undefined
  private readonly refCache: Array<SentenceRef | undefined>
  private links: Links | undefined

  constructor(booking: BookingInput, todayIso: string, routeToManual: boolean) {
    this.booking = booking
    this.todayIso = todayIso
    this.toggles = { routeProgressionModelScheduleExclusionToManual: routeToManual }
    let hasConsecutiveLinks = false
    let hasRecall = false
    let hasDto = false
    for (const s of booking.sentences) {
      if (s.consecutiveSentenceUUIDs[0] !== undefined) hasConsecutiveLinks = true
      if (isRecall(s)) hasRecall = true
      if (s.type === DTO) hasDto = true
    }
    this.hasConsecutiveLinks = hasConsecutiveLinks
    this.hasRecall = hasRecall
    this.hasDto = hasDto
    this.refCache = new Array<SentenceRef | undefined>(booking.sentences.length)
    const a = booking.adjustments
    this.adjustments = {
      REMAND: a.REMAND ?? NONE,
      TAGGED_BAIL: a.TAGGED_BAIL ?? NONE,
      UNLAWFULLY_AT_LARGE: a.UNLAWFULLY_AT_LARGE ?? NONE,
      ADDITIONAL_DAYS_AWARDED: a.ADDITIONAL_DAYS_AWARDED ?? NONE,
      RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: a.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED ?? NONE,
      RECALL_REMAND: a.RECALL_REMAND ?? NONE,
      RECALL_TAGGED_BAIL: a.RECALL_TAGGED_BAIL ?? NONE,
    }
  }

  /** "Today" as a date. */
  get today(): LocalDate {
    return (this.todayDate ??= parseDate(this.todayIso))
  }

  /** How messages name sentence `i` (one object per sentence, made when a message needs it). */
  ref(i: number): SentenceRef {
    return (this.refCache[i] ??= sentenceRef(i, this.booking.sentences[i]!))
  }

  /** identifier → index of the first sentence carrying it. */
  get indexById(): Map<string, number> {
    return this.consecutiveLinks().indexById
  }
  /** index → the index of the sentence it is consecutive to (only when that sentence exists). */
  get parentOf(): Map<number, number> {
    return this.consecutiveLinks().parentOf
  }
  /** index → indexes of the sentences consecutive to it. */
  get childrenOf(): Map<number, number[]> {
    return this.consecutiveLinks().childrenOf
  }

  private consecutiveLinks(): Links {
    return (this.links ??= buildLinks(this.booking.sentences))
  }
}

interface Links {
  indexById: Map<string, number>
  parentOf: Map<number, number>
  childrenOf: Map<number, number[]>
}

function buildLinks(sentences: ReadonlyArray<SentenceInput>): Links {
  const indexById = new Map<string, number>()
  const parentOf = new Map<number, number>()
  const childrenOf = new Map<number, number[]>()
  for (let i = 0; i < sentences.length; i++) {
    const id = sentences[i]!.identifier
    if (id !== undefined && !indexById.has(id)) indexById.set(id, i)
  }
  for (let i = 0; i < sentences.length; i++) {
    const target = sentences[i]!.consecutiveSentenceUUIDs[0]
    if (target === undefined) continue
    const p = indexById.get(target)
    if (p === undefined) continue
    parentOf.set(i, p)
    const siblings = childrenOf.get(p)
    if (siblings) siblings.push(i)
    else childrenOf.set(p, [i])
  }
  return { indexById, parentOf, childrenOf }
}

/** `today` must be a real ISO date (EngineOptions.today); anything else is a caller bug. */
export function buildCheckInput(booking: BookingInput, ctx: PreCalculationContext): CheckInput {
  if (!isIsoDate(ctx.today))
    throw new RangeError(
      `validateBeforeCalculation: today must be a date in the form YYYY-MM-DD, got ${JSON.stringify(ctx.today)}`,
    )
  return new CheckInput(
    booking,
    ctx.today,
    ctx.routeProgressionModelScheduleExclusionToManual ??
      ctx.featureToggles?.routeProgressionModelScheduleExclusionToManual ??
      false,
  )
}

/** ISO dates here are already validated by the booking schema; parsing is cached. */
export const date = (iso: string): LocalDate => parseDate(iso)
/**
 * Date order without parsing. Every date the checks compare is a real YYYY-MM-DD date (the booking
 * schema, `isIsoDate` for today, and the constants below), and for those the order of the strings
 * is the order of the dates.
 */
export const isBefore = (a: string, b: string): boolean => a < b
export const isAfter = (a: string, b: string): boolean => a > b

export function isRecall(s: SentenceInput): boolean {
  return s.recall !== undefined && s.recall !== null
}

export const FIXED_TERM_RECALLS = [
  'FIXED_TERM_RECALL_14',
  'FIXED_TERM_RECALL_28',
  'FIXED_TERM_RECALL_56',
] as const
export function isFixedTermRecall(s: SentenceInput): boolean {
  return !!s.recall && (FIXED_TERM_RECALLS as ReadonlyArray<string>).includes(s.recall.recallType)
}

/** Important dates (release-date-rules.md §2.6). */
export const SENTENCING_ACT_2020_COMMENCEMENT = '2020-12-01'
export const PCSC_COMMENCEMENT_DATE = '2022-06-28'
export const LASPO_DATE = '2012-12-03'
export const CJA_DATE = '2005-04-04'
export const ORA_DATE = '2015-02-01'
