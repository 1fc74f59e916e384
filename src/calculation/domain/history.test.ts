import { describe, expect, it } from 'vitest'
import {
  DATES,
  alice,
  bob,
  booking,
  calculated,
  engineInput,
  person,
  remand,
  unsupported,
} from './fixtures.js'
import { calculationView, historyEntries } from './history.js'
import type { CalculationCommand } from './model.js'
import { confirm, given, request } from './testing.js'

const manual: CalculationCommand = {
  type: 'EnterManualDates',
  person,
  calculationId: 'man-1',
  reason: { code: 'TRANSFER_CHECK' },
  currentInput: engineInput(),
  currentOutcome: unsupported(),
  dates: { CRD: '2025-05-01', SLED: '2026-05-01' },
}

const override: CalculationCommand = {
  type: 'OverrideDates',
  person,
  preliminaryId: 'calc-2',
  currentInput: engineInput(),
  overrideReason: { code: 'OTHER', text: 'Order amended on appeal' },
  dates: { ...DATES, CRD: '2025-04-14' },
}

describe('calculation history', () => {
  const run = () =>
    given(
      request('calc-1'),
      confirm('calc-1'),
      {
        command: {
          type: 'SubmitCheckEntry',
          person,
          calculationId: 'calc-1',
          booking: booking(),
          outcome: calculated(),
        },
        actor: bob,
      },
      { command: manual, actor: alice },
      request('calc-2'),
      { command: override, actor: alice },
    )

  it('lists every confirmed calculation newest first, with source, status, who, when and prison', () => {
    const entries = historyEntries(run().state)
    expect(entries.map((e) => [e.calculationId, e.source, e.status, e.isCurrent])).toEqual([
      ['calc-2', 'override', 'unverified', true],
      ['man-1', 'manual', 'unverified', false],
      ['calc-1', 'engine', 'verified', false],
    ])
    expect(entries[2]).toMatchObject({
      calculatedBy: ['alice'],
      prisonId: 'BMI',
      confirmedAt: '2025-03-03T10:00:00Z',
    })
  })

  it('leaves out preliminary results that were never confirmed', () => {
    expect(historyEntries(given(request('calc-1')).state)).toEqual([])
  })

  it('shows an override as an override, with its reason and the dates that were calculated', () => {
    const [latest] = historyEntries(run().state)
    const view = calculationView(latest!)
    expect(view.source).toBe('Override: the calculated dates were replaced')
    expect(view.overrideReason).toBe('Other: Order amended on appeal')
    expect(view.dates.find((d) => d.type === 'CRD')).toEqual({
      type: 'CRD',
      name: 'Conditional release date',
      iso: '2025-04-14',
      date: '14 April 2025',
      calculated: '12 April 2025',
      releaseDay: 'Monday 14 April 2025',
      releaseOn: '2025-04-14',
      calendarUnknown: false,
    })
  })

  it('shows a past calculation exactly as it was, even after the inputs changed', () => {
    const first = given(request('calc-1'), confirm('calc-1'))
    const changed = engineInput(
      booking({ adjustments: { REMAND: [remand(30, '2024-03-01', '2024-04-04')] } }),
    )
    const later = given(
      ...first.steps,
      request('calc-2', alice, calculated({ CRD: '2025-04-17' }), changed),
      confirm('calc-2', alice, changed),
    )
    const old = historyEntries(later.state).find((e) => e.calculationId === 'calc-1')!
    const view = calculationView(old)
    expect(view.adjustments).toEqual([
      { type: 'REMAND', name: 'Remand', days: 35, from: '1 March 2024', to: '4 April 2024' },
    ])
    expect(view.dates.map((d) => [d.type, d.date])).toEqual([
      ['SLED', '20 April 2026'],
      ['CRD', '12 April 2025'],
      ['HDCED', '10 January 2025'],
    ])
    expect(view).toMatchObject({
      title: 'Calculation confirmed on 3 March 2025',
      reason: 'Initial calculation',
      source: 'Calculated by SafeRelease',
      status: 'Not verified',
      isCurrent: false,
      settings: {
        profile: 'calculation-params',
        switchesOn: [],
        bankHolidays: ['18 April 2025', '21 April 2025', '5 May 2025'],
      },
    })
    expect(view.sentences[1]).toMatchObject({
      label: 'Court case 2, line 1',
      length: '2 years',
      consecutiveTo: 'Concurrent',
    })
  })

  it("keeps the engine's messages for a manual calculation, to show why it was done by hand", () => {
    const entry = historyEntries(given({ command: manual, actor: alice }).state)[0]!
    expect(calculationView(entry)).toMatchObject({
      source: 'Entered by hand (SafeRelease could not calculate this case)',
      reason: 'Transfer check',
      messages: [{ category: 'UNSUPPORTED' }],
    })
  })
})
