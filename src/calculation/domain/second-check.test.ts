import type { Instant } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { CalculationOutcome, ReleaseDateType } from '../../engine/api.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import type { Actor } from './actor.js'
import { decide } from './decider.js'
import {
  DATES,
  PRISON,
  alice,
  analyst,
  at,
  bob,
  booking,
  calculated,
  carol,
  days,
  engineInput,
  maria,
  outsider,
  person,
  remand,
  sds,
  unsupported,
} from './fixtures.js'
import type { CalculationCommand, CalculationState } from './model.js'
import {
  checkComparisonView,
  checkerEngineInput,
  checkerView,
  compareCheck,
  managerView,
  recordsOf,
  recordsToCheck,
  resolutionSchema,
} from './second-check.js'
import type { Step } from './testing.js'
import { confirm, expectEvents, expectRefused, given, request } from './testing.js'

const later = at(10)
const dave: Actor = { id: 'dave', roles: ['checker'], caseload: [PRISON] }

const entry = (
  b: BookingInput = booking(),
  outcome: CalculationOutcome = calculated(),
  manualDates?: Partial<Record<ReleaseDateType, string>>,
  calculationId = 'calc-1',
): CalculationCommand => ({
  type: 'SubmitCheckEntry',
  person,
  calculationId,
  booking: b,
  outcome,
  ...(manualDates ? { manualDates } : {}),
})

const confirmRecord = (recordId: string): CalculationCommand => ({
  type: 'ConfirmRecord',
  person,
  calculationId: 'calc-1',
  recordId,
})

const resolve = (
  differenceId: string,
  resolution:
    | { kind: 'first-was-right'; reason: string }
    | { kind: 'corrected-and-recalculated'; newCalculationId: string },
): CalculationCommand => ({
  type: 'ResolveDifference',
  person,
  calculationId: 'calc-1',
  differenceId,
  resolution,
})

const confirmed = (...more: Step[]) => given(request(), confirm(), ...more)

/** The checker's independent entry found 30 days of remand where the first said 35. */
const thirtyDays = booking({ adjustments: { REMAND: [remand(30, '2024-03-01', '2024-04-04')] } })
const thirtyDaysDates = { ...DATES, CRD: '2025-04-17' }

describe('who may check', () => {
  it('refuses the person who calculated it', () => {
    const { state } = confirmed()
    const carolCalculated = given(request('calc-1', carol), confirm('calc-1', alice))
    expectRefused(decide(entry(), carolCalculated.state, later, carol), 'SELF_CHECK')
    expectEvents(decide(entry(), state, later, bob), 'CheckEntrySubmitted', 'CalculationVerified')
  })

  it('refuses the person who only confirmed it', () => {
    const { state } = given(request('calc-1', alice), confirm('calc-1', carol))
    expectRefused(decide(entry(), state, later, carol), 'SELF_CHECK')
  })

  it("refuses self-checking record by record, and resolving one's own differences", () => {
    const { state } = given(request('calc-1', carol), confirm('calc-1', carol), {
      command: entry(thirtyDays, calculated(thirtyDaysDates)),
      actor: bob,
    })
    expectRefused(
      decide(
        confirmRecord('sentence:0'),
        given(request('calc-1', carol), confirm('calc-1', carol)).state,
        later,
        carol,
      ),
      'SELF_CHECK',
    )
    expectRefused(
      decide(
        resolve('date:CRD', { kind: 'first-was-right', reason: 'The warrant says 35 days' }),
        state,
        later,
        carol,
      ),
      'SELF_CHECK',
    )
  })

  it('refuses someone without the checker role, even a manager or an admin', () => {
    const { state } = confirmed()
    expectRefused(decide(entry(), state, later, alice), 'MISSING_ROLE')
    expectRefused(decide(entry(), state, later, maria), 'MISSING_ROLE')
    expectRefused(decide(entry(), state, later, analyst), 'MISSING_ROLE')
  })

  it('refuses a checker whose caseload does not include the prison', () => {
    expectRefused(decide(entry(), confirmed().state, later, outsider), 'NOT_IN_CASELOAD')
  })

  it('refuses checking a calculation that a newer one replaced', () => {
    const { state } = confirmed(request('calc-2'), confirm('calc-2'))
    expectRefused(decide(entry(), state, later, bob), 'NOT_CURRENT')
  })

  it('refuses an unknown calculation', () => {
    expectRefused(
      decide(entry(booking(), calculated(), undefined, 'nope'), confirmed().state, later, bob),
      'CALCULATION_NOT_FOUND',
    )
  })
})

