/**
 * Oversight re-checks: recorded dates against the engine today, classified by impact and
 * priority, kept for triage at the person's prison; law-change runs; runs kept with who started
 * them; cancelling; access (managers for their prison, analysts read-only, administrators).
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { personWithConfirmedDates } from '../support/recheck.js'
import { PRISON_A } from '../support/fixtures.js'
import { calculate } from '../../src/engine/index.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'
import { releaseDateOf } from '../../src/oversight/domain/index.js'

describeEachDatabase('Oversight re-check', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
  })
  afterEach(async () => t.dispose())

  const api = (
    role: 'manager' | 'analyst' | 'admin' | 'calculator',
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      ...(payload ? { payload } : {}),
    })
  const user = async (name: string) => (await t.app.services.users.findByUsername(name))!

  it('finds a potential release in error and a potential unlawful detention, and classifies both', async () => {
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'R1000AA')
    const early = await personWithConfirmedDates(t.app, t.tokens.calculator, 'R1000BB', -10)
    const late = await personWithConfirmedDates(t.app, t.tokens.calculator, 'R1000CC', 15)
    const started = await api('manager', 'POST', '/recheck/runs', {
      scope: { kind: 'prison', prisonId: PRISON_A.id },
    })
    expect(started.statusCode).toBe(201)
    const run = started.json() as {
      id: string
      startedBy: string
      profile: string
      engineVersion: string
      status: string
    }
    expect(run).toMatchObject({ startedBy: 'svc-manager', profile: 'calculation-params', status: 'RUNNING' })
    expect(run.engineVersion).toMatch(/engine/)

    await t.app.services.recheckWorker.drain(run.id)

    const done = (await api('manager', 'GET', `/recheck/runs/${run.id}`)).json() as {
      status: string
      percent: number
      checkedPeople: number
    }
    expect(done).toMatchObject({ status: 'COMPLETED', percent: 100 })
    const { findings } = (await api('manager', 'GET', `/recheck/runs/${run.id}/findings`)).json() as {
      findings: {
        prisonNumber: string
        impact: string
        recordedRelease: string
        engineRelease: string
        daysDifference: number
        differences: { type: string }[]
      }[]
    }
    const byNumber = Object.fromEntries(findings.map((f) => [f.prisonNumber, f]))
    expect(Object.keys(byNumber).sort()).toEqual(['R1000BB', 'R1000CC'])
    expect(byNumber.R1000BB).toMatchObject({
      impact: 'POTENTIAL_RELEASE_IN_ERROR',
      engineRelease: early.CRD,
      daysDifference: 10,
    })
    expect(byNumber.R1000CC).toMatchObject({
      impact: 'POTENTIAL_UNLAWFUL_DETENTION',
      engineRelease: late.CRD,
      daysDifference: -15,
    })
    expect(byNumber.R1000BB!.differences.map((d) => d.type)).toEqual(['CRD'])
  })

  it('puts releases within 28 days first, and triage resolves by recalculation or by a recorded reason', async () => {
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'R2000AA', -3)
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'R2000BB', 4)
    const run = (
      await api('manager', 'POST', '/recheck/runs', {
        scope: { kind: 'people', prisonNumbers: ['R2000AA', 'R2000BB'] },
      })
    ).json() as { id: string }
    await t.app.services.recheckWorker.drain(run.id)
    type F = {
      id: number
      version: number
      prisonNumber: string
      priority: string
      recordedRelease: string
      triage: { status: string }
    }
    const list = (
      (await api('analyst', 'GET', `/recheck/runs/${run.id}/findings`)).json() as { findings: F[] }
    ).findings
    expect(list).toHaveLength(2)
    // The fixture's release dates are in 2025: past, so both are urgent; the sooner comes first.
    expect(list.every((f) => f.priority === 'URGENT')).toBe(true)
    expect(list[0]!.recordedRelease <= list[1]!.recordedRelease).toBe(true)

    const [first, second] = list as [F, F]
    // Analysts read, never change.
    expect(
      (
        await api('analyst', 'POST', `/recheck/findings/${first.id}/triage`, {
          action: 'investigate',
          version: first.version,
        })
      ).statusCode,
    ).toBe(403)
    const assigned = await api('manager', 'POST', `/recheck/findings/${first.id}/triage`, {
      action: 'assign',
      assignTo: 'calculator1',
      version: first.version,
    })
    expect(assigned.statusCode).toBe(200)
    expect(assigned.json()).toMatchObject({ triage: { status: 'ASSIGNED', assignedTo: 'calculator1' } })
    const stale = await api('manager', 'POST', `/recheck/findings/${first.id}/triage`, {
      action: 'investigate',
      version: first.version,
    })
    expect(stale.statusCode).toBe(409)
    const resolved = await api('manager', 'POST', `/recheck/findings/${first.id}/triage`, {
      action: 'recalculate',
      version: first.version + 1,
    })
    expect(resolved.json()).toMatchObject({ triage: { status: 'RESOLVED', resolution: 'RECALCULATE' } })
    const person = await t.app.services.people.getByPrisonNumber(first.prisonNumber)
    const current = await t.app.services.calculationJourney.current(person)
    expect(current?.recalculationRequired?.marks[0]?.source.kind).toBe('oversight-recheck')

    const noReason = await api('manager', 'POST', `/recheck/findings/${second.id}/triage`, {
      action: 'date-stands',
      reason: 'ok',
      version: second.version,
    })
    expect(noReason.statusCode).toBe(422)
    expect(noReason.body).toMatch(/reason/)
    const stands = await api('manager', 'POST', `/recheck/findings/${second.id}/triage`, {
      action: 'date-stands',
      reason: 'The override follows the trial record sheet, checked with the court',
      version: second.version,
    })
    expect(stands.json()).toMatchObject({ triage: { status: 'RESOLVED', resolution: 'DATE_STANDS' } })
    const other = await t.app.services.calculationJourney.current(
      await t.app.services.people.getByPrisonNumber(second.prisonNumber),
    )
    expect(other?.recalculationRequired).toBeNull()
  })

  it('lists people the engine now refuses, with the code', async () => {
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'R3000AA')
    const s = t.app.services
    const person = await s.people.getByPrisonNumber('R3000AA')
    // The sentence is removed after confirmation: the engine refuses a booking with no sentences.
    const records = await s.bookings.load(person.bookingId)
    const sentence = records.sentences[0]!
    await s.bookings.deleteSentence(
      { username: 'calculator1' },
      person,
      Number(sentence.id),
      Number(sentence.version),
    )
    const run = await s.recheck.start(await user('manager1'), {
      kind: 'RECHECK',
      scope: { kind: 'prison', prisonId: PRISON_A.id },
    })
    await s.recheckWorker.drain(run.id)
    const findings = await s.recheck.findings(await user('manager1'), run.id)
    const refused = findings.find((f) => f.prisonNumber === 'R3000AA')
    expect(refused).toMatchObject({ outcome: 'REFUSED' })
    expect(refused!.refusalCodes.length).toBeGreaterThan(0)
  })

  it('a law-change run lists exactly the people a changed tranche moves', async () => {
    const s = t.app.services
    // Sentenced 3 June 2024: serving on the SDS40 tranche one date (10 Sep 2024) and released at 40%.
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'L1000AA')
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'L1000BB')
    // Moving tranche one past their release takes the 40% away from both; PERSON_A's long
    // sentence (fixture) may or may not move: the oracle below decides, from the engine itself.
    const change = {
      description: 'Tranche one commences 1 Jan 2026',
      sds40Dates: { trancheOne: '2026-01-01' },
    }
    const started = await api('admin', 'POST', '/recheck/runs', {
      kind: 'LAW_CHANGE',
      scope: { kind: 'estate' },
      lawChange: change,
    })
    expect(started.statusCode).toBe(201)
    const run = started.json() as { id: string }
    await s.recheckWorker.drain(run.id)
    const { findings, weekly } = (await api('analyst', 'GET', `/recheck/runs/${run.id}/findings`)).json() as {
      findings: { prisonNumber: string; impact: string; daysDifference: number }[]
      weekly: { before: number[]; after: number[] }
    }
    expect(weekly.before).toHaveLength(26)

    // Oracle: the engine on each person's stored booking under both laws, person by person.
    const moved: string[] = []
    const holidays = [...(await s.bankHolidays.dates())]
    const today = s.calculationJourney.today()
    for (const pn of ['A1234BC', 'B9999ZZ', 'L1000AA', 'L1000BB']) {
      const person = await s.people.getByPrisonNumber(pn)
      const parsed = parseBooking(await s.bookings.export(person))
      if (!parsed.ok) continue
      const options = { profile: 'calculation-params' as const, bankHolidays: holidays, today }
      const before = calculate(parsed.value, options)
      const after = calculate(parsed.value, {
        ...options,
        legislationChange: { sds40Dates: { trancheOne: '2026-01-01' } },
      })
      if (before.status !== 'calculated' || after.status !== 'calculated') continue
      if (JSON.stringify(before.result.dates) !== JSON.stringify(after.result.dates)) moved.push(pn)
    }
    expect(moved).toEqual(expect.arrayContaining(['L1000AA', 'L1000BB']))
    expect(findings.map((f) => f.prisonNumber).sort()).toEqual(moved.sort())
    const l1 = findings.find((f) => f.prisonNumber === 'L1000AA')!
    expect(l1.impact).toBe('MOVES_LATER')
    expect(l1.daysDifference).toBeGreaterThan(0)
  })

  it('keeps who started a run; managers only for their prison; a cancelled run applies nothing more', async () => {
    const s = t.app.services
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'C1000AA', -5)
    const refused = await api('manager', 'POST', '/recheck/runs', {
      scope: { kind: 'prison', prisonId: 'BBB' },
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.body).toMatch(/prisonId/)
    expect((await api('manager', 'POST', '/recheck/runs', { scope: { kind: 'estate' } })).statusCode).toBe(
      422,
    )
    expect((await api('analyst', 'POST', '/recheck/runs', { scope: { kind: 'estate' } })).statusCode).toBe(
      403,
    )
    expect((await api('manager', 'POST', '/recheck/runs', { scope: { kind: 'prison' } })).statusCode).toBe(
      400,
    )

    const run = await s.recheck.start(await user('manager1'), {
      kind: 'RECHECK',
      scope: { kind: 'prison', prisonId: PRISON_A.id },
    })
    const cancelled = await api('manager', 'POST', `/recheck/runs/${run.id}/cancel`, { version: run.version })
    expect(cancelled.json()).toMatchObject({ status: 'CANCELLED', cancelledBy: 'svc-manager' })
    expect(await s.recheckWorker.drain(run.id)).toBe(0)
    expect(await s.recheck.findings(await user('manager1'), run.id)).toEqual([])
    const runs = (await api('analyst', 'GET', '/recheck/runs')).json() as {
      runs: { id: string; startedBy: string }[]
    }
    expect(runs.runs.find((r) => r.id === run.id)?.startedBy).toBe('manager1')
    // A batch claimed before the cancel is not applied after it.
    const again = await s.recheck.start(await user('manager1'), {
      kind: 'RECHECK',
      scope: { kind: 'prison', prisonId: PRISON_A.id },
    })
    const claim = (await s.recheck.claim('test-worker', again.id))!
    const { work, params } = await s.recheck.workFor(claim)
    await s.recheck.cancel(await user('manager1'), again.id, again.version)
    const { computeBatch } = await import('../../src/oversight/service/compute.js')
    expect(await s.recheck.apply(claim, computeBatch(work, params))).toBe('cancelled')
    expect(releaseDateOf({ CRD: '2025-01-01' })).toBe('2025-01-01')
  })
})
