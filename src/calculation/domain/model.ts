/**
 * The calculation lifecycle for one person: its state, events and commands. One event stream
 * per person (prison number). Events are the record: the web layer stores them (with the audit
 * row, in one transaction) and folds them with `evolve` to get the state.
 */
import type { CalculationOutcome } from '../../engine/api.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import type { EngineInput, InputFingerprint } from './input-fingerprint.js'
import type { CalculationReason, OverrideReason } from './reasons.js'
import type { ReleaseDates } from './release-dates.js'

export type CalculationSource = 'engine' | 'manual' | 'override'
export type CheckStatus = 'unverified' | 'verified' | 'differences-found'

/** The person the command is about, as the web layer loaded them (prisonId: where they are now). */
export interface PersonRef {
  prisonNumber: string
  prisonId: string
}

export interface Preliminary {
  id: string
  reason: CalculationReason
  input: EngineInput
  fingerprint: InputFingerprint
  outcome: CalculationOutcome
  requestedBy: string
  requestedAt: string
  prisonId: string
  /** Confirmed or overridden: a preliminary is used once. */
  used: boolean
}

/** One difference found by the second check, shown side by side. */
export interface CheckDifference {
  /** Stable within the check, e.g. "input:sentence:case 2 line 1:sentence length" or "date:CRD". */
  id: string
  kind: 'input' | 'date' | 'record'
  /** "Court case 2, line 1", "Remand from 1 March 2024 to 4 April 2024", "Conditional release date (CRD)". */
  where: string
  /** "sentence length", "number of days", "date"; empty for a whole record. */
  field: string
  /** The first person's value, in plain English. */
  first: string
  /** The checker's value (or, for a flagged record, the checker's note). */
  second: string
}

export type Resolution =
  | { kind: 'corrected-and-recalculated'; newCalculationId: string }
  | { kind: 'first-was-right'; reason: string }

export interface ResolvedDifference extends CheckDifference {
  resolution?: Resolution & { by: string; at: string }
}

export interface CheckEntry {
  booking: BookingInput
  outcome: CalculationOutcome
  dates: ReleaseDates
  by: string
  at: string
}

export interface SecondCheck {
  status: CheckStatus
  mode?: 'entry' | 'records'
  entry?: CheckEntry
  /** Record id → who confirmed it against the documents, and when. */
  recordsConfirmed: Record<string, { by: string; at: string }>
  recordsFlagged: Record<string, { by: string; at: string; note: string }>
  differences: ResolvedDifference[]
  differencesFoundAt?: string
  verified?: { by: string; at: string; how: VerifiedHow }
}

export type VerifiedHow = 'entry-matched' | 'records-confirmed' | 'differences-resolved'

export interface Calculation {
  id: string
  prisonNumber: string
  source: CalculationSource
  reason: CalculationReason
  overrideReason?: OverrideReason
  /** Exactly what the engine was given. */
  input: EngineInput
  fingerprint: InputFingerprint
  /** Exactly what the engine said (for manual entry: that it could not calculate). */
  outcome: CalculationOutcome
  /** The dates that became the person's dates. */
  dates: ReleaseDates
  /** Everyone who took part in producing it (who may therefore not check it). */
  calculatedBy: string[]
  requestedAt: string
  confirmedBy: string
  confirmedAt: string
  prisonId: string
  check: SecondCheck
  /**
   * Something outside the booking says these dates may no longer be true (for example a court
   * change acknowledged at the prison). Cleared only by a newer confirmed calculation.
   */
  recalculationRequired: RecalculationMark[]
}

/** Why a person's current dates must be calculated again, and who said so. */
export interface RecalculationMark {
  by: string
  at: string
  /** Plain English, shown wherever the dates are shown. */
  reason: string
  /** What raised it (for example a court change), so the page can link to it. */
  source: { kind: RecalculationSourceKind; reference: string }
}

export const RECALCULATION_SOURCE_KINDS = [
  'court-change',
  'release-gate',
  'oversight-recheck',
  'staff',
] as const
export type RecalculationSourceKind = (typeof RECALCULATION_SOURCE_KINDS)[number]

