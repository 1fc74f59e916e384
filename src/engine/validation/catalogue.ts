/**
 * The validation catalogue: every validation code the reference service defines
 * (release-date-rules.md §18), with the category that routes the user, the stage that emits it,
 * a title, a message template and what the user should do.
 *
 * This is the only place message wording lives. Pre-calculation checks (./pre-calculation) and
 * the calculation core's post-calculation validators both build messages with
 * `validationMessage(code, args)`.
 *
 * Routing (see api.ts ValidationCategory):
 * - UNSUPPORTED: the engine will not calculate this case; the user calculates by hand (manual entry).
 * - BAD_DATA: a record is wrong; the user fixes the named court case, line or adjustment and
 *   calculates again.
 * - WARNING: the calculation stands, but the user checks the highlighted point.
 */
import type { SentenceRef, ValidationCategory, ValidationMessage } from '../api.js'
import { describeAdjustment, describeSentence, formatDate } from './describe.js'

/** The reference's own severity types (ValidationType.kt), kept so the mapping is auditable. */
export type ReferenceValidationType =
  | 'UNSUPPORTED_SENTENCE'
  | 'UNSUPPORTED_CALCULATION'
  | 'MANUAL_ENTRY_JOURNEY_REQUIRED'
  | 'VALIDATION'
  | 'VALIDATION_FIXABLE_IN_DPS'
  | 'INCORRECT_OFFENCE'
  | 'SUSPENDED_OFFENCE'
  | 'CONCURRENT_CONSECUTIVE'

/**
 * Where a code is produced:
 * - pre-source: before any arithmetic, on the sentence/offence/adjustment records ([S] in §18);
 * - pre-booking: before any arithmetic, on the booking as a whole ([B]);
 * - post-calculation: by the calculation core after the timeline has run ([C]);
 * - not-emitted: defined by the reference but not produced by this engine (legacy codes, codes of
 *   other services, or manual date entry).
 */
export type ValidationStage = 'pre-source' | 'pre-booking' | 'post-calculation' | 'not-emitted'
export const VALIDATION_STAGES: ReadonlyArray<ValidationStage> = [
  'pre-source',
  'pre-booking',
  'post-calculation',
  'not-emitted',
]

/** 1 = unsupported pass, 2 = bad data pass, 3 = warnings. The first order with messages wins. */
export type ValidationOrder = 1 | 2 | 3

export const CATEGORY_OF_REFERENCE_TYPE: Record<ReferenceValidationType, ValidationCategory> = {
  UNSUPPORTED_SENTENCE: 'UNSUPPORTED',
  UNSUPPORTED_CALCULATION: 'UNSUPPORTED',
  MANUAL_ENTRY_JOURNEY_REQUIRED: 'UNSUPPORTED',
  VALIDATION: 'BAD_DATA',
  VALIDATION_FIXABLE_IN_DPS: 'BAD_DATA',
  INCORRECT_OFFENCE: 'BAD_DATA',
  SUSPENDED_OFFENCE: 'BAD_DATA',
  CONCURRENT_CONSECUTIVE: 'WARNING',
}

const ORDER_OF_CATEGORY: Record<ValidationCategory, ValidationOrder> = {
  UNSUPPORTED: 1,
  BAD_DATA: 2,
  WARNING: 3,
}

/** Structured facts a message template may use. Every field is optional; templates fall back. */
export interface MessageArgs {
  /** The sentence concerned. */
  sentence?: SentenceRef
  /** A second sentence involved (e.g. the one this sentence is consecutive to). */
  other?: SentenceRef
  /** JSON path of the adjustment concerned, e.g. "adjustments.REMAND[0]". */
  path?: string
  /** A second adjustment involved (e.g. the overlapping one). */
  otherPath?: string
  /** The date at fault (offence date, return to custody date, adjustment date...). ISO. */
  date?: string
  /** The date it was compared with (sentence date, revocation date, today...). ISO. */
  comparedWith?: string
  offenceCode?: string
  /** A length in words, e.g. "3 years 6 months". */
  length?: string
  /** Number of sentences involved. */
  count?: number
  /** A recall length in days, e.g. 14 or 28. */
  recallDays?: number
}

export interface CatalogueEntry {
  referenceType: ReferenceValidationType
  category: ValidationCategory
  order: ValidationOrder
  stage: ValidationStage
  /** Short name of the problem, for lists and the docs table. */
  title: string
  /** What is wrong, naming the record. One or more sentences, ending with a full stop. */
  problem: (args: MessageArgs) => string
  /** What the user does about it. */
  action: string
}

function entry(
  referenceType: ReferenceValidationType,
  stage: ValidationStage,
  title: string,
  problem: (args: MessageArgs) => string,
  action: string,
  order?: ValidationOrder,
): CatalogueEntry {
  const category = CATEGORY_OF_REFERENCE_TYPE[referenceType]
  return {
    referenceType,
    category,
    order: order ?? ORDER_OF_CATEGORY[category],
    stage,
    title,
    problem,
    action,
  }
}

// ---- wording helpers -------------------------------------------------------------------------

export { describeAdjustment, describeSentence, formatDate } from './describe.js'

