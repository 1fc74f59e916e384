/**
 * The Justice Performance Board's figures for a hand-worked month (October 2026), from real
 * records — register entries, calculations (engine, by hand, overridden), second checks and a
 * court query past its deadline — with discharges from a fixture of the release gate's port.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { addPerson, simpleBooking } from '../support/calculation.js'
import { PRISON_A, PRISON_B } from '../support/fixtures.js'
import type { DischargesReader } from '../../src/oversight/board/domain/ports.js'
import type { User } from '../../src/accounts/users.js'

/** What the release gate would report: releases per prison and month. */
const DISCHARGES = [
  { month: '2026-10', prisonId: PRISON_A.id, discharges: 4000 },
  { month: '2026-10', prisonId: PRISON_B.id, discharges: 1000 },
  { month: '2026-09', prisonId: PRISON_A.id, discharges: 2000 },
  { month: '2026-11', prisonId: PRISON_A.id, discharges: 9999 },
]
const fixtureDischarges: DischargesReader = {
  dischargesByMonth: async (from, to, prisons) =>
    DISCHARGES.filter((d) => d.month >= from && d.month <= to && (!prisons || prisons.includes(d.prisonId))),
}

describeEachDatabase('Justice Performance Board figures', (dialect) => {
  let t: TestApp
  let now = new Date('2026-10-01T08:00:00Z')
  const at = (iso: string) => (now = new Date(iso))
  beforeEach(async () => {
    now = new Date('2026-10-01T08:00:00Z')
    t = await buildTestApp(dialect, { clock: { now: () => now }, dischargesReader: fixtureDischarges })
  })
  afterEach(async () => t.dispose())

  const api = (role: 'calculator' | 'checker', url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      payload: payload as object,
    })
  const calculate = async (pn: string) => {
    const res = await api('calculator', `/api/v1/people/${pn}/calculations`, {
      reason: { code: 'INITIAL_CALCULATION' },
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { calculationId: string; version: string }
  }

  async function seedOctober(manager: User) {
    const s = t.app.services
    // Three people received in October; first calculations after 4, 2 and 6 days (median 4).
    at('2026-10-01T09:00:00Z')
    await addPerson(t.app, 'K1000AA')
    await addPerson(t.app, 'K2000AA', { recall: true, firstName: 'Una' })
    at('2026-10-02T09:00:00Z')
    await addPerson(t.app, 'K3000AA')

    at('2026-10-03T09:00:00Z') // by hand (the engine cannot calculate the recall)
    const manual = await api('calculator', `/api/v1/people/K2000AA/calculations/manual`, {
      reason: { code: 'INITIAL_CALCULATION' },
      dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
    })
    expect(manual.statusCode, manual.body).toBe(201)

    at('2026-10-05T09:00:00Z') // the engine's dates, confirmed
    const engine = await calculate('K1000AA')
    expect(
      (await api('calculator', `/api/v1/people/K1000AA/calculations/${engine.calculationId}/confirm`, engine))
        .statusCode,
    ).toBe(200)

    at('2026-10-08T09:00:00Z') // overridden: released in the next 14 days of the pack's "now"
    const over = await calculate('K3000AA')
    const overridden = await api(
      'calculator',
      `/api/v1/people/K3000AA/calculations/${over.calculationId}/override`,
      {
        version: over.version,
        reason: { code: 'POWER_TO_DETAIN' },
        dates: { CRD: '2026-11-10', SLED: '2027-11-10' },
      },
    )
    expect(overridden.statusCode, overridden.body).toBe(200)

    // Second checks: the engine calculation matches the checker's entry; the override does not.
    at('2026-10-12T09:00:00Z')
    const clean = await api(
      'checker',
      `/api/v1/people/K1000AA/calculations/${engine.calculationId}/check/entry`,
      {
        booking: simpleBooking('K1000AA'),
      },
    )
    expect(clean.statusCode, clean.body).toBe(200)
    const differing = await api(
      'checker',
      `/api/v1/people/K3000AA/calculations/${over.calculationId}/check/entry`,
      {
        booking: simpleBooking('K3000AA', { remandDays: 25 }),
      },
    )
    expect(differing.statusCode, differing.body).toBe(200)

    // A court query raised on 20 October: long past its deadline by the pack's "now".
    at('2026-10-20T09:00:00Z')
    const calculator = (await s.users.findByUsername('calculator1'))!
    await s.courts.raiseQuery(calculator, await s.people.getByPrisonNumber('K1000AA'), {
      kind: 'OUTSTANDING_WARRANTS',
      courts: ['LEEDCC'],
      question: 'Any outstanding warrants?',
    })

    const entry = (over: Record<string, unknown>) => ({
      name: 'Pat Person',
      prisonNumber: 'P1000PP',
      prisonId: PRISON_A.id,
      howFound: 'PRISON_STAFF',
      ...over,
    })
    const records = [
      entry({
        direction: 'EARLY',
        releasedOn: '2026-10-03',
        days: 10,
        rootCauses: ['SENTENCE_MISCALCULATED', 'DATA_ENTRY'],
        detectedAt: '2026-10-04T09:00:00Z',
        policeNotifiedAt: '2026-10-04T10:30:00Z', // 90 minutes
      }),
      entry({
        direction: 'EARLY',
        releasedOn: '2026-10-15',
        days: 3,
        rootCauses: ['WARRANT_NOT_APPLIED'],
        detectedAt: '2026-10-15T12:00:00Z',
        policeNotifiedAt: '2026-10-15T14:30:00Z', // 150 minutes
      }),
      entry({
        prisonId: PRISON_B.id,
        direction: 'EARLY',
        releasedOn: '2026-10-20',
        days: 30,
        rootCauses: ['WRONG_PERSON'],
        detectedAt: '2026-10-21T08:00:00Z',
        policeNotifiedAt: '2026-10-21T16:00:00Z', // 480 minutes
      }),
      entry({ direction: 'LATE', releasedOn: '2026-10-10', days: 4, rootCauses: ['LATE_COURT_CHANGE'] }),
      entry({
        direction: 'LATE',
        releasedOn: '2026-10-31',
        days: 2,
        rootCauses: ['HOLD_NOT_CLEARED', 'DATA_ENTRY'],
      }),
      // Outside the month: September counts in the twelve before; November not at all.
      entry({ direction: 'EARLY', releasedOn: '2026-09-12', days: 5, rootCauses: ['DATA_ENTRY'] }),
      entry({ direction: 'EARLY', releasedOn: '2026-11-01', days: 5, rootCauses: ['DATA_ENTRY'] }),
    ]
    for (const r of records) await s.register.record(manager, r)
  }

  it('matches the hand-worked figures for October 2026, estate-wide and by prison', async () => {
    const s = t.app.services
    const manager = await s.users.create(
      { username: 'system:test' },
      {
        username: 'managerab',
        displayName: 'Manager AB',
        kind: 'local',
        password: 'test-password-123',
        roles: ['manager'],
        prisons: [PRISON_A.id, PRISON_B.id],
        estateWide: false,
      },
    )
    await seedOctober(manager)
    at('2026-11-02T09:00:00Z')
    const analyst = (await s.users.findByUsername('analyst1'))!
    const pack = await s.board.pack(analyst.caseload, '2026-10')

    expect(pack.thisMonth).toEqual({
      month: '2026-10',
      discharges: 5000,
      releasesInError: 3,
      lateReleases: 2,
      releasesInErrorPer10k: 6, // 3 / 5,000 × 10,000
      lateReleasesPer10k: 4, // 2 / 5,000 × 10,000
      daysOverHeld: 6, // 4 + 2
      daysAtLargeOrEarly: 43, // 10 + 3 + 30
      policeNotified: 3,
      medianMinutesToPolice: 150, // of 90, 150, 480
      policeNotifiedWithinTwoHours: 1, // the 90 minutes
      calculations: 3,
      overriddenOrManual: 2,
      overriddenOrManualShare: 66.7, // 2 of 3
      checks: 2,
      checksWithDifferences: 1,
      checkDifferenceRate: 50,
      firstCalculations: 3,
      medianDaysReceptionToFirstCalculation: 4, // of 2, 4, 6
    })
    expect(
      pack.byPrison.map((p) => [
        p.prisonId,
        p.discharges,
        p.releasesInError,
        p.releasesInErrorPer10k,
        p.lateReleases,
        p.lateReleasesPer10k,
        p.daysOverHeld,
      ]),
    ).toEqual(
      [
        [PRISON_A.id, 4000, 2, 5, 2, 5, 6],
        [PRISON_B.id, 1000, 1, 10, 0, 0, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    )
    const causes = Object.fromEntries(
      pack.byCause
        .filter((c) => c.releasesInError + c.lateReleases > 0)
        .map((c) => [c.cause, [c.releasesInError, c.lateReleases]]),
    )
    expect(causes).toEqual({
      SENTENCE_MISCALCULATED: [1, 0],
      WARRANT_NOT_APPLIED: [1, 0],
      WRONG_PERSON: [1, 0],
      DATA_ENTRY: [1, 1],
      LATE_COURT_CHANGE: [0, 1],
      HOLD_NOT_CLEARED: [0, 1],
    })
    // The twelve months before: only September has an entry (1) and discharges (2,000).
    expect(pack.months.map((m) => m.month)[0]).toBe('2025-10')
    expect(pack.months.find((m) => m.month === '2026-09')).toMatchObject({
      releasesInError: 1,
      releasesInErrorPer10k: 5,
    })
    const compare = Object.fromEntries(
      pack.comparison.map((c) => [c.metric, [c.thisMonth, c.previousTwelveMean]]),
    )
    expect(compare.releasesInError).toEqual([3, 0.1]) // 1 in twelve months
    expect(compare.releasesInErrorPer10k).toEqual([6, 5]) // September is the only month with a rate
    expect(pack.live).toEqual({
      releasesNext14Days: 1, // the override's CRD of 10 November
      releasesNext14DaysWithoutVerifiedCalculation: 1, // its check found a difference
      courtQueriesPastSla: 1,
      courtChangesUnacknowledgedPastDeadline: 0,
    })

    // The live indicators in /metrics, estate-wide.
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toMatch(/saferelease_board_releases_next_14_days 1/)
    expect(metrics).toMatch(/saferelease_board_releases_next_14_days_unverified 1/)
    expect(metrics).toMatch(/saferelease_board_court_queries_past_sla 1/)
    expect(metrics).toMatch(/saferelease_board_court_changes_past_deadline 0/)

    // A manager of one prison sees that prison's figures only.
    const managerA = (await s.users.findByUsername('manager1'))!
    const mine = await s.board.pack(managerA.caseload, '2026-10')
    expect(mine.scope.prisons.map((p) => p.id)).toEqual([PRISON_A.id])
    expect(mine.thisMonth).toMatchObject({
      discharges: 4000,
      releasesInError: 2,
      lateReleases: 2,
      releasesInErrorPer10k: 5,
    })
    await expect(s.board.pack(managerA.caseload, '2026-10', PRISON_B.id)).rejects.toThrow(/not found/)
  })

  it('gives no rate, rather than a made-up one, when no discharges are recorded', async () => {
    const bare = await buildTestApp(dialect, { clock: { now: () => now } })
    try {
      const manager = (await bare.app.services.users.findByUsername('manager1'))!
      await bare.app.services.register.record(manager, {
        name: 'Pat',
        prisonNumber: 'P1000PP',
        prisonId: PRISON_A.id,
        howFound: 'PRISON_STAFF',
        direction: 'EARLY',
        releasedOn: '2026-09-03',
        days: 1,
        rootCauses: ['OTHER'],
      })
      const pack = await bare.app.services.board.pack(manager.caseload, '2026-09')
      expect(pack.thisMonth).toMatchObject({
        releasesInError: 1,
        discharges: null,
        releasesInErrorPer10k: null,
      })
    } finally {
      await bare.dispose()
    }
  })
})
