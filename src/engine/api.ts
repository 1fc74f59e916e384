/**
 * The engine's public contract. Everything a caller (CLI, service, conformance runner) needs
 * to call the engine and read its answer is declared here.
 */
import type { BookingInputRaw, InputProblem, UserInputs } from './input/reference-booking.js'

export const RELEASE_DATE_TYPES = [
  'SED',
  'LED',
  'SLED',
  'CRD',
  'ARD',
  'PED',
  'NPD',
  'PRRD',
  'HDCED',
  'TUSED',
  'ERSED',
  'ETD',
  'MTD',
  'LTD',
  'ESED',
] as const
export type ReleaseDateType = (typeof RELEASE_DATE_TYPES)[number]

/** Full names, as a case administrator reads them. */
export const RELEASE_DATE_NAMES: Record<ReleaseDateType, string> = {
  SED: 'Sentence expiry date',
  LED: 'Licence expiry date',
  SLED: 'Sentence and licence expiry date',
  CRD: 'Conditional release date',
  ARD: 'Automatic release date',
  PED: 'Parole eligibility date',
  NPD: 'Non-parole date',
  PRRD: 'Post-recall release date',
  HDCED: 'Home detention curfew eligibility date',
  TUSED: 'Top-up supervision expiry date',
  ERSED: 'Early removal scheme eligibility date',
  ETD: 'Early transfer date',
  MTD: 'Mid transfer date',
  LTD: 'Late transfer date',
  ESED: 'Effective sentence end date',
}

export const LEGISLATION_PROFILES = ['calculation-params', 'sds-50', 'sds-progression-model-october'] as const
export type LegislationProfileName = (typeof LEGISLATION_PROFILES)[number]

export const FEATURE_TOGGLES = [
  'applyPostRecallRepealRules',
  'applyPostHdcedRepealRules',
  'adultHdcSuspended',
  'routePreProgressionExtinguishedSentenceToManual',
  'progressionTrancheOneManualJourney',
  'progressionModelScheduleExclusionEnabled',
  'routeProgressionModelScheduleExclusionToManual',
  'useLatestErsedFromPreErs30Snapshot',
  'storeSentenceLevelDates',
] as const
export type FeatureToggle = (typeof FEATURE_TOGGLES)[number]
export type FeatureToggles = Record<FeatureToggle, boolean>

/**
 * A change to the profile's law described as data (a law-change impact run, before
 * commencement): new SDS early-release tranche dates and/or a new early-release fraction.
 */
export interface LegislationChange {
  sds40Dates?: { trancheOne?: string; trancheTwo?: string; trancheThree?: string }
  earlyReleasePoint?: 'ONE_HALF' | 'FORTY_PERCENT' | 'ONE_THIRD' | 'THIRTY_PERCENT'
}

export interface EngineOptions {
  /** Which body of legislation applies (see src/engine/legislation/profiles.ts). */
  profile: LegislationProfileName
  /** Applied on top of `profile` (law-change impact runs); absent for every real calculation. */
  legislationChange?: LegislationChange
  /** Unlisted switches are off. */
  featureToggles?: Partial<FeatureToggles>
  /** England and Wales bank holidays, ISO dates. The reference cases use only 2021-12-27 and 2021-12-28. */
  bankHolidays: ReadonlyArray<string>
  /** "Today", ISO date. Only validation (future-dated data) and hints may use it, never the arithmetic. */
  today: string
  userInputs?: Partial<UserInputs>
  /**
   * Run the pre-calculation checks (validation/pre-calculation) before any arithmetic and reject
   * the booking when they find UNSUPPORTED or BAD_DATA problems. Default true. The conformance
   * runner turns this off because the reference harness runs only the post-calculation checks.
   */
  preCalculationChecks?: boolean
  /** What the hints may assume about dates already recorded elsewhere (e.g. NOMIS). */
  hintContext?: HintContext
}

export interface HintContext {
  /** Date types a user has overridden by hand in the source system. */
  manuallyOverridden?: ReadonlyArray<ReleaseDateType>
  /** The SLED comes from an earlier period of custody. */
  historicSled?: boolean
}

/** A legal or policy source. `provision` is required: no rule without its law. */
export interface Citation {
  /** e.g. "Criminal Justice Act 2003, s.244(3)(a)" */
  provision: string
  url?: string
}

export interface ExplanationStep {
  /** Plain-English statement of one step, e.g. "Sentence of 2 years from 21 Sep 2013 ends 20 Sep 2015". */
  says: string
  /** The value this step produced, e.g. "730 days" or "2014-09-20". */
  value?: string
  cites?: Citation
}

export interface DateExplanation {
  type: ReleaseDateType
  date: string
  /** Stable code of the rule that produced the date, e.g. "SDS_CONDITIONAL_RELEASE_AT_HALF". */
  rule: string
  /** One sentence saying how the date was reached. */
  summary: string
  sources: Citation[]
  steps: ExplanationStep[]
}

/**
 * How a validation message routes the user:
 * - UNSUPPORTED: the engine cannot calculate this safely; calculate by hand (manual entry).
 * - BAD_DATA: a record is wrong; fix it and calculate again.
 * - WARNING: the calculation stands, but check the highlighted point.
 */
export type ValidationCategory = 'UNSUPPORTED' | 'BAD_DATA' | 'WARNING'

