/**
 * The calculation lifecycle as a decider: `decide(command, state, now, actor)` returns the events
 * to record, or a coded refusal; `evolve(state, event)` folds one event into the state.
 *
 * Pure: no I/O and no clock. The web layer loads the person's events, folds them, runs the
 * engine where a command needs an outcome, calls `decide`, and stores the events (with the audit
 * row) in one transaction. Roles and caseload are checked here as well as in the web layer.
 */
import { Instant } from '@js-joda/core'
import type { Actor } from './actor.js'
import { hasRole } from './actor.js'
import type { Decision } from './guards.js'
import { accept, guard, reject } from './guards.js'
import type { EngineInput } from './input-fingerprint.js'
import { describeEngineInputChanges, fingerprintInput } from './input-fingerprint.js'
import type {
  Calculation,
  CalculationCommand,
  CalculationEvent,
  CalculationState,
  Preliminary,
  SecondCheck,
} from './model.js'
import { initialState } from './model.js'
import { calculationReasonSchema, overrideReasonSchema } from './reasons.js'
import type { Refusal } from './refusals.js'
import { refuse } from './refusals.js'
import {
  blockingMessages,
  confirmableDates,
  isUnsupported,
  sameDates,
  validateEnteredDates,
} from './release-dates.js'
import { decideSecondCheck } from './second-check.js'

export type { Decision } from './guards.js'

function unusedId(state: CalculationState, id: string): Refusal | undefined {
  if (id.trim() === '' || id in state.preliminaries || id in state.calculations)
    return refuse(
      'DUPLICATE_ID',
      'This calculation reference is already in use. Start the calculation again.',
    )
  return undefined
}

function invalidReason(reason: unknown): Refusal | undefined {
  const parsed = calculationReasonSchema.safeParse(reason)
  if (parsed.success) return undefined
  return refuse('INVALID_REASON', parsed.error.issues[0]?.message ?? 'Select the reason for this calculation')
}

/** The preliminary may still be used: exists, unused, nothing newer confirmed, inputs unchanged. */
function usablePreliminary(
  state: CalculationState,
  preliminaryId: string,
  currentInput: EngineInput,
  version: string | undefined,
): { preliminary: Preliminary } | { refusal: Refusal } {
  const preliminary = state.preliminaries[preliminaryId]
  if (preliminary === undefined)
    return {
      refusal: refuse(
        'PRELIMINARY_NOT_FOUND',
        'There is no calculation with this reference. Calculate again.',
      ),
    }
  if (preliminary.used)
    return { refusal: refuse('ALREADY_CONFIRMED', 'These dates have already been confirmed or overridden') }
  const current = state.currentCalculationId ? state.calculations[state.currentCalculationId] : undefined
  if (current && Instant.parse(current.confirmedAt).isAfter(Instant.parse(preliminary.requestedAt)))
    return {
      refusal: refuse(
        'SUPERSEDED',
        'A newer calculation was confirmed after these dates were calculated. Check the information and calculate again.',
      ),
    }
  if (version !== undefined && version !== preliminary.fingerprint)
    return {
      refusal: refuse(
        'INPUTS_CHANGED',
        'The version you sent is not the version of this result. Fetch the result again, check it and confirm that version.',
        [],
      ),
    }
  if (fingerprintInput(currentInput) !== preliminary.fingerprint)
    return {
      refusal: refuse(
        'INPUTS_CHANGED',
        'The information changed after these dates were calculated. Check the information and calculate again.',
        describeEngineInputChanges(preliminary.input, currentInput),
      ),
    }
  return { preliminary }
}

