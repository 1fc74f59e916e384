/**
 * The reference booking format: the JSON shape used by the Ministry of Justice's calculation
 * test cases (see docs/reference-format.md). This is the engine's input contract; the service
 * imports and exports bookings in exactly this shape.
 *
 * Defaults follow the reference deserialiser: a sentence without `type` is a StandardSentence,
 * a missing EDS `automaticRelease` is false (discretionary release), a missing adjustment
 * `numberOfDays` is 0, a null early-release exclusion is NO. Unknown keys are ignored.
 */
import { z } from 'zod'

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in the form YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]
    if (m < 1 || m > 12 || d < 1) return false
    const dim = [
      31,
      (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28,
      31,
      30,
      31,
      30,
      31,
      31,
      30,
      31,
      30,
      31,
    ]
    return d <= dim[m - 1]!
  }, 'must be a real calendar date')

const count = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(100_000, 'is too large')

export const DURATION_UNITS = ['YEARS', 'MONTHS', 'WEEKS', 'DAYS'] as const
export const durationSchema = z.object({
  durationElements: z.partialRecord(z.enum(DURATION_UNITS), count),
})
export type DurationInput = z.infer<typeof durationSchema>

export const SDS_EARLY_RELEASE_EXCLUSIONS = [
  'NO',
  'SEXUAL',
  'VIOLENT',
  'DOMESTIC_ABUSE',
  'NATIONAL_SECURITY',
  'TERRORISM',
  'SEXUAL_T3',
  'DOMESTIC_ABUSE_T3',
  'MURDER_T3',
  'PROGRESSION_MODEL_SCHEDULE_13_PART_3',
  'SA2026_PROGRESSION_MODEL_SCHEDULE',
] as const
export type SdsEarlyReleaseExclusion = (typeof SDS_EARLY_RELEASE_EXCLUSIONS)[number]

export const RECALL_TYPES = [
  'STANDARD_RECALL',
  'STANDARD_RECALL_255',
  'FIXED_TERM_RECALL_14',
  'FIXED_TERM_RECALL_28',
  'FIXED_TERM_RECALL_56',
] as const
export type RecallType = (typeof RECALL_TYPES)[number]

export const HISTORICAL_TUSED_SOURCES = ['CRDS', 'CRDS_OVERRIDDEN', 'NOMIS', 'NOMIS_OVERRIDDEN'] as const

const offenceSchema = z.object({
  committedAt: isoDate.nullish(),
  offenceCode: z.string().max(40).nullish(),
})

const recallSchema = z.object({
  recallType: z.enum(RECALL_TYPES),
  revocationDate: isoDate.nullish(),
  returnToCustodyDate: isoDate.nullish(),
})

const commonSentenceFields = {
  offence: offenceSchema,
  sentencedAt: isoDate,
  identifier: z.string().min(1).max(100).optional(),
  consecutiveSentenceUUIDs: z
    .array(z.string())
    .max(1, 'a sentence can be consecutive to one sentence only')
    .default([]),
  caseSequence: z.number().int().nullish(),
  lineSequence: z.number().int().nullish(),
  caseReference: z.string().max(100).nullish(),
  externalSentenceId: z
    .object({ sentenceSequence: z.number().int().default(0), bookingId: z.number().int().default(0) })
    .nullish(),
  recall: recallSchema.nullish(),
}

export const releaseArrangementsSchema = z.object({
  isSDSPlus: z.boolean().default(false),
  isSDSPlusEligibleSentenceTypeLengthAndOffence: z.boolean().default(false),
  sdsEarlyReleaseExclusions: z
    .array(
      z
        .enum(SDS_EARLY_RELEASE_EXCLUSIONS)
        .nullable()
        .transform((v) => v ?? 'NO'),
    )
    .default([]),
  isSection250: z.boolean().default(false),
})

export const standardSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('StandardSentence'),
  duration: durationSchema,
  releaseArrangements: releaseArrangementsSchema,
})
export const extendedDeterminateSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('ExtendedDeterminateSentence'),
  custodialDuration: durationSchema,
  extensionDuration: durationSchema,
  automaticRelease: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
})
export const sopcSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('SopcSentence'),
  custodialDuration: durationSchema,
  extensionDuration: durationSchema,
  sdopcu18: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
})
export const fineSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('AFineSentence'),
  duration: durationSchema,
  fineAmount: z.number().min(0).nullish(),
})
export const dtoSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('DetentionAndTrainingOrderSentence'),
  duration: durationSchema,
})
export const botusSentenceSchema = z.object({
  ...commonSentenceFields,
  type: z.literal('BotusSentence'),
  duration: durationSchema,
  latestTusedDate: isoDate.nullish(),
  latestTusedSource: z.enum(HISTORICAL_TUSED_SOURCES).nullish(),
})

