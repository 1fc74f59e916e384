/**
 * Folding from a stored snapshot gives the state a full replay gives, over generated histories:
 * whichever event the snapshot was taken at, however the preliminary results were stored apart,
 * and with the snapshot passed through JSON as the database holds it.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decide, evolve, initialState, replay, replayFrom } from '../domain/index.js'
import type { CalculationCommand, CalculationEvent, CalculationState } from '../domain/index.js'
import {
  alice,
  at,
  bob,
  booking,
  calculated,
  carol,
  engineInput,
  person,
  remand,
  unsupported,
} from '../domain/fixtures.js'
import { recordsOf } from '../domain/second-check.js'
import {
  foldStored,
  forStorage,
  isStoredApart,
  leanState,
  restore,
  usedPreliminaryIds,
  withPreliminaries,
  type PreliminaryEvent,
  type StoredEvent,
} from './event-store.js'

const inputs = [engineInput(), engineInput(booking({ adjustments: { REMAND: [remand(20)] } }))]
const outcomes = [calculated(), calculated({ CRD: '2025-05-01', SLED: '2026-05-01' }), unsupported()]

type Action =
  | { kind: 'request'; input: number; outcome: number }
  | { kind: 'confirm' | 'override'; pick: number; input: number }
  | { kind: 'manual'; input: number }
  | { kind: 'check-entry'; input: number; outcome: number }
  | { kind: 'record'; pick: number; matches: boolean }
  | { kind: 'resolve'; pick: number }
  | { kind: 'recalculate' }

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('request' as const), input: fc.nat(1), outcome: fc.nat(2) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('confirm' as const), pick: fc.nat(), input: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('override' as const), pick: fc.nat(), input: fc.nat(1) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual' as const), input: fc.nat(1) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('check-entry' as const), input: fc.nat(1), outcome: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('record' as const), pick: fc.nat(), matches: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recalculate' as const) }) },
)

/** A command for the action in this state (the decider may still refuse it: then nothing happens). */
function command(a: Action, state: CalculationState, i: number): CalculationCommand | undefined {
  const ids = Object.keys(state.preliminaries)
  const current = state.currentCalculationId
  switch (a.kind) {
    case 'request':
      return {
        type: 'RequestCalculation',
        person,
        calculationId: `calc-${i}`,
        reason: { code: 'INITIAL_CALCULATION' },
        input: inputs[a.input]!,
        outcome: outcomes[a.outcome]!,
      }
    case 'confirm':
    case 'override': {
      const preliminaryId = ids[a.pick % Math.max(ids.length, 1)]
      if (preliminaryId === undefined) return undefined
      return a.kind === 'confirm'
        ? { type: 'ConfirmCalculation', person, preliminaryId, currentInput: inputs[a.input]! }
        : {
            type: 'OverrideDates',
            person,
            preliminaryId,
            currentInput: inputs[a.input]!,
            overrideReason: { code: 'OTHER', text: 'The court order says otherwise' },
            dates: { CRD: '2025-06-06', SLED: '2026-06-06' },
          }
    }
    case 'manual':
      return {
        type: 'EnterManualDates',
        person,
        calculationId: `calc-${i}`,
        reason: { code: 'INITIAL_CALCULATION' },
        currentInput: inputs[a.input]!,
        currentOutcome: unsupported(),
        dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
      }
    case 'check-entry':
      return current === undefined
        ? undefined
        : {
            type: 'SubmitCheckEntry',
            person,
            calculationId: current,
            booking: inputs[a.input]!.booking,
            outcome: outcomes[a.outcome]!,
          }
    case 'record': {
      const calc = current === undefined ? undefined : state.calculations[current]
      if (calc === undefined) return undefined
      const records = recordsOf(calc.input.booking)
      const recordId = records[a.pick % records.length]!.id
      return a.matches
        ? { type: 'ConfirmRecord', person, calculationId: calc.id, recordId }
        : { type: 'FlagRecord', person, calculationId: calc.id, recordId, note: 'Not what the warrant says' }
    }
    case 'resolve': {
      const calc = current === undefined ? undefined : state.calculations[current]
      const open = calc?.check.differences.filter((d) => d.resolution === undefined) ?? []
      const difference = open[a.pick % Math.max(open.length, 1)]
      if (calc === undefined || difference === undefined) return undefined
      return {
        type: 'ResolveDifference',
        person,
        calculationId: calc.id,
        differenceId: difference.id,
        resolution: { kind: 'first-was-right', reason: 'The warrant was read again: the first was right' },
      }
    }
    case 'recalculate':
      return {
        type: 'RequireRecalculation',
        person,
        reason: 'A court change was acknowledged',
        source: { kind: 'court-change', reference: `change-${i}` },
      }
  }
}

