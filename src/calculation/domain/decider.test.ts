import { describe, expect, it } from 'vitest'
import type { ReleaseDateType } from '../../engine/api.js'
import { decide, evolve, replay } from './decider.js'
import {
  DATES,
  OTHER_PRISON,
  alice,
  analyst,
  at,
  badData,
  bob,
  booking,
  calculated,
  carol,
  engineInput,
  outsider,
  person,
  remand,
  sds,
  unsupported,
} from './fixtures.js'
import { fingerprintInput } from './input-fingerprint.js'
import type { CalculationCommand } from './model.js'
import { initialState } from './model.js'
import { INCOMPATIBLE_DATES } from './release-dates.js'
import { confirm, expectEvents, expectRefused, given, initial, request } from './testing.js'

const later = at(10)

describe('requesting a calculation', () => {
  it('records a preliminary result with the fingerprint of its inputs', () => {
    const [event] = expectEvents(
      decide(request().command, initialState(), later, alice),
      'PreliminaryCalculated',
    )
    expect(event).toMatchObject({
      calculationId: 'calc-1',
      prisonNumber: 'A1234BC',
      prisonId: 'BMI',
      by: 'alice',
      at: '2025-03-03T19:00:00Z',
      fingerprint: fingerprintInput(engineInput()),
    })
  })

  it('is refused for "other" without text', () => {
    const step = request('calc-1', alice, calculated(), engineInput(), { code: 'OTHER' })
    const message = expectRefused(decide(step.command, initialState(), later, alice), 'INVALID_REASON')
    expect(message).toContain('Enter more detail')
  })

  it('is refused for someone without the calculator role', () => {
    expectRefused(decide(request().command, initialState(), later, bob), 'MISSING_ROLE')
    expectRefused(decide(request().command, initialState(), later, analyst), 'MISSING_ROLE')
  })

  it('is refused for a person in a prison outside the caseload', () => {
    expectRefused(decide(request().command, initialState(), later, outsider), 'NOT_IN_CASELOAD')
  })

  it('is refused when the command is about a different person from the stream', () => {
    const { state } = given(request())
    const other: CalculationCommand = {
      ...request('calc-2').command,
      person: { prisonNumber: 'Z9999ZZ', prisonId: 'BMI' },
    }
    expectRefused(decide(other, state, later, alice), 'WRONG_PERSON')
  })

  it('is refused when the calculation id was used before', () => {
    const { state } = given(request())
    expectRefused(decide(request().command, state, later, alice), 'DUPLICATE_ID')
  })
})

