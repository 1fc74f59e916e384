import { describe, expect, it } from 'vitest'
import { currentCalculation } from './current-calculation.js'
import { decide } from './decider.js'
import { alice, analyst, at, bob, booking, engineInput, maria, outsider, person, remand } from './fixtures.js'
import type { CalculationCommand } from './model.js'
import { initialState } from './model.js'
import { confirm, expectEvents, expectRefused, given, request, type Step } from './testing.js'

const courtChange = (
  reason = 'Court change from Leeds Crown Court acknowledged: sentence made consecutive',
) =>
  ({
    type: 'RequireRecalculation',
    person,
    reason,
    source: { kind: 'court-change', reference: 'change-17' },
  }) satisfies CalculationCommand

const requireRecalculation = (actor = maria): Step => ({ command: courtChange(), actor })

describe("a person's current calculation", () => {
  it('is null before any dates are confirmed', () => {
    expect(currentCalculation(given(request()).state, engineInput())).toBeNull()
  })

  it('gives the confirmed dates, unverified, and still true while nothing has changed', () => {
    const { state } = given(request(), confirm())
    const current = currentCalculation(state, engineInput())
    expect(current).toMatchObject({
      calculationId: 'calc-1',
      source: 'engine',
      checkStatus: 'unverified',
      confirmedBy: 'alice',
      recalculationRequired: null,
    })
    expect(Object.keys(current!.dates).length).toBeGreaterThan(0)
  })

  it('needs recalculation, naming the change, once the remand it used is changed', () => {
    const { state } = given(request(), confirm())
    const changed = engineInput(
      booking({ adjustments: { REMAND: [remand(40, '2024-03-01', '2024-04-09')] } }),
    )
    const stale = currentCalculation(state, changed)!.recalculationRequired
    expect(stale?.inputChanges.length).toBeGreaterThan(0)
    expect(stale?.reasons.join(' ')).toMatch(/remand/i)
  })

  it('needs recalculation when the stored booking can no longer be read', () => {
    const { state } = given(request(), confirm())
    expect(currentCalculation(state, undefined)!.recalculationRequired?.reasons[0]).toMatch(
      /can no longer be read/,
    )
  })

  it('needs recalculation when a court change is acknowledged, and a newer confirmed calculation clears it', () => {
    const marked = given(request(), confirm(), requireRecalculation())
    const stale = currentCalculation(marked.state, engineInput())!.recalculationRequired
    expect(stale?.marks).toEqual([
      expect.objectContaining({ by: 'maria', source: { kind: 'court-change', reference: 'change-17' } }),
    ])
    expect(stale?.reasons).toEqual([
      'Court change from Leeds Crown Court acknowledged: sentence made consecutive',
    ])

    const redone = given(request(), confirm(), requireRecalculation(), request('calc-2'), confirm('calc-2'))
    expect(currentCalculation(redone.state, engineInput())).toMatchObject({
      calculationId: 'calc-2',
      recalculationRequired: null,
    })
  })
})

describe('requiring a recalculation', () => {
  it('is recorded against the current calculation by a calculator, checker or manager', () => {
    const { state } = given(request(), confirm())
    for (const actor of [alice, bob, maria]) {
      const [event] = expectEvents(decide(courtChange(), state, at(5), actor), 'RecalculationRequired')
      expect(event).toMatchObject({ calculationId: 'calc-1', by: actor.id })
    }
  })

  it('is refused when there are no confirmed dates to mark', () => {
    expectRefused(decide(courtChange(), initialState(), at(1), maria), 'NO_CURRENT_CALCULATION')
  })

  it('is refused without a reason, without the role, or outside the caseload', () => {
    const { state } = given(request(), confirm())
    expectRefused(decide(courtChange(' '), state, at(5), maria), 'REASON_TOO_SHORT')
    expectRefused(decide(courtChange(), state, at(5), { ...analyst, roles: ['analyst'] }), 'MISSING_ROLE')
    expectRefused(decide(courtChange(), state, at(5), outsider), 'NOT_IN_CASELOAD')
  })
})
