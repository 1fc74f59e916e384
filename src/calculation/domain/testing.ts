/** Given/When/Then helpers for the decider tests. */
import type { Instant } from '@js-joda/core'
import { expect } from 'vitest'
import type { CalculationOutcome } from '../../engine/api.js'
import type { Actor } from './actor.js'
import type { Decision } from './decider.js'
import { decide, evolve } from './decider.js'
import { alice, at, calculated, engineInput, person } from './fixtures.js'
import type { EngineInput } from './input-fingerprint.js'
import type { CalculationCommand, CalculationEvent, CalculationState } from './model.js'
import { initialState } from './model.js'
import type { CalculationReason } from './reasons.js'
import type { RefusalCode } from './refusals.js'

export interface Step {
  command: CalculationCommand
  actor: Actor
  now?: Instant
}

/** Runs the steps in order (each at an hour later than the last); fails the test if any is refused. */
export function given(...steps: Step[]): {
  state: CalculationState
  events: CalculationEvent[]
  steps: Step[]
} {
  let state = initialState()
  const events: CalculationEvent[] = []
  steps.forEach((step, i) => {
    const decision = decide(step.command, state, step.now ?? at(i), step.actor)
    if (!decision.ok)
      throw new Error(`Step ${i + 1} (${step.command.type}) refused: ${decision.refusal.code}`)
    for (const e of decision.events) {
      events.push(e)
      state = evolve(state, e)
    }
  })
  return { state, events, steps }
}

export function expectRefused(decision: Decision, code: RefusalCode): string {
  if (decision.ok)
    throw new Error(`Expected ${code} but it was accepted: ${decision.events.map((e) => e.type).join(', ')}`)
  expect(decision.refusal.code).toBe(code)
  return decision.refusal.message
}

export function expectEvents(decision: Decision, ...types: CalculationEvent['type'][]): CalculationEvent[] {
  if (!decision.ok) throw new Error(`Refused: ${decision.refusal.code}: ${decision.refusal.message}`)
  expect(decision.events.map((e) => e.type)).toEqual(types)
  return decision.events
}

export const initial: CalculationReason = { code: 'INITIAL_CALCULATION' }

export function request(
  calculationId = 'calc-1',
  actor: Actor = alice,
  outcome: CalculationOutcome = calculated(),
  input: EngineInput = engineInput(),
  reason: CalculationReason = initial,
): Step {
  return { command: { type: 'RequestCalculation', person, calculationId, reason, input, outcome }, actor }
}

export function confirm(
  preliminaryId = 'calc-1',
  actor: Actor = alice,
  currentInput: EngineInput = engineInput(),
): Step {
  return { command: { type: 'ConfirmCalculation', person, preliminaryId, currentInput }, actor }
}