describe('confirming a calculation', () => {
  it("makes the engine dates the person's current dates, unverified", () => {
    const { state } = given(request(), confirm())
    expect(state.currentCalculationId).toBe('calc-1')
    expect(state.calculations['calc-1']).toMatchObject({
      source: 'engine',
      dates: DATES,
      calculatedBy: ['alice'],
      check: { status: 'unverified' },
    })
  })

  it('is refused when a remand changed since the preliminary result, saying what changed', () => {
    const { state } = given(request())
    const changed = engineInput(
      booking({ adjustments: { REMAND: [remand(30, '2024-03-01', '2024-04-04')] } }),
    )
    const decision = decide(confirm('calc-1', alice, changed).command, state, later, alice)
    expectRefused(decision, 'INPUTS_CHANGED')
    expect(!decision.ok && decision.refusal.changes).toEqual([
      'Remand from 1 March 2024 to 4 April 2024: number of days changed from 35 to 30',
    ])
  })

  it('is refused when a sentence length changed, naming the court case and line', () => {
    const { state } = given(request())
    const changed = engineInput(booking({ sentences: [sds(1, 1, 2), sds(2, 1, 3)] }))
    const decision = decide(confirm('calc-1', alice, changed).command, state, later, alice)
    expect(!decision.ok && decision.refusal.changes).toEqual([
      'Court case 2, line 1: sentence length changed from 2 years to 3 years',
    ])
  })

  it("is refused when an API client sends a version other than the result's", () => {
    const { state } = given(request())
    const command = { ...confirm().command, version: 'sha256:0000' } as CalculationCommand
    expectRefused(decide(command, state, later, alice), 'INPUTS_CHANGED')
    const right = { ...confirm().command, version: fingerprintInput(engineInput()) } as CalculationCommand
    expectEvents(decide(right, state, later, alice), 'CalculationConfirmed')
  })

  it('is refused when the bank-holiday calendar changed', () => {
    const { state } = given(request())
    const changed = engineInput(booking(), { bankHolidays: ['2025-04-18'] })
    expectRefused(decide(confirm('calc-1', alice, changed).command, state, later, alice), 'INPUTS_CHANGED')
  })

  it('is refused when the engine said the case is unsupported', () => {
    const { state } = given(request('calc-1', alice, unsupported()))
    const message = expectRefused(decide(confirm().command, state, later, alice), 'ENGINE_UNSUPPORTED')
    expect(message).toContain('Court case 1, line 1')
    expect(message).toContain('Enter the dates by hand')
  })

  it('is refused when the engine found bad data, even with dates', () => {
    const { state } = given(request('calc-1', alice, badData()))
    expectRefused(decide(confirm().command, state, later, alice), 'BAD_DATA')
  })

  it('is allowed when the only messages are warnings', () => {
    const warned = calculated(DATES, [
      { code: 'CONSECUTIVE_CHAIN', category: 'WARNING', message: 'Check the chain' },
    ])
    const { state } = given(request('calc-1', alice, warned))
    expectEvents(decide(confirm().command, state, later, alice), 'CalculationConfirmed')
  })

  it('is refused when the engine produced no dates', () => {
    const { state } = given(
      request('calc-1', alice, { status: 'error', code: 'X', message: 'No return to custody date' }),
    )
    expectRefused(decide(confirm().command, state, later, alice), 'NO_DATES_TO_CONFIRM')
  })

  it('is refused for input the engine could not read, naming the problem', () => {
    const { state } = given(
      request('calc-1', alice, {
        status: 'invalid-input',
        problems: [{ path: 'sentences[0].sentencedAt', message: 'is required' }],
      }),
    )
    const message = expectRefused(decide(confirm().command, state, later, alice), 'BAD_DATA')
    expect(message).toContain('sentences[0].sentencedAt is required')
  })

  it('is refused twice for the same preliminary result', () => {
    const { state } = given(request(), confirm())
    expectRefused(decide(confirm().command, state, later, alice), 'ALREADY_CONFIRMED')
  })

  it('is refused for an older preliminary after a newer calculation was confirmed', () => {
    const { state } = given(request('old'), request('new'), confirm('new'))
    expectRefused(decide(confirm('old').command, state, later, alice), 'SUPERSEDED')
  })

  it('is refused for an unknown preliminary, a checker or a prison outside the caseload', () => {
    const { state } = given(request())
    expectRefused(decide(confirm('nope').command, state, later, alice), 'PRELIMINARY_NOT_FOUND')
    expectRefused(decide(confirm().command, state, later, bob), 'MISSING_ROLE')
    expectRefused(decide(confirm().command, state, later, outsider), 'NOT_IN_CASELOAD')
  })

  it('records everyone who took part when one person requests and another confirms', () => {
    const { state } = given(request('calc-1', carol), confirm('calc-1', alice))
    expect(state.calculations['calc-1']?.calculatedBy).toEqual(['carol', 'alice'])
  })
})

const manual = (
  dates: Partial<Record<ReleaseDateType, string>>,
  outcome = unsupported(),
  calculationId = 'man-1',
): CalculationCommand => ({
  type: 'EnterManualDates',
  person,
  calculationId,
  reason: initial,
  currentInput: engineInput(),
  currentOutcome: outcome,
  dates,
})

