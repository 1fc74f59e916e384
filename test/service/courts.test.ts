/**
 * The courts hotline end to end over the JSON API, on SQLite and PostgreSQL: queries answered
 * within and past their SLA, a warrant found opening a hold at the gate (inside the answer's
 * transaction), orders refused until confirmed with the judge, a late change following a
 * transferred person to their new prison and marking their dates for recalculation, an
 * immediate release, court system messages (repeats applied once, gaps shown) and who may see
 * and answer what.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChangeContext } from '../../src/db/store.js'
import type { User } from '../../src/accounts/users.js'
import type { Person } from '../../src/db/repositories/people.js'
import type { HoldFromCourt, ReleaseGatePort } from '../../src/courts/service/ports.js'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, COURT_A, PERSON_A, PERSON_B, type TestApp } from '../support/app.js'
import { addPerson, simpleBooking } from '../support/calculation.js'
import { PRISON_B } from '../support/fixtures.js'

/** Monday 2 June 2025, 10:00 in London. */
const MONDAY_10 = Date.parse('2025-06-02T09:00:00Z')
const PN = 'C5555CC'
const DOB = '1990-01-01'
const system = { username: 'system:test' }

/** A fake release gate that records every call and what the caller's transaction held at the time. */
class RecordingGate implements ReleaseGatePort {
  holds: { hold: HoldFromCourt; person: string; queryStatusInTransaction: string | undefined }[] = []
  reports: {
    change: { changeId: string; kind: string }
    person: string
    orderStatusInTransaction: string | undefined
  }[] = []
  discharged = new Map<string, string>()
  failHolds = false
  async openHoldIn(ctx: ChangeContext, _user: User, person: Person, hold: HoldFromCourt) {
    const row = await ctx.trx
      .selectFrom('court_queries')
      .select('status')
      .where('id', '=', hold.queryId)
      .executeTakeFirst()
    this.holds.push({ hold, person: person.prisonNumber, queryStatusInTransaction: row?.status })
    if (this.failHolds) throw new Error('the gate could not record the hold')
    return { holdId: `hold-${this.holds.length}` }
  }
  async dischargedAt(_ctx: ChangeContext, person: Person) {
    return this.discharged.get(person.prisonNumber) ?? null
  }
  async reportChangeAfterDischargeIn(
    ctx: ChangeContext,
    _user: User,
    person: Person,
    change: { changeId: string; court: string; kind: string; receivedAt: string; summary: string },
  ) {
    const row = await ctx.trx
      .selectFrom('court_orders')
      .select('status')
      .where('id', '=', change.changeId)
      .executeTakeFirst()
    this.reports.push({ change, person: person.prisonNumber, orderStatusInTransaction: row?.status })
  }
}

const judge = { judgeName: 'HHJ Example', confirmedAt: '2025-06-02T08:30:00Z', method: 'BY_PHONE' }
const threeYears = (identifier = 'cccccccc-0000-0000-0000-000000000001') => ({
  type: 'StandardSentence',
  identifier,
  offence: { committedAt: '2024-01-05', offenceCode: 'TH68010' },
  sentencedAt: '2024-06-03',
  duration: { durationElements: { YEARS: 3 } },
  releaseArrangements: {
    isSDSPlus: false,
    isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
    sdsEarlyReleaseExclusions: [],
    isSection250: false,
  },
  consecutiveSentenceUUIDs: [],
})