/** Who the message is about: the sentence, else the adjustment, else the booking. */
function who(a: MessageArgs): string {
  if (a.sentence) return describeSentence(a.sentence)
  if (a.path) return describeAdjustment(a.path)
  return 'This booking'
}
function sentenceName(a: MessageArgs): string {
  return a.sentence ? describeSentence(a.sentence) : 'A sentence'
}
function adjustmentName(a: MessageArgs, fallback: string): string {
  return a.path ? describeAdjustment(a.path) : fallback
}
function otherName(a: MessageArgs, fallback = 'another sentence'): string {
  return a.other ? lowerFirst(describeSentence(a.other)) : fallback
}
function sentenceLower(a: MessageArgs, fallback: string): string {
  return a.sentence ? lowerFirst(describeSentence(a.sentence)) : fallback
}
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
/** " (2 March 2023)" after a noun: "the offence date (2 March 2023)". */
function on(date: string | undefined): string {
  return date ? ` (${formatDate(date)})` : ''
}
/** " on 2 March 2023" after a verb: "passed on 2 March 2023". */
function onDay(date: string | undefined): string {
  return date ? ` on ${formatDate(date)}` : ''
}
/** "a sentence of 2 years (12 months or more)" / "a sentence of 12 months or more". */
function ofLength(a: MessageArgs, band: string): string {
  return a.length ? `a sentence of ${a.length} (${band})` : `a sentence of ${band}`
}

const FIX_ADJUSTMENT = 'Correct the adjustment and calculate again.'
const FIX_RECALL = 'Correct the recall record and calculate again.'
const MANUAL = 'This cannot be calculated by the service. Calculate the release dates manually.'

// ---- the catalogue ---------------------------------------------------------------------------

