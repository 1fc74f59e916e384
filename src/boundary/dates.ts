/**
 * The one rule for a date that comes into SafeRelease — a date of birth, a sentence, offence,
 * recall or adjustment date, a release date typed in, a bank holiday, a token's expiry — on a page
 * or through the API: a real calendar date (js-joda, strict) in a sane year range. The engine's
 * own input schema checks only the form of a date (the engine calculates whatever it is given);
 * everything that stores or acts on a date applies this rule as well.
 */
import { DateTimeParseException, LocalDate } from '@js-joda/core'
import { z } from 'zod'
import { formatPath } from '../engine/input/reference-booking.js'

export const EARLIEST_YEAR = 1900
export const LATEST_YEAR = 2200

export type DateCheck = 'ok' | 'format' | 'not-real' | 'out-of-range'

export const DATE_MESSAGES: Record<Exclude<DateCheck, 'ok'>, string> = {
  format: 'must be a date in the form YYYY-MM-DD',
  'not-real': 'must be a real calendar date',
  'out-of-range': `must be between ${EARLIEST_YEAR}-01-01 and ${LATEST_YEAR}-12-31`,
}

/** What is wrong with `value` as a date, if anything. */
export function checkRecordDate(value: string): DateCheck {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'format'
  let date: LocalDate
  try {
    date = LocalDate.parse(value)
  } catch (e) {
    if (e instanceof DateTimeParseException) return 'not-real'
    throw e
  }
  return date.year() < EARLIEST_YEAR || date.year() > LATEST_YEAR ? 'out-of-range' : 'ok'
}

/** A date field at a boundary (API bodies, stored records). */
export const recordDate = z.string().superRefine((value, ctx) => {
  const check = checkRecordDate(value)
  if (check !== 'ok') ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[check] })
})

/**
 * Every date field of the reference booking format (the engine's input). A test checks this
 * list against the engine's schema, so a new date field cannot slip past the rule.
 */
export const BOOKING_DATE_FIELDS = [
  'appliesToSentencesFrom',
  'committedAt',
  'dateOfBirth',
  'fromDate',
  'latestTusedDate',
  'movementDate',
  'returnToCustodyDate',
  'revocationDate',
  'sentencedAt',
  'toDate',
  'tused',
] as const
const DATE_FIELDS: ReadonlySet<string> = new Set(BOOKING_DATE_FIELDS)

/**
 * Every date in a parsed booking (or a sentence or adjustment of one) that breaks the rule, by
 * path: `sentences[0].sentencedAt`, `offender.dateOfBirth`, …
 */
export function bookingDateProblems(
  value: unknown,
  path: (string | number)[] = [],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const walk = (v: unknown, at: (string | number)[]) => {
    if (at.length > 32 || problems.length >= 100) return
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]))
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (DATE_FIELDS.has(k) && typeof x === 'string') {
          const check = checkRecordDate(x)
          if (check !== 'ok') problems.push({ path: formatPath([...at, k]), message: DATE_MESSAGES[check] })
        } else walk(x, [...at, k])
      }
  }
  walk(value, path)
  return problems
}