describeEachDatabase('Courts hotline', (dialect) => {
  let t: TestApp
  let now: number
  let gate: RecordingGate
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    now = MONDAY_10
    gate = new RecordingGate()
    t = await buildTestApp(dialect, { users: false, clock: { now: () => new Date(now) }, releaseGate: gate })
    Object.assign(tokens, t.tokens)
    await addPerson(t.app, PN)
  })
  afterEach(async () => t.dispose())

  const api = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    })

  async function serviceAccount(
    name: string,
    roles: string[],
    caseload: { prisons?: string[]; courts?: string[] },
  ) {
    const s = t.app.services
    const u = await s.users.create(system, {
      username: name,
      displayName: name,
      kind: 'service',
      roles: roles as never,
      prisons: caseload.prisons ?? [],
      courts: caseload.courts ?? [],
      estateWide: false,
    })
    tokens[name] = (await s.users.createToken(system, u.id, 'tests')).token
  }

  async function raise(payload: Record<string, unknown> = {}, prisonNumber = PN) {
    const res = await api('calculator', 'POST', `/api/v1/people/${prisonNumber}/court-queries`, {
      kind: 'OUTSTANDING_WARRANTS',
      courts: [COURT_A.code],
      releaseDate: '2025-06-20',
      question: 'Any outstanding warrants or unrecorded orders before release?',
      ...payload,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; version: number; dueBy: string; urgency: string }
  }

  const facts = async (who = 'calculator') =>
    (await api(who, 'GET', `/api/v1/people/${PN}/court-facts`)).json()

  async function draftChange(kind: string, lines: unknown[], extra: Record<string, unknown> = {}) {
    const draft = await api('court', 'POST', '/api/v1/court-orders', {
      prisonNumber: PN,
      dateOfBirth: DOB,
      court: COURT_A.code,
      kind,
      caseReference: 'T20240001',
      orderDate: '2025-06-02',
      ...extra,
    })
    expect(draft.statusCode, draft.body).toBe(201)
    let order = draft.json() as { id: string; version: number; status: string }
    for (const line of lines) {
      const res = await api('court', 'POST', `/api/v1/court-orders/${order.id}/lines`, {
        ...(line as object),
        version: order.version,
      })
      expect(res.statusCode, res.body).toBe(200)
      order = res.json()
    }
    return order
  }

  async function confirmAndSend(order: { id: string; version: number }) {
    const confirmed = await api('court', 'POST', `/api/v1/court-orders/${order.id}/judge-confirmation`, {
      ...judge,
      version: order.version,
    })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const sent = await api('court', 'POST', `/api/v1/court-orders/${order.id}/send`, {
      version: confirmed.json().version,
    })
    expect(sent.statusCode, sent.body).toBe(200)
    return sent.json() as {
      id: string
      version: number
      status: string
      sentToPrisonId: string
      dueBy: string
    }
  }

  describe('queries', () => {
    it('answered within its SLA, clears the warrant item for the day and leaves no open query', async () => {
      const q = await raise()
      expect(q).toMatchObject({ urgency: 'STANDARD', dueBy: '2025-06-03T09:00:00Z' })
      expect((await facts()).openQueries).toHaveLength(1)
      now += 30 * 60_000
      const answered = await api('court', 'POST', `/api/v1/court-queries/${q.id}/answer`, {
        version: q.version,
        outcome: 'NO_OUTSTANDING',
      })
      expect(answered.statusCode, answered.body).toBe(200)
      const f = await facts()
      expect(f.openQueries).toEqual([])
      expect(f.latestWarrantCheck).toMatchObject({
        queryId: q.id,
        outcome: 'NO_OUTSTANDING',
        answeredAt: '2025-06-02T09:30:00Z',
      })
      expect(gate.holds).toEqual([])
    })

    it('past its SLA escalates, once, and shows on the queue, the prison list and /metrics', async () => {
      const q = await raise({ releaseDate: '2025-06-02' })
      expect(q).toMatchObject({ urgency: 'URGENT', dueBy: '2025-06-02T10:00:00Z' })
      expect(await t.app.services.courts.runEscalations()).toEqual({ queries: 0, orders: 0 })
      now += 61 * 60_000
      expect(await t.app.services.courts.runEscalations()).toEqual({ queries: 1, orders: 0 })
      expect(await t.app.services.courts.runEscalations()).toEqual({ queries: 0, orders: 0 })
      const queue = (await api('court_manager', 'GET', '/api/v1/court-queries')).json().queries
      expect(queue[0]).toMatchObject({ id: q.id, overdue: true, escalatedAt: '2025-06-02T10:01:00Z' })
      const prison = (await api('manager', 'GET', '/api/v1/court-queries')).json().queries
      expect(prison[0]).toMatchObject({ id: q.id, overdue: true })
      expect((await facts()).openQueries[0]).toMatchObject({ id: q.id, overdue: true })
      const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
      expect(metrics).toMatch(/saferelease_court_queries_overdue 1/)
      expect(metrics).toMatch(/saferelease_court_escalations_total\{kind="query"\} 1/)
    })

    it('a warrant found opens a hold at the prison inside the answer’s transaction; a failure there leaves the query open', async () => {
      const q = await raise()
      const answer = {
        outcome: 'WARRANT_OR_ORDER_EXISTS' as const,
        details: 'Warrant not backed for bail: failed to appear 1 May',
        warrant: {
          kind: 'OUTSTANDING_WARRANT' as const,
          issuingCourt: 'Leeds Crown Court',
          reference: 'W-2025-0042',
          dated: '2025-05-01',
        },
      }
      gate.failHolds = true
      const court = (await t.app.services.users.findByUsername('svc-court'))!
      await expect(t.app.services.courts.answerQuery(court, q.id, answer, q.version)).rejects.toThrow(
        /could not record/,
      )
      expect((await t.app.services.courts.getQuery(q.id)).status).toBe('OPEN')
      gate.failHolds = false
      const res = await api('court', 'POST', `/api/v1/court-queries/${q.id}/answer`, {
        ...answer,
        version: q.version,
      })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().holdId).toBe('hold-2')
      expect(gate.holds[1]).toEqual({
        person: PN,
        queryStatusInTransaction: 'ANSWERED',
        hold: {
          kind: 'OUTSTANDING_WARRANT',
          source: 'Leeds Crown Court',
          reference: 'W-2025-0042',
          dated: '2025-05-01',
          details: answer.details,
          queryId: q.id,
        },
      })
      expect((await facts()).latestWarrantCheck.outcome).toBe('WARRANT_OR_ORDER_EXISTS')
    })

    it('keeps every message; prison staff cannot answer; a court it was not sent to cannot see it', async () => {
      const q = await raise()
      const ask = await api('court', 'POST', `/api/v1/court-queries/${q.id}/messages`, {
        version: 1,
        text: 'Which count?',
      })
      expect(ask.statusCode, ask.body).toBe(201)
      const reply = await api('checker', 'POST', `/api/v1/court-queries/${q.id}/messages`, {
        version: 2,
        text: 'Count 2',
      })
      expect(reply.statusCode, reply.body).toBe(201)
      expect(reply.json().messages.map((m: { from: string }) => m.from)).toEqual(['COURT', 'PRISON'])
      const byPrison = await api('manager', 'POST', `/api/v1/court-queries/${q.id}/answer`, {
        version: 3,
        outcome: 'NO_OUTSTANDING',
      })
      expect(byPrison.statusCode).toBe(403)
      await serviceAccount('svc-york', ['court'], { courts: ['YORKCC'] })
      expect((await api('svc-york', 'GET', `/api/v1/court-queries/${q.id}`)).statusCode).toBe(404)
      const stale = await api('court', 'POST', `/api/v1/court-queries/${q.id}/answer`, {
        version: 1,
        outcome: 'NO_OUTSTANDING',
      })
      expect(stale.statusCode).toBe(409)
    })

    it('"the record is wrong" opens a draft court change for the court to complete', async () => {
      const q = await raise({ kind: 'RESULT_DIFFERS', caseReference: 'T20240001' })
      const res = await api('court', 'POST', `/api/v1/court-queries/${q.id}/answer`, {
        version: q.version,
        outcome: 'RECORD_WRONG',
        details: 'The sentence was 3 years, not 2',
      })
      expect(res.statusCode, res.body).toBe(200)
      const change = (await api('court', 'GET', `/api/v1/court-orders/${res.json().changeId}`)).json()
      expect(change).toMatchObject({
        status: 'DRAFT',
        kind: 'SLIP_RULE',
        caseReference: 'T20240001',
        fromQueryId: q.id,
      })
    })
  })

  describe('orders and changes', () => {
    it('cannot be finalised without the judge’s confirmation', async () => {
      const order = await draftChange('NEW_ORDER', [{ lineSequence: 1, sentence: threeYears() }], {
        caseReference: 'T20250077',
      })
      const refused = await api('court', 'POST', `/api/v1/court-orders/${order.id}/send`, {
        version: order.version,
      })
      expect(refused.statusCode).toBe(422)
      expect(refused.json().problems[0]).toMatchObject({ path: 'judge' })
      expect(refused.json().error).toMatch(/confirmed with the judge/)
      const sent = await confirmAndSend(order)
      expect(sent).toMatchObject({ status: 'SENT', sentToPrisonId: 'MDI', dueBy: '2025-06-02T11:00:00Z' })
    })

    it('a late change reaches the prison holding the person after a transfer and marks their dates for recalculation; applied, recalculated and verified, the dates are current again', async () => {
      await serviceAccount('leeds-calc', ['calculator'], { prisons: [PRISON_B.id] })
      await serviceAccount('leeds-check', ['checker'], { prisons: [PRISON_B.id] })
      // Dates confirmed and verified at Moorland.
      const pre = (
        await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, {
          reason: { code: 'INITIAL_CALCULATION' },
        })
      ).json()
      expect(
        (
          await api('calculator', 'POST', `/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`, {
            version: pre.version,
          })
        ).statusCode,
      ).toBe(200)
      const checked = await api(
        'checker',
        'POST',
        `/api/v1/people/${PN}/calculations/${pre.calculationId}/check/entry`,
        { booking: simpleBooking(PN) },
      )
      expect(checked.json().status).toBe('verified')
      // Moved to Leeds.
      const person = await t.app.services.people.getByPrisonNumber(PN)
      const moved = await api('manager', 'POST', `/api/v1/people/${PN}/transfers`, {
        toPrisonId: PRISON_B.id,
        reason: 'Moved nearer home',
        version: person.version,
      })
      expect(moved.statusCode, moved.body).toBe(201)

      const sent = await confirmAndSend(
        await draftChange('LENGTH_VARIED', [{ lineSequence: 1, sentence: threeYears() }]),
      )
      expect(sent.sentToPrisonId).toBe(PRISON_B.id)
      expect((await api('calculator', 'GET', '/api/v1/court-orders')).json().orders).toEqual([])
      const inbox = (await api('leeds-calc', 'GET', '/api/v1/court-orders')).json().orders
      expect(inbox.map((o: { id: string }) => o.id)).toEqual([sent.id])
      expect((await facts('leeds-calc')).unacknowledgedChanges).toMatchObject([
        { id: sent.id, court: COURT_A.code, kind: 'LENGTH_VARIED' },
      ])
      // Moorland no longer holds the person: it cannot acknowledge.
      expect(
        (
          await api('calculator', 'POST', `/api/v1/court-orders/${sent.id}/acknowledge`, {
            version: sent.version,
          })
        ).statusCode,
      ).toBe(404)

      const view = (await api('leeds-calc', 'GET', `/api/v1/court-orders/${sent.id}`)).json()
      expect(view.comparison[0]).toMatchObject({ action: 'CHANGE' })
      expect(view.comparison[0].fields.filter((f: { differs: boolean }) => f.differs)).toEqual([
        { field: 'length', label: 'Length', prison: '2 years', court: '3 years', differs: true },
      ])
      const ack = await api('leeds-calc', 'POST', `/api/v1/court-orders/${sent.id}/acknowledge`, {
        version: sent.version,
      })
      expect(ack.statusCode, ack.body).toBe(200)
      expect((await facts('leeds-calc')).unacknowledgedChanges).toEqual([])
      const stale = await t.app.services.calculationJourney.current(
        await t.app.services.people.getByPrisonNumber(PN),
      )
      expect(stale?.recalculationRequired?.marks).toMatchObject([
        { source: { kind: 'court-change', reference: sent.id } },
      ])

      const applied = await api('leeds-calc', 'POST', `/api/v1/court-orders/${sent.id}/apply`, {
        version: ack.json().version,
        bookingVersion: view.bookingVersion,
      })
      expect(applied.statusCode, applied.body).toBe(200)
      const booking = (await api('leeds-calc', 'GET', `/api/v1/people/${PN}/booking`)).json()
      expect(booking.sentences[0].duration.durationElements).toEqual({ YEARS: 3 })

      const again = (
        await api('leeds-calc', 'POST', `/api/v1/people/${PN}/calculations`, {
          reason: { code: 'CORRECTION_OF_EARLIER_SENTENCE' },
        })
      ).json()
      expect(
        (
          await api(
            'leeds-calc',
            'POST',
            `/api/v1/people/${PN}/calculations/${again.calculationId}/confirm`,
            { version: again.version },
          )
        ).statusCode,
      ).toBe(200)
      const verified = await api(
        'leeds-check',
        'POST',
        `/api/v1/people/${PN}/calculations/${again.calculationId}/check/entry`,
        { booking },
      )
      expect(verified.json().status, verified.body).toBe('verified')
      const current = await t.app.services.calculationJourney.current(
        await t.app.services.people.getByPrisonNumber(PN),
      )
      expect(current).toMatchObject({ checkStatus: 'verified', recalculationRequired: null })
    })

    it('an immediate release order makes the release due now, and is acknowledged within 30 minutes', async () => {
      const sent = await confirmAndSend(
        await draftChange('IMMEDIATE_RELEASE', [], { orderedAt: '2025-06-02T08:50:00Z' }),
      )
      expect(sent.dueBy).toBe('2025-06-02T09:30:00Z')
      expect((await facts()).immediateRelease).toEqual({
        changeId: sent.id,
        court: COURT_A.code,
        orderedAt: '2025-06-02T08:50:00Z',
      })
      now += 31 * 60_000
      expect(await t.app.services.courts.runEscalations()).toEqual({ queries: 0, orders: 1 })
      expect((await facts()).unacknowledgedChanges[0]).toMatchObject({ id: sent.id, overdue: true })
    })

    it('a change for someone already discharged is reported to the gate as a possible release in error', async () => {
      gate.discharged.set(PN, '2025-05-30T11:00:00Z')
      const sent = await confirmAndSend(
        await draftChange('VARIED_ON_APPEAL', [{ lineSequence: 1, sentence: threeYears() }]),
      )
      expect(gate.reports).toEqual([
        {
          person: PN,
          orderStatusInTransaction: 'SENT',
          change: expect.objectContaining({ changeId: sent.id, kind: 'VARIED_ON_APPEAL' }),
        },
      ])
    })

    it('is refused for a prison number and date of birth that do not match', async () => {
      const res = await api('court', 'POST', '/api/v1/court-orders', {
        prisonNumber: PN,
        dateOfBirth: '1991-01-01',
        court: COURT_A.code,
        kind: 'NEW_ORDER',
        caseReference: 'T1',
        orderDate: '2025-06-02',
      })
      expect(res.statusCode).toBe(422)
      expect(res.json().problems[0].path).toBe('prisonNumber')
    })
  })

  describe('court systems', () => {
    const message = (sequence: number, caseReference = `T2025${sequence}`) => ({
      sequence,
      type: 'ORDER',
      order: {
        prisonNumber: PN,
        dateOfBirth: DOB,
        court: COURT_A.code,
        kind: 'NEW_ORDER',
        caseReference,
        orderDate: '2025-06-02',
        lines: [{ lineSequence: 1, sentence: threeYears(`dddddddd-0000-0000-0000-00000000000${sequence}`) }],
        judgeConfirmation: judge,
      },
    })

    it('applies a repeated message once, refuses the same number with other content, and shows a gap until it arrives', async () => {
      const first = await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(1))
      expect(first.statusCode, first.body).toBe(201)
      const repeat = await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(1))
      expect(repeat.statusCode).toBe(200)
      expect(repeat.json()).toMatchObject({ orderId: first.json().orderId, repeat: true })
      const person = await t.app.services.people.getByPrisonNumber(PN)
      expect(await t.app.services.courts.ordersForPerson(person.id, { includeDrafts: true })).toHaveLength(1)
      expect(
        (await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(1, 'OTHER')))
          .statusCode,
      ).toBe(409)

      expect(
        (await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(4))).statusCode,
      ).toBe(201)
      const gaps = (await api('court', 'GET', '/api/v1/court-message-gaps')).json().missing
      expect(gaps.map((g: { text: string }) => g.text)).toEqual([
        'Messages 2 to 3 from Leeds Crown Court missing',
      ])
      expect(
        (await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(2))).statusCode,
      ).toBe(201)
      expect(
        (await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, message(3))).statusCode,
      ).toBe(201)
      expect((await api('court', 'GET', '/api/v1/court-message-gaps')).json().missing).toEqual([])
      expect((await facts()).unacknowledgedChanges).toHaveLength(4)
    })

    it('refuses a message without the judge’s confirmation, and one for another court', async () => {
      const noJudge = message(1) as Record<string, unknown> & { order: Record<string, unknown> }
      delete noJudge.order.judgeConfirmation
      expect(
        (await api('court', 'POST', `/api/v1/courts/${COURT_A.code}/messages`, noJudge)).statusCode,
      ).toBe(400)
      expect((await api('court', 'POST', '/api/v1/courts/YORKCC/messages', message(1))).statusCode).toBe(403)
      expect((await api('court', 'GET', '/api/v1/court-message-gaps')).json().missing).toEqual([])
    })
  })

  describe('who sees whom', () => {
    it('court staff have courts instead of prisons; the national unit works every court', async () => {
      const create = (body: Record<string, unknown>) =>
        api('admin', 'POST', '/api/v1/users', { displayName: 'X', kind: 'service', ...body })
      const mixed = await create({
        username: 'mixed',
        roles: ['court', 'calculator'],
        courts: [COURT_A.code],
      })
      expect(mixed.json().problems).toEqual([
        { path: 'roles', message: 'must not mix court roles with prison roles' },
      ])
      const prisons = await create({ username: 'withprison', roles: ['court'], prisons: ['MDI'] })
      expect(prisons.json().problems[0].path).toBe('prisons')
      const courtsForPrison = await create({
        username: 'calcwithcourt',
        roles: ['calculator'],
        courts: [COURT_A.code],
      })
      expect(courtsForPrison.json().problems[0].path).toBe('courts')
      const unit = await create({ username: 'unit-local', roles: ['warrant_unit'], courts: [COURT_A.code] })
      expect(unit.json().problems[0].path).toBe('estateWide')
      const ok = await create({ username: 'york-court', roles: ['court'], courts: ['yorkcc'] })
      expect(ok.statusCode, ok.body).toBe(201)
      expect(ok.json()).toMatchObject({ courts: ['YORKCC'], prisons: [] })
    })

    it('a court user cannot see a person who has no case at their courts', async () => {
      expect((await api('court', 'GET', `/api/v1/people/${PERSON_A}`)).statusCode).toBe(200)
      expect((await api('court', 'GET', `/api/v1/people/${PERSON_B}`)).statusCode).toBe(403)
      expect((await api('court', 'GET', `/api/v1/people/${PN}`)).statusCode).toBe(403)
      const found = (await api('court', 'GET', '/api/v1/people?q=Smith')).json().people
      expect(found.map((p: { prisonNumber: string }) => p.prisonNumber)).toEqual([PERSON_A])
      // A query to their court gives them a case there; so does an order they recorded.
      await raise()
      expect((await api('court', 'GET', `/api/v1/people/${PN}`)).statusCode).toBe(200)
      expect((await api('warrant_unit', 'GET', `/api/v1/people/${PERSON_B}`)).statusCode).toBe(200)
    })
  })
})
