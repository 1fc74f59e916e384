/**
 * One register entry: a release in error (early) or a late release, what it was, how it was found
 * and what followed. `entryInputSchema` reads one from a form, the API or a CSV row; the field
 * names are the ones every error message names. Pure: the caller gives "now" where it matters.
 */
import '@js-joda/timezone'
import {
  ChronoUnit,
  DateTimeParseException,
  Instant,
  LocalDate,
  LocalDateTime,
  ZoneId,
  ZonedDateTime,
} from '@js-joda/core'
import { z } from 'zod'
import { checkRecordDate, DATE_MESSAGES } from '../../../boundary/dates.js'
import {
  DIRECTIONS,
  HOW_FOUND_CODES,
  ROOT_CAUSE_CODES,
  type ActionKind,
  type Direction,
  type EntrySource,
  type HowFound,
  type RootCause,
} from './taxonomy.js'

const LONDON = ZoneId.of('Europe/London')

export const PRISON_NUMBER_PATTERN = /^[A-Z0-9]{4,12}$/

/** Longest an error can plausibly run (100 years), so a typing slip cannot skew the board. */
export const MAX_DAYS = 36_500

const date = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const check = checkRecordDate(value)
    if (check !== 'ok') ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[check] })
  })

/**
 * A moment: ISO 8601 with an offset or Z, or a UK local time `YYYY-MM-DDTHH:MM` (or with a space),
 * read as Europe/London. Undefined when it is none of these.
 */
export function parseMoment(value: string): string | undefined {
  const v = value.trim().replace(' ', 'T')
  try {
    const instant = /([zZ]|[+-]\d{2}:\d{2})$/.test(v)
      ? ZonedDateTime.parse(v).toInstant()
      : LocalDateTime.parse(/T\d{2}:\d{2}$/.test(v) ? `${v}:00` : v)
          .atZone(LONDON)
          .toInstant()
    const iso = isoInstant(instant)
    return checkRecordDate(iso.slice(0, 10)) === 'ok' ? iso : undefined
  } catch (e) {
    if (e instanceof DateTimeParseException) return undefined
    throw e
  }
}

/** The form every stored timestamp has (as `Date.prototype.toISOString`), so they compare as text. */
export const isoInstant = (instant: Instant): string => new Date(instant.toEpochMilli()).toISOString()

const moment = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const parsed = parseMoment(value)
    if (parsed === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a date and time such as 2025-11-04T14:30 (UK time) or 2025-11-04T14:30:00Z',
      })
      return z.NEVER
    }
    return parsed
  })

/** Empty strings (a blank form field or CSV cell) mean "not given". */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

export const entryInputSchema = z
  .object({
    reference: optional(
      z
        .string()
        .trim()
        .min(1)
        .max(60, 'must be 60 characters or fewer')
        .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be letters, digits and . _ / - only'),
    ),
    prisonNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(PRISON_NUMBER_PATTERN, 'must be a prison number such as A1234BC'),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be 200 characters or fewer'),
    prisonId: z.string().trim().toUpperCase().min(1, 'must not be empty').max(10),
    direction: z.enum(DIRECTIONS, { message: 'must be EARLY or LATE' }),
    releasedOn: date,
    correctReleaseDate: optional(date),
    days: optional(
      z.coerce
        .number({ message: 'must be a whole number of days' })
        .int('must be a whole number of days')
        .min(0, 'must be 0 or more')
        .max(MAX_DAYS, `must be ${MAX_DAYS} or fewer`),
    ),
    howFound: z.enum(HOW_FOUND_CODES, { message: `must be one of ${HOW_FOUND_CODES.join(', ')}` }),
    detectedAt: optional(moment),
    policeNotifiedAt: optional(moment),
    backInCustodyOn: optional(date),
    rootCauses: z
      .array(z.enum(ROOT_CAUSE_CODES, { message: `must each be one of ${ROOT_CAUSE_CODES.join(', ')}` }))
      .min(1, 'must name at least one root cause')
      .transform((list) => [...new Set(list)]),
    summary: z.string().trim().max(4000, 'must be 4,000 characters or fewer').default(''),
  })
  .superRefine((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    // Zod runs this even when a field failed above: check only what parsed.
    const released = realDate(e.releasedOn)
    if (!released) return
    const correct = realDate(e.correctReleaseDate)
    if (correct) {
      if (e.direction === 'EARLY' && !released.isBefore(correct))
        issue('correctReleaseDate', 'must be after the date released, for an early release')
      if (e.direction === 'LATE' && !correct.isBefore(released))
        issue('correctReleaseDate', 'must be before the date released, for a late release')
      const between = Math.abs(ChronoUnit.DAYS.between(released, correct))
      if (e.days !== undefined && e.days !== between)
        issue('days', `must be ${between}, the days between the date released and the correct release date`)
    } else if (e.days === undefined && e.correctReleaseDate === undefined)
      issue('days', 'enter the days in error, or the correct release date')
    const back = realDate(e.backInCustodyOn)
    if (back) {
      if (e.direction === 'LATE') issue('backInCustodyOn', 'applies only to an early release')
      else if (back.isBefore(released)) issue('backInCustodyOn', 'must be on or after the date released')
    }
    if (e.policeNotifiedAt !== undefined && e.direction === 'LATE')
      issue('policeNotifiedAt', 'applies only to an early release')
    if (e.detectedAt !== undefined && e.policeNotifiedAt !== undefined && e.policeNotifiedAt < e.detectedAt)
      issue('policeNotifiedAt', 'must be at or after the time the error was found')
    const releasedStart = released.atStartOfDay(LONDON).toInstant().toString()
    if (e.detectedAt !== undefined && e.direction === 'EARLY' && e.detectedAt < releasedStart)
      issue('detectedAt', 'must be on or after the date released')
  })