export const VALIDATION_CATALOGUE = {
  // Sentences, terms and offence data
  NO_SENTENCES: entry(
    'VALIDATION',
    'pre-source',
    'No sentences',
    () => 'This booking has no active sentences, so there is nothing to calculate.',
    'Check the sentences recorded for this booking, add any that are missing and calculate again.',
    // Reported in the unsupported pass although its own type is VALIDATION (§18).
    1,
  ),
  UNSUPPORTED_SENTENCE_TYPE: entry(
    'UNSUPPORTED_SENTENCE',
    'pre-source',
    'Sentence type not supported',
    (a) => `${sentenceName(a)} has a sentence or recall type that the service cannot calculate.`,
    MANUAL,
  ),
  SENTENCE_HAS_NO_IMPRISONMENT_TERM: entry(
    'VALIDATION',
    'pre-source',
    'No imprisonment term',
    (a) => `${sentenceName(a)} has no imprisonment term recorded.`,
    'Add the imprisonment term to the sentence and calculate again.',
  ),
  SENTENCE_HAS_MULTIPLE_TERMS: entry(
    'VALIDATION',
    'pre-source',
    'More than one term',
    (a) => `${sentenceName(a)} has more than one term recorded, but this sentence type has only one.`,
    'Remove the extra term from the sentence and calculate again.',
  ),
  ZERO_IMPRISONMENT_TERM: entry(
    'VALIDATION',
    'pre-source',
    'Imprisonment term of zero',
    (a) => `${sentenceName(a)} has an imprisonment term of zero.`,
    'Enter the length of the imprisonment term and calculate again.',
  ),
  MORE_THAN_ONE_IMPRISONMENT_TERM: entry(
    'VALIDATION',
    'pre-source',
    'More than one imprisonment term',
    (a) => `${sentenceName(a)} has more than one imprisonment term recorded.`,
    'Keep one imprisonment term on the sentence and calculate again.',
  ),
  SENTENCE_HAS_NO_LICENCE_TERM: entry(
    'VALIDATION',
    'pre-source',
    'No licence term',
    (a) => `${sentenceName(a)} is an extended sentence but has no licence (extension) term recorded.`,
    'Add the licence term to the sentence and calculate again.',
  ),
  MORE_THAN_ONE_LICENCE_TERM: entry(
    'VALIDATION',
    'pre-source',
    'More than one licence term',
    (a) => `${sentenceName(a)} has more than one licence term recorded.`,
    'Keep one licence term on the sentence and calculate again.',
  ),
  EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR: entry(
    'VALIDATION',
    'pre-source',
    'Extended sentence licence term under 1 year',
    (a) =>
      `${sentenceName(a)} is an extended determinate sentence with a licence term${a.length ? ` of ${a.length}` : ''}. The licence term must be at least 1 year.`,
    'Check the licence term on the warrant, correct it and calculate again.',
  ),
  EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS: entry(
    'VALIDATION',
    'pre-source',
    'Extended sentence licence term over 8 years',
    (a) =>
      `${sentenceName(a)} is an extended determinate sentence with a licence term${a.length ? ` of ${a.length}` : ''}. The licence term cannot be more than 8 years.`,
    'Check the licence term on the warrant, correct it and calculate again.',
  ),
  SOPC_LICENCE_TERM_NOT_12_MONTHS: entry(
    'VALIDATION',
    'pre-source',
    'SOPC licence term not 12 months',
    (a) =>
      `${sentenceName(a)} is a sentence for offenders of particular concern with a licence term${a.length ? ` of ${a.length}` : ''}. The licence term must be exactly 12 months.`,
    'Check the licence term on the warrant, correct it and calculate again.',
  ),
  EDS18_EDS21_EDSU18_SENTENCE_TYPE_INCORRECT: entry(
    'VALIDATION',
    'pre-source',
    'Extended sentence type wrong for its date',
    (a) =>
      `${sentenceName(a)} is recorded as a Sentencing Act 2020 extended sentence but was passed${onDay(a.date)}, before that Act's sentence types began on 1 December 2020.`,
    'Change the sentence type to the one in force on the sentence date and calculate again.',
  ),
  LASPO_AR_SENTENCE_TYPE_INCORRECT: entry(
    'VALIDATION',
    'pre-source',
    'Extended sentence with automatic release wrong for its date',
    (a) =>
      `${sentenceName(a)} is recorded as an extended sentence with automatic release at two-thirds, but that sentence type could only be passed before 13 April 2015.`,
    'Change the sentence type to the one in force on the sentence date and calculate again.',
  ),
  SEC_91_SENTENCE_TYPE_INCORRECT: entry(
    'VALIDATION',
    'pre-source',
    'Section 91 sentence type wrong for its date',
    (a) =>
      `${sentenceName(a)} is recorded as a section 91 sentence but was passed${onDay(a.date)}, after section 250 replaced section 91 on 1 December 2020.`,
    'Change the sentence type to section 250 and calculate again.',
  ),
  SOPC18_SOPC21_SENTENCE_TYPE_INCORRECT: entry(
    'VALIDATION',
    'pre-source',
    'SOPC sentence type wrong for its date',
    (a) =>
      `${sentenceName(a)} is recorded as a Sentencing Act 2020 SOPC sentence but was passed${onDay(a.date)}, before that Act's sentence types began on 1 December 2020.`,
    'Change the sentence type to the one in force on the sentence date and calculate again.',
  ),
  SEC236A_SENTENCE_TYPE_INCORRECT: entry(
    'VALIDATION',
    'not-emitted',
    'Section 236A sentence type wrong for its date',
    (a) =>
      `${sentenceName(a)} is recorded as a section 236A SOPC sentence, which is not valid for its sentence date.`,
    'Change the sentence type to the one in force on the sentence date and calculate again.',
  ),
  OFFENCE_MISSING_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Offence date missing',
    (a) =>
      `${sentenceName(a)} has no offence date. The offence date decides which release rules apply to this sentence.`,
    'Add the offence date and calculate again.',
  ),
  OFFENCE_DATE_AFTER_SENTENCE_START_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Offence date after sentence date',
    (a) =>
      `${sentenceName(a)}: the offence date${on(a.date)} is after the sentence date${on(a.comparedWith)}.`,
    'Correct the offence date and calculate again.',
  ),
  OFFENCE_DATE_AFTER_SENTENCE_RANGE_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Offence end date after sentence date',
    (a) =>
      `${sentenceName(a)}: the offence end date${on(a.date)} is after the sentence date${on(a.comparedWith)}.`,
    'Correct the offence end date and calculate again.',
  ),
  OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO: entry(
    'VALIDATION',
    'pre-source',
    'Offence date implausible',
    (a) =>
      `${sentenceName(a)}: the offence date${on(a.date)} is more than 100 years away from today, so it is almost certainly mistyped.`,
    'Correct the offence date and calculate again.',
  ),
  SE2020_INVALID_OFFENCE_DETAIL: entry(
    'VALIDATION',
    'pre-source',
    'Sentencing Act 2020 offence before the Act',
    (a) =>
      `${sentenceName(a)}: offence code ${a.offenceCode ?? 'SE20'} is a Sentencing Act 2020 offence, but the offence date${on(a.date)} is before the Act came into force on 1 December 2020.`,
    'Replace it with the offence code in force on the offence date, or correct the offence date, and calculate again.',
  ),
  SE2020_INVALID_OFFENCE_COURT_DETAIL: entry(
    'VALIDATION',
    'pre-source',
    'Sentencing Act 2020 offence before the Act (court record)',
    (a) =>
      `${sentenceName(a)}: the court record gives a Sentencing Act 2020 offence${a.offenceCode ? ` (${a.offenceCode})` : ''} with an offence date before 1 December 2020.`,
    'Correct the offence in the court case record and calculate again.',
  ),
  INCORRECT_OFFENCE_ENCOURAGING_OR_ASSISTING: entry(
    'INCORRECT_OFFENCE',
    'pre-source',
    'Generic encouraging or assisting offence code',
    (a) =>
      `${sentenceName(a)}: ${a.offenceCode ? `offence code ${a.offenceCode}` : 'the offence code'} is a generic encouraging or assisting code. The service needs the specific inchoate offence code to tell which release rules apply.`,
    'Replace it with the specific encouraging or assisting offence code and calculate again.',
  ),
  INCORRECT_OFFENCE_GENERIC_CONSPIRACY: entry(
    'INCORRECT_OFFENCE',
    'pre-source',
    'Generic conspiracy offence code',
    (a) =>
      `${sentenceName(a)}: ${a.offenceCode ? `offence code ${a.offenceCode}` : 'the offence code'} is a generic conspiracy code. The service needs the specific conspiracy offence code to tell which release rules apply.`,
    'Replace it with the specific conspiracy offence code and calculate again.',
  ),
  INCORRECT_OFFENCE_BREACH_97: entry(
    'INCORRECT_OFFENCE',
    'pre-source',
    'Restraining order breach under the repealed 1997 Act',
    (a) =>
      `${sentenceName(a)}: offence code ${a.offenceCode ?? 'PH97003'} is breach of a restraining order under the Protection from Harassment Act 1997, but the offence date${on(a.date)} is on or after 1 December 2020, when that offence moved to the Sentencing Act 2020. Using the old code can hide an early-release exclusion.`,
    'Recode the offence as SE20002 (breach of a restraining order, Sentencing Act 2020) and calculate again.',
  ),
  INCORRECT_SUSPENDED_OFFENCE: entry(
    'SUSPENDED_OFFENCE',
    'pre-source',
    'Suspended sentence breach placeholder offence',
    (a) =>
      `${sentenceName(a)} uses the placeholder offence for breach of a suspended sentence instead of the original offence.`,
    'Replace the placeholder with the original offence the suspended sentence was for and calculate again.',
  ),
  A_FINE_SENTENCE_MISSING_FINE_AMOUNT: entry(
    'VALIDATION',
    'pre-source',
    'Fine amount missing',
    (a) => `${sentenceName(a)} is a default term for an unpaid fine but no fine amount is recorded.`,
    'Add the fine amount and calculate again.',
  ),
  REPATRIATED_PRISONER: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'pre-source',
    'Repatriated prisoner',
    (a) => `${sentenceName(a)} was passed by a court outside England and Wales.`,
    MANUAL,
  ),
  PRISONER_SUBJECT_TO_PTD: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Subject to a post-tariff detention alert',
    () => 'This person has an active post-tariff detention alert.',
    MANUAL,
  ),
  SDS_TORERA_EXCLUSION: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'SDS offence on schedule 19ZA (TORERA)',
    (a) =>
      `${sentenceName(a)} is a standard sentence for a schedule 19ZA (terrorist offender) offence, whose release rules the service does not cover.`,
    MANUAL,
  ),
  SOPC_TORERA_EXCLUSION: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'SOPC offence on schedule 19ZA (TORERA)',
    (a) =>
      `${sentenceName(a)} is a sentence for offenders of particular concern for a schedule 19ZA (terrorist offender) offence, whose release rules the service does not cover.`,
    MANUAL,
  ),
  COURT_MARTIAL_WITH_SDS_PLUS: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'not-emitted',
    'Court martial sentence with SDS+',
    (a) => `${sentenceName(a)} is a court martial sentence that would be SDS+.`,
    MANUAL,
  ),

  // Consecutive / concurrent structure
  BROKEN_CONSECUTIVE_CHAINS: entry(
    'VALIDATION',
    'pre-source',
    'Consecutive to a sentence that is not in the booking',
    (a) =>
      `${sentenceName(a)} is recorded as consecutive to a sentence that is not an active sentence in this booking, or its consecutive links loop back on themselves.`,
    'Correct the consecutive-to link so it points to an active sentence and calculate again.',
  ),
  CONSECUTIVE_TO_SENTENCE_IMPOSED_AFTER: entry(
    'VALIDATION',
    'pre-source',
    'Consecutive to a later sentence',
    (a) =>
      `${sentenceName(a)}${a.date ? `, passed${onDay(a.date)},` : ''} is recorded as consecutive to ${otherName(a)}, which was passed later${a.comparedWith ? `, on ${formatDate(a.comparedWith)}` : ''}. A sentence can only run consecutively to one that already exists.`,
    'Check the warrants, correct the consecutive-to link or the sentence dates and calculate again.',
  ),
  CONCURRENT_CONSECUTIVE_SENTENCES_DURATION: entry(
    'CONCURRENT_CONSECUTIVE',
    'pre-source',
    'Several sentences consecutive to the same sentence',
    (a) =>
      `${a.count ?? 'Several'} sentences are recorded as consecutive to ${otherName(a, 'the same sentence')}.${a.length ? ` The longest consecutive chain is ${a.length}.` : ''}`,
    'Check on the warrants that these sentences really are each consecutive to that sentence, and not to each other. If the records are right, continue.',
  ),
  CONCURRENT_CONSECUTIVE_SENTENCES_NOTIFICATION: entry(
    'CONCURRENT_CONSECUTIVE',
    'not-emitted',
    'Several sentences consecutive to the same sentence (comparison)',
    (a) =>
      `${a.count ?? 'Several'} sentences are recorded as consecutive to ${otherName(a, 'the same sentence')}.`,
    'Check on the warrants that the consecutive links are right.',
  ),
  MULTIPLE_SENTENCES_CONSECUTIVE_TO: entry(
    'VALIDATION',
    'not-emitted',
    'Several sentences consecutive to one (legacy)',
    (a) => `More than one sentence is consecutive to ${otherName(a, 'the same sentence')}.`,
    'Check the consecutive-to links and calculate again.',
  ),
  CONSECUTIVE_SENTENCE_WITH_MULTIPLE_OFFENCES: entry(
    'VALIDATION',
    'not-emitted',
    'Consecutive sentence with several offences (legacy)',
    (a) => `${sentenceName(a)} is consecutive and has more than one offence recorded against it.`,
    'Record one offence per consecutive sentence and calculate again.',
  ),

  // Fines, DTOs, BOTUS
  A_FINE_SENTENCE_WITH_PAYMENTS: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Fine default term with part payments',
    (a) => `${sentenceName(a)} is a default term for a fine that has been partly paid.`,
    MANUAL,
  ),
  A_FINE_SENTENCE_CONSECUTIVE_TO: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Fine default term consecutive to another sentence',
    (a) =>
      `${sentenceName(a)} is a default term for an unpaid fine and runs consecutively to ${otherName(a)}.`,
    MANUAL,
  ),
  A_FINE_SENTENCE_CONSECUTIVE: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Sentence consecutive to a fine default term',
    (a) =>
      `${sentenceName(a)} runs consecutively to ${otherName(a, 'a default term for an unpaid fine')}, which is a default term for an unpaid fine.`,
    MANUAL,
  ),
  DTO_CONSECUTIVE_TO_SENTENCE: entry(
    'UNSUPPORTED_SENTENCE',
    'pre-source',
    'Detention and training order consecutive to another sentence type',
    (a) =>
      `${sentenceName(a)} is a detention and training order consecutive to ${otherName(a)}, which is not a detention and training order.`,
    MANUAL,
  ),
  DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT: entry(
    'UNSUPPORTED_SENTENCE',
    'pre-source',
    'Another sentence type consecutive to a detention and training order',
    (a) =>
      `${sentenceName(a)} is not a detention and training order but runs consecutively to ${otherName(a, 'one')}, which is.`,
    MANUAL,
  ),
  UNSUPPORTED_DTO_RECALL_SEC104_SEC105: entry(
    'UNSUPPORTED_SENTENCE',
    'pre-source',
    'Detention and training order breach or recall',
    (a) =>
      `${sentenceName(a)} is a detention and training order recorded with a recall (a breach of supervision or an offence during the order, under section 104 or 105 of the Powers of Criminal Courts (Sentencing) Act 2000).`,
    MANUAL,
  ),
  UNSUPPORTED_CALCULATION_DTO_WITH_RECALL: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Detention and training order with a recall',
    (a) =>
      `${sentenceName(a)} is a detention and training order, and this booking also has a recalled sentence.`,
    MANUAL,
  ),
  DTO_RECALL: entry(
    'UNSUPPORTED_SENTENCE',
    'not-emitted',
    'Detention and training order recall (legacy)',
    (a) => `${sentenceName(a)} is a recalled detention and training order.`,
    MANUAL,
  ),
  PRE_PCSC_DTO_WITH_ADJUSTMENT: entry(
    'VALIDATION',
    'pre-source',
    'Remand or tagged bail on a detention and training order passed before 28 June 2022',
    (a) =>
      `${who(a)} applies only to a detention and training order passed${onDay(a.date)}, before 28 June 2022. Remand and tagged bail are not deducted from those orders; the court takes them into account when setting the length.`,
    'Remove the remand or tagged bail from the order and calculate again.',
  ),
  BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE: entry(
    'UNSUPPORTED_SENTENCE',
    'pre-source',
    'Breach of top-up supervision consecutive to another sentence',
    (a) => `${sentenceName(a)} is a breach of top-up supervision sentence consecutive to ${otherName(a)}.`,
    MANUAL,
  ),
  BOTUS_CONSECUTIVE_OR_CONCURRENT_TO_OTHER_SENTENCE: entry(
    'UNSUPPORTED_SENTENCE',
    'not-emitted',
    'Breach of top-up supervision with other sentences (legacy)',
    (a) => `${sentenceName(a)} is a breach of top-up supervision sentence alongside other sentences.`,
    MANUAL,
  ),

  // Adjustments
  UNSUPPORTED_ADJUSTMENT_LAWFULLY_AT_LARGE: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Lawfully at large adjustment',
    () => 'This booking has a lawfully at large adjustment, which the service does not apply.',
    MANUAL,
  ),
  UNSUPPORTED_ADJUSTMENT_SPECIAL_REMISSION: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Special remission adjustment',
    () => 'This booking has a special remission adjustment, which the service does not apply.',
    MANUAL,
  ),
  UNSUPPORTED_ADJUSTMENT_TIME_SPENT_IN_CUSTODY_ABROAD: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Time spent in custody abroad',
    () =>
      'This booking has an adjustment for time spent in custody abroad, which the service does not apply.',
    MANUAL,
  ),
  UNSUPPORTED_ADJUSTMENT_TIME_SPENT_AS_AN_APPEAL_APPLICANT: entry(
    'UNSUPPORTED_CALCULATION',
    'pre-source',
    'Time spent as an appeal applicant',
    () =>
      'This booking has an adjustment for time spent as an appeal applicant, which the service does not apply.',
    MANUAL,
  ),
  ADJUSTMENT_FUTURE_DATED_ADA: entry(
    'VALIDATION',
    'pre-source',
    'Additional days awarded dated in the future',
    (a) =>
      `${adjustmentName(a, 'An award of additional days')} is dated after today${on(a.comparedWith)}${a.date ? `: it is dated ${formatDate(a.date)}` : ''}. Days cannot be awarded in advance.`,
    FIX_ADJUSTMENT,
  ),
  ADJUSTMENT_FUTURE_DATED_RADA: entry(
    'VALIDATION',
    'pre-source',
    'Restored additional days dated in the future',
    (a) =>
      `${adjustmentName(a, 'A restoration of additional days')} is dated after today${on(a.comparedWith)}${a.date ? `: it is dated ${formatDate(a.date)}` : ''}. Days cannot be restored in advance.`,
    FIX_ADJUSTMENT,
  ),
  ADJUSTMENT_FUTURE_DATED_UAL: entry(
    'VALIDATION',
    'pre-source',
    'Unlawfully at large period in the future',
    (a) =>
      `${adjustmentName(a, 'A period unlawfully at large')} starts after today${on(a.comparedWith)}${a.date ? `: it starts on ${formatDate(a.date)}` : ''}.`,
    FIX_ADJUSTMENT,
  ),
  ADJUSTMENT_INVALID_DATE_RANGE: entry(
    'VALIDATION_FIXABLE_IN_DPS',
    'pre-source',
    'Adjustment ends before it starts',
    (a) =>
      `${adjustmentName(a, 'An adjustment')} has a from date${on(a.date)} after its to date${on(a.comparedWith)}.`,
    'Correct the dates in the adjustments record and calculate again.',
  ),
  REMAND_FROM_TO_DATES_REQUIRED: entry(
    'VALIDATION',
    'pre-source',
    'Remand dates missing',
    (a) => `${adjustmentName(a, 'A remand period')} has no from date or no to date.`,
    'Enter both remand dates and calculate again.',
  ),
  REMAND_OVERLAPS_WITH_REMAND: entry(
    'VALIDATION',
    'pre-source',
    'Remand periods overlap',
    (a) =>
      `${adjustmentName(a, 'A remand period')} overlaps ${a.otherPath ? lowerFirst(describeAdjustment(a.otherPath)) : 'another remand period'}. The same day cannot be counted as remand twice.`,
    'Correct or remove one of the remand periods and calculate again.',
  ),
  REMAND_ON_OR_AFTER_SENTENCE_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Remand on or after the sentence date',
    (a) =>
      `${adjustmentName(a, 'A remand period')} starts${onDay(a.date)}, on or after the date of the sentence it is credited to${on(a.comparedWith)}. Remand is time in custody before sentence.`,
    'Correct the remand dates or the sentence it is linked to and calculate again.',
  ),
  ADJUSTMENT_LINKED_TO_INACTIVE_SENTENCE: entry(
    'VALIDATION_FIXABLE_IN_DPS',
    'pre-source',
    'Adjustment linked to an inactive sentence',
    (a) => `${adjustmentName(a, 'An adjustment')} is linked to a sentence that is no longer active.`,
    'Link the adjustment to an active sentence, or remove it, and calculate again.',
  ),
  DUPLICATE_OR_OVERLAPPING_UAL: entry(
    'VALIDATION_FIXABLE_IN_DPS',
    'pre-booking',
    'Unlawfully at large periods overlap',
    (a) =>
      `${adjustmentName(a, 'A period unlawfully at large')} overlaps or repeats ${a.otherPath ? lowerFirst(describeAdjustment(a.otherPath)) : 'another period unlawfully at large'}.`,
    'Correct or remove one of the unlawfully at large periods and calculate again.',
  ),
  REMAND_OVERLAPS_WITH_SENTENCE: entry(
    'VALIDATION',
    'post-calculation',
    'Remand overlaps a period in custody serving a sentence',
    (a) =>
      `${adjustmentName(a, 'A remand period')} overlaps or touches a period when this person was already serving a sentence${a.date ? `, from ${formatDate(a.date)}${a.comparedWith ? ` to ${formatDate(a.comparedWith)}` : ''}` : ''}. Time serving a sentence cannot also count as remand.`,
    'Correct the remand dates and calculate again.',
  ),
  ADJUSTMENT_AFTER_RELEASE_ADA: entry(
    'VALIDATION',
    'post-calculation',
    'Additional days awarded after release',
    (a) =>
      `${adjustmentName(a, 'An award of additional days')} is dated${a.date ? ` ${formatDate(a.date)},` : ''} after the release date of the sentences it would apply to${on(a.comparedWith)}.`,
    'Check the adjudication date, correct or remove the award and calculate again.',
  ),
  ADJUSTMENT_AFTER_RELEASE_RADA: entry(
    'VALIDATION',
    'post-calculation',
    'Restored additional days after release',
    (a) =>
      `${adjustmentName(a, 'A restoration of additional days')} is dated${a.date ? ` ${formatDate(a.date)},` : ''} after the release date of the sentences it would apply to${on(a.comparedWith)}.`,
    'Check the restoration date, correct or remove it and calculate again.',
  ),
  RELEASE_DATE_BEFORE_SENTENCE_DATE: entry(
    'VALIDATION_FIXABLE_IN_DPS',
    'post-calculation',
    'Remand or tagged bail takes release before sentence',
    (a) =>
      `The remand and tagged bail credited to ${sentenceLower(a, 'a sentence')} bring its release date${on(a.date)} before its sentence date${on(a.comparedWith)}. Some of that time has probably been credited to the wrong sentence.`,
    'Check which sentences the remand and tagged bail belong to, correct them and calculate again.',
  ),
  CUSTODIAL_PERIOD_EXTINGUISHED_REMAND: entry(
    'VALIDATION',
    'not-emitted',
    'Remand wipes out a period in custody',
    (a) => `Remand credited to ${sentenceLower(a, 'a sentence')} is more than the time to serve.`,
    'Check which sentences the remand belongs to and correct it.',
  ),
  CUSTODIAL_PERIOD_EXTINGUISHED_TAGGED_BAIL: entry(
    'VALIDATION',
    'not-emitted',
    'Tagged bail wipes out a period in custody',
    (a) => `Tagged bail credited to ${sentenceLower(a, 'a sentence')} is more than the time to serve.`,
    'Check which sentences the tagged bail belongs to and correct it.',
  ),
  PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Sentence served in full on remand under the progression model',
    (a) =>
      `Under the progression model, the remand and tagged bail credited to ${sentenceLower(a, 'a sentence')} take its release date before its sentence date.`,
    MANUAL,
  ),

  // Recalls
  FTR_NO_RETURN_TO_CUSTODY_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Fixed-term recall without a return to custody date',
    (a) => `${sentenceName(a)} is a fixed-term recall but no return to custody date is recorded.`,
    'Enter the date the person returned to custody and calculate again.',
  ),
  FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER: entry(
    'VALIDATION',
    'pre-source',
    'Fixed-term recall lengths conflict',
    () => 'The fixed-term recall sentences in this booking give conflicting recall lengths.',
    FIX_RECALL,
  ),
  FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28: entry(
    'VALIDATION',
    'pre-source',
    '14-day recall recorded with a 28-day length',
    (a) =>
      `${sentenceName(a)} is recorded as a 14-day fixed-term recall, but the recall details give a length of 28 days.`,
    FIX_RECALL,
  ),
  FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14: entry(
    'VALIDATION',
    'pre-source',
    '28-day recall recorded with a 14-day length',
    (a) =>
      `${sentenceName(a)} is recorded as a 28-day fixed-term recall, but the recall details give a length of 14 days.`,
    FIX_RECALL,
  ),
  FTR_RTC_DATE_BEFORE_SENTENCE_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Return to custody before the sentence date',
    (a) =>
      `${sentenceName(a)}: the return to custody date${on(a.date)} is before the sentence date${on(a.comparedWith)}.`,
    'Correct the return to custody date and calculate again.',
  ),
  FTR_RTC_DATE_IN_FUTURE: entry(
    'VALIDATION',
    'pre-source',
    'Return to custody date in the future',
    (a) =>
      `${a.sentence ? `${describeSentence(a.sentence)}: the` : 'The booking’s'} return to custody date${on(a.date)} is after today${on(a.comparedWith)}.`,
    'Correct the return to custody date and calculate again.',
  ),
  RECALL_MISSING_REVOCATION_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Recall without a revocation date',
    (a) => `${sentenceName(a)} is a recall but no licence revocation date is recorded.`,
    'Enter the revocation date and calculate again.',
  ),
  FTR_RTC_DATE_BEFORE_REVOCATION_DATE: entry(
    'VALIDATION',
    'pre-source',
    'Return to custody before the licence was revoked',
    (a) =>
      `${sentenceName(a)}: the return to custody date${on(a.date)} is before the licence revocation date${on(a.comparedWith)}.`,
    'Correct the return to custody date or the revocation date and calculate again.',
  ),
  REVOCATION_DATE_IN_THE_FUTURE: entry(
    'VALIDATION',
    'pre-source',
    'Revocation date in the future',
    (a) =>
      `${sentenceName(a)}: the licence revocation date${on(a.date)} is after today${on(a.comparedWith)}.`,
    'Correct the revocation date and calculate again.',
  ),
  FTR_14_DAYS_SENTENCE_GE_12_MONTHS: entry(
    'VALIDATION',
    'pre-booking',
    '14-day recall length on a sentence of 12 months or more',
    (a) =>
      `${sentenceName(a)} is ${ofLength(a, '12 months or more')}, but the recall details give a 14-day recall, which is only for sentences under 12 months.`,
    FIX_RECALL,
  ),
  FTR_28_DAYS_SENTENCE_LT_12_MONTHS: entry(
    'VALIDATION',
    'pre-booking',
    '28-day recall length on a sentence under 12 months',
    (a) =>
      `${sentenceName(a)} is ${ofLength(a, 'under 12 months')}, but the recall details give a 28-day recall, which is only for sentences of 12 months or more.`,
    FIX_RECALL,
  ),
  FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS: entry(
    'VALIDATION',
    'pre-booking',
    '28-day recall type on a sentence under 12 months',
    (a) =>
      `${sentenceName(a)} is ${ofLength(a, 'under 12 months')}, but it is recorded as a 28-day fixed-term recall.`,
    FIX_RECALL,
  ),
  FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS: entry(
    'VALIDATION',
    'pre-booking',
    '14-day recall type on a sentence of 12 months or more',
    (a) =>
      `${sentenceName(a)} is ${ofLength(a, '12 months or more')}, but it is recorded as a 14-day fixed-term recall.`,
    FIX_RECALL,
  ),
  FTR_14_DAYS_AGGREGATE_GE_12_MONTHS: entry(
    'VALIDATION',
    'post-calculation',
    '14-day recall length on consecutive sentences of 12 months or more',
    (a) =>
      `The consecutive sentences including ${sentenceLower(a, 'the recalled sentence')} add up to 12 months or more${a.length ? ` (${a.length})` : ''}, but the recall details give a 14-day recall.`,
    FIX_RECALL,
  ),
  FTR_28_DAYS_AGGREGATE_LT_12_MONTHS: entry(
    'VALIDATION',
    'post-calculation',
    '28-day recall length on consecutive sentences under 12 months',
    (a) =>
      `The consecutive sentences including ${sentenceLower(a, 'the recalled sentence')} add up to under 12 months${a.length ? ` (${a.length})` : ''}, but the recall details give a 28-day recall.`,
    FIX_RECALL,
  ),
  FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS: entry(
    'VALIDATION',
    'post-calculation',
    '28-day recall type on consecutive sentences under 12 months',
    (a) =>
      `The consecutive sentences including ${sentenceLower(a, 'the recalled sentence')} add up to under 12 months${a.length ? ` (${a.length})` : ''}, but they are recorded as a 28-day fixed-term recall.`,
    FIX_RECALL,
  ),
  FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS: entry(
    'VALIDATION',
    'post-calculation',
    '14-day recall type on consecutive sentences of 12 months or more',
    (a) =>
      `The consecutive sentences including ${sentenceLower(a, 'the recalled sentence')} add up to 12 months or more${a.length ? ` (${a.length})` : ''}, but they are recorded as a 14-day fixed-term recall.`,
    FIX_RECALL,
  ),
  FTR_TYPE_14_DAYS_SENTENCE_GT_12_MONTHS: entry(
    'VALIDATION',
    'post-calculation',
    '14-day recall alongside a sentence over 12 months',
    (a) =>
      `${sentenceName(a)} is recorded as a 14-day fixed-term recall, but the person is also serving a sentence of more than 12 months, so a 28-day recall applies.`,
    FIX_RECALL,
  ),
  FTR_TYPE_14_DAYS_SENTENCE_GAP_GT_14_DAYS: entry(
    'VALIDATION',
    'post-calculation',
    '14-day recall with a gap of more than 14 days',
    (a) =>
      `${sentenceName(a)} is recorded as a 14-day fixed-term recall, but the gap between the recall sentences is more than 14 days.`,
    FIX_RECALL,
  ),
  FTR_TYPE_28_DAYS_SENTENCE_GAP_LT_14_DAYS: entry(
    'VALIDATION',
    'post-calculation',
    '28-day recall with a gap of less than 14 days',
    (a) =>
      `${sentenceName(a)} is recorded as a 28-day fixed-term recall, but the gap between the recall sentences is less than 14 days.`,
    FIX_RECALL,
  ),
  FTR_TYPE_56_UNSUPPORTED_RECALL: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'pre-source',
    '56-day recall after home detention curfew or early release',
    (a) =>
      `${sentenceName(a)} is a 56-day fixed-term recall after a release on home detention curfew or end of custody supervised licence.`,
    MANUAL,
  ),
  FTR_TYPE_48_DAYS_OVERLAPPING_SENTENCE: entry(
    'VALIDATION',
    'not-emitted',
    '48-day recall overlapping another sentence',
    (a) => `${sentenceName(a)} is a 48-day fixed-term recall that overlaps another sentence.`,
    FIX_RECALL,
  ),
  UNSUPPORTED_SDS40_RECALL_SENTENCE_TYPE: entry(
    'UNSUPPORTED_SENTENCE',
    'not-emitted',
    'Recall sentence type not supported under SDS40',
    (a) => `${sentenceName(a)} is a recall of a sentence type the service cannot calculate under SDS40.`,
    MANUAL,
  ),

  // Early-release legislation / HDC
  UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Consecutive standard sentence passed between SDS40 tranche dates',
    (a) =>
      `${sentenceName(a)} is part of a consecutive chain with a standard sentence passed between the SDS40 tranche 1 and tranche 2 commencement dates.`,
    MANUAL,
  ),
  UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Sexual harm prevention order breach: release rules unclear',
    (a) =>
      `${sentenceName(a)} is for breach of a sexual harm prevention order${a.offenceCode ? ` (${a.offenceCode})` : ''}. Whether SDS40 early release applies to it cannot be decided automatically.`,
    MANUAL,
  ),
  UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Out of custody when the progression model began',
    () =>
      'This person was out of custody (unlawfully at large or on early release) when the progression model began, so the service cannot work out which rules apply.',
    MANUAL,
  ),
  PROGRESSION_TRANCHE_ONE_ALLOCATION: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Progression model tranche 1',
    () => 'This booking falls into tranche 1 of the progression model, which is calculated manually for now.',
    MANUAL,
  ),
  PROGRESSION_MODEL_SCHEDULE_EXCLUSION: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'pre-booking',
    'Offence excluded from the progression model',
    (a) =>
      `${sentenceName(a)} is a standard sentence for an offence on the Sentencing Act 2026 progression model exclusion schedule.`,
    MANUAL,
  ),
  HDCED_REPEAL: entry(
    'MANUAL_ENTRY_JOURNEY_REQUIRED',
    'post-calculation',
    'Home detention curfew after the repeal',
    () =>
      'A home detention curfew eligibility date was worked out, but this person was last released on home detention curfew and has not been readmitted since.',
    MANUAL,
  ),

  // Manual date entry (checked by the service's manual entry journey, not by the engine)
  DATES_MISSING_REQUIRED_TYPE: entry(
    'VALIDATION',
    'not-emitted',
    'Manual entry: required date missing',
    () => 'A conditional release date and a sentence expiry date were entered without a licence expiry date.',
    'Enter the licence expiry date as well.',
  ),
  DATES_PAIRINGS_INVALID: entry(
    'VALIDATION',
    'not-emitted',
    'Manual entry: dates that cannot go together',
    () =>
      'Two of the dates entered cannot both apply to the same person, for example a conditional release date and an automatic release date.',
    'Remove one of the two dates.',
  ),
} as const satisfies Record<string, CatalogueEntry>