describe('entering dates by hand', () => {
  it('is allowed while the engine says the case is unsupported, recorded as manual', () => {
    const decision = decide(manual({ CRD: '2025-04-14', SLED: '2026-04-20' }), initialState(), later, alice)
    const [event] = expectEvents(decision, 'ManualDatesEntered')
    const state = evolve(initialState(), event!)
    expect(state.calculations['man-1']).toMatchObject({ source: 'manual', dates: { CRD: '2025-04-14' } })
    expect(state.currentCalculationId).toBe('man-1')
  })

  it('is refused for a case the engine can calculate', () => {
    const message = expectRefused(
      decide(manual({ CRD: '2025-04-14' }, calculated()), initialState(), later, alice),
      'ENGINE_CAN_CALCULATE',
    )
    expect(message).toBe(
      'SafeRelease can calculate this case, so the dates cannot be entered by hand. Calculate the release dates instead.',
    )
  })

  it('is refused for a case the engine refuses only for bad data', () => {
    expectRefused(
      decide(manual({ CRD: '2025-04-14' }, badData()), initialState(), later, alice),
      'ENGINE_CAN_CALCULATE',
    )
  })

  it('is refused while the information also has bad data to fix', () => {
    const both = unsupported()
    if (both.status !== 'rejected') throw new Error('fixture')
    both.messages.push({ code: 'BAD', category: 'BAD_DATA', message: 'Remand overlaps' })
    expectRefused(decide(manual({ CRD: '2025-04-14' }, both), initialState(), later, alice), 'BAD_DATA')
  })

  it('is refused when the engine failed rather than said unsupported', () => {
    const failed = {
      status: 'error' as const,
      code: 'NO_RTC',
      message: 'There is no return to custody date.',
    }
    const message = expectRefused(
      decide(manual({ CRD: '2025-04-14' }, failed), initialState(), later, alice),
      'BAD_DATA',
    )
    expect(message).toContain('There is no return to custody date.')
  })

  it('is refused with no dates', () => {
    expect(expectRefused(decide(manual({}), initialState(), later, alice), 'NO_DATES')).toBe(
      'Enter at least one release date',
    )
  })

  it('is refused for a date that does not exist', () => {
    const message = expectRefused(
      decide(manual({ CRD: '2025-02-30' }), initialState(), later, alice),
      'INVALID_DATE',
    )
    expect(message).toBe('A conditional release date (CRD) must be a real date, for example 12 4 2025')
  })

  it('is refused for an unknown date type sent over the API', () => {
    const dates = { XYZ: '2025-01-01' } as unknown as Partial<Record<ReleaseDateType, string>>
    expectRefused(decide(manual(dates), initialState(), later, alice), 'UNKNOWN_DATE_TYPE')
  })

  it.each(INCOMPATIBLE_DATES.map(([a, b]) => [a, b] as const))('is refused with both %s and %s', (a, b) => {
    const message = expectRefused(
      decide(manual({ [a]: '2025-04-14', [b]: '2025-06-14' }), initialState(), later, alice),
      'DATES_CANNOT_COEXIST',
    )
    expect(message).toMatch(/cannot both be entered\. Remove one of them\.$/)
  })

  it('names both dates when a conditional release date and an automatic release date are entered', () => {
    expect(
      expectRefused(
        decide(manual({ CRD: '2025-04-14', ARD: '2025-04-14' }), initialState(), later, alice),
        'DATES_CANNOT_COEXIST',
      ),
    ).toBe(
      'A conditional release date (CRD) and an automatic release date (ARD) cannot both be entered. Remove one of them.',
    )
  })

  it('refuses an HDCED after the CRD, naming both dates (the sanity rules the engine must meet)', () => {
    const message = expectRefused(
      decide(
        manual({ CRD: '2031-04-14', HDCED: '2031-06-14', SLED: '2037-06-01' }),
        initialState(),
        later,
        alice,
      ),
      'IMPOSSIBLE_DATES',
    )
    expect(message).toContain(
      'The home detention curfew eligibility date (HDCED), 14 June 2031 is after the conditional release date (CRD), 14 April 2031',
    )
  })

  it('refuses a release date before the sentence date', () => {
    // The fixture booking was sentenced on 3 June 2024.
    expectRefused(
      decide(manual({ CRD: '2024-05-01', SLED: '2026-04-20' }), initialState(), later, alice),
      'IMPOSSIBLE_DATES',
    )
  })

  it('needs a licence expiry date when a CRD and a SED are entered', () => {
    const message = expectRefused(
      decide(manual({ CRD: '2025-04-14', SED: '2026-04-20' }), initialState(), later, alice),
      'LED_REQUIRED',
    )
    expect(message).toContain('licence expiry date (LED)')
    expectEvents(
      decide(
        manual({ CRD: '2025-04-14', SED: '2026-04-20', LED: '2026-04-20' }),
        initialState(),
        later,
        alice,
      ),
      'ManualDatesEntered',
    )
  })

  it('is refused for a checker, or outside the caseload', () => {
    expectRefused(decide(manual({ CRD: '2025-04-14' }), initialState(), later, bob), 'MISSING_ROLE')
    expectRefused(decide(manual({ CRD: '2025-04-14' }), initialState(), later, outsider), 'NOT_IN_CASELOAD')
  })
})

