/**
 * The as-at recalculation for one register entry: the calculation that was in force on the day
 * of the release (from the person's calculation history, with the engine input exactly as it was
 * then), what the engine gives from that same input now, what it gives from the booking as since
 * corrected, and the date actually used — side by side, with what the differences point to (the
 * calculation, the data or the process). Pure: the service runs the engine and passes its answers.
 */
import { LocalDate } from '@js-joda/core'
import type { CalculationOutcome, ReleaseDateType } from '../../../engine/api.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../../engine/api.js'
import type { Calculation, CalculationState, ReleaseDates } from '../../../calculation/domain/index.js'
import type { RegisterEntry } from './entry.js'

/** The date a person leaves custody on, from a set of dates: the first of these that is present. */
export const RELEASE_DATE_PRIORITY: readonly ReleaseDateType[] = ['PRRD', 'CRD', 'ARD', 'NPD', 'SLED', 'SED']

export function releaseDateOf(dates: ReleaseDates): { type: ReleaseDateType; date: string } | undefined {
  for (const type of RELEASE_DATE_PRIORITY) {
    const date = dates[type]
    if (date) return { type, date }
  }
  return undefined
}

const ukDateOf = (instant: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant))

/** The confirmed calculation whose dates were the person's dates on `day` (UK date), if any. */
export function calculationInForceOn(state: CalculationState, day: string): Calculation | undefined {
  let found: Calculation | undefined
  for (const id of state.order) {
    const calc = state.calculations[id]
    if (calc && ukDateOf(calc.confirmedAt) <= day) found = calc
  }
  return found
}

export function engineDates(outcome: CalculationOutcome | undefined): ReleaseDates | undefined {
  return outcome?.status === 'calculated' ? outcome.result.dates : undefined
}

export type FindingKind = 'calculation' | 'data' | 'process' | 'reproduced'

export interface AsAtFinding {
  kind: FindingKind
  text: string
}

export interface AsAtRow {
  type: ReleaseDateType
  name: string
  /** The dates confirmed then (what the prison relied on). */
  recorded?: string
  /** The engine's dates then, as stored with the calculation. */
  engineThen?: string
  /** The engine, today, on the input exactly as it was then. */
  asAt?: string
  /** The engine, today, on the booking as corrected since. */
  corrected?: string
}

export interface AsAtComparison {
  calculation?: {
    id: string
    confirmedAt: string
    confirmedBy: string
    source: Calculation['source']
    checkStatus: Calculation['check']['status']
  }
  rows: AsAtRow[]
  releasedOn: string
  correctReleaseDate: string | null
  /** The release date the calculation in force gave, and the one the corrected booking gives. */
  releaseDateThen?: { type: ReleaseDateType; date: string }
  releaseDateCorrected?: { type: ReleaseDateType; date: string }
  /** The engine's own words when it could not calculate the corrected booking. */
  correctedProblem?: string
  findings: AsAtFinding[]
}

const sameOn = (a: ReleaseDates | undefined, b: ReleaseDates | undefined) =>
  a !== undefined && b !== undefined && RELEASE_DATE_TYPES.every((t) => (a[t] ?? '') === (b[t] ?? ''))

function problemOf(outcome: CalculationOutcome | undefined): string | undefined {
  if (!outcome) return 'The booking could not be read'
  switch (outcome.status) {
    case 'calculated':
      return undefined
    case 'rejected':
      return outcome.messages.map((m) => m.message).join(' ')
    case 'error':
      return outcome.message
    case 'invalid-input':
      return outcome.problems.map((p) => `${p.path} ${p.message}`).join('; ')
  }
}

const dayCount = (from: string, to: string) =>
  Math.abs(LocalDate.parse(to).toEpochDay() - LocalDate.parse(from).toEpochDay())

/**
 * Side by side: recorded then, engine then, engine now on the input then, engine now on the
 * corrected booking, and the date released. Findings say which of calculation, data and process
 * the differences point to; the reviewer decides.
 */
