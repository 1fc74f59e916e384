/**
 * Date-level sanity rules for a set of release dates, however they were produced: by the
 * engine, or typed in by hand. These are facts of the law that hold whatever the detail of the
 * rules, so a set of dates that breaks one cannot be right.
 *
 * Pure and cheap: no parsing beyond ISO date strings (which compare correctly as strings once
 * checked), no calendar arithmetic.
 */
import type { ReleaseDateType } from '../api.js'
import { isIsoDate, parseDate } from '../calendar/dates.js'

/** What the dates are checked against: the custody period they belong to. */
export interface RecordedDateFacts {
  /** The latest sentence date among the sentences served in the period (YYYY-MM-DD). */
  latestSentenceDate: string
  /** The earliest sentence date in the period; defaults to the latest. */
  earliestSentenceDate?: string
}

export type RecordedDateProblemCode =
  | 'DATE_NOT_A_DATE'
  | 'RELEASE_BEFORE_SENTENCE_DATE'
  | 'RELEASE_AFTER_EXPIRY'
  | 'HDCED_AFTER_RELEASE'
  | 'ERSED_AFTER_RELEASE'
  | 'PED_AFTER_RELEASE'
  | 'LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY'
  | 'TUSED_NOT_AFTER_RELEASE'
  | 'TRANSFER_DATES_OUT_OF_ORDER'

export interface RecordedDateProblem {
  code: RecordedDateProblemCode
  /** The date that cannot be right. */
  date: ReleaseDateType
  /** The date or fact it was compared with. */
  against: ReleaseDateType | 'latestSentenceDate' | 'earliestSentenceDate'
  /** Plain English, naming both dates. */
  message: string
}

type Dates = Partial<Record<ReleaseDateType, string>>

const NAME: Record<ReleaseDateType | 'latestSentenceDate' | 'earliestSentenceDate', string> = {
  SED: 'sentence expiry date (SED)',
  LED: 'licence expiry date (LED)',
  SLED: 'sentence and licence expiry date (SLED)',
  CRD: 'conditional release date (CRD)',
  ARD: 'automatic release date (ARD)',
  PED: 'parole eligibility date (PED)',
  NPD: 'non-parole date (NPD)',
  PRRD: 'post-recall release date (PRRD)',
  HDCED: 'home detention curfew eligibility date (HDCED)',
  TUSED: 'top-up supervision expiry date (TUSED)',
  ERSED: 'early removal scheme eligibility date (ERSED)',
  ETD: 'early transfer date (ETD)',
  MTD: 'mid transfer date (MTD)',
  LTD: 'late transfer date (LTD)',
  ESED: 'effective sentence end date (ESED)',
  latestSentenceDate: 'latest sentence date in the custody period',
  earliestSentenceDate: 'earliest sentence date in the custody period',
}

/**
 * The booking's release date is the latest release of every sentence in the period, and no
 * sentence releases before it is imposed, so these are never before the latest sentence date.
 */
const RELEASE_TYPES = ['CRD', 'ARD', 'PRRD', 'NPD'] as const
/**
 * Dates taken from one sentence of the period, which need not be the latest imposed (an HDCED
 * or ERSED of the longest sentence, an EDS PED floored at the earliest sentence date, a DTO's
 * transfer dates): never before the earliest sentence date.
 */
const EARLIEST_BOUND_TYPES = ['HDCED', 'PED', 'ERSED', 'ETD', 'MTD', 'LTD'] as const
/** Dates a release must not pass: once the sentence has expired there is nothing to release from. */
const BEFORE_EXPIRY_TYPES = [
  'CRD',
  'ARD',
  'PRRD',
  'HDCED',
  'PED',
  'NPD',
  'ERSED',
  'ETD',
  'MTD',
  'LTD',
] as const

type Against = RecordedDateProblem['against']

/** A broken rule, before its message is written (most calculations break none). */
export interface DateRuleBreach {
  code: Exclude<RecordedDateProblemCode, 'DATE_NOT_A_DATE'>
  date: ReleaseDateType
  against: Against
  relation: 'before' | 'after' | 'not after'
}

/**
 * The date-level rules over dates given as epoch days (`days[t]` is undefined for an absent
 * date). Shared by `checkRecordedDates` and the engine's own safety checks, which call it on
 * * every calculation, so it is kept to plain comparisons.
 */