describe("the checker's view is blind", () => {
  const other: CalculationCommand = {
    type: 'RequestCalculation',
    person,
    calculationId: 'calc-1',
    reason: { code: 'OTHER', text: 'Remand changed to 35 days, CRD 12 April 2025' },
    input: engineInput(),
    outcome: calculated(),
  }

  it('shows the person and the task but none of the first inputs or dates', () => {
    const { state } = given({ command: other, actor: alice }, confirm())
    const view = checkerView(state, 'calc-1', bob)
    expect(view).toEqual({
      person: { prisonNumber: 'A1234BC', prisonId: 'BMI' },
      task: {
        calculationId: 'calc-1',
        reason: 'Other',
        confirmedOn: '3 March 2025',
        status: 'unverified',
        mode: 'not started',
        canCheck: true,
      },
    })
    const text = JSON.stringify(view)
    for (const secret of [
      ...Object.values(DATES),
      '12 April 2025',
      '2025-04',
      '35',
      'T20240001',
      'TH68010',
      '2024-06-03',
      'years',
      'Remand',
      'Court case',
      'alice',
    ])
      expect(text).not.toContain(secret)
  })

  it('tells the person who calculated it that they cannot check it', () => {
    const { state } = given({ command: other, actor: carol }, confirm('calc-1', alice))
    expect(checkerView(state, 'calc-1', carol)?.task).toMatchObject({
      canCheck: false,
      cannotCheckBecause: 'You made or confirmed this calculation, so another checker must check it',
    })
  })

  it('shows no comparison until the checker has made their own entry', () => {
    const { state } = confirmed()
    expect(checkComparisonView(state, 'calc-1')).toBeUndefined()
    const after = confirmed({ command: entry(thirtyDays, calculated(thirtyDaysDates)), actor: bob }).state
    expect(checkComparisonView(after, 'calc-1')?.open).toBe(2)
  })

  it('records mode lists the records to check, never the dates', () => {
    const records = recordsToCheck(confirmed().state, 'calc-1')
    expect(records.map((r) => r.label)).toEqual([
      'Court case 1, line 1',
      'Court case 2, line 1',
      'Remand of 35 days from 1 March 2024 to 4 April 2024',
    ])
    expect(JSON.stringify(records)).not.toContain('2025')
  })
})

describe('compareCheck', () => {
  it('finds nothing when both entries and both results match', () => {
    expect(
      compareCheck(
        { input: booking(), result: { dates: DATES } },
        { input: booking(), result: { dates: DATES } },
      ),
    ).toEqual([])
  })

  it('lists a different remand figure and the date it moved, side by side', () => {
    expect(
      compareCheck(
        { input: booking(), result: { dates: DATES } },
        { input: thirtyDays, result: { dates: thirtyDaysDates } },
      ),
    ).toEqual([
      {
        id: 'input:adjustment:REMAND:0:number of days',
        kind: 'input',
        where: 'Remand from 1 March 2024 to 4 April 2024',
        field: 'number of days',
        first: '35',
        second: '30',
      },
      {
        id: 'date:CRD',
        kind: 'date',
        where: 'Conditional release date (CRD)',
        field: 'date',
        first: '12 April 2025',
        second: '17 April 2025',
      },
    ])
  })

  it('matches sentences by court case and line, whatever their order', () => {
    const reordered = booking({ sentences: [sds(2, 1, 2), sds(1, 1, 3)] })
    expect(
      compareCheck(
        { input: booking(), result: { dates: DATES } },
        { input: reordered, result: { dates: DATES } },
      ),
    ).toEqual([
      expect.objectContaining({
        where: 'Court case 1, line 1',
        field: 'sentence length',
        first: '2 years',
        second: '3 years',
      }),
    ])
  })

  it('reports a sentence the checker did not enter, and a date only one side has', () => {
    const diffs = compareCheck(
      { input: booking(), result: { dates: DATES } },
      { input: booking({ sentences: [sds(1, 1, 2)] }), result: { dates: { ...DATES, HDCED: undefined } } },
    )
    expect(diffs.map((d) => [d.where, d.first, d.second])).toEqual([
      [
        'Court case 2, line 1 (standard determinate sentence of 2 years)',
        'standard determinate sentence of 2 years',
        'not entered',
      ],
      ['Home detention curfew eligibility date (HDCED)', '10 January 2025', 'no date'],
    ])
  })
})

