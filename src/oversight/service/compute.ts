/**
 * The engine part of a re-check, for one batch: parse each booking, run the engine (twice for a
 * law change: today's law and the changed law), compare, and add up releases per week. No
 * storage, so it runs the same inline or in a worker thread (engine-thread.ts).
 */
import type { BookingInputRaw } from '../../engine/input/reference-booking.js'
import { parseBooking } from '../../engine/input/reference-booking.js'
import { fastParseBooking } from '../../engine/input/fast-parse.js'
import type { CalculationOutcome, LegislationChange, LegislationProfileName } from '../../engine/api.js'
import { engineOutcome } from '../../calculation/service/engine-service.js'
import type { EngineInput } from '../../calculation/domain/index.js'
import {
  addRelease,
  compareLawChange,
  compareWithEngine,
  emptyWeekly,
  releaseDateOf,
  type Comparison,
  type Dates,
  type WeeklyReleases,
} from '../domain/index.js'

export type RunKind = 'RECHECK' | 'LAW_CHANGE'

export interface PersonWork {
  personId: number
  prisonId: string
  prisonNumber: string
  /** The person's confirmed dates; null when they have none. */
  recorded: Dates | null
  booking: BookingInputRaw
}

export interface RunParams {
  kind: RunKind
  today: string
  profile: LegislationProfileName
  bankHolidays: string[]
  lawChange?: LegislationChange
}

export interface PersonFinding {
  personId: number
  prisonId: string
  prisonNumber: string
  comparison: Exclude<Comparison, { outcome: 'SAME' }>
}

export interface BatchSummary {
  checked: number
  /** Re-check only: people with no confirmed dates to compare. */
  notCalculated: number
  weekly: WeeklyReleases
}

export interface BatchResult {
  findings: PersonFinding[]
  summary: BatchSummary
}

const unreadable = (problems: unknown): CalculationOutcome => ({
  status: 'error',
  code: 'INVALID_INPUT',
  message: `The stored booking cannot be read: ${JSON.stringify(problems).slice(0, 200)}`,
})

export function computeBatch(work: readonly PersonWork[], params: RunParams): BatchResult {
  const weekly = emptyWeekly()
  const findings: PersonFinding[] = []
  let checked = 0
  let notCalculated = 0
  for (const p of work) {
    if (params.kind === 'RECHECK' && p.recorded === null) {
      notCalculated++
      continue
    }
    checked++
    // The engine's fast reader for well-formed bookings (the same result as the schema), else the schema.
    const fast = fastParseBooking(p.booking)
    const parsed = fast ? ({ ok: true, value: fast } as const) : parseBooking(p.booking)
    const input: EngineInput | undefined = parsed.ok
      ? {
          booking: parsed.value,
          profile: params.profile,
          featureToggles: {},
          userInputs: {},
          bankHolidays: params.bankHolidays,
        }
      : undefined
    const now = input ? engineOutcome(input, params.today) : unreadable(parsed.ok ? [] : parsed.problems)
    let comparison: Comparison
    if (params.kind === 'RECHECK') {
      comparison = compareWithEngine(p.recorded ?? {}, now, params.today)
      addRelease(
        weekly,
        params.today,
        releaseDateOf(p.recorded ?? {}),
        now.status === 'calculated' ? releaseDateOf(now.result.dates) : null,
      )
    } else {
      const changed = input ? engineOutcome(input, params.today, params.lawChange) : now
      comparison = compareLawChange(now, changed, params.today)
      addRelease(
        weekly,
        params.today,
        now.status === 'calculated' ? releaseDateOf(now.result.dates) : null,
        changed.status === 'calculated' ? releaseDateOf(changed.result.dates) : null,
      )
    }
    if (comparison.outcome !== 'SAME')
      findings.push({ personId: p.personId, prisonId: p.prisonId, prisonNumber: p.prisonNumber, comparison })
  }
  return { findings, summary: { checked, notCalculated, weekly } }
}
