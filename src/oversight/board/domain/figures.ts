/**
 * The Justice Performance Board's figures for one month, worked out from plain records (register
 * entries, discharges, calculations, second checks, court queries and changes) so a hand-worked
 * month can be checked against them. The month is compared with each of the twelve before it.
 * Pure: the service reads the records and "now".
 */
import { YearMonth } from '@js-joda/core'
import { ROOT_CAUSES, type Direction, type RootCause } from '../../register/domain/taxonomy.js'
import type { DischargeCount } from './ports.js'

export interface BoardEntry {
  direction: Direction
  releasedOn: string
  prisonId: string
  days: number
  rootCauses: readonly RootCause[]
  detectedAt: string | null
  policeNotifiedAt: string | null
}

export interface BoardCalculation {
  personId: number
  prisonId: string
  /** When the dates were confirmed (ISO instant). */
  confirmedAt: string
  source: 'engine' | 'manual' | 'override'
}

/** A second check's outcome: the first difference it found, or its clean verification. */
export interface BoardCheck {
  prisonId: string
  at: string
  differencesFound: boolean
}

/** A person's first confirmed calculation, and when they were received (added to SafeRelease). */
export interface BoardFirstCalculation {
  prisonId: string
  receivedAt: string
  firstCalculatedAt: string
}

/** Indicators read now, not for a month. */
export interface LiveIndicators {
  releasesNext14Days: number
  releasesNext14DaysWithoutVerifiedCalculation: number
  courtQueriesPastSla: number
  courtChangesUnacknowledgedPastDeadline: number
}

export interface BoardRecords {
  /** YYYY-MM: the month of the pack. */
  month: string
  prisons: readonly { id: string; name: string }[]
  discharges: readonly DischargeCount[]
  entries: readonly BoardEntry[]
  calculations: readonly BoardCalculation[]
  checks: readonly BoardCheck[]
  firstCalculations: readonly BoardFirstCalculation[]
  live: LiveIndicators
}

export interface MonthFigures {
  month: string
  /** Null when no discharges are recorded for the month (no rate can be given). */
  discharges: number | null
  releasesInError: number
  lateReleases: number
  releasesInErrorPer10k: number | null
  lateReleasesPer10k: number | null
  daysOverHeld: number
  daysAtLargeOrEarly: number
  policeNotified: number
  medianMinutesToPolice: number | null
  /** Police told within two hours of the error being found (the target). */
  policeNotifiedWithinTwoHours: number
  calculations: number
  overriddenOrManual: number
  overriddenOrManualShare: number | null
  checks: number
  checksWithDifferences: number
  checkDifferenceRate: number | null
  firstCalculations: number
  medianDaysReceptionToFirstCalculation: number | null
}

export interface PrisonFigures {
  prisonId: string
  prisonName: string
  discharges: number | null
  releasesInError: number
  lateReleases: number
  releasesInErrorPer10k: number | null
  lateReleasesPer10k: number | null
  daysOverHeld: number
}

export interface CauseFigures {
  cause: RootCause
  label: string
  releasesInError: number
  lateReleases: number
}

export interface Comparison {
  metric: keyof MonthFigures
  label: string
  thisMonth: number | null
  /** The mean of the twelve months before, over the months that have a value. */
  previousTwelveMean: number | null
  previousTwelveMin: number | null
  previousTwelveMax: number | null
}

export interface BoardFigures {
  month: string
  /** The thirteen months ending with `month`, oldest first. */
  months: MonthFigures[]
  thisMonth: MonthFigures
  byPrison: PrisonFigures[]
  byCause: CauseFigures[]
  comparison: Comparison[]
  live: LiveIndicators
}

export const COMPARED: { metric: keyof MonthFigures; label: string }[] = [
  { metric: 'releasesInError', label: 'Releases in error' },
  { metric: 'releasesInErrorPer10k', label: 'Releases in error per 10,000 releases' },
  { metric: 'lateReleases', label: 'Late releases' },
  { metric: 'lateReleasesPer10k', label: 'Late releases per 10,000 releases' },
  { metric: 'daysOverHeld', label: 'Days over-held (late releases)' },
  { metric: 'medianMinutesToPolice', label: 'Median minutes from detection to police notification' },
  { metric: 'overriddenOrManualShare', label: 'Share of calculations overridden or entered by hand (%)' },
  { metric: 'checkDifferenceRate', label: 'Second checks finding a difference (%)' },
  {
    metric: 'medianDaysReceptionToFirstCalculation',
    label: 'Median days from reception to first calculation',
  },
]

/** The thirteen months ending with `month` (YYYY-MM), oldest first. */
export function thirteenMonths(month: string): string[] {
  const end = YearMonth.parse(month)
  return Array.from({ length: 13 }, (_, i) => end.minusMonths(12 - i).toString())
}

const round1 = (n: number) => Math.round(n * 10) / 10