describe('checking by independent entry', () => {
  it("verifies when the checker's entry and result match", () => {
    const { state } = confirmed({ command: entry(), actor: bob })
    expect(state.calculations['calc-1']?.check).toMatchObject({
      status: 'verified',
      verified: { by: 'bob', how: 'entry-matched' },
    })
  })

  it('finds differences when the checker enters a different remand figure', () => {
    const { state } = confirmed({ command: entry(thirtyDays, calculated(thirtyDaysDates)), actor: bob })
    const check = state.calculations['calc-1']?.check
    expect(check?.status).toBe('differences-found')
    expect(check?.differences.map((d) => d.id)).toEqual([
      'input:adjustment:REMAND:0:number of days',
      'date:CRD',
    ])
  })

  it('refuses a second entry for the same check', () => {
    const { state } = confirmed({ command: entry(thirtyDays, calculated(thirtyDaysDates)), actor: bob })
    expectRefused(decide(entry(), state, later, dave), 'CHECK_ALREADY_SUBMITTED')
  })

  it('refuses an entry the engine could not calculate, unless it is unsupported and the checker gives dates', () => {
    const { state } = confirmed()
    expectRefused(
      decide(entry(booking(), { status: 'invalid-input', problems: [] }), state, later, bob),
      'CHECK_NOT_CALCULABLE',
    )
    expectRefused(decide(entry(booking(), unsupported()), state, later, bob), 'CHECK_NOT_CALCULABLE')
    expectEvents(
      decide(entry(booking(), unsupported(), DATES), state, later, bob),
      'CheckEntrySubmitted',
      'CalculationVerified',
    )
  })

  it('refuses hand-entered dates from a checker when the engine can calculate their entry', () => {
    expectRefused(
      decide(entry(booking(), calculated(), DATES), confirmed().state, later, bob),
      'ENGINE_CAN_CALCULATE',
    )
  })

  it('refuses checking a calculation that is already verified', () => {
    const { state } = confirmed({ command: entry(), actor: bob })
    expectRefused(decide(entry(), state, later, dave), 'ALREADY_VERIFIED')
  })
})

