/**
 * What comes in, at every boundary (API and pages), on both databases: one date rule for dates
 * of birth and sentence, offence, adjustment and release dates; lone surrogates refused naming
 * the field; nothing half-written. Also the SQLite file's mode and API token expiry.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, sqliteFileModeWarning } from '../../src/db/database.js'
import { ValidationError } from '../../src/db/errors.js'
import { parseBooking, type SentenceInput } from '../../src/engine/input/reference-booking.js'
import { PERSON_A, buildTestApp, signIn, type PageSession, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { formValues } from '../support/forms.js'
import { richBooking } from '../support/fixtures.js'

const OUT_OF_RANGE = 'must be between 1900-01-01 and 2200-12-31'

describeEachDatabase('Input at the boundaries', (dialect) => {
  let t: TestApp
  let calc: PageSession
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    calc = await signIn(t.app, 'calculator1')
  })
  afterEach(async () => {
    await t.dispose()
  })

  const api = (role: 'calculator' | 'checker' | 'admin', method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'POST',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${t.tokens[role]}`, 'content-type': 'application/json' },
      ...(payload === undefined
        ? {}
        : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    })
  const problems = (res: { json(): unknown }) =>
    (res.json() as { problems: { path: string; message: string }[] }).problems
  /** Everything stored for the person, to show a refused request changed nothing. */
  const snapshot = async () => {
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    return { person, booking: await t.app.services.bookings.export(person) }
  }
  const sentence = () => richBooking().sentences[0] as Record<string, unknown>

  it('applies one date rule to every date the API takes in, naming the field, and stores nothing', async () => {
    const before = await snapshot()
    const person = (await api('calculator', 'GET', `/people/${PERSON_A}`)).json() as {
      person: Record<string, unknown>
    }
    const personBody = { ...person.person, version: person.person.version }
    const cases: [string, string, unknown, { path: string; message: string }][] = [
      [
        'PUT',
        `/people/${PERSON_A}`,
        { ...personBody, dateOfBirth: '9999-12-31' },
        { path: 'dateOfBirth', message: OUT_OF_RANGE },
      ],
      [
        'PUT',
        `/people/${PERSON_A}`,
        { ...personBody, dateOfBirth: '0000-01-01' },
        { path: 'dateOfBirth', message: OUT_OF_RANGE },
      ],
      [
        'PUT',
        `/people/${PERSON_A}`,
        { ...personBody, dateOfBirth: '1990-02-30' },
        { path: 'dateOfBirth', message: 'must be a real calendar date' },
      ],
      [
        'POST',
        '/people',
        { ...personBody, prisonNumber: 'Z9999ZZ', dateOfBirth: '0000-01-01' },
        { path: 'dateOfBirth', message: OUT_OF_RANGE },
      ],
      [
        'POST',
        `/people/${PERSON_A}/sentences`,
        { ...sentence(), identifier: undefined, sentencedAt: '0000-06-03' },
        { path: 'sentencedAt', message: OUT_OF_RANGE },
      ],
      [
        'POST',
        `/people/${PERSON_A}/sentences`,
        { ...sentence(), identifier: undefined, offence: { committedAt: '9999-01-01' } },
        { path: 'offence.committedAt', message: OUT_OF_RANGE },
      ],
      [
        'POST',
        `/people/${PERSON_A}/adjustments`,
        { type: 'REMAND', appliesToSentencesFrom: '2023-01-01', numberOfDays: 3, fromDate: '0000-01-01' },
        { path: 'fromDate', message: OUT_OF_RANGE },
      ],
      [
        'POST',
        `/people/${PERSON_A}/booking`,
        { ...richBooking(), sentences: [{ ...sentence(), sentencedAt: '0000-06-03' }] },
        { path: 'sentences[0].sentencedAt', message: OUT_OF_RANGE },
      ],
      [
        'POST',
        `/people/${PERSON_A}/calculations/manual`,
        { reason: { code: 'INITIAL_CALCULATION' }, dates: { SLED: '9999-12-31' } },
        { path: 'dates.SLED', message: OUT_OF_RANGE },
      ],
    ]
    for (const [method, url, body, problem] of cases) {
      const res = await api('calculator', method, url, body)
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400)
      expect(problems(res)).toContainEqual(problem)
    }
    expect(await snapshot()).toEqual(before)
    expect(
      await t.database.db.selectFrom('people').select('id').where('prison_number', '=', 'Z9999ZZ').execute(),
    ).toEqual([])
  })

  it('applies it in storage too, whoever calls it', async () => {
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const parsed = parseBooking({
      ...richBooking(),
      sentences: [{ ...sentence(), sentencedAt: '0000-06-03' }],
    })
    if (!parsed.ok) throw new Error('fixture')
    const s = parsed.value.sentences[0] as SentenceInput
    const err = await t.app.services.bookings
      .createSentence({ username: 'x' }, person, { ...s, identifier: undefined })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ValidationError)
    expect((err as ValidationError).problems).toEqual([{ path: 'sentencedAt', message: OUT_OF_RANGE }])
  })

  it('applies it on the pages: a date of birth in year 9999 and a pasted booking in year 0000 are refused', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: calc.cookie } })
    const post = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: calc.cookie },
        payload: { _csrf: calc.csrf, ...payload },
      })
    const details = `/people/${PERSON_A}/details/edit`
    const res = await post(details, { ...formValues((await get(details)).body), 'dateOfBirth-year': '9999' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('The date of birth must be between 1900 and 2200')
    const importUrl = `/people/${PERSON_A}/booking/import`
    const pasted = JSON.stringify({
      ...richBooking(),
      sentences: [{ ...sentence(), sentencedAt: '0000-06-03' }],
    })
    const imported = await post(importUrl, { ...formValues((await get(importUrl)).body), booking: pasted })
    expect(imported.statusCode).toBe(400)
    expect(imported.body).toContain('sentences[0].sentencedAt')
    expect(imported.body).toContain(OUT_OF_RANGE)
  })

  it('refuses a lone surrogate, naming the field, over the API and in a pasted booking, storing nothing', async () => {
    const before = await snapshot()
    const person = (await api('calculator', 'GET', `/people/${PERSON_A}`)).json() as {
      person: Record<string, unknown>
    }
    // Sent as JSON escapes, exactly as a client would: they become lone surrogates once parsed.
    const body = JSON.stringify({ ...person.person, lastName: 'SURROGATE' }).replace(
      'SURROGATE',
      'Sm\\ud800ith',
    )
    const res = await api('calculator', 'PUT', `/people/${PERSON_A}`, body)
    expect(res.statusCode).toBe(400)
    expect(problems(res)).toEqual([
      {
        path: 'body.lastName',
        message: 'must not contain a lone surrogate (text that is not valid Unicode)',
      },
    ])
    const trailing = await api(
      'calculator',
      'POST',
      `/people/${PERSON_A}/court-cases`,
      '{"courtName":"Leeds \\udc00"}',
    )
    expect(problems(trailing)).toEqual([
      {
        path: 'body.courtName',
        message: 'must not contain a lone surrogate (text that is not valid Unicode)',
      },
    ])
    // A real pair (an emoji) is well-formed text and is kept.
    const pair = await api(
      'calculator',
      'POST',
      `/people/${PERSON_A}/court-cases`,
      '{"courtName":"Leeds \\ud83d\\ude00"}',
    )
    expect(pair.statusCode, pair.body).toBe(201)

    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: calc.cookie } })
    const importUrl = `/people/${PERSON_A}/booking/import`
    const pasted = JSON.stringify({
      ...richBooking(),
      sentences: [{ ...sentence(), caseReference: 'CASE' }],
    }).replace('"CASE"', '"T2\\ud800"')
    const page = await t.app.inject({
      method: 'POST',
      url: importUrl,
      headers: { cookie: calc.cookie },
      payload: { ...formValues((await get(importUrl)).body), _csrf: calc.csrf, booking: pasted },
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('sentences[0].caseReference')
    expect(page.body).toContain('must not contain a lone surrogate')
    const after = await snapshot()
    expect(after.booking).toEqual(before.booking)
    expect(after.person.lastName).toBe(before.person.lastName)
  })

  it('expires an API token after its last day, and the tokens page shows when each expires', async () => {
    const users = t.app.services.users
    const svc = (await users.findByUsername('svc-checker'))!
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
    const past = await api('admin', 'POST', '/tokens', {
      userId: svc.id,
      name: 'old',
      expiresOn: '2020-01-01',
    })
    expect(past.statusCode).toBe(422)
    expect(problems(past)).toEqual([{ path: 'expiresOn', message: 'must be today or in the future' }])
    const bad = await api('admin', 'POST', '/tokens', {
      userId: svc.id,
      name: 'bad',
      expiresOn: '9999-01-01',
    })
    expect(problems(bad)).toContainEqual({ path: 'expiresOn', message: OUT_OF_RANGE })
    const issued = await api('admin', 'POST', '/tokens', {
      userId: svc.id,
      name: 'reporting',
      expiresOn: today,
    })
    expect(issued.statusCode, issued.body).toBe(201)
    const { id, token } = issued.json() as { id: number; token: string }
    const read = () =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/people/${PERSON_A}`,
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await read()).statusCode).toBe(200) // works all through its last day
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: '2020-01-31' })
      .where('id', '=', id)
      .execute()
    expect((await read()).statusCode).toBe(401)
    const listed = (await api('admin', 'GET', '/tokens')).json() as {
      tokens: { id: number; expiresOn: string | null; expired: boolean }[]
    }
    expect(listed.tokens.find((x) => x.id === id)).toMatchObject({ expiresOn: '2020-01-31', expired: true })
    const admin = await signIn(t.app, 'admin1')
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/tokens',
      headers: { cookie: admin.cookie },
    })
    expect(page.body).toContain('Expired after 31 January 2020')
    expect(page.body).toContain('Never')
    // The page form takes the last day as a GOV.UK date, and refuses one in the past.
    const form = await t.app.inject({
      method: 'POST',
      url: '/admin/tokens',
      headers: { cookie: admin.cookie },
      payload: {
        _csrf: admin.csrf,
        userId: String(svc.id),
        name: 'x',
        'expiresOn-day': '1',
        'expiresOn-month': '1',
        'expiresOn-year': '2020',
      },
    })
    expect(form.statusCode).toBe(400)
    expect(form.body).toContain('The last day of the token must be today or in the future')
  })
})

describe('The SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-mode-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is created readable by its owner only, with its WAL files, in a private folder', async () => {
    const file = join(dir, 'new', 'saferelease.sqlite')
    const database = await openDatabase(file)
    await database.db.insertInto('prisons').values({ id: 'MDI', name: 'Moorland' }).execute()
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777, f).toBe(0o600)
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o700)
    expect(sqliteFileModeWarning(file)).toBeUndefined()
    await database.close()
  })

  it('says what to do about an existing file that others can read', () => {
    const file = join(dir, 'old.sqlite')
    writeFileSync(file, '') // an empty file is an empty SQLite database
    chmodSync(file, 0o644)
    expect(sqliteFileModeWarning(file)).toMatch(/can be read by other users \(mode 0644\).*chmod 600/)
  })
})