export function dateRuleBreaches(
  days: Readonly<Partial<Record<ReleaseDateType, number>>>,
  latest: number | undefined,
  earliest: number | undefined,
): DateRuleBreach[] {
  // No closures here: this runs on every calculation.
  const out: DateRuleBreach[] = []
  if (latest !== undefined)
    for (const t of RELEASE_TYPES) {
      const d = days[t]
      if (d !== undefined && d < latest)
        out.push({
          code: 'RELEASE_BEFORE_SENTENCE_DATE',
          date: t,
          against: 'latestSentenceDate',
          relation: 'before',
        })
    }
  if (earliest !== undefined)
    for (const t of EARLIEST_BOUND_TYPES) {
      const d = days[t]
      if (d !== undefined && d < earliest)
        out.push({
          code: 'RELEASE_BEFORE_SENTENCE_DATE',
          date: t,
          against: 'earliestSentenceDate',
          relation: 'before',
        })
    }
  // The expiry that bounds a release: SLED, or SED where there is no SLED.
  const sled = days.SLED
  const sed = days.SED
  const expiryType: ReleaseDateType | undefined =
    sled !== undefined ? 'SLED' : sed !== undefined ? 'SED' : undefined
  const expiry = sled ?? sed
  if (expiryType && expiry !== undefined)
    for (const t of BEFORE_EXPIRY_TYPES) {
      const d = days[t]
      if (d !== undefined && d > expiry)
        out.push({ code: 'RELEASE_AFTER_EXPIRY', date: t, against: expiryType, relation: 'after' })
    }
  const crd = days.CRD
  const ard = days.ARD
  const releaseType: ReleaseDateType | undefined =
    crd !== undefined ? 'CRD' : ard !== undefined ? 'ARD' : undefined
  const release = crd ?? ard
  if (releaseType && release !== undefined) {
    // HDC is early release: an HDCED after the release date cannot be used.
    const hdced = days.HDCED
    if (hdced !== undefined && hdced > release)
      out.push({ code: 'HDCED_AFTER_RELEASE', date: 'HDCED', against: releaseType, relation: 'after' })
    const ersed = days.ERSED
    if (ersed !== undefined && ersed > release)
      out.push({ code: 'ERSED_AFTER_RELEASE', date: 'ERSED', against: releaseType, relation: 'after' })
    const ped = days.PED
    if (ped !== undefined && ped > release)
      out.push({ code: 'PED_AFTER_RELEASE', date: 'PED', against: releaseType, relation: 'after' })
    const tused = days.TUSED
    if (tused !== undefined && tused <= release)
      out.push({
        code: 'TUSED_NOT_AFTER_RELEASE',
        date: 'TUSED',
        against: releaseType,
        relation: 'not after',
      })
  }
  const led = days.LED
  if (led !== undefined && sed !== undefined && led > sed)
    out.push({ code: 'LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY', date: 'LED', against: 'SED', relation: 'after' })
  let previous: ReleaseDateType | undefined
  for (const t of ['ETD', 'MTD', 'LTD'] as const) {
    const d = days[t]
    if (d === undefined) continue
    if (previous && d < days[previous]!)
      out.push({ code: 'TRANSFER_DATES_OUT_OF_ORDER', date: t, against: previous, relation: 'before' })
    previous = t
  }
  return out
}

/** The plain-English message for a broken rule; `iso` gives a date or fact as YYYY-MM-DD. */
export function breachMessage(b: DateRuleBreach, iso: (k: ReleaseDateType | Against) => string): string {
  return `The ${NAME[b.date]} ${iso(b.date)} is ${b.relation} the ${NAME[b.against]} ${iso(b.against)}`
}

const epochOf = (s: string) => parseDate(s).toEpochDay()

/**
 * Every date-level rule the dates break, in a fixed order (an empty list means none). Dates
 * that are absent are not checked; a value that is not a real YYYY-MM-DD date is reported
 * and left out of the comparisons.
 */
export function checkRecordedDates(dates: Dates, facts: RecordedDateFacts): RecordedDateProblem[] {
  const problems: RecordedDateProblem[] = []
  const ok: Dates = {}
  for (const [k, v] of Object.entries(dates) as [ReleaseDateType, string | undefined][]) {
    if (v === undefined || v === null) continue
    if (!isIsoDate(v)) {
      problems.push({
        code: 'DATE_NOT_A_DATE',
        date: k,
        against: k,
        message: `The ${NAME[k]} must be a real date written YYYY-MM-DD, got ${JSON.stringify(v)}`,
      })
      continue
    }
    ok[k] = v
  }
  const latest = isIsoDate(facts.latestSentenceDate) ? facts.latestSentenceDate : undefined
  const earliest =
    facts.earliestSentenceDate !== undefined && isIsoDate(facts.earliestSentenceDate)
      ? facts.earliestSentenceDate
      : latest
  const iso = (k: ReleaseDateType | Against) =>
    k === 'latestSentenceDate'
      ? (latest ?? '')
      : k === 'earliestSentenceDate'
        ? (earliest ?? '')
        : (ok[k] ?? '')
  const days: Partial<Record<ReleaseDateType, number>> = {}
  for (const [k, v] of Object.entries(ok) as [ReleaseDateType, string][]) days[k] = epochOf(v)
  const breaches = dateRuleBreaches(
    days,
    latest === undefined ? undefined : epochOf(latest),
    earliest === undefined ? undefined : epochOf(earliest),
  )
  for (const b of breaches)
    problems.push({ code: b.code, date: b.date, against: b.against, message: breachMessage(b, iso) })
  return problems
}