export interface SentenceRef {
  /** Index in booking.sentences. */
  index: number
  identifier?: string
  caseSequence?: number | null
  lineSequence?: number | null
  caseReference?: string | null
}

export interface ValidationMessage {
  code: string
  category: ValidationCategory
  /** Plain English, naming the court case / sentence / adjustment concerned. */
  message: string
  sentence?: SentenceRef
  /** JSON path of the record to fix, where there is one (e.g. "adjustments.REMAND[0]"). */
  path?: string
  /**
   * Set on a SAFETY_CHECK_FAILED refusal: the engine's own answer broke a safety invariant
   * (src/engine/safety), so no date is returned. `invariant` is the check's code; `date` the
   * date it could not verify.
   */
  safety?: { invariant: string; date: ReleaseDateType }
}

export interface CalculationFlags {
  affectedBySds40: boolean
  affectedByProgressionModel: boolean
  sdsEarlyReleaseTranche?: string
  sdsEarlyReleaseAllocatedTranche?: string
  /** e.g. { SDS_40: 'TRANCHE_1', FTR_56: 'FTR_56_TRANCHE_2' } */
  trancheAllocationByLegislationName: Record<string, string>
  ersedNotApplicableDueToDtoLaterThanCrd: boolean
  showSds40Hints: boolean
}

export interface CalculationResult {
  dates: Partial<Record<ReleaseDateType, string>>
  /** ISO-8601 period, normalised as java.time.Period.between would produce (e.g. "P1Y6M"). */
  effectiveSentenceLength: string
  /** One explanation per date in `dates`. */
  explanations: DateExplanation[]
  flags: CalculationFlags
  /** Dates worked out but not final (e.g. a PRRD that is not the release date). */
  otherDates: Partial<Record<ReleaseDateType, string>>
  /** The date types in the order the engine decided them (the reference's insertion order). */
  dateOrder?: ReleaseDateType[]
  /** Plain-English hints per date (working-day adjustment, which rule moved it, overrides). */
  hints?: Partial<Record<ReleaseDateType, string[]>>
  /** Per-sentence dates, only with the `storeSentenceLevelDates` switch on. */
  sentenceLevelDates?: SentenceLevelDates[]
  /** Per-sentence and per-date breakdown (reference `CalculationBreakdown`): the rules, fixed periods and adjustments behind each date. */
  breakdown?: CalculationBreakdown
}

/** The dates of one sentence part (reference `SentenceLevelDates`). */
export interface SentenceLevelDates {
  identifier: string
  impactsFinalReleaseDate: boolean
  dates: Partial<Record<ReleaseDateType, string>>
  /** Index of the calculable sentence (single or chain) in the engine's flat list. */
  groupIndex: number
  /** e.g. ONE_HALF, FORTY_PERCENT, TWO_THIRDS. */
  releaseMultiplier: string
  awardedDuringCustody: number
  awardedAfterDeterminateRelease: number
}

export interface BreakdownDate {
  unadjusted: string
  adjusted: string
  daysFromSentenceStart: number
  adjustedByDays: number
}

export interface BreakdownSentence {
  sentencedAt: string
  sentenceLength: string
  sentenceLengthDays: number
  dates: Partial<Record<ReleaseDateType, BreakdownDate>>
  lineSequence: number
  caseSequence: number
  externalSentenceId: { sentenceSequence: number; bookingId: number }
  caseReference: string | null
}

export interface BreakdownConsecutive {
  sentencedAt: string
  sentenceLength: string
  sentenceLengthDays: number
  dates: Partial<Record<ReleaseDateType, BreakdownDate>>
  sentenceParts: Array<{
    lineSequence: number
    caseSequence: number
    externalSentenceId: { sentenceSequence: number; bookingId: number }
    caseReference: string | null
    sentenceLength: string
    sentenceLengthDays: number
    consecutiveToLineSequence: number | null
    consecutiveToCaseSequence: number | null
  }>
}

export interface ReleaseDateBreakdown {
  rules: string[]
  rulesWithExtraAdjustments: Record<string, { adjustmentValue: number; type: string }>
  adjustedDays: number
  releaseDate: string
  unadjustedDate: string
}

/** The reference's `CalculationBreakdown`. */
export interface CalculationBreakdown {
  concurrentSentences: BreakdownSentence[]
  consecutiveSentence: BreakdownConsecutive | null
  breakdownByReleaseDateType: Partial<Record<ReleaseDateType, ReleaseDateBreakdown>>
  otherDates: Partial<Record<ReleaseDateType, string>>
  ersedNotApplicableDueToDtoLaterThanCrd: boolean
  showSds40Hints: boolean
}

export type CalculationOutcome =
  /** The input could not be read: every problem is listed by JSON path. */
  | { status: 'invalid-input'; problems: InputProblem[] }
  /** The arithmetic ran. `messages` holds validation messages (possibly empty); a message of
   * category UNSUPPORTED or BAD_DATA means the dates must not be relied on. */
  | { status: 'calculated'; result: CalculationResult; messages: ValidationMessage[] }
  /** Validation stopped the calculation before (or instead of) producing dates. */
  | { status: 'rejected'; messages: ValidationMessage[] }
  /** The engine met a situation it cannot calculate (e.g. a fixed-term recall with no return to
   * custody date). `code` is stable; the engine never throws. */
  | { status: 'error'; code: string; message: string }

export type { BookingInputRaw, InputProblem, UserInputs }