export const SENTENCE_TYPES = [
  'StandardSentence',
  'ExtendedDeterminateSentence',
  'SopcSentence',
  'AFineSentence',
  'DetentionAndTrainingOrderSentence',
  'BotusSentence',
] as const
export type SentenceTypeName = (typeof SENTENCE_TYPES)[number]

/** A sentence without `type` is a StandardSentence, as in the reference deserialiser. */
export const sentenceSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !('type' in value)
      ? { ...value, type: 'StandardSentence' }
      : value,
  z.discriminatedUnion('type', [
    standardSentenceSchema,
    extendedDeterminateSentenceSchema,
    sopcSentenceSchema,
    fineSentenceSchema,
    dtoSentenceSchema,
    botusSentenceSchema,
  ]),
)
export type SentenceInput = z.infer<typeof sentenceSchema>

export const ADJUSTMENT_TYPES = [
  'REMAND',
  'TAGGED_BAIL',
  'UNLAWFULLY_AT_LARGE',
  'ADDITIONAL_DAYS_AWARDED',
  'RESTORATION_OF_ADDITIONAL_DAYS_AWARDED',
  'RECALL_REMAND',
  'RECALL_TAGGED_BAIL',
] as const
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number]

export const UAL_REASONS = [
  'ESCAPE',
  'IMMIGRATION_DETENTION',
  'RECALL',
  'RELEASE_IN_ERROR',
  'SENTENCED_IN_ABSENCE',
  'OTHER',
] as const

export const adjustmentSchema = z.object({
  appliesToSentencesFrom: isoDate,
  numberOfDays: count.nullish().transform((v) => v ?? 0),
  fromDate: isoDate.nullish(),
  toDate: isoDate.nullish(),
  additionalInfo: z.object({ type: z.string().max(40), reason: z.string().max(60).nullish() }).nullish(),
})
export type AdjustmentInput = z.infer<typeof adjustmentSchema>

export const EXTERNAL_MOVEMENT_REASONS = [
  'HDC',
  'ERS',
  'PAROLE',
  'ECSL',
  'CRD',
  'DTO',
  'IMMIGRATION_BAIL',
  'RECALL_RELEASE',
  'SENTENCE',
  'REMAND',
  'RECALL_ADMISSION',
  'HDC_RECALL',
  'ERS_BREACH',
  'FAILED_ERS_REMOVAL',
] as const
export type ExternalMovementReason = (typeof EXTERNAL_MOVEMENT_REASONS)[number]

export const externalMovementSchema = z.object({
  movementDate: isoDate,
  movementReason: z.enum(EXTERNAL_MOVEMENT_REASONS),
  direction: z.enum(['IN', 'OUT']),
})

export const bookingSchema = z.object({
  offender: z.object({
    reference: z.string().max(100).default(''),
    dateOfBirth: isoDate,
    isActiveSexOffender: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
  }),
  sentences: z.array(sentenceSchema).max(500, 'has more than 500 sentences'),
  adjustments: z.partialRecord(z.enum(ADJUSTMENT_TYPES), z.array(adjustmentSchema).max(1000)).default({}),
  returnToCustodyDate: isoDate.nullish(),
  fixedTermRecallDetails: z
    .object({
      bookingId: z
        .number()
        .int()
        .nullish()
        .transform((v) => v ?? 0),
      returnToCustodyDate: isoDate.nullish(),
      recallLength: z
        .number()
        .int()
        .nullish()
        .transform((v) => v ?? 0),
    })
    .nullish(),
  historicalTusedData: z
    .object({ tused: isoDate.nullish(), historicalTusedSource: z.enum(HISTORICAL_TUSED_SOURCES).nullish() })
    .nullish(),
  externalMovements: z.array(externalMovementSchema).max(1000).default([]),
  bookingId: z.number().int().nullish(),
})
export type BookingInput = z.infer<typeof bookingSchema>
/** What a caller may pass before defaults are applied. */
export type BookingInputRaw = z.input<typeof bookingSchema>

export const userInputsSchema = z.object({
  calculateErsed: z.boolean().default(false),
  useOffenceIndicators: z.boolean().default(true),
  usePreviouslyRecordedSLEDIfFound: z.boolean().default(false),
})
export type UserInputs = z.infer<typeof userInputsSchema>

export interface InputProblem {
  /** JSON path of the offending value, e.g. `sentences[2].duration.durationElements.MONTHS`. */
  path: string
  message: string
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? '(root)' : out
}

export function problemsFromZod(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): InputProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }))
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] }

/** Plain-English wording for zod's generic messages (per parse, so no global configuration). */
export function plainMessages(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required'
    return `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue)
    return `must be one of the known sentence types`
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map(String).join(', ')}`
  return undefined
}

/** Parse an untrusted booking; every problem is listed with its JSON path. Never throws. */
export function parseBooking(raw: unknown): ParseResult<BookingInput> {
  const result = bookingSchema.safeParse(raw, { error: plainMessages })
  if (!result.success) return { ok: false, problems: problemsFromZod(result.error) }
  return { ok: true, value: result.data }
}