function realDate(value: unknown): LocalDate | undefined {
  return typeof value === 'string' && checkRecordDate(value) === 'ok' ? LocalDate.parse(value) : undefined
}

export type EntryInputRaw = z.input<typeof entryInputSchema>
export type EntryInput = z.output<typeof entryInputSchema>

/** The days in error: given, or between the date released and the correct date. */
export function daysInError(e: EntryInput): number {
  if (e.days !== undefined) return e.days
  return Math.abs(
    ChronoUnit.DAYS.between(LocalDate.parse(e.releasedOn), LocalDate.parse(e.correctReleaseDate!)),
  )
}

export interface RegisterAction {
  id: number
  kind: ActionKind
  text: string
  owner: string | null
  dueOn: string | null
  status: 'OPEN' | 'DONE'
  version: number
  createdAt: string
  createdBy: string
}

export interface RegisterEntry {
  id: string
  reference: string
  personId: number | null
  prisonNumber: string
  name: string
  prisonId: string
  direction: Direction
  releasedOn: string
  correctReleaseDate: string | null
  days: number
  howFound: HowFound
  detectedAt: string | null
  policeNotifiedAt: string | null
  backInCustodyOn: string | null
  rootCauses: RootCause[]
  summary: string
  source: EntrySource
  sourceReference: string | null
  version: number
  createdAt: string
  createdBy: string
  updatedAt: string
  actions: RegisterAction[]
}

export const actionInputSchema = z
  .object({
    kind: z.enum(['LESSON', 'ACTION'], { message: 'must be LESSON or ACTION' }),
    text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be 2,000 characters or fewer'),
    owner: optional(z.string().trim().min(1).max(200, 'must be 200 characters or fewer')),
    dueOn: optional(date),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'ACTION') return
    if (a.owner === undefined)
      ctx.addIssue({ code: 'custom', path: ['owner'], message: 'an action needs an owner' })
    if (a.dueOn === undefined)
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'an action needs a due date' })
  })
export type ActionInput = z.output<typeof actionInputSchema>

/** Minutes from finding the error to telling the police (early releases with both times). */
export function minutesToPoliceNotification(
  e: Pick<RegisterEntry, 'detectedAt' | 'policeNotifiedAt'>,
): number | undefined {
  if (!e.detectedAt || !e.policeNotifiedAt) return undefined
  return Math.round(
    (Instant.parse(e.policeNotifiedAt).toEpochMilli() - Instant.parse(e.detectedAt).toEpochMilli()) / 60_000,
  )
}

/** Field paths as people read them in an error: "policeNotifiedAt" → "police_notified_at" for CSV. */
export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}