export function decide(
  command: CalculationCommand,
  state: CalculationState,
  now: Instant,
  actor: Actor,
): Decision {
  const at = now.toString()
  switch (command.type) {
    case 'RequestCalculation': {
      const refused =
        guard(actor, 'calculator', state, command.person) ??
        invalidReason(command.reason) ??
        unusedId(state, command.calculationId)
      if (refused) return reject(refused)
      return accept({
        type: 'PreliminaryCalculated',
        calculationId: command.calculationId,
        prisonNumber: command.person.prisonNumber,
        prisonId: command.person.prisonId,
        reason: calculationReasonSchema.parse(command.reason),
        input: command.input,
        fingerprint: fingerprintInput(command.input),
        outcome: command.outcome,
        by: actor.id,
        at,
      })
    }

    case 'ConfirmCalculation': {
      const denied = guard(actor, 'calculator', state, command.person)
      if (denied) return reject(denied)
      const usable = usablePreliminary(state, command.preliminaryId, command.currentInput, command.version)
      if ('refusal' in usable) return reject(usable.refusal)
      const confirmable = confirmableDates(usable.preliminary.outcome)
      if ('refusal' in confirmable) return reject(confirmable.refusal)
      return accept({
        type: 'CalculationConfirmed',
        calculationId: usable.preliminary.id,
        prisonId: command.person.prisonId,
        dates: confirmable.dates,
        by: actor.id,
        at,
      })
    }

    case 'EnterManualDates': {
      const refused =
        guard(actor, 'calculator', state, command.person) ??
        invalidReason(command.reason) ??
        unusedId(state, command.calculationId)
      if (refused) return reject(refused)
      const outcome = command.currentOutcome
      if (outcome.status === 'error' || outcome.status === 'invalid-input')
        return reject(
          refuse(
            'BAD_DATA',
            `Correct the information and calculate again: SafeRelease could not read or calculate it (${outcome.status === 'error' ? outcome.message : `${outcome.problems.length} problem(s) in the information`})`,
          ),
        )
      if (!isUnsupported(outcome))
        return reject(
          refuse(
            'ENGINE_CAN_CALCULATE',
            'SafeRelease can calculate this case, so the dates cannot be entered by hand. Calculate the release dates instead.',
          ),
        )
      const bad = blockingMessages(command.currentOutcome).filter((m) => m.category === 'BAD_DATA')
      if (bad.length > 0)
        return reject(
          refuse(
            'BAD_DATA',
            `Correct the information before entering dates by hand: ${bad.map((m) => m.message).join(' ')}`,
          ),
        )
      const invalid = validateEnteredDates(command.dates, command.currentInput.booking)
      if (invalid) return reject(invalid)
      return accept({
        type: 'ManualDatesEntered',
        calculationId: command.calculationId,
        prisonNumber: command.person.prisonNumber,
        prisonId: command.person.prisonId,
        reason: calculationReasonSchema.parse(command.reason),
        input: command.currentInput,
        fingerprint: fingerprintInput(command.currentInput),
        outcome: command.currentOutcome,
        dates: command.dates,
        by: actor.id,
        at,
      })
    }

    case 'OverrideDates': {
      const denied = guard(actor, 'calculator', state, command.person)
      if (denied) return reject(denied)
      const usable = usablePreliminary(state, command.preliminaryId, command.currentInput, command.version)
      if ('refusal' in usable) return reject(usable.refusal)
      const reason = overrideReasonSchema.safeParse(command.overrideReason)
      if (!reason.success)
        return reject(
          refuse(
            'INVALID_OVERRIDE_REASON',
            reason.error.issues[0]?.message ?? 'Select why the dates are not correct',
          ),
        )
      const engine = confirmableDates(usable.preliminary.outcome)
      if ('refusal' in engine) return reject(engine.refusal)
      const invalid = validateEnteredDates(command.dates, command.currentInput.booking)
      if (invalid) return reject(invalid)
      if (sameDates(command.dates, engine.dates))
        return reject(
          refuse(
            'OVERRIDE_SAME_AS_ENGINE',
            'The dates you entered are the same as the calculated dates. If they are right, confirm the calculation instead.',
          ),
        )
      return accept({
        type: 'DatesOverridden',
        calculationId: usable.preliminary.id,
        prisonId: command.person.prisonId,
        overrideReason: reason.data,
        dates: command.dates,
        by: actor.id,
        at,
      })
    }

    case 'RequireRecalculation': {
      const allowed = (['calculator', 'checker', 'manager'] as const).find((role) => hasRole(actor, role))
      const denied = guard(actor, allowed ?? 'calculator', state, command.person)
      if (denied) return reject(denied)
      const calculationId = state.currentCalculationId
      if (calculationId === undefined)
        return reject(
          refuse('NO_CURRENT_CALCULATION', 'This person has no confirmed release dates yet. Calculate them.'),
        )
      const reason = command.reason.trim()
      if (reason.length < 3 || command.source.reference.trim() === '')
        return reject(refuse('REASON_TOO_SHORT', 'Say why the dates must be calculated again'))
      return accept({
        type: 'RecalculationRequired',
        calculationId,
        prisonId: command.person.prisonId,
        reason,
        source: command.source,
        by: actor.id,
        at,
      })
    }

    case 'SubmitCheckEntry':
    case 'ConfirmRecord':
    case 'FlagRecord':
    case 'ResolveDifference':
      return decideSecondCheck(command, state, now, actor)

    default: {
      const never: never = command
      throw new Error(`Unknown command ${JSON.stringify(never)}`)
    }
  }
}

const newCheck = (): SecondCheck => ({
  status: 'unverified',
  recordsConfirmed: {},
  recordsFlagged: {},
  differences: [],
})

