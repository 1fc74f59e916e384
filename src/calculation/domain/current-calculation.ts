/**
 * A person's current release dates as every other part of SafeRelease reads them (the release
 * gate, the courts, oversight, the person page): the confirmed calculation the dates come from,
 * whether a second person has verified it, and whether the dates are still true.
 *
 * Dates stop being true in two ways: the engine's input changed since they were confirmed (a
 * sentence, an adjustment, a person detail the engine reads, the legislation profile or the bank
 * holidays), or someone recorded a reason outside the booking (a `RecalculationRequired` mark,
 * for example a court change acknowledged at the prison). Either way they stay the person's
 * recorded dates, flagged, until a newer calculation is confirmed.
 */
import { describeEngineInputChanges, fingerprintInput, type EngineInput } from './input-fingerprint.js'
import type {
  CalculationSource,
  CalculationState,
  CheckStatus,
  RecalculationMark,
  VerifiedHow,
} from './model.js'
import type { CalculationReason, OverrideReason } from './reasons.js'
import type { ReleaseDates } from './release-dates.js'

export interface CurrentCalculation {
  calculationId: string
  prisonNumber: string
  reason: CalculationReason
  source: CalculationSource
  overrideReason?: OverrideReason
  dates: ReleaseDates
  confirmedBy: string
  confirmedAt: string
  /** Where it was confirmed (the person may have moved since). */
  prisonId: string
  checkStatus: CheckStatus
  verified?: { by: string; at: string; how: VerifiedHow }
  /** Null while the dates are still true. */
  recalculationRequired: RecalculationRequired | null
}

export interface RecalculationRequired {
  /** Every reason, plain English, marks first. */
  reasons: string[]
  marks: RecalculationMark[]
  /** What changed in the engine's input since the dates were confirmed. */
  inputChanges: string[]
}

/**
 * `currentInput` is the engine input as stored now; `undefined` when the stored booking can no
 * longer be read (which itself means the dates cannot be trusted).
 */
export function currentCalculation(
  state: CalculationState,
  currentInput: EngineInput | undefined,
): CurrentCalculation | null {
  const id = state.currentCalculationId
  const calc = id === undefined ? undefined : state.calculations[id]
  if (calc === undefined) return null
  const inputChanged = currentInput === undefined || fingerprintInput(currentInput) !== calc.fingerprint
  const described =
    currentInput === undefined
      ? ['The recorded sentences and adjustments can no longer be read: correct them']
      : inputChanged
        ? describeEngineInputChanges(calc.input, currentInput)
        : []
  // A fingerprint can differ with no describable change (a setting the list does not name): still stale.
  const inputChanges =
    inputChanged && described.length === 0
      ? ['The information the dates were calculated from has changed']
      : described
  const marks = calc.recalculationRequired
  const stale = inputChanged || marks.length > 0
  return {
    calculationId: calc.id,
    prisonNumber: calc.prisonNumber,
    reason: calc.reason,
    source: calc.source,
    ...(calc.overrideReason ? { overrideReason: calc.overrideReason } : {}),
    dates: calc.dates,
    confirmedBy: calc.confirmedBy,
    confirmedAt: calc.confirmedAt,
    prisonId: calc.prisonId,
    checkStatus: calc.check.status,
    ...(calc.check.verified ? { verified: calc.check.verified } : {}),
    recalculationRequired: stale
      ? { reasons: [...marks.map((m) => m.reason), ...inputChanges], marks, inputChanges }
      : null,
  }
}
