import { describe, expect, it } from 'vitest'
import { booking, engineInput, person, remand } from './fixtures.js'
import { initialState } from './model.js'
import { inputsReliedOn, staleInputRefusal } from './stale-input.js'
import { confirm, given, request } from './testing.js'

describe('stale inputs, re-checked inside the writing transaction', () => {
  const before = engineInput(booking({ adjustments: { REMAND: [remand(10)] } }))
  const after = engineInput(booking({ adjustments: { REMAND: [remand(12)] } }))

  it('a confirm relied on the inputs it was given: unchanged passes, changed is INPUTS_CHANGED with what changed', () => {
    const { state } = given(request('calc-1', undefined, undefined, before))
    const command = confirm('calc-1', undefined, before).command
    expect(staleInputRefusal(command, state, before)).toBeUndefined()
    const refusal = staleInputRefusal(command, state, after)
    expect(refusal?.code).toBe('INPUTS_CHANGED')
    expect(refusal?.changes?.join(' ')).toMatch(/10.*12/)
  })

  it('a booking that can no longer be read is a change too', () => {
    const command = confirm('calc-1', undefined, before).command
    expect(staleInputRefusal(command, initialState(), undefined)?.changes).toEqual([
      'The booking can no longer be read. Check the information.',
    ])
  })

  it('"corrected and recalculated" relies on the correction still being what is stored', () => {
    const { state } = given(
      request('calc-2', undefined, undefined, before),
      confirm('calc-2', undefined, before),
    )
    const command = {
      type: 'ResolveDifference' as const,
      person,
      calculationId: 'calc-1',
      differenceId: 'd',
      resolution: { kind: 'corrected-and-recalculated' as const, newCalculationId: 'calc-2' },
    }
    expect(staleInputRefusal(command, state, before)).toBeUndefined()
    expect(staleInputRefusal(command, state, after)?.code).toBe('INPUTS_CHANGED')
    // Saying why the first was right, or checking records, relies on nothing stored now.
    expect(
      inputsReliedOn(
        { ...command, resolution: { kind: 'first-was-right', reason: 'The warrant says so' } },
        state,
      ),
    ).toBeUndefined()
    expect(
      inputsReliedOn({ type: 'ConfirmRecord', person, calculationId: 'calc-2', recordId: 'r' }, state),
    ).toBeUndefined()
  })
})
