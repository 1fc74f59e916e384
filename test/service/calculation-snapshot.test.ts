/**
 * Flat cost per person (issue 15): the stored snapshot and the preliminary results stored apart
 * give the state a full replay of the person's events gives; a snapshot written by another fold
 * is replayed over, never used; concurrent writers still get one sequence each; preliminary
 * results never confirmed expire after the retention period, confirmed ones never do.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { replay } from '../../src/calculation/domain/index.js'
import { CalculationEventStore, leanState, STATE_VERSION } from '../../src/calculation/service/event-store.js'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { addPerson } from '../support/calculation.js'

const PN = 'S1234SS'
const DAY = 86_400_000

describeEachDatabase('Calculation snapshots', (dialect) => {
  let t: TestApp
  let now = Date.parse('2026-03-02T10:00:00Z')
  beforeEach(async () => {
    now = Date.parse('2026-03-02T10:00:00Z')
    t = await buildTestApp(dialect, { clock: { now: () => new Date(now) } })
    await addPerson(t.app, PN)
  })
  afterEach(async () => t.dispose())

  const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, role = 'calculator') =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${t.tokens[role as 'calculator']}` },
      ...(payload ? { payload } : {}),
    })
  const calculate = async () => {
    const res = await api('POST', `/people/${PN}/calculations`, { reason: { code: 'INITIAL_CALCULATION' } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { calculationId: string; version: string }
  }
  const confirm = async (pre: { calculationId: string; version: string }) =>
    api('POST', `/people/${PN}/calculations/${pre.calculationId}/confirm`, { version: pre.version })
  const person = () => t.app.services.people.getByPrisonNumber(PN)
  const db = () => t.database.db
  const snapshotRow = async () =>
    db()
      .selectFrom('calculation_snapshots')
      .selectAll()
      .where('person_id', '=', (await person()).id)
      .executeTakeFirst()
  const head = async () =>
    Number(
      (
        await db()
          .selectFrom('calculation_events')
          .select((eb) => eb.fn.max('sequence').as('seq'))
          .where('person_id', '=', (await person()).id)
          .executeTakeFirstOrThrow()
      ).seq,
    )
  /** The state a full replay of every stored event gives, without the preliminary results. */
  const fullReplay = async () =>
    leanState(
      JSON.parse(JSON.stringify(replay(await t.app.services.calculationJourney.events(await person())))),
    )

  it('stores each result once, apart from its event, and keeps a snapshot at the newest event', async () => {
    const journey = t.app.services.calculationJourney
    const first = await calculate()
    await calculate()
    expect((await confirm(first)).statusCode).toBe(200)
    const events = await db().selectFrom('calculation_events').select(['event_type', 'payload']).execute()
    const preliminaryEvents = events.filter((e) => e.event_type === 'PreliminaryCalculated')
    expect(preliminaryEvents).toHaveLength(2)
    for (const e of preliminaryEvents) expect(JSON.parse(e.payload)).not.toHaveProperty('input')
    const apart = await db().selectFrom('calculation_preliminaries').selectAll().orderBy('sequence').execute()
    expect(apart.map((p) => [p.calculation_id, p.kept_at !== null])).toEqual([
      [first.calculationId, true],
      [expect.any(String), false],
    ])
    const snapshot = await snapshotRow()
    expect(snapshot).toMatchObject({ sequence: await head(), state_version: STATE_VERSION })
    expect(JSON.parse(snapshot!.state).preliminaries).toEqual({})
    // The whole events come back as they were decided, and the state is the full replay's.
    const whole = await journey.events(await person())
    expect(whole.filter((e) => e.type === 'PreliminaryCalculated').every((e) => 'input' in e)).toBe(true)
    expect(await journey.state(await person())).toEqual(await fullReplay())
    // A result named by the page is there, used or not, exactly as a full replay has it.
    const named = await journey.state(await person(), first.calculationId)
    expect(named.preliminaries[first.calculationId]).toEqual(
      JSON.parse(JSON.stringify(replay(whole).preliminaries[first.calculationId])),
    )
  })

  it('folds only the events after the snapshot', async () => {
    await calculate()
    const row = (await snapshotRow())!
    // A state no event could make: if the events before the snapshot were folded, it would not show.
    const marked = { ...JSON.parse(row.state), marker: 'from the snapshot' }
    await db()
      .updateTable('calculation_snapshots')
      .set({ state: JSON.stringify(marked) })
      .where('person_id', '=', row.person_id)
      .execute()
    expect(await t.app.services.calculationJourney.state(await person())).toHaveProperty(
      'marker',
      'from the snapshot',
    )
    await calculate()
    expect((await snapshotRow())!.sequence).toBe(2)
  })

  it('never uses a snapshot written by another version of the fold: it replays and writes a new one', async () => {
    const pre = await calculate()
    expect((await confirm(pre)).statusCode).toBe(200)
    const personId = (await person()).id
    await db()
      .updateTable('calculation_snapshots')
      .set({
        state_version: '0:older-fold',
        state: JSON.stringify({ preliminaries: {}, calculations: {}, order: [] }),
      })
      .where('person_id', '=', personId)
      .execute()
    const history = await api('GET', `/people/${PN}/calculation-history`)
    expect(history.statusCode).toBe(200)
    expect((history.json() as { calculations: { calculationId: string }[] }).calculations).toEqual([
      expect.objectContaining({ calculationId: pre.calculationId, isCurrent: true }),
    ])
    expect(await snapshotRow()).toMatchObject({ sequence: await head(), state_version: STATE_VERSION })
    expect(JSON.parse((await snapshotRow())!.state)).toEqual(await fullReplay())
    // Without any snapshot (events written before migration 0012), the same.
    await db().deleteFrom('calculation_snapshots').execute()
    expect(await t.app.services.calculationJourney.state(await person())).toEqual(await fullReplay())
    expect((await snapshotRow())!.sequence).toBe(await head())
  })

  it('never writes a snapshot over a newer one', async () => {
    await calculate()
    await calculate()
    const personId = (await person()).id
    const before = (await snapshotRow())!
    const store = new CalculationEventStore(() => new Date(now).toISOString())
    await store.writeSnapshot(db(), personId, 1, { preliminaries: {}, calculations: {}, order: [] })
    expect(await snapshotRow()).toEqual(before)
  })

  it('gives concurrent writers one sequence each (the unique key still catches the loser)', async () => {
    // Three at once: each retries at most twice (a loser's retry starts after the winner committed).
    const results = await Promise.all(Array.from({ length: 3 }, () => calculate()))
    expect(new Set(results.map((r) => r.calculationId)).size).toBe(3)
    const sequences = await db()
      .selectFrom('calculation_events')
      .select('sequence')
      .where('person_id', '=', (await person()).id)
      .orderBy('sequence')
      .execute()
    expect(sequences.map((r) => r.sequence)).toEqual([1, 2, 3])
    expect((await snapshotRow())!.sequence).toBe(3)
    expect(await t.app.services.calculationJourney.state(await person())).toEqual(await fullReplay())
    for (const r of results)
      expect((await api('GET', `/people/${PN}/calculations/${r.calculationId}`)).statusCode).toBe(200)
  })

  it('expires results never confirmed after the retention period; confirmed ones and the history stay', async () => {
    const journey = t.app.services.calculationJourney
    const confirmed = await calculate()
    expect((await confirm(confirmed)).statusCode).toBe(200)
    const unconfirmed = await calculate()
    now += 29 * DAY
    const recent = await calculate()
    expect(await journey.expirePreliminaries(30)).toBe(0)
    now += 2 * DAY
    expect(await journey.expirePreliminaries(30)).toBe(1)
    const kept = await db().selectFrom('calculation_preliminaries').select('calculation_id').execute()
    expect(kept.map((r) => r.calculation_id).sort()).toEqual(
      [confirmed.calculationId, recent.calculationId].sort(),
    )
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'CALCULATION_PRELIMINARIES_EXPIRED')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ expired: 1, retentionDays: 30 })
    // The expired result is gone; its event stays; nothing else changed.
    expect((await api('GET', `/people/${PN}/calculations/${unconfirmed.calculationId}`)).statusCode).toBe(404)
    expect((await api('GET', `/people/${PN}/calculations/${recent.calculationId}`)).statusCode).toBe(200)
    const view = await api('GET', `/people/${PN}/calculations/${confirmed.calculationId}`)
    expect(view.statusCode).toBe(200)
    expect(view.json()).toMatchObject({
      status: 'confirmed',
      input: expect.any(Object),
      outcome: expect.any(Object),
    })
    const refused = await confirm(unconfirmed)
    expect(refused.json()).toMatchObject({ code: 'PRELIMINARY_NOT_FOUND' })
    const events = await db()
      .selectFrom('calculation_events')
      .select('calculation_id')
      .where('event_type', '=', 'PreliminaryCalculated')
      .execute()
    expect(events.map((e) => e.calculation_id)).toContain(unconfirmed.calculationId)
    // A full replay (another fold's snapshot) still gives the same state without the expired result.
    const state = await journey.state(await person())
    await db().deleteFrom('calculation_snapshots').execute()
    expect(await journey.state(await person())).toEqual(state)
    expect(state.calculations[confirmed.calculationId]?.input).toEqual(
      (view.json() as { input: unknown }).input,
    )
  })

  it('refuses to write a confirm of a result that expired after the decision was made from it', async () => {
    const pre = await calculate()
    const p = await person()
    // The expiry ran between the decision (made from the loaded result) and its write.
    await db().deleteFrom('calculation_preliminaries').execute()
    const store = new CalculationEventStore(() => new Date(now).toISOString())
    const confirmEvent = {
      type: 'CalculationConfirmed' as const,
      calculationId: pre.calculationId,
      prisonId: p.prisonId,
      by: 'calculator1',
      at: new Date(now).toISOString(),
      dates: { CRD: '2025-03-03' },
    }
    await expect(
      t.app.services.store.change({ username: 'test' }, (ctx) =>
        store.insert(ctx.trx, p.id, 2, confirmEvent),
      ),
    ).rejects.toThrow(/expired/)
    expect(await head()).toBe(1)
    expect((await confirm(pre)).json()).toMatchObject({ code: 'PRELIMINARY_NOT_FOUND' })
  })
})
