/**
 * The releases-in-error register: entries recorded by hand, from the release gate's
 * reconciliation and from a CSV of past incidents (a file with a bad row is refused whole, each
 * bad row named), who sees which entries, lessons and actions, and the as-at recalculation.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { addPerson, simpleBooking } from '../support/calculation.js'
import { PRISON_A, PRISON_B } from '../support/fixtures.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'
import type { User } from '../../src/accounts/users.js'

const PN = 'R1111RR'
const HEADER =
  'reference,prison_number,name,prison,direction,released_on,correct_release_date,days,how_found,detected_at,police_notified_at,back_in_custody_on,root_causes,summary'

describeEachDatabase('Releases-in-error register', (dialect) => {
  let t: TestApp
  let manager: User
  let analyst: User
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    manager = (await t.app.services.users.findByUsername('manager1'))!
    analyst = (await t.app.services.users.findByUsername('analyst1'))!
  })
  afterEach(async () => t.dispose())

  const auditCount = async () =>
    Number(
      (
        await t.app.services.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    )
  const entryCount = async () =>
    Number(
      (
        await t.app.services.store.db
          .selectFrom('register_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    )

  it('refuses a CSV with bad rows, naming each row and every problem in it, and imports nothing', async () => {
    const csv = [
      HEADER,
      `H-001,A1234BC,Ann Example,${PRISON_A.id},EARLY,2024-05-02,2024-05-12,,COURT,2024-05-03T09:00,2024-05-03T10:00,2024-05-06,SENTENCE_MISCALCULATED;DATA_ENTRY,Remand counted twice`,
      `H-002,A1234BC,Ann Example,${PRISON_A.id},LATE,2024-02-30,,3,PRISON_STAFF,,,,HOLD_NOT_CLEARED,`,
      `H-003,B5555BB,"Smith, Bob",${PRISON_A.id},EARLY,2024-06-01,,4,POLICE,,,,ALIENS;DATA_ENTRY,`,
      `H-004,C1212CC,Cat Person,XXX,SIDEWAYS,2024-06-01,,4,POLICE,,,,OTHER,`,
      `H-001,D3434DD,Dan Person,${PRISON_A.id},LATE,2024-07-01,,1,PRISON_STAFF,,,,OTHER,`,
      `H-006,E5656EE,Eve Person,${PRISON_B.id},LATE,2024-07-01,,1,PRISON_STAFF,,,,OTHER,`,
    ].join('\n')
    const before = await auditCount()
    const result = await t.app.services.register.importCsv(manager, csv)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.fileProblems).toEqual([])
    expect(result.rows.map((r) => [r.line, r.reference])).toEqual([
      [3, 'H-002'],
      [4, 'H-003'],
      [5, 'H-004'],
      [6, 'H-001'],
      [7, 'H-006'],
    ])
    const byLine = Object.fromEntries(result.rows.map((r) => [r.line, r.problems.join(' | ')]))
    expect(byLine[3]).toMatch(/released_on: must be a real calendar date/)
    expect(byLine[4]).toMatch(/root_causes: must each be one of/)
    expect(byLine[5]).toMatch(/direction: must be EARLY or LATE/)
    expect(byLine[6]).toMatch(/reference: "H-001" is also on line 2/)
    // manager1 works in PRISON_A only
    expect(byLine[7]).toMatch(new RegExp(`prison: you may not record entries for ${PRISON_B.id}`))
    expect(await entryCount()).toBe(0)
    expect(await auditCount()).toBe(before)
  })

  it('refuses a file whose header lacks a required column or has an unknown one', async () => {
    const result = await t.app.services.register.importCsv(
      manager,
      'reference,prison_number,name,prison,direction,released_on,how_found,colour\nX,A1234BC,A,MDI,EARLY,2024-01-01,COURT,red',
    )
    expect(result).toMatchObject({ ok: false })
    if (result.ok) return
    expect(result.fileProblems.join(' ')).toMatch(/does not know: "colour"/)
    expect(result.fileProblems.join(' ')).toMatch(/no "root_causes" column/)
  })

  it('imports a good file whole, links people SafeRelease holds, and refuses the same file again', async () => {
    await addPerson(t.app, PN)
    const csv = [
      HEADER,
      `H-101,${PN},Carl Case,${PRISON_A.id},EARLY,2024-05-02,2024-05-12,,COURT,2024-05-03T09:00,2024-05-03T10:30,2024-05-06,SENTENCE_MISCALCULATED;DATA_ENTRY,"Remand ""counted"" twice"`,
      `H-102,Z9999ZZ,Zed Person,${PRISON_A.id},LATE,2024-02-10,2024-02-07,,PRISON_STAFF,,,,HOLD_NOT_CLEARED,`,
    ].join('\r\n')
    const result = await t.app.services.register.importCsv(manager, csv)
    expect(result).toEqual({ ok: true, imported: 2, references: ['H-101', 'H-102'] })
    const entries = await t.app.services.register.list(manager)
    expect(entries.map((e) => [e.reference, e.direction, e.days, e.rootCauses])).toEqual([
      ['H-101', 'EARLY', 10, ['SENTENCE_MISCALCULATED', 'DATA_ENTRY']],
      ['H-102', 'LATE', 3, ['HOLD_NOT_CLEARED']],
    ])
    const h101 = entries.find((e) => e.reference === 'H-101')!
    expect(h101.personId).not.toBeNull()
    expect(h101.summary).toBe('Remand "counted" twice')
    // 09:00 UK summer time is 08:00 UTC
    expect(h101.detectedAt).toBe('2024-05-03T08:00:00.000Z')
    expect(entries.find((e) => e.reference === 'H-102')!.personId).toBeNull()
    const again = await t.app.services.register.importCsv(manager, csv)
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.rows[0]!.problems.join(' ')).toMatch(/already in the register/)
    expect(await entryCount()).toBe(2)
  })

  it('shows managers their own prisons only; analysts see every entry and change none', async () => {
    const s = t.app.services
    const base = {
      name: 'Pat Person',
      direction: 'LATE',
      releasedOn: '2025-01-10',
      days: 2,
      howFound: 'PRISON_STAFF',
      rootCauses: ['DATA_ENTRY'],
    }
    const a = await s.register.record(manager, { ...base, prisonNumber: 'P1111PP', prisonId: PRISON_A.id })
    const otherManager = await s.users.create(
      { username: 'system:test' },
      {
        username: 'managerb',
        displayName: 'Manager B',
        kind: 'local',
        password: 'test-password-123',
        roles: ['manager'],
        prisons: [PRISON_B.id],
        estateWide: false,
      },
    )
    const b = await s.register.record(otherManager, {
      ...base,
      prisonNumber: 'P2222PP',
      prisonId: PRISON_B.id,
    })
    expect((await s.register.list(manager)).map((e) => e.id)).toEqual([a.id])
    await expect(s.register.get(manager, b.id)).rejects.toThrow(/not found/)
    expect((await s.register.list(analyst)).map((e) => e.id).sort()).toEqual([a.id, b.id].sort())
    await expect(
      s.register.record(analyst, { ...base, prisonNumber: 'P3333PP', prisonId: PRISON_A.id }),
    ).rejects.toThrow(/prison you work in/)
    await expect(
      s.register.addAction(analyst, a.id, { kind: 'LESSON', text: 'x' }, a.version),
    ).rejects.toThrow(/not found/)
  })

  it('names the field for a bad entry, and keeps lessons and actions with owner and due date', async () => {
    const s = t.app.services
    await expect(
      s.register.record(manager, {
        prisonNumber: 'P1111PP',
        name: 'Pat',
        prisonId: PRISON_A.id,
        direction: 'EARLY',
        releasedOn: '2025-01-10',
        correctReleaseDate: '2025-01-01',
        howFound: 'POLICE',
        rootCauses: [],
      }),
    ).rejects.toThrow(
      /(?=.*correctReleaseDate: must be after the date released)(?=.*rootCauses: must name at least one)/,
    )
    const e = await s.register.record(manager, {
      prisonNumber: 'P1111PP',
      name: 'Pat',
      prisonId: PRISON_A.id,
      direction: 'EARLY',
      releasedOn: '2025-01-10',
      correctReleaseDate: '2025-01-20',
      howFound: 'POLICE',
      detectedAt: '2025-01-11T10:00',
      policeNotifiedAt: '2025-01-11T11:15',
      rootCauses: ['WARRANT_NOT_APPLIED'],
    })
    expect(e.days).toBe(10)
    await expect(
      s.register.addAction(manager, e.id, { kind: 'ACTION', text: 'Retrain reception' }, e.version),
    ).rejects.toThrow(/owner: an action needs an owner.*dueOn: an action needs a due date/)
    const withLesson = await s.register.addAction(
      manager,
      e.id,
      { kind: 'LESSON', text: 'Check the warrant tray' },
      e.version,
    )
    const withAction = await s.register.addAction(
      manager,
      e.id,
      { kind: 'ACTION', text: 'Retrain reception', owner: 'Head of OMU', dueOn: '2025-03-01' },
      withLesson.version,
    )
    expect(withAction.actions.map((a) => [a.kind, a.owner, a.dueOn, a.status])).toEqual([
      ['LESSON', null, null, 'OPEN'],
      ['ACTION', 'Head of OMU', '2025-03-01', 'OPEN'],
    ])
    // A stale version is refused.
    await expect(
      s.register.addAction(manager, e.id, { kind: 'LESSON', text: 'late' }, withLesson.version),
    ).rejects.toThrow(/changed by someone else/)
    const done = await s.register.setActionStatus(
      manager,
      e.id,
      withAction.actions[1]!.id,
      'DONE',
      withAction.version,
    )
    expect(done.actions[1]!.status).toBe('DONE')
  })

  it("records the gate's confirmed release in error once, inside the gate's transaction", async () => {
    const s = t.app.services
    const person = await addPerson(t.app, PN)
    const error = {
      gateReference: 'discharge-42',
      prisonNumber: PN,
      direction: 'EARLY' as const,
      releasedOn: '2025-02-20',
      correctReleaseDate: '2025-03-01',
      detectedAt: '2025-02-20T15:00:00.000Z',
      rootCauses: ['LATE_COURT_CHANGE' as const],
    }
    const first = await s.store.change({ username: 'system:gate' }, (ctx) =>
      s.register.recordFromReconciliationIn(ctx, { username: 'system:gate' }, error),
    )
    const second = await s.store.change({ username: 'system:gate' }, (ctx) =>
      s.register.recordFromReconciliationIn(ctx, { username: 'system:gate' }, error),
    )
    expect(second.id).toBe(first.id)
    expect(first).toMatchObject({
      source: 'RECONCILIATION',
      howFound: 'POST_RELEASE_RECONCILIATION',
      prisonId: person.prisonId,
      personId: person.id,
      name: 'Carl Case',
      days: 9,
    })
    // A failure in the gate's own work leaves no entry.
    await expect(
      s.store.change({ username: 'system:gate' }, async (ctx) => {
        await s.register.recordFromReconciliationIn(
          ctx,
          { username: 'system:gate' },
          { ...error, gateReference: 'discharge-43' },
        )
        throw new Error('gate failed')
      }),
    ).rejects.toThrow('gate failed')
    expect(await entryCount()).toBe(1)
  })

  it('recalculates as at the release: reproduces the historic dates, and shows the corrected booking beside them', async () => {
    const s = t.app.services
    await addPerson(t.app, PN)
    const api = (method: 'POST', url: string, payload: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${t.tokens.calculator}` },
        payload: payload as object,
      })
    const pre = (
      await api('POST', `/api/v1/people/${PN}/calculations`, { reason: { code: 'INITIAL_CALCULATION' } })
    ).json() as {
      calculationId: string
      version: string
    }
    expect(
      (
        await api('POST', `/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`, {
          version: pre.version,
        })
      ).statusCode,
    ).toBe(200)
    const person = await s.people.getByPrisonNumber(PN)
    const confirmed = (await s.calculationJourney.state(person)).calculations[pre.calculationId]!
    const crdThen = confirmed.dates.CRD!
    // The booking is corrected after the release: 20 days' remand was really 30.
    const corrected = parseBooking(simpleBooking(PN, { remandDays: 30 }))
    if (!corrected.ok) throw new Error('fixture')
    await s.bookings.import({ username: 'system:test' }, person, corrected.value)
    const entry = await s.register.record(manager, {
      prisonNumber: PN,
      name: 'Carl Case',
      prisonId: PRISON_A.id,
      direction: 'LATE',
      // Released today, after the calculation was confirmed (and after its CRD: a late release).
      releasedOn: s.calculationJourney.today(),
      days: 10,
      howFound: 'HISTORIC_REVIEW',
      rootCauses: ['DATA_ENTRY'],
    })
    const asAt = (await s.register.asAt(manager, entry.id))!
    expect(asAt.calculation?.id).toBe(pre.calculationId)
    const crd = asAt.rows.find((r) => r.type === 'CRD')!
    expect(crd.recorded).toBe(crdThen)
    expect(crd.engineThen).toBe(crdThen)
    expect(crd.asAt).toBe(crdThen)
    // Ten more days of remand bring the CRD ten days earlier.
    expect(crd.corrected).not.toBe(crdThen)
    for (const row of asAt.rows) expect(row.asAt, row.type).toBe(row.recorded)
    expect(asAt.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['reproduced', 'data', 'process']),
    )
    expect(asAt.findings.find((f) => f.kind === 'data')!.text).toMatch(/corrected/)
  })
})