export type ValidationCode = keyof typeof VALIDATION_CATALOGUE
export const VALIDATION_CODES = Object.keys(VALIDATION_CATALOGUE) as ValidationCode[]

export function isValidationCode(code: string): code is ValidationCode {
  return Object.prototype.hasOwnProperty.call(VALIDATION_CATALOGUE, code)
}

/** The full text of a message: what is wrong, then what to do. */
export function renderMessage(code: ValidationCode, args: MessageArgs = {}): string {
  const e: CatalogueEntry = VALIDATION_CATALOGUE[code]
  return `${e.problem(args)} ${e.action}`
}

/** Builds a ValidationMessage. Everyone (pre- and post-calculation) uses this. */
export function validationMessage(code: ValidationCode, args: MessageArgs = {}): ValidationMessage {
  const e: CatalogueEntry = VALIDATION_CATALOGUE[code]
  const msg: ValidationMessage = { code, category: e.category, message: renderMessage(code, args) }
  if (args.sentence) msg.sentence = args.sentence
  if (args.path) msg.path = args.path
  return msg
}

/** The order a message belongs to (1 unsupported, 2 bad data, 3 warning); unknown codes by category. */
export function orderOf(message: ValidationMessage): ValidationOrder {
  return isValidationCode(message.code)
    ? VALIDATION_CATALOGUE[message.code].order
    : ORDER_OF_CATEGORY[message.category]
}

