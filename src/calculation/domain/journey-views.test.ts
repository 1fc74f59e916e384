import { describe, expect, it } from 'vitest'
import type { CalculationOutcome } from '../../engine/api.js'
import {
  alice,
  badData,
  booking,
  calculated,
  engineInput,
  remand,
  result,
  sds,
  unsupported,
} from './fixtures.js'
import { checkInformationView, nextStep, preliminaryView } from './journey-views.js'
import { confirm, given, request } from './testing.js'

describe('check the information', () => {
  it('lays sentences out by court case', () => {
    const input = engineInput(booking({ sentences: [sds(1, 1, 2), sds(2, 1, 2), sds(1, 2, 1)] }))
    const view = checkInformationView(input, calculated())
    expect(view.courtCases.map((c) => [c.heading, c.sentences.map((s) => s.label)])).toEqual([
      ['Court case 1 (T20240001)', ['Court case 1, line 1', 'Court case 1, line 2']],
      ['Court case 2 (T20240002)', ['Court case 2, line 1']],
    ])
    expect(view.next).toBe('continue')
  })

  it('attaches each message to the sentence or adjustment it names, with the record to fix', () => {
    const outcome: CalculationOutcome = {
      status: 'calculated',
      result: result({}),
      messages: [
        {
          code: 'OFFENCE_DATE_AFTER_SENTENCE',
          category: 'BAD_DATA',
          message: 'Court case 2, line 1: offence date is after the sentence date',
          sentence: { index: 1 },
        },
        {
          code: 'REMAND_OVERLAP',
          category: 'BAD_DATA',
          message: 'Remand overlaps',
          path: 'adjustments.REMAND[1]',
        },
        { code: 'WHOLE', category: 'WARNING', message: 'Check the booking', path: 'returnToCustodyDate' },
      ],
    }
    const input = engineInput(
      booking({ adjustments: { REMAND: [remand(10, '2024-01-01'), remand(20, '2024-02-01')] } }),
    )
    const view = checkInformationView(input, outcome)
    expect(view.courtCases[1]?.sentences[0]?.messages).toEqual([
      expect.objectContaining({ code: 'OFFENCE_DATE_AFTER_SENTENCE', fix: { kind: 'sentence', index: 1 } }),
    ])
    expect(view.adjustments.map((a) => a.messages.map((m) => m.code))).toEqual([[], ['REMAND_OVERLAP']])
    expect(view.otherMessages).toEqual([
      expect.objectContaining({ code: 'WHOLE', fix: { kind: 'booking', path: 'returnToCustodyDate' } }),
    ])
    expect(view.next).toBe('fix-information')
  })

  it('sends an unsupported case to manual entry, and an unreadable one to be fixed', () => {
    expect(nextStep(unsupported())).toBe('manual-entry')
    expect(nextStep(badData())).toBe('fix-information')
    expect(
      nextStep({
        status: 'invalid-input',
        problems: [{ path: 'sentences[0].sentencedAt', message: 'is required' }],
      }),
    ).toBe('fix-information')
    expect(
      checkInformationView(engineInput(), {
        status: 'invalid-input',
        problems: [{ path: 'sentences[0].sentencedAt', message: 'is required' }],
      }).courtCases[0]?.sentences[0]?.messages[0]?.message,
    ).toBe('sentences[0].sentencedAt is required')
  })
})

describe('the preliminary result', () => {
  it("shows each date with its full name, explanation, the engine's notes and a non-working-day note", () => {
    const outcome = calculated({ CRD: '2025-04-18', SLED: '2026-04-20' })
    if (outcome.status !== 'calculated') throw new Error('fixture')
    outcome.result.explanations.push({
      type: 'CRD',
      date: '2025-04-18',
      rule: 'SDS_HALF',
      summary: 'Half of the sentence, less remand',
      sources: [{ provision: 'Criminal Justice Act 2003, s.244(3)(a)' }],
      steps: [{ says: 'Half of 2 years', value: '365 days' }],
    })
    outcome.result.hints = { CRD: ['Thursday, 17 April 2025 when adjusted to a working day'] }
    const { state } = given(request('calc-1', alice, outcome))
    const view = preliminaryView(state, 'calc-1')
    expect(view?.dates).toEqual([
      {
        type: 'SLED',
        name: 'Sentence and licence expiry date',
        date: '20 April 2026',
        notWorkingDay: false,
        calendarUnknown: false,
        hints: [],
      },
      {
        type: 'CRD',
        name: 'Conditional release date',
        date: '18 April 2025',
        notWorkingDay: true,
        note: 'Friday 18 April 2025 — not a working day',
        releaseDay:
          'Thursday 17 April 2025 (18 April 2025 is a bank holiday, so release is on the working day before)',
        calendarUnknown: false,
        hints: ['Thursday, 17 April 2025 when adjusted to a working day'],
        explanation: {
          rule: 'SDS_HALF',
          summary: 'Half of the sentence, less remand',
          steps: [{ says: 'Half of 2 years', value: '365 days' }],
          sources: [{ provision: 'Criminal Justice Act 2003, s.244(3)(a)' }],
        },
      },
    ])
    expect(view).toMatchObject({ canConfirm: true, next: 'continue', reason: 'Initial calculation' })
  })

  it('cannot be confirmed once used, or when the engine found a problem', () => {
    expect(preliminaryView(given(request(), confirm()).state, 'calc-1')?.canConfirm).toBe(false)
    expect(preliminaryView(given(request('calc-1', alice, badData())).state, 'calc-1')).toMatchObject({
      canConfirm: false,
      next: 'fix-information',
    })
    expect(preliminaryView(given(request('calc-1', alice, unsupported())).state, 'calc-1')).toMatchObject({
      canConfirm: false,
      next: 'manual-entry',
      dates: [],
    })
    expect(preliminaryView(given(request()).state, 'nope')).toBeUndefined()
  })
})
