/**
 * Sanity rules for dates a person types in (manual entry, overrides): the same invariants the
 * engine's own answers must meet — release dates on or after the sentence date and no later than
 * the expiry, HDC/parole/early-removal eligibility no later than the release date, the licence
 * ending no later than the sentence, top-up supervision after release, transfers in order.
 *
 * The seam: `checkEnteredDates` has the signature of the engine's `checkRecordedDates`
 * (engine-safety branch). When that lands on main, `RULES` below is replaced by a call to it.
 */
import type { ReleaseDateType } from '../../engine/api.js'
import { RELEASE_DATE_NAMES } from '../../engine/api.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import { formatDate, parseIsoDate } from './format.js'

export interface EnteredDateFacts {
  /** YYYY-MM-DD: the latest sentence date in the custody period. */
  latestSentenceDate: string
  /** YYYY-MM-DD: the earliest; defaults to the latest. */
  earliestSentenceDate?: string
}

export interface EnteredDateProblem {
  code: string
  /** The date that cannot be right. */
  date: ReleaseDateType
  against: ReleaseDateType | 'latestSentenceDate' | 'earliestSentenceDate'
  /** Plain English naming both dates and their values. */
  message: string
}

/** The sentence dates the rules compare against, from the booking the dates are for. */
export function enteredDateFacts(booking: Pick<BookingInput, 'sentences'>): EnteredDateFacts | undefined {
  const dates = booking.sentences
    .map((s) => s.sentencedAt)
    .filter((d): d is string => typeof d === 'string' && parseIsoDate(d) !== undefined)
    .sort()
  if (dates.length === 0) return undefined
  return { earliestSentenceDate: dates[0]!, latestSentenceDate: dates[dates.length - 1]! }
}

const RELEASE_AFTER_LATEST: ReadonlyArray<ReleaseDateType> = ['CRD', 'ARD', 'PRRD', 'NPD']
const RELEASE_AFTER_EARLIEST: ReadonlyArray<ReleaseDateType> = ['HDCED', 'PED', 'ERSED', 'ETD', 'MTD', 'LTD']
const BEFORE_EXPIRY: ReadonlyArray<ReleaseDateType> = [
  'CRD',
  'ARD',
  'PRRD',
  'NPD',
  'HDCED',
  'PED',
  'ERSED',
  'ETD',
  'MTD',
  'LTD',
]
const ELIGIBILITY_BEFORE_RELEASE: ReadonlyArray<ReleaseDateType> = ['HDCED', 'ERSED', 'PED']

const named = (t: ReleaseDateType, iso: string) =>
  `the ${RELEASE_DATE_NAMES[t].toLowerCase()} (${t}), ${formatDate(iso)}`

/** Every problem with the entered dates; empty when they can all be right together. */
export function checkEnteredDates(
  dates: Partial<Record<ReleaseDateType, string>>,
  facts: EnteredDateFacts,
): EnteredDateProblem[] {
  const problems: EnteredDateProblem[] = []
  const get = (t: ReleaseDateType) => {
    const v = dates[t]
    return v !== undefined && parseIsoDate(v) !== undefined ? v : undefined
  }
  const earliest = facts.earliestSentenceDate ?? facts.latestSentenceDate
  const add = (p: EnteredDateProblem) => {
    if (!problems.some((q) => q.date === p.date)) problems.push(p)
  }
  for (const t of [...RELEASE_AFTER_LATEST, ...RELEASE_AFTER_EARLIEST]) {
    const v = get(t)
    const bound = RELEASE_AFTER_LATEST.includes(t) ? facts.latestSentenceDate : earliest
    if (v !== undefined && v < bound)
      add({
        code: 'RELEASE_BEFORE_SENTENCE_DATE',
        date: t,
        against: RELEASE_AFTER_LATEST.includes(t) ? 'latestSentenceDate' : 'earliestSentenceDate',
        message: `${cap(named(t, v))} is before the sentence date, ${formatDate(bound)}`,
      })
  }
  const expiryType: ReleaseDateType | undefined = get('SLED') ? 'SLED' : get('SED') ? 'SED' : undefined
  const expiry = expiryType ? get(expiryType) : undefined
  if (expiryType && expiry)
    for (const t of BEFORE_EXPIRY) {
      const v = get(t)
      if (v !== undefined && v > expiry)
        add({
          code: 'RELEASE_AFTER_EXPIRY',
          date: t,
          against: expiryType,
          message: `${cap(named(t, v))} is after ${named(expiryType, expiry)}`,
        })
    }
  const releaseType: ReleaseDateType | undefined = get('CRD') ? 'CRD' : get('ARD') ? 'ARD' : undefined
  const release = releaseType ? get(releaseType) : undefined
  if (releaseType && release) {
    for (const t of ELIGIBILITY_BEFORE_RELEASE) {
      const v = get(t)
      if (v !== undefined && v > release)
        add({
          code: `${t}_AFTER_RELEASE`,
          date: t,
          against: releaseType,
          message: `${cap(named(t, v))} is after ${named(releaseType, release)}: it must be on or before it`,
        })
    }
    const tused = get('TUSED')
    if (tused !== undefined && tused <= release)
      add({
        code: 'TUSED_NOT_AFTER_RELEASE',
        date: 'TUSED',
        against: releaseType,
        message: `${cap(named('TUSED', tused))} must be after ${named(releaseType, release)}`,
      })
  }
  const led = get('LED')
  const sed = get('SED')
  if (led !== undefined && sed !== undefined && led > sed)
    add({
      code: 'LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY',
      date: 'LED',
      against: 'SED',
      message: `${cap(named('LED', led))} is after ${named('SED', sed)}`,
    })
  const transfers = (['ETD', 'MTD', 'LTD'] as const).filter((t) => get(t) !== undefined)
  for (let i = 1; i < transfers.length; i++) {
    const a = transfers[i - 1]!
    const b = transfers[i]!
    if (get(a)! > get(b)!)
      add({
        code: 'TRANSFER_DATES_OUT_OF_ORDER',
        date: b,
        against: a,
        message: `${cap(named(b, get(b)!))} is before ${named(a, get(a)!)}`,
      })
  }
  return problems
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
