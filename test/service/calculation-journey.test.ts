/**
 * The calculation journey against a real database (SQLite and PostgreSQL), through the pages and
 * the JSON API: the happy path, and every attempt to break the rules on the server — confirming
 * a stale result, manual entry for a supported case, an override without a reason, checking
 * one's own calculation, and a checker looking at the first calculation before checking.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { buildTestApp, signIn, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addCalculatorChecker, addPerson, simpleBooking } from '../support/calculation.js'
import { verifyAudit } from '../../src/audit/audit.js'

const PN = 'C1111CC'
const UNSUPPORTED = 'D2222DD'

describeEachDatabase('Calculation journey', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    await addPerson(t.app, PN)
    await addPerson(t.app, UNSUPPORTED, { recall: true, firstName: 'Ursula' })
  })
  afterEach(async () => {
    await t.dispose()
  })

  const api = (
    role: string | { token: string },
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${typeof role === 'string' ? t.tokens[role as 'calculator'] : role.token}`,
      },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  async function calculateAndConfirm(who: string | { token: string } = 'calculator', prisonNumber = PN) {
    const pre = await api(who, 'POST', `/api/v1/people/${prisonNumber}/calculations`, {
      reason: { code: 'INITIAL_CALCULATION' },
    })
    expect(pre.statusCode, pre.body).toBe(201)
    const { calculationId, version } = pre.json() as { calculationId: string; version: string }
    const confirmed = await api(
      who,
      'POST',
      `/api/v1/people/${prisonNumber}/calculations/${calculationId}/confirm`,
      { version },
    )
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    return { calculationId, version }
  }

  it('walks the pages: reason, check the information, result with explanations, confirm, complete, history, slip', async () => {
    const s = await signIn(t.app, 'calculator1')
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })
    const post = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie },
        payload: { _csrf: s.csrf, ...payload },
      })

    const person = await get(`/people/${PN}`)
    expect(person.body).toContain('Calculate release dates')
    expect((await get(`/people/${PN}/calculate`)).body).toContain('Why are you calculating release dates?')
    const missing = await post(`/people/${PN}/calculate`, {})
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select the reason for this calculation')
    const otherNoText = await post(`/people/${PN}/calculate`, { reason: 'OTHER' })
    expect(otherNoText.statusCode).toBe(400)
    expect(otherNoText.body).toContain('href="#text-OTHER"')
    const chosen = await post(`/people/${PN}/calculate`, { reason: 'INITIAL_CALCULATION' })
    expect(chosen.headers.location).toBe(`/people/${PN}/calculate/check-information`)
    const check = await get(`/people/${PN}/calculate/check-information`)
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Court case 1 (T20240001)')
    expect(check.body).toContain('Remand')
    expect(check.body).toMatch(/sentences\/\d+\/edit/)
    const calc = await post(`/people/${PN}/calculate/check-information`, {})
    expect(calc.statusCode).toBe(302)
    const resultUrl = calc.headers.location as string
    expect(resultUrl).toMatch(/\/calculations\/[0-9a-f-]{36}\/result$/)
    const result = await get(resultUrl)
    expect(result.body).toContain('Conditional release date (CRD)')
    expect(result.body).toContain('1 March 2025')
    expect(result.body).toContain('Saturday 1 March 2025 — not a working day')
    expect(result.body).toContain('How this date was worked out')
    expect(result.body).toContain('Criminal Justice Act 2003')
    const unanswered = await post(resultUrl, {})
    expect(unanswered.statusCode).toBe(400)
    const yes = await post(resultUrl, { correct: 'yes' })
    expect(yes.statusCode).toBe(302)
    const complete = await get(yes.headers.location as string)
    expect(complete.body).toContain('Calculation complete')
    const after = await get(`/people/${PN}`)
    expect(after.body).toContain('Initial calculation')
    expect(after.body).toContain('Not verified')
    expect(after.body).toContain('Calculated by SafeRelease')
    const id = /calculations\/([0-9a-f-]{36})\/result/.exec(resultUrl)![1]!
    const view = await get(`/people/${PN}/calculations/${id}`)
    expect(view.body).toContain('exactly as it was made')
    for (const variant of ['prisoner', 'establishment']) {
      const slip = await get(`/people/${PN}/calculations/${id}/slip?variant=${variant}`)
      expect(slip.statusCode).toBe(200)
      expect(slip.body).toContain(
        variant === 'prisoner' ? 'If you think these dates are wrong' : 'For the establishment',
      )
      const pdf = await get(`/people/${PN}/calculations/${id}/slip.pdf?variant=${variant}`)
      expect(pdf.headers['content-type']).toContain('application/pdf')
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    }
    // Events, read rows and the audit chain all landed together.
    const rows = await t.app.services.calculations.listFor(await t.app.services.people.getByPrisonNumber(PN))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.status).toBe('CONFIRMED')
    const audit = await verifyAudit(t.database.db)
    expect(audit.ok).toBe(true)
    const events = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'CALCULATION_EVENT')
      .execute()
    expect(events).toHaveLength(2)
  })

  it('refuses to confirm after an input changed, says what changed, and sends the user back to Check the information', async () => {
    const s = await signIn(t.app, 'calculator1')
    const post = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie },
        payload: { _csrf: s.csrf, ...payload },
      })
    await post(`/people/${PN}/calculate`, { reason: 'INITIAL_CALCULATION' })
    const resultUrl = (await post(`/people/${PN}/calculate/check-information`, {})).headers.location as string
    const person = await t.app.services.people.getByPrisonNumber(PN)
    const adj = (await t.app.services.bookings.load(person.bookingId)).adjustments[0]!
    await t.app.services.bookings.updateAdjustment(
      { username: 'someone-else' },
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
    const refused = await post(resultUrl, { correct: 'yes' })
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toContain('The information changed after these dates were calculated')
    expect(refused.body).toMatch(/20.*25/s)
    expect(refused.body).toContain('Start again from Check the information')
    expect(await t.app.services.calculationJourney.state(person).then((st) => st.order.length)).toBe(0)
  })

  it('API: calculate, confirm with the version; 412 for a wrong version, 409 with the change list when stale, 409 when confirmed twice', async () => {
    const pre = await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, {
      reason: { code: 'TRANSFER_CHECK' },
    })
    expect(pre.statusCode).toBe(201)
    const body = pre.json() as {
      calculationId: string
      version: string
      dates: { type: string; explanation?: unknown }[]
    }
    expect(body.version).toMatch(/^sha256:/)
    expect(body.dates.find((d) => d.type === 'CRD')?.explanation).toBeDefined()
    const wrong = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${body.calculationId}/confirm`,
      { version: `sha256:${'0'.repeat(64)}` },
    )
    expect(wrong.statusCode).toBe(412)
    const ok = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${body.calculationId}/confirm`,
      { version: body.version },
    )
    expect(ok.statusCode).toBe(200)
    const twice = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${body.calculationId}/confirm`,
      { version: body.version },
    )
    expect(twice.statusCode).toBe(409)
    expect(twice.json().code).toBe('ALREADY_CONFIRMED')

    const pre2 = (
      await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, { reason: { code: 'ADA' } })
    ).json() as { calculationId: string; version: string }
    const person = await t.app.services.people.getByPrisonNumber(PN)
    const parsed = simpleBooking(PN, { remandDays: 30 })
    const put = await api('calculator', 'POST', `/api/v1/people/${PN}/booking`, parsed)
    expect([200, 201, 204]).toContain(put.statusCode)
    const stale = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PN}/calculations/${pre2.calculationId}/confirm`,
      { version: pre2.version },
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('INPUTS_CHANGED')
    expect((stale.json().changes as string[]).join(' ')).toMatch(/20.*30/)
    const history = await api('calculator', 'GET', `/api/v1/people/${PN}/calculation-history`)
    expect(history.json().calculations).toHaveLength(1)
    void person
  })

  it('refuses manual entry for a case the engine can calculate, and allows it for an unsupported one', async () => {
    const refused = await api('calculator', 'POST', `/api/v1/people/${PN}/calculations/manual`, {
      reason: { code: 'INITIAL_CALCULATION' },
      dates: { CRD: '2025-03-01', SLED: '2026-05-13' },
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('ENGINE_CAN_CALCULATE')
    const pre = (
      await api('calculator', 'POST', `/api/v1/people/${UNSUPPORTED}/calculations`, {
        reason: { code: 'INITIAL_CALCULATION' },
      })
    ).json() as { calculationId: string; version: string; next: string; canConfirm: boolean }
    expect(pre.next).toBe('manual-entry')
    expect(pre.canConfirm).toBe(false)
    const cannot = await api(
      'calculator',
      'POST',
      `/api/v1/people/${UNSUPPORTED}/calculations/${pre.calculationId}/confirm`,
      { version: pre.version },
    )
    expect(cannot.statusCode).toBe(422)
    expect(cannot.json().code).toBe('ENGINE_UNSUPPORTED')
    const manual = await api('calculator', 'POST', `/api/v1/people/${UNSUPPORTED}/calculations/manual`, {
      reason: { code: 'INITIAL_CALCULATION' },
      dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
    })
    expect(manual.statusCode, manual.body).toBe(201)
    expect(manual.json().source).toContain('Entered by hand')
  })

  it('refuses an override without a reason, or with the same dates, and records one with a reason', async () => {
    const pre = (
      await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, {
        reason: { code: 'INITIAL_CALCULATION' },
      })
    ).json() as { calculationId: string; version: string }
    const url = `/api/v1/people/${PN}/calculations/${pre.calculationId}/override`
    const noReason = await api('calculator', 'POST', url, {
      version: pre.version,
      dates: { CRD: '2025-02-28' },
    })
    expect(noReason.statusCode).toBe(400)
    const otherNoText = await api('calculator', 'POST', url, {
      version: pre.version,
      reason: { code: 'OTHER' },
      dates: { CRD: '2025-02-28' },
    })
    expect(otherNoText.statusCode).toBe(400)
    const ok = await api('calculator', 'POST', url, {
      version: pre.version,
      reason: { code: 'WEEKEND_OR_BANK_HOLIDAY' },
      dates: { CRD: '2025-02-28', SLED: '2026-05-13', HDCED: '2024-10-07' },
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().source).toContain('Override')

    // Through the page: no reason selected is an error on the form, and nothing is saved.
    const pre2 = (
      await api('calculator', 'POST', `/api/v1/people/${PN}/calculations`, {
        reason: { code: 'INITIAL_CALCULATION' },
      })
    ).json() as { calculationId: string }
    const s = await signIn(t.app, 'calculator1')
    const page = await t.app.inject({
      method: 'POST',
      url: `/people/${PN}/calculations/${pre2.calculationId}/override`,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, 'date-CRD-day': '28', 'date-CRD-month': '2', 'date-CRD-year': '2025' },
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('Select why the dates are not correct')

    // An impossible date is refused on its own field; possible ones go to "Check your answers".
    const overrideUrl = `/people/${PN}/calculations/${pre2.calculationId}/override`
    const post = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie },
        payload: { _csrf: s.csrf, ...payload },
      })
    const reason = { reason: 'OTHER', 'text-OTHER': 'Court order varied on appeal' }
    const impossible = await post(overrideUrl, {
      ...reason,
      ...{ 'date-CRD-day': '28', 'date-CRD-month': '2', 'date-CRD-year': '2025' },
      ...{ 'date-HDCED-day': '1', 'date-HDCED-month': '4', 'date-HDCED-year': '2025' },
      ...{ 'date-SLED-day': '2', 'date-SLED-month': '6', 'date-SLED-year': '2026' },
    })
    expect(impossible.statusCode).toBe(422)
    expect(impossible.body).toContain('href="#date-HDCED-day"')
    expect(impossible.body).toContain(
      'The home detention curfew eligibility date (HDCED), 1 April 2025 is after the conditional release date (CRD), 28 February 2025',
    )
    const possible = await post(overrideUrl, {
      ...reason,
      ...{ 'date-CRD-day': '28', 'date-CRD-month': '2', 'date-CRD-year': '2025' },
      ...{ 'date-SLED-day': '2', 'date-SLED-month': '6', 'date-SLED-year': '2026' },
    })
    expect(possible.statusCode).toBe(302)
    expect(possible.headers.location).toBe(`${overrideUrl}/check-your-answers`)
    const answers = await t.app.inject({
      method: 'GET',
      url: `${overrideUrl}/check-your-answers`,
      headers: { cookie: s.cookie },
    })
    expect(answers.body).toContain('Check your answers before saving the dates')
    expect(answers.body).toContain('Other: Court order varied on appeal')
    // Nothing is saved until the answers are confirmed.
    const before = await api('calculator', 'GET', `/api/v1/people/${PN}/calculation-history`)
    expect(
      before
        .json()
        .calculations.some((c: { calculationId: string }) => c.calculationId === pre2.calculationId),
    ).toBe(false)
    const saved = await post(`${overrideUrl}/check-your-answers`, {})
    expect(saved.statusCode).toBe(302)
    expect(saved.headers.location).toBe(`/people/${PN}/calculations/${pre2.calculationId}/complete`)
    const after = await api('calculator', 'GET', `/api/v1/people/${PN}/calculation-history`)
    expect(after.json().calculations[0]).toMatchObject({
      calculationId: pre2.calculationId,
      source: 'override',
      dates: { CRD: '2025-02-28', SLED: '2026-06-02' },
    })
  })

  it('stops a user checking a calculation they made, and hides the first calculation from a checker until they have checked', async () => {
    const both = await addCalculatorChecker(t.app)
    const { calculationId } = await calculateAndConfirm(both)
    const self = await api(both, 'POST', `/api/v1/people/${PN}/calculations/${calculationId}/check/entry`, {
      booking: simpleBooking(PN),
    })
    expect(self.statusCode).toBe(403)
    expect(self.json().code).toBe('SELF_CHECK')
    const selfRecord = await api(
      both,
      'POST',
      `/api/v1/people/${PN}/calculations/${calculationId}/check/records/sentence:0`,
      { matches: true },
    )
    expect(selfRecord.statusCode).toBe(403)

    // The checker cannot see the first inputs or dates, by API or page.
    expect(
      (await api('checker', 'GET', `/api/v1/people/${PN}/calculations/${calculationId}`)).statusCode,
    ).toBe(403)
    for (const url of [
      `/api/v1/people/${PN}`,
      `/api/v1/people/${PN}/booking`,
      `/api/v1/people/${PN}/calculations`,
    ])
      expect((await api('checker', 'GET', url)).statusCode, url).toBe(403)
    expect((await api('calculator', 'GET', `/api/v1/people/${PN}/calculations`)).statusCode).toBe(200)
    const history = (await api('checker', 'GET', `/api/v1/people/${PN}/calculation-history`)).json() as {
      calculations: Record<string, unknown>[]
    }
    expect(history.calculations[0]!.dates).toBeUndefined()
    const task = (await api('checker', 'GET', `/api/v1/people/${PN}/calculations/${calculationId}/check`))
      .body
    expect(task).not.toContain('2025-03-01')
    expect(task).not.toContain('2024-06-03')
    const s = await signIn(t.app, 'checker1')
    const view = await t.app.inject({
      method: 'GET',
      url: `/people/${PN}/calculations/${calculationId}`,
      headers: { cookie: s.cookie },
    })
    expect(view.statusCode).toBe(403)
    const personPage = await t.app.inject({
      method: 'GET',
      url: `/people/${PN}`,
      headers: { cookie: s.cookie },
    })
    expect(personPage.body).toContain('hidden from you until you have made your independent second check')
    expect(personPage.body).not.toContain('3 June 2024')
    const entryPage = await t.app.inject({
      method: 'GET',
      url: `/people/${PN}/calculations/${calculationId}/check/entry`,
      headers: { cookie: s.cookie },
    })
    expect(entryPage.statusCode).toBe(200)
    expect(entryPage.body).not.toMatch(/value="(20|2024|2)"/)
  })

  it('a blind check that matches verifies; one with a different remand figure finds differences until each is resolved', async () => {
    const first = await calculateAndConfirm()
    const match = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${first.calculationId}/check/entry`,
      { booking: simpleBooking(PN) },
    )
    expect(match.statusCode, match.body).toBe(200)
    expect(match.json().status).toBe('verified')
    const again = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${first.calculationId}/check/entry`,
      { booking: simpleBooking(PN) },
    )
    expect(again.statusCode).toBe(409)

    const second = await calculateAndConfirm()
    const differ = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${second.calculationId}/check/entry`,
      { booking: simpleBooking(PN, { remandDays: 25 }) },
    )
    expect(differ.statusCode).toBe(200)
    const comparison = differ.json() as {
      status: string
      differences: { id: string; first: string; second: string }[]
    }
    expect(comparison.status).toBe('differences-found')
    const remand = comparison.differences.find((d) => d.first.includes('20') && d.second.includes('25'))
    expect(remand).toBeDefined()
    const checks = await api('manager', 'GET', `/api/v1/calculation-checks?prison=MDI`)
    expect(checks.json().differencesFound).toHaveLength(1)
    const tooShort = await api(
      'checker',
      'POST',
      `/api/v1/people/${PN}/calculations/${second.calculationId}/check/resolutions`,
      { differenceId: comparison.differences[0]!.id, resolution: { kind: 'first-was-right', reason: 'ok' } },
    )
    expect(tooShort.statusCode).toBe(400)
    let last
    for (const d of comparison.differences) {
      last = await api(
        'checker',
        'POST',
        `/api/v1/people/${PN}/calculations/${second.calculationId}/check/resolutions`,
        {
          differenceId: d.id,
          resolution: {
            kind: 'first-was-right',
            reason: 'The warrant shows 20 days of remand; the checker misread it',
          },
        },
      )
      expect(last.statusCode, last.body).toBe(200)
    }
    expect(last!.json().status).toBe('verified')
  })
})