const override = (
  overrideReason: { code: string; text?: string },
  dates: Partial<Record<ReleaseDateType, string>> = { ...DATES, CRD: '2025-04-14' },
  currentInput = engineInput(),
): CalculationCommand =>
  ({
    type: 'OverrideDates',
    person,
    preliminaryId: 'calc-1',
    currentInput,
    overrideReason,
    dates,
  }) as CalculationCommand

describe('overriding the calculated dates', () => {
  it('records the dates with the reason, as an override', () => {
    const { state } = given(request(), { command: override({ code: 'TRIAL_RECORD_MISMATCH' }), actor: alice })
    expect(state.calculations['calc-1']).toMatchObject({
      source: 'override',
      overrideReason: { code: 'TRIAL_RECORD_MISMATCH' },
      dates: { CRD: '2025-04-14' },
    })
    expect(state.currentCalculationId).toBe('calc-1')
  })

  it('is refused without a reason', () => {
    const { state } = given(request())
    expectRefused(decide(override({ code: '' }), state, later, alice), 'INVALID_OVERRIDE_REASON')
  })

  it('is refused for "other" without text, and accepted with it', () => {
    const { state } = given(request())
    const message = expectRefused(
      decide(override({ code: 'OTHER', text: ' ' }), state, later, alice),
      'INVALID_OVERRIDE_REASON',
    )
    expect(message).toContain('Enter why the dates are not correct')
    expectEvents(
      decide(override({ code: 'OTHER', text: 'Judge amended the order' }), state, later, alice),
      'DatesOverridden',
    )
  })

  it("is refused when the dates are the same as the engine's", () => {
    const { state } = given(request())
    expectRefused(
      decide(override({ code: 'POWER_TO_DETAIN' }, DATES), state, later, alice),
      'OVERRIDE_SAME_AS_ENGINE',
    )
  })

  it('is refused when the inputs changed since the preliminary result', () => {
    const { state } = given(request())
    const changed = engineInput(booking({ adjustments: {} }))
    const decision = decide(override({ code: 'POWER_TO_DETAIN' }, undefined, changed), state, later, alice)
    expectRefused(decision, 'INPUTS_CHANGED')
    expect(!decision.ok && decision.refusal.changes).toEqual([
      'Remand of 35 days from 1 March 2024 to 4 April 2024 removed',
    ])
  })

  it('is refused for an unsupported case, which needs manual entry instead', () => {
    const { state } = given(request('calc-1', alice, unsupported()))
    expectRefused(decide(override({ code: 'POWER_TO_DETAIN' }), state, later, alice), 'ENGINE_UNSUPPORTED')
  })

  it('is refused with dates that cannot co-exist', () => {
    const { state } = given(request())
    expectRefused(
      decide(
        override({ code: 'POWER_TO_DETAIN' }, { HDCED: '2025-01-01', PED: '2025-02-01' }),
        state,
        later,
        alice,
      ),
      'DATES_CANNOT_COEXIST',
    )
  })

  it('is refused with a release date after the sentence and licence expiry date', () => {
    const { state } = given(request())
    expectRefused(
      decide(
        override({ code: 'POWER_TO_DETAIN' }, { CRD: '2027-01-01', SLED: '2026-04-20' }),
        state,
        later,
        alice,
      ),
      'IMPOSSIBLE_DATES',
    )
  })

  it('is refused for an override of an already confirmed result', () => {
    const { state } = given(request(), confirm())
    expectRefused(decide(override({ code: 'POWER_TO_DETAIN' }), state, later, alice), 'ALREADY_CONFIRMED')
  })
})

describe('evolve', () => {
  it('does not change the state it is given', () => {
    const { state, events } = given(request())
    const before = JSON.stringify(state)
    const next = evolve(state, {
      type: 'CalculationConfirmed',
      calculationId: 'calc-1',
      prisonId: OTHER_PRISON,
      dates: DATES,
      by: 'alice',
      at: later.toString(),
    })
    expect(JSON.stringify(state)).toBe(before)
    expect(next.prisonId).toBe(OTHER_PRISON)
    expect(replay(events)).toEqual(state)
  })

  it('throws on an event for a calculation it never saw, rather than ignoring it', () => {
    expect(() =>
      evolve(initialState(), {
        type: 'CalculationVerified',
        calculationId: 'x',
        prisonId: 'BMI',
        by: 'b',
        at: later.toString(),
        how: 'entry-matched',
      }),
    ).toThrow(/inconsistent/)
  })
})