const STAGE_RANK: Record<ValidationStage, number> = {
  'pre-source': 0,
  'pre-booking': 1,
  'post-calculation': 2,
  'not-emitted': 3,
}

function stageRank(m: ValidationMessage): number {
  return isValidationCode(m.code)
    ? STAGE_RANK[VALIDATION_CATALOGUE[m.code].stage]
    : STAGE_RANK['post-calculation']
}

/**
 * Sorts messages as the reference reports them: by order (unsupported, bad data, warnings), then
 * within an order source-data checks, booking checks, post-calculation checks. Stable otherwise.
 */
export function sortMessages(messages: ReadonlyArray<ValidationMessage>): ValidationMessage[] {
  if (messages.length < 2) return [...messages] // nothing to reorder (most calculations)
  return messages
    .map((m, i) => ({ m, i }))
    .sort((x, y) => orderOf(x.m) - orderOf(y.m) || stageRank(x.m) - stageRank(y.m) || x.i - y.i)
    .map(({ m }) => m)
}

/**
 * The reference runs its validators order by order and stops at the first order that produces
 * messages. This returns just those messages (sorted), or [] when there are none.
 */
export function firstBlockingOrder(messages: ReadonlyArray<ValidationMessage>): ValidationMessage[] {
  const sorted = sortMessages(messages)
  const first = sorted[0]
  if (!first) return []
  const order = orderOf(first)
  return sorted.filter((m) => orderOf(m) === order)
}