const unique = (ids: string[]) => [...new Set(ids)]

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Event stream is inconsistent: ${what} not found`)
  return value
}

function confirm(state: CalculationState, calc: Calculation): CalculationState {
  return {
    ...state,
    calculations: { ...state.calculations, [calc.id]: calc },
    order: [...state.order, calc.id],
    currentCalculationId: calc.id,
  }
}

function updateCheck(
  state: CalculationState,
  calculationId: string,
  update: (check: SecondCheck) => SecondCheck,
): CalculationState {
  const calc = need(state.calculations[calculationId], `calculation ${calculationId}`)
  return {
    ...state,
    calculations: { ...state.calculations, [calc.id]: { ...calc, check: update(calc.check) } },
  }
}

export function evolve(previous: CalculationState, event: CalculationEvent): CalculationState {
  const state = { ...previous, prisonId: event.prisonId }
  switch (event.type) {
    case 'PreliminaryCalculated':
      return {
        ...state,
        prisonNumber: event.prisonNumber,
        preliminaries: {
          ...state.preliminaries,
          [event.calculationId]: {
            id: event.calculationId,
            reason: event.reason,
            input: event.input,
            fingerprint: event.fingerprint,
            outcome: event.outcome,
            requestedBy: event.by,
            requestedAt: event.at,
            prisonId: event.prisonId,
            used: false,
          },
        },
      }
    case 'CalculationConfirmed':
    case 'DatesOverridden': {
      const p = need(state.preliminaries[event.calculationId], `preliminary ${event.calculationId}`)
      const used = { ...state, preliminaries: { ...state.preliminaries, [p.id]: { ...p, used: true } } }
      return confirm(used, {
        id: p.id,
        prisonNumber: need(state.prisonNumber, 'person'),
        source: event.type === 'CalculationConfirmed' ? 'engine' : 'override',
        reason: p.reason,
        ...(event.type === 'DatesOverridden' ? { overrideReason: event.overrideReason } : {}),
        input: p.input,
        fingerprint: p.fingerprint,
        outcome: p.outcome,
        dates: event.dates,
        calculatedBy: unique([p.requestedBy, event.by]),
        requestedAt: p.requestedAt,
        confirmedBy: event.by,
        confirmedAt: event.at,
        prisonId: event.prisonId,
        check: newCheck(),
        recalculationRequired: [],
      })
    }
    case 'ManualDatesEntered':
      return confirm(
        { ...state, prisonNumber: event.prisonNumber },
        {
          id: event.calculationId,
          prisonNumber: event.prisonNumber,
          source: 'manual',
          reason: event.reason,
          input: event.input,
          fingerprint: event.fingerprint,
          outcome: event.outcome,
          dates: event.dates,
          calculatedBy: [event.by],
          requestedAt: event.at,
          confirmedBy: event.by,
          confirmedAt: event.at,
          prisonId: event.prisonId,
          check: newCheck(),
          recalculationRequired: [],
        },
      )
    case 'CheckEntrySubmitted':
      return updateCheck(state, event.calculationId, (check) => ({
        ...check,
        mode: 'entry',
        entry: {
          booking: event.booking,
          outcome: event.outcome,
          dates: event.dates,
          by: event.by,
          at: event.at,
        },
        differences: event.differences,
        ...(event.differences.length > 0
          ? { status: 'differences-found', differencesFoundAt: event.at }
          : {}),
      }))
    case 'RecordConfirmed':
      return updateCheck(state, event.calculationId, (check) => ({
        ...check,
        mode: 'records',
        recordsConfirmed: { ...check.recordsConfirmed, [event.recordId]: { by: event.by, at: event.at } },
      }))
    case 'RecordFlagged':
      return updateCheck(state, event.calculationId, (check) => ({
        ...check,
        mode: 'records',
        status: 'differences-found',
        differencesFoundAt: check.differencesFoundAt ?? event.at,
        recordsFlagged: {
          ...check.recordsFlagged,
          [event.recordId]: { by: event.by, at: event.at, note: event.note },
        },
        differences: [...check.differences, event.difference],
      }))
    case 'DifferenceResolved':
      return updateCheck(state, event.calculationId, (check) => ({
        ...check,
        differences: check.differences.map((d) =>
          d.id === event.differenceId
            ? { ...d, resolution: { ...event.resolution, by: event.by, at: event.at } }
            : d,
        ),
      }))
    case 'CalculationVerified':
      return updateCheck(state, event.calculationId, (check) => ({
        ...check,
        status: 'verified',
        verified: { by: event.by, at: event.at, how: event.how },
      }))
    case 'RecalculationRequired': {
      const calc = need(state.calculations[event.calculationId], `calculation ${event.calculationId}`)
      const mark = { by: event.by, at: event.at, reason: event.reason, source: event.source }
      return {
        ...state,
        calculations: {
          ...state.calculations,
          [calc.id]: { ...calc, recalculationRequired: [...calc.recalculationRequired, mark] },
        },
      }
    }
    default: {
      const never: never = event
      throw new Error(`Unknown event ${JSON.stringify(never)}`)
    }
  }
}

/** The state after a person's events, oldest first. */
export function replay(events: ReadonlyArray<CalculationEvent>): CalculationState {
  return events.reduce(evolve, initialState())
}

/**
 * The state after `events`, folded onto a state already folded from the events before them (a
 * stored snapshot): `replayFrom(replay(a), b)` is `replay([...a, ...b])`.
 */
export function replayFrom(
  snapshot: CalculationState,
  events: ReadonlyArray<CalculationEvent>,
): CalculationState {
  return events.reduce(evolve, snapshot)
}