describe('resolving differences', () => {
  const withDifferences = () =>
    confirmed({ command: entry(thirtyDays, calculated(thirtyDaysDates)), actor: bob })

  it('refuses "the first was right" with an empty or too short reason', () => {
    const { state } = withDifferences()
    expectRefused(
      decide(resolve('date:CRD', { kind: 'first-was-right', reason: '' }), state, later, bob),
      'REASON_TOO_SHORT',
    )
    const message = expectRefused(
      decide(resolve('date:CRD', { kind: 'first-was-right', reason: '   ok       ' }), state, later, bob),
      'REASON_TOO_SHORT',
    )
    expect(message).toBe('Enter why the first calculation was right, in at least 10 characters')
  })

  it('stays "differences found" until every difference is resolved, then is verified', () => {
    const one = withDifferences()
    const why = { kind: 'first-was-right' as const, reason: 'The remand warrant says 35 days' }
    const d1 = expectEvents(
      decide(resolve('input:adjustment:REMAND:0:number of days', why), one.state, later, bob),
      'DifferenceResolved',
    )
    const two = given(...one.steps, {
      command: resolve('input:adjustment:REMAND:0:number of days', why),
      actor: bob,
    })
    expect(two.state.calculations['calc-1']?.check.status).toBe('differences-found')
    expect(d1).toHaveLength(1)
    expectRefused(
      decide(resolve('input:adjustment:REMAND:0:number of days', why), two.state, later, bob),
      'DIFFERENCE_ALREADY_RESOLVED',
    )
    expectEvents(
      decide(resolve('date:CRD', why), two.state, later, dave),
      'DifferenceResolved',
      'CalculationVerified',
    )
  })

  it('refuses an unknown difference', () => {
    expectRefused(
      decide(
        resolve('date:PED', { kind: 'first-was-right', reason: 'Long enough reason' }),
        withDifferences().state,
        later,
        bob,
      ),
      'DIFFERENCE_NOT_FOUND',
    )
  })

  it('accepts a correction only with a new calculation confirmed after the difference was found', () => {
    const { state } = withDifferences()
    const corrected = { kind: 'corrected-and-recalculated' as const, newCalculationId: 'calc-2' }
    expectRefused(decide(resolve('date:CRD', corrected), state, later, bob), 'CORRECTION_NOT_FOUND')
    expectRefused(
      decide(
        resolve('date:CRD', { kind: 'corrected-and-recalculated', newCalculationId: 'calc-1' }),
        state,
        later,
        bob,
      ),
      'CORRECTION_NOT_FOUND',
    )
  })

  it('refuses a "correction" that is an older calculation, confirmed before the difference was found', () => {
    const run = given(request('calc-0'), confirm('calc-0'), request(), confirm(), {
      command: entry(thirtyDays, calculated(thirtyDaysDates)),
      actor: bob,
    })
    expectRefused(
      decide(
        resolve('date:CRD', { kind: 'corrected-and-recalculated', newCalculationId: 'calc-0' }),
        run.state,
        later,
        bob,
      ),
      'CORRECTION_TOO_EARLY',
    )
  })

  it("refuses a correction that still differs from the checker's entry", () => {
    const fixed = withDifferences()
    const stillWrong = given(...fixed.steps, request('calc-2'), confirm('calc-2'))
    const message = expectRefused(
      decide(
        resolve('date:CRD', { kind: 'corrected-and-recalculated', newCalculationId: 'calc-2' }),
        stillWrong.state,
        later,
        bob,
      ),
      'DIFFERENCE_STILL_PRESENT',
    )
    expect(message).toContain('Conditional release date (CRD)')
  })

  it('verifies after the record is corrected and recalculated', () => {
    const input = engineInput(thirtyDays)
    const fixed = given(
      ...withDifferences().steps,
      request('calc-2', alice, calculated(thirtyDaysDates), input),
      confirm('calc-2', alice, input),
    )
    const corrected = { kind: 'corrected-and-recalculated' as const, newCalculationId: 'calc-2' }
    const after = given(
      ...fixed.steps,
      { command: resolve('input:adjustment:REMAND:0:number of days', corrected), actor: bob },
      { command: resolve('date:CRD', corrected), actor: bob },
    )
    expect(after.state.calculations['calc-1']?.check).toMatchObject({
      status: 'verified',
      verified: { how: 'differences-resolved' },
    })
    expect(after.state.calculations['calc-2']?.check.status).toBe('unverified')
  })
})

describe('checking record by record', () => {
  const all = recordsOf(booking()).map((r) => r.id)

  it('does not verify until every record is confirmed: there is no single "agree"', () => {
    const partial = confirmed(...all.slice(0, -1).map((id) => ({ command: confirmRecord(id), actor: bob })))
    expect(partial.state.calculations['calc-1']?.check.status).toBe('unverified')
    expectRefused(decide(confirmRecord('*'), partial.state, later, bob), 'RECORD_NOT_FOUND')
    expectRefused(decide(confirmRecord('all'), partial.state, later, bob), 'RECORD_NOT_FOUND')
    expectEvents(
      decide(confirmRecord(all.at(-1)!), partial.state, later, bob),
      'RecordConfirmed',
      'CalculationVerified',
    )
  })

  it('refuses confirming the same record twice', () => {
    const { state } = confirmed({ command: confirmRecord('sentence:0'), actor: bob })
    expectRefused(decide(confirmRecord('sentence:0'), state, later, bob), 'RECORD_ALREADY_CHECKED')
  })

  it('refuses mixing record checks with an independent entry', () => {
    const records = confirmed({ command: confirmRecord('sentence:0'), actor: bob })
    expectRefused(decide(entry(), records.state, later, bob), 'CHECK_MODE_CONFLICT')
    const entered = confirmed({ command: entry(thirtyDays, calculated(thirtyDaysDates)), actor: bob })
    expectRefused(decide(confirmRecord('sentence:0'), entered.state, later, bob), 'CHECK_MODE_CONFLICT')
  })

  it('a flagged record needs a note, becomes a difference, and must be resolved before verifying', () => {
    const flag = (note: string): CalculationCommand => ({
      type: 'FlagRecord',
      person,
      calculationId: 'calc-1',
      recordId: 'adjustment:REMAND:0',
      note,
    })
    expectRefused(decide(flag('wrong'), confirmed().state, later, bob), 'NOTE_TOO_SHORT')
    const flagged = confirmed(
      { command: flag('The remand warrant says 30 days'), actor: bob },
      { command: confirmRecord('sentence:0'), actor: bob },
      { command: confirmRecord('sentence:1'), actor: bob },
    )
    expect(flagged.state.calculations['calc-1']?.check.status).toBe('differences-found')
    expect(checkComparisonView(flagged.state, 'calc-1')?.differences[0]).toMatchObject({
      kind: 'record',
      where: 'Remand of 35 days from 1 March 2024 to 4 April 2024',
      second: 'The remand warrant says 30 days',
    })
    expectEvents(
      decide(
        resolve('record:adjustment:REMAND:0', {
          kind: 'first-was-right',
          reason: 'Checked the second warrant: 35 days',
        }),
        flagged.state,
        later,
        dave,
      ),
      'DifferenceResolved',
      'CalculationVerified',
    )
  })
})

