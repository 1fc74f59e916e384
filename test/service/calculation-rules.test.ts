/**
 * More of the journey's rules on the server: messages on "Check the information" name the record
 * and link to the form that fixes it; the record-by-record check has no single "agree"; a check
 * difference resolved by correcting the record and recalculating; the bank-holiday calendar is
 * admin-kept, audited, used by the engine, and a change to it makes a preliminary result stale.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { buildTestApp, signIn, PERSON_A, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addPerson, simpleBooking } from '../support/calculation.js'

const PN = 'C1111CC'

describeEachDatabase('Calculation journey rules', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    await addPerson(t.app, PN)
  })
  afterEach(async () => {
    await t.dispose()
  })

  const api = (
    role: 'calculator' | 'checker' | 'manager' | 'admin',
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  async function confirmed(reason = 'INITIAL_CALCULATION') {
    const pre = (
      await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, { reason: { code: reason } })
    ).json() as { calculationId: string; version: string }
    const res = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`,
      { version: pre.version },
    )
    expect(res.statusCode, res.body).toBe(200)
    return pre.calculationId
  }

  it('names the exact sentence a message is about and links to the form that fixes it', async () => {
    const s = await signIn(t.app, 'calculator1')
    await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/calculate`,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, reason: 'INITIAL_CALCULATION' },
    })
    const page = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}/calculate/check-information`,
      headers: { cookie: s.cookie },
    })
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const dto = (await t.app.services.bookings.load(person.bookingId)).sentences[5]!
    expect(page.body).toContain('Sentence 6 is a detention and training order')
    expect(page.body).toMatch(
      new RegExp(
        `Calculate the release dates manually\\.\\s*<a class="govuk-link" href="/people/${PERSON_A}/sentences/${dto.id}/edit">Change this record`,
      ),
    )
    expect(page.body).toContain('Enter the dates by hand')
    expect(page.body).not.toContain('>Calculate release dates</button>')
  })

  it('checks record by record, one at a time: a flagged record is a difference to resolve', async () => {
    const id = await confirmed()
    const records = (
      await api('checker', 'POST', `/api/v1/people/${PN}/calculations/${id}/check/records/sentence:0`, {
        matches: true,
      })
    ).json() as {
      records: { id: string; checked: string }[]
      status: string
    }
    expect(records.status).toBe('unverified')
    expect(records.records.map((r) => r.checked)).toEqual(['confirmed', 'not checked'])
    const again = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${id}/check/records/sentence:0`,
      { matches: true },
    )
    expect(again.statusCode).toBe(409)
    const unknown = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${id}/check/records/everything`,
      { matches: true },
    )
    expect(unknown.statusCode).toBe(404)
    const flag = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${id}/check/records/adjustment:REMAND:0`,
      { matches: false, note: 'The remand certificate says 25 days' },
    )
    expect(flag.statusCode).toBe(200)
    expect(flag.json().status).toBe('differences-found')
    // Mixing modes is refused.
    const entry = await api('checker', 'POST', `/api/v1/people/${PN}/calculations/${id}/check/entry`, {
      booking: simpleBooking(PN),
    })
    expect(entry.statusCode).toBe(409)

    // Through the pages: the next record is shown on its own; no answer is an error.
    const s = await signIn(t.app, 'checker1')
    const page = await t.app.inject({
      method: 'GET',
      url: `/people/${PN}/calculations/${id}/check/records`,
      headers: { cookie: s.cookie },
    })
    expect(page.statusCode).toBe(302)
    expect(page.headers.location).toContain('/check/comparison')
    const comparison = await t.app.inject({
      method: 'GET',
      url: page.headers.location as string,
      headers: { cookie: s.cookie },
    })
    expect(comparison.body).toContain('The remand certificate says 25 days')

    // Resolved by correcting the record and recalculating.
    const person = await t.app.services.people.getByPrisonNumber(PN)
    const adj = (await t.app.services.bookings.load(person.bookingId)).adjustments[0]!
    await t.app.services.bookings.updateAdjustment(
      { username: 'calculator1' },
      person,
      Number(adj.id),
      Number(adj.version),
      {
        type: 'REMAND',
        numberOfDays: 25,
        appliesToSentencesFrom: '2024-06-03',
        fromDate: '2024-01-10',
        toDate: '2024-02-03',
      } as never,
    )
    const tooEarly = await t.app.inject({
      method: 'POST',
      url: `/people/${PN}/calculations/${id}/check/comparison`,
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        differenceId: 'record:adjustment:REMAND:0',
        how: 'corrected-and-recalculated',
      },
    })
    expect(tooEarly.statusCode).toBe(422)
    const newer = await confirmed('CORRECTION_OF_EARLIER_SENTENCE')
    const resolved = await t.app.inject({
      method: 'POST',
      url: `/people/${PN}/calculations/${id}/check/comparison`,
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        differenceId: 'record:adjustment:REMAND:0',
        how: 'corrected-and-recalculated',
      },
    })
    expect(resolved.statusCode).toBe(302)
    const state = await t.app.services.calculationJourney.state(person)
    const diff = state.calculations[id]!.check.differences[0]!
    expect(diff.resolution).toMatchObject({ kind: 'corrected-and-recalculated', newCalculationId: newer })
    // Every record checked and every difference resolved: verified.
    expect(state.calculations[id]!.check.status).toBe('verified')
    expect(state.calculations[id]!.check.verified?.how).toBe('differences-resolved')
  })

  it('keeps the bank-holiday calendar as audited data the engine uses; a change makes a preliminary result stale', async () => {
    const list = await api('admin', 'GET', '/api/v1/people/search').then(() =>
      t.app.services.bankHolidays.list(),
    )
    expect(list.find((h) => h.date === '2025-12-25')?.title).toBe('Christmas Day')
    const pre = (
      await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, {
        reason: { code: 'INITIAL_CALCULATION' },
      })
    ).json() as { calculationId: string; version: string }

    const s = await signIn(t.app, 'admin1')
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/bank-holidays',
      headers: { cookie: s.cookie },
    })
    expect(page.body).toContain('Thursday 25 December 2025')
    const bad = await t.app.inject({
      method: 'POST',
      url: '/admin/bank-holidays',
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, 'date-day': '31', 'date-month': '2', 'date-year': '2030', title: 'x' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('must be a real date')
    const added = await t.app.inject({
      method: 'POST',
      url: '/admin/bank-holidays',
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        'date-day': '3',
        'date-month': '3',
        'date-year': '2025',
        title: 'Extra holiday',
      },
    })
    expect(added.statusCode).toBe(302)
    const dup = await t.app.inject({
      method: 'POST',
      url: '/admin/bank-holidays',
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        'date-day': '3',
        'date-month': '3',
        'date-year': '2025',
        title: 'Extra holiday',
      },
    })
    expect(dup.statusCode).toBe(409)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', 'in', ['BANK_HOLIDAY_ADDED', 'BANK_HOLIDAY_REMOVED'])
      .execute()
    expect(audit).toEqual([{ action: 'BANK_HOLIDAY_ADDED', subject_id: '2025-03-03' }])

    const stale = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`,
      { version: pre.version },
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.json().changes).toContain('Bank holiday 3 March 2025 added to the calendar')

    expect(page.body).toMatch(/The calendar covers <strong>1 January \d{4} to 31 December \d{4}<\/strong>/)

    // Removing needs a confirmation: a post without it only leads to the confirmation page.
    const unconfirmed = await t.app.inject({
      method: 'POST',
      url: '/admin/bank-holidays/2025-03-03/remove',
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf },
    })
    expect(unconfirmed.statusCode).toBe(302)
    expect(unconfirmed.headers.location).toBe('/admin/bank-holidays/2025-03-03/remove')
    expect((await t.app.services.bankHolidays.dates()).includes('2025-03-03')).toBe(true)
    const confirmPage = await t.app.inject({
      method: 'GET',
      url: '/admin/bank-holidays/2025-03-03/remove',
      headers: { cookie: s.cookie },
    })
    expect(confirmPage.body).toContain('Are you sure you want to remove this bank holiday?')
    expect(confirmPage.body).toContain('Extra holiday, Monday 3 March 2025')
    const removed = await t.app.inject({
      method: 'POST',
      url: '/admin/bank-holidays/2025-03-03/remove',
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, confirm: 'yes' },
    })
    expect(removed.statusCode).toBe(302)
    expect(removed.headers.location).toBe('/admin/bank-holidays')
    expect((await t.app.services.bankHolidays.dates()).includes('2025-03-03')).toBe(false)
  })

  it('shows a manager the checks waiting in their prison, and refuses a prison outside their caseload', async () => {
    await confirmed()
    const ok = await api('manager', 'GET', '/api/v1/calculation-checks?prison=MDI')
    expect(ok.statusCode).toBe(200)
    expect(ok.json().awaitingCheck).toHaveLength(1)
    expect(ok.json().awaitingCheck[0].waitingDays).toBe(0)
    expect((await api('manager', 'GET', '/api/v1/calculation-checks?prison=LEI')).statusCode).toBe(403)
    const s = await signIn(t.app, 'manager1')
    const page = await t.app.inject({
      method: 'GET',
      url: '/calculations/checks',
      headers: { cookie: s.cookie },
    })
    expect(page.body).toContain(PN)
  })

  it('links managers to the checks and administrators to the bank holidays', async () => {
    const m = await signIn(t.app, 'manager1')
    expect(
      (await t.app.inject({ method: 'GET', url: '/people/search', headers: { cookie: m.cookie } })).body,
    ).toContain('href="/calculations/checks"')
    const a = await signIn(t.app, 'admin1')
    expect(
      (await t.app.inject({ method: 'GET', url: '/admin/users', headers: { cookie: a.cookie } })).body,
    ).toContain('href="/admin/bank-holidays"')
  })

  it('a checker of a case SafeRelease cannot calculate enters their own dates after their own records', async () => {
    await addPerson(t.app, 'D2222DD', { recall: true })
    const manual = await api('calculator', 'POST', '/api/v1/people/D2222DD/calculations/manual', {
      reason: { code: 'INITIAL_CALCULATION' },
      dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
    })
    expect(manual.statusCode).toBe(201)
    const id = (manual.json() as { calculationId: string }).calculationId
    const s = await signIn(t.app, 'checker1')
    const entry = {
      _csrf: s.csrf,
      's0-date-day': '3',
      's0-date-month': '6',
      's0-date-year': '2024',
      's0-length-years': '2',
      'a-REMAND-0-days': '20',
      'a-REMAND-0-from-day': '10',
      'a-REMAND-0-from-month': '1',
      'a-REMAND-0-from-year': '2024',
      'a-REMAND-0-to-day': '29',
      'a-REMAND-0-to-month': '1',
      'a-REMAND-0-to-year': '2024',
    }
    const url = `/people/D2222DD/calculations/${id}/check/entry`
    const first = await t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie }, payload: entry })
    expect(first.statusCode).toBe(422)
    expect(first.body).toContain('Enter the release dates you worked out')
    const withDates = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie },
      payload: {
        ...entry,
        withDates: '1',
        'date-PRRD-day': '1',
        'date-PRRD-month': '6',
        'date-PRRD-year': '2025',
        'date-SLED-day': '13',
        'date-SLED-month': '5',
        'date-SLED-year': '2026',
      },
    })
    expect(withDates.statusCode).toBe(302)
    const person = await t.app.services.people.getByPrisonNumber('D2222DD')
    expect((await t.app.services.calculationJourney.state(person)).calculations[id]!.check.status).toBe(
      'verified',
    )
  })

  it('documents the journey in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, unknown>
    }
    for (const path of [
      '/api/v1/people/{prisonNumber}/calculations',
      '/api/v1/people/{prisonNumber}/calculations/{calculationId}/confirm',
      '/api/v1/people/{prisonNumber}/calculations/manual',
      '/api/v1/people/{prisonNumber}/calculation-history',
      '/api/v1/people/{prisonNumber}/calculations/{calculationId}/check/entry',
    ])
      expect(Object.keys(doc.paths), path).toContain(path)
  })
})
