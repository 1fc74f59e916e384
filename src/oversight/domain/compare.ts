/**
 * A person's recorded (confirmed) dates against the engine's answer today, on the same booking:
 * which dates differ, what that could mean (impact) and how soon it matters (priority). Impact
 * follows the reference service's bulk comparison: the recorded release date earlier than the
 * engine's is a potential release in error, later a potential unlawful detention, anything else
 * (another date, or no release date to compare) is "other". Pure: no I/O, no clock.
 */
import { ChronoUnit, LocalDate } from '@js-joda/core'
import type { CalculationOutcome, ReleaseDateType } from '../../engine/api.js'
import { RELEASE_DATE_TYPES } from '../../engine/api.js'

export type Dates = Partial<Record<ReleaseDateType, string>>

export const IMPACTS = [
  'POTENTIAL_RELEASE_IN_ERROR',
  'POTENTIAL_UNLAWFUL_DETENTION',
  'OTHER',
  'MOVES_EARLIER',
  'MOVES_LATER',
] as const
export type Impact = (typeof IMPACTS)[number]

export const IMPACT_LABELS: Record<Impact, string> = {
  POTENTIAL_RELEASE_IN_ERROR: 'Potential release in error',
  POTENTIAL_UNLAWFUL_DETENTION: 'Potential unlawful detention',
  OTHER: 'Other difference',
  MOVES_EARLIER: 'Release moves earlier',
  MOVES_LATER: 'Release moves later',
}

/** Release within this many days of today (or already past) comes first. */
export const URGENT_WITHIN_DAYS = 28
export type Priority = 'URGENT' | 'STANDARD'

/**
 * The date a person leaves custody on, in the order a case administrator reads it: the
 * conditional or automatic release date, the post-recall release date, the non-parole date,
 * then the detention and training order's mid-term date.
 */
export const RELEASE_DATE_PRECEDENCE: readonly ReleaseDateType[] = ['CRD', 'ARD', 'PRRD', 'NPD', 'MTD']

export function releaseDateOf(dates: Dates): string | undefined {
  for (const type of RELEASE_DATE_PRECEDENCE) if (dates[type]) return dates[type]
  return undefined
}

export interface DateDifference {
  type: ReleaseDateType
  recorded: string | null
  engine: string | null
}

export type Comparison =
  | { outcome: 'SAME' }
  | {
      outcome: 'DIFFERENCE' | 'REFUSED'
      impact: Impact
      priority: Priority
      recordedRelease: string | null
      engineRelease: string | null
      /** Engine's release minus the recorded one, in days; null unless both exist. */
      daysDifference: number | null
      differences: DateDifference[]
      /** The engine's codes when it now refuses the booking. */
      refusalCodes: string[]
    }

export function dateDifferences(a: Dates, b: Dates): DateDifference[] {
  const out: DateDifference[] = []
  for (const type of RELEASE_DATE_TYPES) {
    const x = a[type] ?? null
    const y = b[type] ?? null
    if (x !== y) out.push({ type, recorded: x, engine: y })
  }
  return out
}

export function daysBetween(from: string, to: string): number {
  return LocalDate.parse(from).until(LocalDate.parse(to), ChronoUnit.DAYS)
}

/** URGENT when either release date is within 28 days of today, or already past. */
export function priorityFor(today: string, ...releases: (string | null | undefined)[]): Priority {
  const limit = LocalDate.parse(today).plusDays(URGENT_WITHIN_DAYS).toString()
  return releases.some((r) => r && r <= limit) ? 'URGENT' : 'STANDARD'
}

function refusalCodes(outcome: CalculationOutcome): string[] {
  switch (outcome.status) {
    case 'calculated':
      return []
    case 'rejected':
      return [...new Set(outcome.messages.filter((m) => m.category !== 'WARNING').map((m) => m.code))]
    case 'invalid-input':
      return ['INVALID_INPUT']
    case 'error':
      return [outcome.code]
  }
}

/** Compares the recorded dates with what the engine says now. */
export function compareWithEngine(recorded: Dates, outcome: CalculationOutcome, today: string): Comparison {
  const recordedRelease = releaseDateOf(recorded) ?? null
  if (outcome.status !== 'calculated') {
    return {
      outcome: 'REFUSED',
      impact: 'OTHER',
      priority: priorityFor(today, recordedRelease),
      recordedRelease,
      engineRelease: null,
      daysDifference: null,
      differences: [],
      refusalCodes: refusalCodes(outcome),
    }
  }
  const engine = outcome.result.dates
  const differences = dateDifferences(recorded, engine)
  if (differences.length === 0) return { outcome: 'SAME' }
  const engineRelease = releaseDateOf(engine) ?? null
  const daysDifference = recordedRelease && engineRelease ? daysBetween(recordedRelease, engineRelease) : null
  const impact: Impact =
    daysDifference === null || daysDifference === 0
      ? 'OTHER'
      : daysDifference > 0
        ? 'POTENTIAL_RELEASE_IN_ERROR'
        : 'POTENTIAL_UNLAWFUL_DETENTION'
  return {
    outcome: 'DIFFERENCE',
    impact,
    priority: priorityFor(today, recordedRelease, engineRelease),
    recordedRelease,
    engineRelease,
    daysDifference,
    differences,
    refusalCodes: [],
  }
}

/**
 * A law-change run: the engine under today's law (`before`) against the changed law (`after`).
 * Only a change in some date is a finding; which way the release moves is the impact.
 */
export function compareLawChange(
  before: CalculationOutcome,
  after: CalculationOutcome,
  today: string,
): Comparison {
  if (before.status !== 'calculated') return { outcome: 'SAME' }
  const beforeRelease = releaseDateOf(before.result.dates) ?? null
  if (after.status !== 'calculated')
    return {
      outcome: 'REFUSED',
      impact: 'OTHER',
      priority: priorityFor(today, beforeRelease),
      recordedRelease: beforeRelease,
      engineRelease: null,
      daysDifference: null,
      differences: [],
      refusalCodes: refusalCodes(after),
    }
  const differences = dateDifferences(before.result.dates, after.result.dates)
  if (differences.length === 0) return { outcome: 'SAME' }
  const afterRelease = releaseDateOf(after.result.dates) ?? null
  const daysDifference = beforeRelease && afterRelease ? daysBetween(beforeRelease, afterRelease) : null
  return {
    outcome: 'DIFFERENCE',
    impact: !daysDifference ? 'OTHER' : daysDifference < 0 ? 'MOVES_EARLIER' : 'MOVES_LATER',
    priority: priorityFor(today, beforeRelease, afterRelease),
    recordedRelease: beforeRelease,
    engineRelease: afterRelease,
    daysDifference,
    differences,
    refusalCodes: [],
  }
}

/** Triage order: urgent first, then the soonest release, then prison number. */
export function triageOrder(
  a: { priority: string; recordedRelease: string | null; engineRelease: string | null; prisonNumber: string },
  b: { priority: string; recordedRelease: string | null; engineRelease: string | null; prisonNumber: string },
): number {
  if (a.priority !== b.priority) return a.priority === 'URGENT' ? -1 : 1
  const soonest = (x: typeof a) =>
    [x.recordedRelease, x.engineRelease].filter((d): d is string => !!d).sort()[0] ?? '9999-12-31'
  const d = soonest(a).localeCompare(soonest(b))
  return d !== 0 ? d : a.prisonNumber.localeCompare(b.prisonNumber)
}
