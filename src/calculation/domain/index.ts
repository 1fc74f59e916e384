/** The calculation workflow's public API, for the web pages and the JSON API. */
export type { Actor, Role } from './actor.js'
export { ROLES, ROLE_NAMES, canAccessPrison, hasRole } from './actor.js'
export type { Decision } from './decider.js'
export { decide, evolve, replay, replayFrom } from './decider.js'
export type {
  Calculation,
  CalculationCommand,
  CalculationEvent,
  CalculationSource,
  CalculationState,
  CheckDifference,
  CheckStatus,
  PersonRef,
  RecalculationMark,
  RecalculationSourceKind,
  Preliminary,
  Resolution,
} from './model.js'
export { RECALCULATION_SOURCE_KINDS, initialState } from './model.js'
export type { EngineInput, InputFingerprint } from './input-fingerprint.js'
export { describeEngineInputChanges, describeInputChanges, fingerprintInput } from './input-fingerprint.js'
export type { CalculationReason, OverrideReason } from './reasons.js'
export {
  CALCULATION_REASONS,
  OVERRIDE_REASONS,
  calculationReasonLabel,
  calculationReasonSchema,
  overrideReasonLabel,
  overrideReasonSchema,
} from './reasons.js'
export type { Refusal, RefusalCode } from './refusals.js'
export { REFUSAL_CODES } from './refusals.js'
export { inputsReliedOn, staleInputRefusal } from './stale-input.js'
export type { ReleaseDates } from './release-dates.js'
export { INCOMPATIBLE_DATES, releaseDatesSchema, validateEnteredDates } from './release-dates.js'
export type { CheckRecord, CheckSide, CheckerView, ManagerView, WaitingCheck } from './second-check.js'
export {
  checkComparisonView,
  checkerEngineInput,
  checkerView,
  compareCheck,
  managerView,
  recordsOf,
  recordsToCheck,
  resolutionSchema,
} from './second-check.js'
export type { CurrentCalculation, RecalculationRequired } from './current-calculation.js'
export { currentCalculation } from './current-calculation.js'
export type { CalculationView, HistoryEntry } from './history.js'
export { calculationView, historyEntries, historyEntry } from './history.js'
export type { SlipRequest, SlipVariant, SlipView } from './slip.js'
export { SLIP_VARIANTS, slipView } from './slip.js'
export type { CheckInformationView, FixTarget, NextStep, PreliminaryView } from './journey-views.js'
export { checkInformationView, preliminaryView } from './journey-views.js'