export function compareAsAt(input: {
  entry: Pick<RegisterEntry, 'releasedOn' | 'correctReleaseDate' | 'direction'>
  calculation: Calculation | undefined
  asAtOutcome: CalculationOutcome | undefined
  correctedOutcome: CalculationOutcome | undefined
}): AsAtComparison {
  const { entry, calculation } = input
  const findings: AsAtFinding[] = []
  const recorded = calculation?.dates
  const engineThen = engineDates(calculation?.outcome)
  const asAt = engineDates(input.asAtOutcome)
  const corrected = engineDates(input.correctedOutcome)
  const rows: AsAtRow[] = RELEASE_DATE_TYPES.filter(
    (t) => recorded?.[t] || engineThen?.[t] || asAt?.[t] || corrected?.[t],
  ).map((type) => ({
    type,
    name: RELEASE_DATE_NAMES[type],
    ...(recorded?.[type] ? { recorded: recorded[type] } : {}),
    ...(engineThen?.[type] ? { engineThen: engineThen[type] } : {}),
    ...(asAt?.[type] ? { asAt: asAt[type] } : {}),
    ...(corrected?.[type] ? { corrected: corrected[type] } : {}),
  }))
  const releaseDateThen = recorded ? releaseDateOf(recorded) : undefined
  const releaseDateCorrected = corrected ? releaseDateOf(corrected) : undefined
  const correctedProblem = problemOf(input.correctedOutcome)

  if (!calculation) {
    findings.push({
      kind: 'process',
      text: `No confirmed calculation was in force on ${entry.releasedOn}: the person was released without SafeRelease dates.`,
    })
  } else {
    if (engineThen && asAt) {
      if (sameOn(engineThen, asAt))
        findings.push({
          kind: 'reproduced',
          text: 'The engine gives the same dates today from the booking as it was then: the historic calculation is reproduced.',
        })
      else
        findings.push({
          kind: 'calculation',
          text: 'The engine gives different dates today from the same booking as then: the calculation itself (the engine or the law it applied) changed.',
        })
    } else if (!asAt)
      findings.push({
        kind: 'calculation',
        text: `The engine cannot calculate the booking as it was then: ${problemOf(input.asAtOutcome) ?? 'no dates'}`,
      })
    if (calculation.source !== 'engine')
      findings.push({
        kind: 'process',
        text:
          calculation.source === 'override'
            ? "The dates in force were an override of the engine's dates."
            : 'The dates in force were entered by hand (the engine could not calculate the case).',
      })
    if (calculation.check.status !== 'verified')
      findings.push({
        kind: 'process',
        text: 'The calculation in force had not been verified by a second check.',
      })
    if (corrected && asAt && !sameOn(asAt, corrected))
      findings.push({
        kind: 'data',
        text: 'The booking has been corrected since: the engine gives different dates from the corrected booking, so the information held at the release was wrong.',
      })
    if (releaseDateThen && releaseDateThen.date !== entry.releasedOn)
      findings.push({
        kind: 'process',
        text: `Released on ${entry.releasedOn}, ${dayCount(releaseDateThen.date, entry.releasedOn)} days ${
          entry.releasedOn < releaseDateThen.date ? 'before' : 'after'
        } the ${releaseDateThen.type} in force (${releaseDateThen.date}).`,
      })
  }
  if (correctedProblem && input.correctedOutcome)
    findings.push({
      kind: 'data',
      text: `The engine cannot calculate the corrected booking: ${correctedProblem}`,
    })
  return {
    ...(calculation
      ? {
          calculation: {
            id: calculation.id,
            confirmedAt: calculation.confirmedAt,
            confirmedBy: calculation.confirmedBy,
            source: calculation.source,
            checkStatus: calculation.check.status,
          },
        }
      : {}),
    rows,
    releasedOn: entry.releasedOn,
    correctReleaseDate: entry.correctReleaseDate,
    ...(releaseDateThen ? { releaseDateThen } : {}),
    ...(releaseDateCorrected ? { releaseDateCorrected } : {}),
    ...(correctedProblem ? { correctedProblem } : {}),
    findings,
  }
}