export interface CalculationState {
  prisonNumber?: string
  /** Where the person was at the latest event. */
  prisonId?: string
  preliminaries: Record<string, Preliminary>
  calculations: Record<string, Calculation>
  /** Confirmed calculations, oldest first. */
  order: string[]
  /** The person's current dates come from this calculation. */
  currentCalculationId?: string
}

export const initialState = (): CalculationState => ({ preliminaries: {}, calculations: {}, order: [] })

interface EventBase {
  calculationId: string
  prisonId: string
  by: string
  at: string
}

export type CalculationEvent =
  | (EventBase & {
      type: 'PreliminaryCalculated'
      prisonNumber: string
      reason: CalculationReason
      input: EngineInput
      fingerprint: InputFingerprint
      outcome: CalculationOutcome
    })
  | (EventBase & { type: 'CalculationConfirmed'; dates: ReleaseDates })
  | (EventBase & {
      type: 'ManualDatesEntered'
      prisonNumber: string
      reason: CalculationReason
      input: EngineInput
      fingerprint: InputFingerprint
      outcome: CalculationOutcome
      dates: ReleaseDates
    })
  | (EventBase & { type: 'DatesOverridden'; overrideReason: OverrideReason; dates: ReleaseDates })
  | (EventBase & {
      type: 'CheckEntrySubmitted'
      booking: BookingInput
      outcome: CalculationOutcome
      dates: ReleaseDates
      differences: CheckDifference[]
    })
  | (EventBase & { type: 'RecordConfirmed'; recordId: string })
  | (EventBase & { type: 'RecordFlagged'; recordId: string; note: string; difference: CheckDifference })
  | (EventBase & { type: 'DifferenceResolved'; differenceId: string; resolution: Resolution })
  | (EventBase & { type: 'CalculationVerified'; how: VerifiedHow })
  | (EventBase & {
      type: 'RecalculationRequired'
      reason: string
      source: RecalculationMark['source']
    })

export type CalculationEventType = CalculationEvent['type']

interface CommandBase {
  person: PersonRef
}

export type CalculationCommand =
  | (CommandBase & {
      type: 'RequestCalculation'
      /** New id, made by the caller (e.g. a UUID). */
      calculationId: string
      reason: CalculationReason
      input: EngineInput
      /** What the engine said for `input`. */
      outcome: CalculationOutcome
    })
  | (CommandBase & {
      type: 'ConfirmCalculation'
      preliminaryId: string
      /** The inputs as they are now in storage (not as the preliminary saw them). */
      currentInput: EngineInput
      /** JSON API: the version (fingerprint) of the preliminary result the client saw, if sent. */
      version?: InputFingerprint
    })
  | (CommandBase & {
      type: 'EnterManualDates'
      calculationId: string
      reason: CalculationReason
      /** The inputs as they are now, and what the engine says for them now. */
      currentInput: EngineInput
      currentOutcome: CalculationOutcome
      dates: ReleaseDates
    })
  | (CommandBase & {
      type: 'OverrideDates'
      preliminaryId: string
      currentInput: EngineInput
      overrideReason: OverrideReason
      dates: ReleaseDates
      version?: InputFingerprint
    })
  | (CommandBase & {
      type: 'SubmitCheckEntry'
      calculationId: string
      /** The checker's own entry of sentences and adjustments, from the court documents. */
      booking: BookingInput
      /** What the engine said for the checker's entry (same profile and settings as the first). */
      outcome: CalculationOutcome
      /** Only when the engine cannot calculate the checker's entry either: the checker's own dates. */
      manualDates?: ReleaseDates
    })
  | (CommandBase & { type: 'ConfirmRecord'; calculationId: string; recordId: string })
  | (CommandBase & { type: 'FlagRecord'; calculationId: string; recordId: string; note: string })
  | (CommandBase & {
      /** Marks the current dates as needing a new calculation (calculator, checker or manager). */
      type: 'RequireRecalculation'
      reason: string
      source: RecalculationMark['source']
    })
  | (CommandBase & {
      type: 'ResolveDifference'
      calculationId: string
      differenceId: string
      resolution: Resolution
    })

export type CalculationCommandType = CalculationCommand['type']
