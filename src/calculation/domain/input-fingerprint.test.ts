import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { booking, engineInput, remand, sds } from './fixtures.js'
import { describeEngineInputChanges, describeInputChanges, fingerprintInput } from './input-fingerprint.js'

describe('fingerprintInput', () => {
  it('is the same for the same inputs, whatever the key order', () => {
    const a = engineInput()
    const b = JSON.parse(JSON.stringify(a)) as typeof a
    const reordered = {
      userInputs: b.userInputs,
      bankHolidays: [...b.bankHolidays].reverse(),
      booking: b.booking,
      featureToggles: b.featureToggles,
      profile: b.profile,
    }
    expect(fingerprintInput(reordered)).toBe(fingerprintInput(a))
    expect(fingerprintInput(a)).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('treats a switch that is off the same as a switch that is not set', () => {
    expect(fingerprintInput(engineInput(booking(), { featureToggles: { adultHdcSuspended: false } }))).toBe(
      fingerprintInput(engineInput()),
    )
  })

  it('treats a missing optional field the same as null', () => {
    const b = booking()
    const withNull = booking({ returnToCustodyDate: null })
    expect(fingerprintInput(engineInput(withNull))).toBe(fingerprintInput(engineInput(b)))
  })

  it('changes when one remand day changes', () => {
    const changed = booking({ adjustments: { REMAND: [remand(36, '2024-03-01', '2024-04-04')] } })
    expect(fingerprintInput(engineInput(changed))).not.toBe(fingerprintInput(engineInput()))
  })

  it('changes when a bank holiday is added, the profile or a switch changes', () => {
    const base = fingerprintInput(engineInput())
    expect(fingerprintInput(engineInput(booking(), { bankHolidays: ['2025-12-25'] }))).not.toBe(base)
    expect(fingerprintInput(engineInput(booking(), { profile: 'sds-50' }))).not.toBe(base)
    expect(
      fingerprintInput(engineInput(booking(), { featureToggles: { adultHdcSuspended: true } })),
    ).not.toBe(base)
  })
})

describe('describeInputChanges', () => {
  it('says nothing changed for the same booking', () => {
    expect(describeInputChanges(booking(), booking())).toEqual([])
  })

  it('names the court case and line when a sentence length changes', () => {
    const after = booking({ sentences: [sds(1, 1, 2), sds(2, 1, 3)] })
    expect(describeInputChanges(booking(), after)).toEqual([
      'Court case 2, line 1: sentence length changed from 2 years to 3 years',
    ])
  })

  it('says when a remand is added', () => {
    const after = booking({
      adjustments: { REMAND: [remand(35, '2024-03-01', '2024-04-04'), remand(35, '2023-01-01')] },
    })
    expect(
      describeInputChanges(
        booking({ adjustments: { REMAND: [remand(35, '2024-03-01', '2024-04-04')] } }),
        after,
      ),
    ).toEqual(['Remand of 35 days from 1 January 2023 added'])
    expect(
      describeInputChanges(
        booking({ adjustments: {} }),
        booking({ adjustments: { REMAND: [{ appliesToSentencesFrom: '2024-06-03', numberOfDays: 35 }] } }),
      ),
    ).toEqual(['Remand of 35 days added'])
  })

  it('says when the days of a remand change', () => {
    const after = booking({ adjustments: { REMAND: [remand(30, '2024-03-01', '2024-04-04')] } })
    expect(describeInputChanges(booking(), after)).toEqual([
      'Remand from 1 March 2024 to 4 April 2024: number of days changed from 35 to 30',
    ])
  })

  it('does not report a reordering of the same adjustments', () => {
    const a = booking({ adjustments: { REMAND: [remand(10, '2024-01-01'), remand(20, '2024-02-01')] } })
    const b = booking({ adjustments: { REMAND: [remand(20, '2024-02-01'), remand(10, '2024-01-01')] } })
    expect(describeInputChanges(a, b)).toEqual([])
  })

  it('says when a sentence is removed, added or made consecutive', () => {
    const removed = booking({ sentences: [sds(1, 1, 2)] })
    expect(describeInputChanges(booking(), removed)).toEqual([
      'Court case 2, line 1 (standard determinate sentence of 2 years) removed',
    ])
    expect(describeInputChanges(removed, booking())).toEqual([
      'Court case 2, line 1 (standard determinate sentence of 2 years) added',
    ])
    const consecutive = booking({
      sentences: [sds(1, 1, 2), sds(2, 1, 2, { consecutiveSentenceUUIDs: ['s-1-1'] })],
    })
    expect(describeInputChanges(booking(), consecutive)).toEqual([
      'Court case 2, line 1: consecutive to changed from none (concurrent) to Court case 1, line 1',
    ])
  })

  it('names the date of birth and the sentence date in GOV.UK style', () => {
    const after = booking({
      offender: { reference: 'A1234BC', dateOfBirth: '1990-05-18', isActiveSexOffender: false },
      sentences: [sds(1, 1, 2, { sentencedAt: '2024-06-04' }), sds(2, 1, 2)],
    })
    expect(describeInputChanges(booking(), after)).toEqual([
      'The person: date of birth changed from 17 May 1990 to 18 May 1990',
      'Court case 1, line 1: sentence date changed from 3 June 2024 to 4 June 2024',
    ])
  })
})

describe('describeEngineInputChanges', () => {
  it('reports settings and calendar changes as well as booking changes', () => {
    const before = engineInput()
    const after = engineInput(booking(), {
      profile: 'sds-50',
      featureToggles: { adultHdcSuspended: true },
      userInputs: { calculateErsed: true },
      bankHolidays: [...before.bankHolidays, '2025-08-25'],
    })
    expect(describeEngineInputChanges(before, after)).toEqual([
      'Legislation profile changed from calculation-params to sds-50',
      'Setting "adultHdcSuspended" switched on',
      'Calculate the early removal scheme eligibility date: changed from not answered to yes',
      'Bank holiday 25 August 2025 added to the calendar',
    ])
  })
})

describe('fingerprint and change list agree (property)', () => {
  const years = fc.integer({ min: 1, max: 20 })
  const daysOf = fc.integer({ min: 0, max: 400 })
  const arbitraryBooking = fc
    .record({ y1: years, y2: years, remandDays: fc.array(daysOf, { maxLength: 3 }) })
    .map(({ y1, y2, remandDays }) =>
      booking({
        sentences: [sds(1, 1, y1), sds(2, 1, y2)],
        adjustments: { REMAND: remandDays.map((d, i) => remand(d, `2024-0${i + 1}-01`)) },
      }),
    )

  it('says something changed exactly when the fingerprint changes', () => {
    fc.assert(
      fc.property(arbitraryBooking, arbitraryBooking, (a, b) => {
        const changed = fingerprintInput(engineInput(a)) !== fingerprintInput(engineInput(b))
        expect(describeEngineInputChanges(engineInput(a), engineInput(b)).length > 0).toBe(changed)
      }),
      { numRuns: 300 },
    )
  })
})
