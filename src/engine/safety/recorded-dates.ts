/**
 * Date-level sanity rules for a set of release dates, however they were produced: by the
 * engine, or typed in by hand. These are facts of the law that hold whatever the detail of the
 * rules, so a set of dates that breaks one cannot be right.
 *
 * Pure and cheap: no parsing beyond ISO date strings (which compare correctly as strings once
 * checked), no calendar arithmetic.
 */
import type { ReleaseDateType } from '../api.js'
import { isIsoDate } from '../calendar/dates.js'

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

function problem(
  code: RecordedDateProblemCode,
  date: ReleaseDateType,
  against: RecordedDateProblem['against'],
  dates: Dates,
  facts: Record<string, string | undefined>,
  relation: string,
): RecordedDateProblem {
  const value = (k: string) => dates[k as ReleaseDateType] ?? facts[k] ?? ''
  return {
    code,
    date,
    against,
    message: `The ${NAME[date]} ${value(date)} is ${relation} the ${NAME[against]} ${value(against)}`,
  }
}

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
  const f = { latestSentenceDate: latest, earliestSentenceDate: earliest }

  if (latest)
    for (const t of RELEASE_TYPES) {
      const d = ok[t]
      if (d && d < latest)
        problems.push(problem('RELEASE_BEFORE_SENTENCE_DATE', t, 'latestSentenceDate', ok, f, 'before'))
    }
  if (earliest)
    for (const t of EARLIEST_BOUND_TYPES) {
      const d = ok[t]
      if (d && d < earliest)
        problems.push(problem('RELEASE_BEFORE_SENTENCE_DATE', t, 'earliestSentenceDate', ok, f, 'before'))
    }
  // The expiry that bounds a release: SLED, or SED where there is no SLED.
  const expiryType: ReleaseDateType | undefined = ok.SLED ? 'SLED' : ok.SED ? 'SED' : undefined
  if (expiryType) {
    const expiry = ok[expiryType]!
    for (const t of BEFORE_EXPIRY_TYPES) {
      const d = ok[t]
      if (d && d > expiry) problems.push(problem('RELEASE_AFTER_EXPIRY', t, expiryType, ok, f, 'after'))
    }
  }
  const releaseType: ReleaseDateType | undefined = ok.CRD ? 'CRD' : ok.ARD ? 'ARD' : undefined
  if (releaseType) {
    const release = ok[releaseType]!
    // HDC is early release: an HDCED after the release date cannot be used.
    if (ok.HDCED && ok.HDCED > release)
      problems.push(problem('HDCED_AFTER_RELEASE', 'HDCED', releaseType, ok, f, 'after'))
    if (ok.ERSED && ok.ERSED > release)
      problems.push(problem('ERSED_AFTER_RELEASE', 'ERSED', releaseType, ok, f, 'after'))
    if (ok.PED && ok.PED > release)
      problems.push(problem('PED_AFTER_RELEASE', 'PED', releaseType, ok, f, 'after'))
    if (ok.TUSED && ok.TUSED <= release)
      problems.push(problem('TUSED_NOT_AFTER_RELEASE', 'TUSED', releaseType, ok, f, 'not after'))
  }
  if (ok.LED && ok.SED && ok.LED > ok.SED)
    problems.push(problem('LICENCE_EXPIRY_AFTER_SENTENCE_EXPIRY', 'LED', 'SED', ok, f, 'after'))
  const transfers = (['ETD', 'MTD', 'LTD'] as const).filter((t) => ok[t])
  for (let i = 1; i < transfers.length; i++) {
    const a = transfers[i - 1]!
    const b = transfers[i]!
    if (ok[b]! < ok[a]!) problems.push(problem('TRANSFER_DATES_OUT_OF_ORDER', b, a, ok, f, 'before'))
  }
  return problems
}
