import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { PERSON_A, PERSON_B, buildTestApp, type TestApp } from '../support/app.js'
import { richBooking } from '../support/fixtures.js'
import { verifyAudit } from '../../src/audit/audit.js'

describeEachDatabase('The JSON API', (dialect) => {
  let t: TestApp
  const call = (role: keyof TestApp['tokens'], method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })

  beforeEach(async () => {
    t = await buildTestApp(dialect, { users: false })
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('refuses a request without a token with 401, and a revoked token too', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/people/${PERSON_A}` })).statusCode).toBe(401)
    expect((await call('checker', 'GET', `/api/v1/people/${PERSON_A}`)).statusCode).toBe(200)
    const tokens = (await call('admin', 'GET', '/api/v1/tokens')).json() as {
      tokens: { id: number; username: string }[]
    }
    const checkerToken = tokens.tokens.find((x) => x.username === 'svc-checker')!
    expect((await call('admin', 'DELETE', `/api/v1/tokens/${checkerToken.id}`)).statusCode).toBe(204)
    expect((await call('checker', 'GET', `/api/v1/people/${PERSON_A}`)).statusCode).toBe(401)
  })

  it('finds people only in the caller’s caseload, and analysts everywhere', async () => {
    const checker = (await call('checker', 'GET', '/api/v1/people?q=Brian')).json() as { people: unknown[] }
    expect(checker.people).toEqual([])
    const analyst = (await call('analyst', 'GET', '/api/v1/people?q=Brian')).json() as {
      people: { prisonNumber: string }[]
    }
    expect(analyst.people.map((p) => p.prisonNumber)).toEqual([PERSON_B])
    expect((await call('checker', 'GET', `/api/v1/people/${PERSON_B}`)).statusCode).toBe(403)
    expect((await call('analyst', 'GET', `/api/v1/people/${PERSON_B}`)).statusCode).toBe(200)
  })

  it('exports the booking in the reference format, and importing the export gives the same export', async () => {
    const first = await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)
    expect(first.statusCode).toBe(200)
    const imported = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/booking`, first.json())
    expect(imported.statusCode).toBe(200)
    expect(imported.json()).toEqual(first.json())
    const again = await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)
    expect(again.json()).toEqual(first.json())
  })

  it('rejects a bad booking with 400 naming every bad field and changes nothing', async () => {
    const bad = richBooking() as Record<string, unknown>
    ;(bad.sentences as Record<string, unknown>[])[0]!.sentencedAt = '2023-02-30'
    bad.returnToCustodyDate = 'yesterday'
    const before = (await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)).json()
    const res = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/booking`, bad)
    expect(res.statusCode).toBe(400)
    const paths = (res.json() as { problems: { path: string }[] }).problems.map((p) => p.path)
    expect(paths).toContain('sentences[0].sentencedAt')
    expect(paths).toContain('returnToCustodyDate')
    expect((await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)).json()).toEqual(before)
  })

  it('adds, changes and removes a sentence, and a stale version gets 409', async () => {
    const created = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/sentences`, {
      type: 'StandardSentence',
      offence: { committedAt: '2024-01-01', offenceCode: 'TH68010' },
      sentencedAt: '2024-03-01',
      duration: { durationElements: { MONTHS: 8 } },
      releaseArrangements: {},
      caseSequence: 1,
    })
    expect(created.statusCode).toBe(201)
    const { id, version } = created.json() as { id: number; version: number }
    const got = (await call('checker', 'GET', `/api/v1/people/${PERSON_A}/sentences/${id}`)).json() as {
      sentence: Record<string, unknown>
    }
    const changed = { ...got.sentence, duration: { durationElements: { MONTHS: 9 } } }
    const first = await call('calculator', 'PUT', `/api/v1/people/${PERSON_A}/sentences/${id}`, {
      version,
      sentence: changed,
    })
    expect(first.statusCode).toBe(200)
    const second = await call('calculator', 'PUT', `/api/v1/people/${PERSON_A}/sentences/${id}`, {
      version,
      sentence: changed,
    })
    expect(second.statusCode).toBe(409)
    expect((second.json() as { error: string }).error).toMatch(/changed by someone else/)
    expect(
      (await call('calculator', 'DELETE', `/api/v1/people/${PERSON_A}/sentences/${id}?version=${version}`))
        .statusCode,
    ).toBe(409)
    expect(
      (
        await call(
          'calculator',
          'DELETE',
          `/api/v1/people/${PERSON_A}/sentences/${id}?version=${version + 1}`,
        )
      ).statusCode,
    ).toBe(204)
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
  })

  it('adds and changes an adjustment', async () => {
    const created = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/adjustments`, {
      type: 'TAGGED_BAIL',
      numberOfDays: 12,
      appliesToSentencesFrom: '2023-06-01',
    })
    expect(created.statusCode).toBe(201)
    const { id, version } = created.json() as { id: number; version: number }
    const res = await call('calculator', 'PUT', `/api/v1/people/${PERSON_A}/adjustments/${id}`, {
      version,
      adjustment: { type: 'TAGGED_BAIL', numberOfDays: 13, appliesToSentencesFrom: '2023-06-01' },
    })
    expect(res.statusCode).toBe(200)
    const booking = (await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)).json() as {
      adjustments: Record<string, unknown[]>
    }
    expect(booking.adjustments.TAGGED_BAIL).toEqual([
      { appliesToSentencesFrom: '2023-06-01', numberOfDays: 13 },
    ])
  })

  it('creates and updates a person, refusing a prison outside the caseload', async () => {
    const body = {
      prisonNumber: 'C1111CC',
      firstName: 'Cara',
      lastName: 'New',
      dateOfBirth: '2000-01-01',
      prisonId: 'MDI',
    }
    expect(
      (await call('calculator', 'POST', '/api/v1/people', { ...body, prisonId: 'LEI' })).statusCode,
    ).toBe(403)
    const created = await call('calculator', 'POST', '/api/v1/people', body)
    expect(created.statusCode).toBe(201)
    expect((await call('calculator', 'POST', '/api/v1/people', body)).statusCode).toBe(409)
    const upd = await call('calculator', 'PUT', '/api/v1/people/C1111CC', {
      ...body,
      lastName: 'Newer',
      version: 1,
    })
    expect(upd.statusCode).toBe(200)
    expect((upd.json() as { lastName: string }).lastName).toBe('Newer')
    expect((await call('checker', 'POST', '/api/v1/people', body)).statusCode).toBe(403)
  })

  it('refuses text containing a null character with 400 naming the field, and adds nothing', async () => {
    const before = (await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)).json()
    const res = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/court-cases`, {
      caseReference: 'T2024\u00000001',
      courtName: 'Leeds Crown Court',
    })
    expect(res.statusCode).toBe(400)
    expect((res.json() as { problems: unknown[] }).problems).toEqual([
      { path: 'body.caseReference', message: 'must not contain a null character' },
    ])
    expect((await call('checker', 'GET', `/api/v1/people/${PERSON_A}/booking`)).json()).toEqual(before)
  })

  it('refuses whole numbers too large for the database, naming the field', async () => {
    const big = 2 ** 31
    const user = await call('admin', 'PUT', '/api/v1/users/1', {
      version: big,
      displayName: 'x',
      roles: ['checker'],
      prisons: [],
      estateWide: false,
      active: true,
    })
    expect(user.statusCode).toBe(400)
    const booking = richBooking() as Record<string, unknown>
    booking.bookingId = big
    const res = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/booking`, booking)
    expect(res.statusCode).toBe(400)
    expect((res.json() as { problems: { path: string }[] }).problems).toEqual([
      { path: 'bookingId', message: 'is too large' },
    ])
    const sentence = await call('calculator', 'POST', `/api/v1/people/${PERSON_A}/sentences`, {
      sentencedAt: '2024-01-01',
      offence: {},
      duration: { durationElements: { DAYS: 1 } },
      releaseArrangements: {},
      caseSequence: 1,
      lineSequence: -big - 1,
    })
    expect(sentence.statusCode).toBe(400)
  })

  it('serves the OpenAPI document, health and metrics', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(doc.statusCode).toBe(200)
    expect(Object.keys((doc.json() as { paths: object }).paths)).toContain(
      '/api/v1/people/{prisonNumber}/booking',
    )
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({
      status: 'UP',
      components: { db: 'UP' },
    })
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toContain('saferelease_http_requests_total')
  })
})