export function per10k(count: number, discharges: number | null): number | null {
  return discharges === null || discharges === 0 ? null : round1((count / discharges) * 10_000)
}

export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part / whole) * 100)
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const ukMonth = (instant: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant)).slice(0, 7)
const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000)

function dischargesIn(records: BoardRecords, month: string, prisonId?: string): number | null {
  const rows = records.discharges.filter(
    (d) => d.month === month && (prisonId === undefined || d.prisonId === prisonId),
  )
  return rows.length === 0 ? null : rows.reduce((n, d) => n + d.discharges, 0)
}

function monthFigures(records: BoardRecords, month: string): MonthFigures {
  const entries = records.entries.filter((e) => e.releasedOn.slice(0, 7) === month)
  const early = entries.filter((e) => e.direction === 'EARLY')
  const late = entries.filter((e) => e.direction === 'LATE')
  const discharges = dischargesIn(records, month)
  const notified = early.filter((e) => e.detectedAt && e.policeNotifiedAt)
  const calcs = records.calculations.filter((c) => ukMonth(c.confirmedAt) === month)
  const byHand = calcs.filter((c) => c.source !== 'engine').length
  const checks = records.checks.filter((c) => ukMonth(c.at) === month)
  const withDiff = checks.filter((c) => c.differencesFound).length
  const firsts = records.firstCalculations.filter((f) => ukMonth(f.firstCalculatedAt) === month)
  const receptionDays = median(
    firsts.map((f) => (Date.parse(f.firstCalculatedAt) - Date.parse(f.receivedAt)) / 86_400_000),
  )
  return {
    month,
    discharges,
    releasesInError: early.length,
    lateReleases: late.length,
    releasesInErrorPer10k: per10k(early.length, discharges),
    lateReleasesPer10k: per10k(late.length, discharges),
    daysOverHeld: late.reduce((n, e) => n + e.days, 0),
    daysAtLargeOrEarly: early.reduce((n, e) => n + e.days, 0),
    policeNotified: notified.length,
    medianMinutesToPolice: median(notified.map((e) => minutesBetween(e.detectedAt!, e.policeNotifiedAt!))),
    policeNotifiedWithinTwoHours: notified.filter(
      (e) => minutesBetween(e.detectedAt!, e.policeNotifiedAt!) <= 120,
    ).length,
    calculations: calcs.length,
    overriddenOrManual: byHand,
    overriddenOrManualShare: percent(byHand, calcs.length),
    checks: checks.length,
    checksWithDifferences: withDiff,
    checkDifferenceRate: percent(withDiff, checks.length),
    firstCalculations: firsts.length,
    medianDaysReceptionToFirstCalculation: receptionDays === null ? null : round1(receptionDays),
  }
}

function stats(values: (number | null)[]) {
  const present = values.filter((v): v is number => v !== null)
  if (present.length === 0) return { mean: null, min: null, max: null }
  return {
    mean: round1(present.reduce((a, b) => a + b, 0) / present.length),
    min: Math.min(...present),
    max: Math.max(...present),
  }
}

export function boardFigures(records: BoardRecords): BoardFigures {
  const months = thirteenMonths(records.month).map((m) => monthFigures(records, m))
  const thisMonth = months[months.length - 1]!
  const previous = months.slice(0, -1)
  const inMonth = records.entries.filter((e) => e.releasedOn.slice(0, 7) === records.month)
  const byPrison = records.prisons.map((p) => {
    const mine = inMonth.filter((e) => e.prisonId === p.id)
    const early = mine.filter((e) => e.direction === 'EARLY').length
    const late = mine.filter((e) => e.direction === 'LATE')
    const discharges = dischargesIn(records, records.month, p.id)
    return {
      prisonId: p.id,
      prisonName: p.name,
      discharges,
      releasesInError: early,
      lateReleases: late.length,
      releasesInErrorPer10k: per10k(early, discharges),
      lateReleasesPer10k: per10k(late.length, discharges),
      daysOverHeld: late.reduce((n, e) => n + e.days, 0),
    }
  })
  // An entry counts once under each of its causes (several may apply), so causes sum to more
  // than the entries.
  const byCause = ROOT_CAUSES.map((c) => ({
    cause: c.code,
    label: c.label,
    releasesInError: inMonth.filter((e) => e.direction === 'EARLY' && e.rootCauses.includes(c.code)).length,
    lateReleases: inMonth.filter((e) => e.direction === 'LATE' && e.rootCauses.includes(c.code)).length,
  }))
  const comparison = COMPARED.map(({ metric, label }) => {
    const s = stats(previous.map((m) => m[metric] as number | null))
    return {
      metric,
      label,
      thisMonth: thisMonth[metric] as number | null,
      previousTwelveMean: s.mean,
      previousTwelveMin: s.min,
      previousTwelveMax: s.max,
    }
  })
  return { month: records.month, months, thisMonth, byPrison, byCause, comparison, live: records.live }
}