/** The events of a generated history, as the decider accepted them. */
function history(actions: Action[]): CalculationEvent[] {
  let state = initialState()
  const events: CalculationEvent[] = []
  actions.forEach((a, i) => {
    const c = command(a, state, i)
    if (c === undefined) return
    const actor =
      a.kind === 'check-entry' || a.kind === 'record' || a.kind === 'resolve'
        ? bob
        : i % 3 === 0
          ? carol
          : alice
    const decision = decide(c, state, at(i), actor)
    if (!decision.ok) return
    for (const e of decision.events) {
      events.push(e)
      state = evolve(state, e)
    }
  })
  return events
}

const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** What the database holds: each event's row, and the preliminary results stored apart. */
function store(events: CalculationEvent[]) {
  const rows: StoredEvent[] = []
  const apart = new Map<string, PreliminaryEvent>()
  for (const e of events) {
    const { stored, payload } = forStorage(e)
    const row = asStored(stored)
    rows.push(row)
    if (isStoredApart(row)) apart.set(row.calculationId, restore(row, asStored(payload!)))
  }
  const load = (ids: string[]) => new Map(ids.flatMap((id) => (apart.has(id) ? [[id, apart.get(id)!]] : [])))
  return { rows, apart, load }
}

const histories = fc.array(action, { minLength: 1, maxLength: 40 }).map(history)

describe('replay from a snapshot', () => {
  it('replayFrom(replay(a), b) is replay(a ++ b)', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (events, cut) => {
        const k = cut % (events.length + 1)
        expect(replayFrom(replay(events.slice(0, k)), events.slice(k))).toEqual(replay(events))
      }),
    )
  })

  it('a stored snapshot plus the events after it is the full replay, preliminary results loaded by id', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (events, cut) => {
        const k = cut % (events.length + 1)
        const { rows, apart, load } = store(events)
        const before = rows.slice(0, k)
        const tail = rows.slice(k)
        const snapshot = asStored(foldStored(initialState(), before, load(usedPreliminaryIds(before))))
        const fromSnapshot = foldStored(snapshot, tail, load(usedPreliminaryIds(tail)))
        const full = asStored(replay(events))
        expect(fromSnapshot).toEqual(leanState(full))
        // Each preliminary result, loaded by id, is the one a full replay has (used or not).
        for (const id of Object.keys(full.preliminaries))
          expect(withPreliminaries(fromSnapshot, [apart.get(id)!]).preliminaries[id]).toEqual(
            full.preliminaries[id],
          )
      }),
      { numRuns: 200 },
    )
  })

  it('a result never confirmed may expire; one confirmed may not: its fold refuses rather than guess', () => {
    const events = history([
      { kind: 'request', input: 0, outcome: 0 },
      { kind: 'request', input: 0, outcome: 1 },
      { kind: 'confirm', pick: 1, input: 0 },
    ])
    const { rows, load } = store(events)
    const confirmed = events.find((e) => e.type === 'CalculationConfirmed')!.calculationId
    // The other result expired: nothing it did is lost from the state.
    expect(foldStored(initialState(), rows, load([confirmed]))).toEqual(leanState(asStored(replay(events))))
    expect(() => foldStored(initialState(), rows, new Map())).toThrow(/inconsistent/)
  })

  it('keeps no preliminary result in the snapshot, however many there were', () => {
    const events = history(
      Array.from({ length: 50 }, () => ({ kind: 'request', input: 0, outcome: 0 }) as const),
    )
    const { rows } = store(events)
    expect(events).toHaveLength(50)
    const lean = foldStored(initialState(), rows, new Map())
    expect(lean.preliminaries).toEqual({})
    expect(JSON.stringify(lean).length).toBeLessThan(200)
  })
})