describe("the manager's view", () => {
  const stream = (prisonNumber: string, ...steps: Step[]): CalculationState =>
    given(
      ...steps.map((s) => ({
        ...s,
        command: { ...s.command, person: { ...person, prisonNumber } } as CalculationCommand,
      })),
    ).state
  const view = (states: CalculationState[], now: Instant = days(5), actor: Actor = maria) =>
    managerView(states, PRISON, now, actor)

  it('lists calculations awaiting a check and checks with differences, longest waiting first', () => {
    const waiting = stream('A0000AA', request(), confirm())
    const checked = stream('B0000BB', request(), confirm(), { command: entry(), actor: bob })
    const differing = stream('C0000CC', request(), confirm(), {
      command: entry(thirtyDays, calculated(thirtyDaysDates)),
      actor: bob,
      now: days(2),
    })
    const result = view([waiting, checked, differing])
    if (!result.ok) throw new Error(result.refusal.message)
    expect(result.view.awaitingCheck).toEqual([
      expect.objectContaining({
        prisonNumber: 'A0000AA',
        calculationId: 'calc-1',
        waitingDays: 5,
        source: 'engine',
        reason: 'Initial calculation',
      }),
    ])
    expect(result.view.differencesFound).toEqual([
      expect.objectContaining({ prisonNumber: 'C0000CC', waitingDays: 3, openDifferences: 2 }),
    ])
  })

  it('shows only the current calculation as awaiting a check', () => {
    const result = view([stream('A0000AA', request(), confirm(), request('calc-2'), confirm('calc-2'))])
    expect(result.ok && result.view.awaitingCheck.map((r) => r.calculationId)).toEqual(['calc-2'])
  })

  it('is refused to someone who is not a manager, or for a prison outside the caseload', () => {
    expect(view([], days(1), bob)).toMatchObject({ ok: false, refusal: { code: 'MISSING_ROLE' } })
    expect(view([], days(1), outsider)).toMatchObject({ ok: false, refusal: { code: 'NOT_IN_CASELOAD' } })
  })
})

describe('helpers for the web layer', () => {
  it("gives the checker's entry the same settings as the first calculation, with the checker's booking", () => {
    const input = engineInput(booking(), { profile: 'sds-50', featureToggles: { adultHdcSuspended: true } })
    const { state } = given(request('calc-1', alice, calculated(), input), confirm('calc-1', alice, input))
    expect(checkerEngineInput(state, 'calc-1', thirtyDays)).toEqual({ ...input, booking: thirtyDays })
    expect(checkerEngineInput(state, 'nope', thirtyDays)).toBeUndefined()
  })

  it('parses a resolution from a form, refusing an empty reason', () => {
    expect(resolutionSchema.safeParse({ kind: 'first-was-right', reason: '  ' }).success).toBe(false)
    expect(
      resolutionSchema.safeParse({ kind: 'first-was-right', reason: 'Warrant says 35 days' }).success,
    ).toBe(true)
    expect(resolutionSchema.safeParse({ kind: 'agree-all' }).success).toBe(false)
  })
})
