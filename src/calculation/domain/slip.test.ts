import { describe, expect, it } from 'vitest'
import { alice, booking, calculated, engineInput, person, sds } from './fixtures.js'
import { historyEntries } from './history.js'
import type { CalculationCommand } from './model.js'
import { DISPUTE_PARAGRAPHS, slipView } from './slip.js'
import type { SlipRequest } from './slip.js'
import { confirm, given, request } from './testing.js'

const BANK_HOLIDAYS = ['2025-04-18', '2025-04-21', '2025-05-05']

function slip(
  variant: SlipRequest['variant'],
  dates = { CRD: '2025-04-12', SLED: '2026-04-20', HDCED: '2025-04-18' },
) {
  const input = engineInput(
    booking({ sentences: [sds(1, 1, 2), sds(2, 1, 1, { consecutiveSentenceUUIDs: ['s-1-1'] })] }),
  )
  const reason = { code: 'OTHER' as const, text: 'Checked after query from the court' }
  const { state } = given(
    request('calc-1', alice, calculated(dates), input, reason),
    confirm('calc-1', alice, input),
  )
  return slipView({
    variant,
    prison: { id: 'BMI', name: 'HMP Birmingham' },
    person: { name: 'John Smith', prisonNumber: person.prisonNumber, dateOfBirth: '1990-05-17' },
    entry: historyEntries(state)[0]!,
    bankHolidays: BANK_HOLIDAYS,
  })
}

describe('notification slip', () => {
  it('shows the prison, the person and the calculation in GOV.UK style', () => {
    expect(slip('prisoner')).toMatchObject({
      title: 'Release dates notification',
      copy: 'Prisoner copy',
      prison: 'HMP Birmingham',
      person: { name: 'John Smith', prisonNumber: 'A1234BC', dateOfBirth: '17 May 1990' },
      calculation: { date: '3 March 2025', reason: 'Other', howSet: 'Calculated by SafeRelease' },
    })
  })

  it('names each date in full and gives the day of release beside the date in law; expiry dates have none', () => {
    expect(slip('prisoner').dates).toEqual([
      {
        type: 'SLED',
        name: 'Sentence and licence expiry date',
        date: '20 April 2026',
        calendarUnknown: false,
      },
      {
        type: 'CRD',
        name: 'Conditional release date',
        date: '12 April 2025',
        releaseDay:
          'Friday 11 April 2025 (12 April 2025 is a Saturday, so release is on the working day before)',
        calendarUnknown: false,
      },
      {
        type: 'HDCED',
        name: 'Home detention curfew eligibility date',
        date: '18 April 2025',
        // Good Friday, then a weekend and Easter Monday.
        releaseDay:
          'Tuesday 22 April 2025 (18 April 2025 is a bank holiday, so eligibility starts on the next working day)',
        calendarUnknown: false,
      },
    ])
  })

  it('flags a release date in a year the bank-holiday calendar does not cover', () => {
    const dates = slip('prisoner', { CRD: '2031-04-12', SLED: '2032-04-20', HDCED: '2031-01-08' }).dates
    expect(dates.find((d) => d.type === 'CRD')).toMatchObject({
      releaseDay: 'Bank holidays are not known for 2031: check the working day by hand',
      calendarUnknown: true,
    })
    expect(dates.find((d) => d.type === 'SLED')).toMatchObject({ calendarUnknown: false })
    expect(dates.find((d) => d.type === 'SLED')?.releaseDay).toBeUndefined()
  })

  it('lists sentences and adjustments', () => {
    const view = slip('establishment')
    expect(view.sentences.map((s) => [s.label, s.length, s.consecutiveTo])).toEqual([
      ['Court case 1, line 1', '2 years', 'Concurrent'],
      ['Court case 2, line 1', '1 year', 'Court case 1, line 1'],
    ])
    expect(view.adjustments).toEqual([
      { type: 'REMAND', name: 'Remand', days: 35, from: '1 March 2024', to: '4 April 2024' },
    ])
  })

  it('tells the prisoner how to dispute the dates, in plain English', () => {
    const view = slip('prisoner')
    expect(view.disputing?.heading).toBe('If you think these dates are wrong')
    expect(view.disputing?.paragraphs.join(' ')).toContain('Offender Management Unit')
    expect(view.disputing?.paragraphs.join(' ')).toContain('make a complaint')
    expect(view.establishment).toBeUndefined()
  })

  it('keeps staff notes and names off the prisoner copy, and puts them on the establishment copy', () => {
    const prisoner = JSON.stringify(slip('prisoner'))
    expect(prisoner).not.toContain('Checked after query')
    expect(prisoner).not.toContain('alice')
    const establishment = slip('establishment')
    expect(establishment.disputing).toBeUndefined()
    expect(establishment.establishment).toEqual({
      calculationId: 'calc-1',
      reasonInFull: 'Other: Checked after query from the court',
      calculatedBy: ['alice'],
      confirmedBy: 'alice',
      secondCheck: 'Not verified',
    })
    expect(DISPUTE_PARAGRAPHS.length).toBeGreaterThan(0)
  })

  it('says on both copies when the dates are an override', () => {
    const input = engineInput()
    const override: CalculationCommand = {
      type: 'OverrideDates',
      person,
      preliminaryId: 'calc-1',
      currentInput: input,
      overrideReason: { code: 'CROSS_BORDER' },
      dates: { CRD: '2025-04-14', SLED: '2026-04-20' },
    }
    const { state } = given(request(), { command: override, actor: alice })
    for (const variant of ['prisoner', 'establishment'] as const) {
      const view = slipView({
        variant,
        prison: { id: 'BMI', name: 'HMP Birmingham' },
        person: { name: 'John Smith', prisonNumber: 'A1234BC', dateOfBirth: '1990-05-17' },
        entry: historyEntries(state)[0]!,
        bankHolidays: [],
      })
      expect(view.calculation.howSet).toBe('Override: the calculated dates were replaced')
    }
  })
})
