/**
 * The pages that change a person's details, remove a sentence or an adjustment, and import a
 * booking: what the user sees, what is refused (naming the field), stale versions, and the audit.
 * Who may reach them (every role, out of caseload) is walked in route-access.test.ts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { PERSON_A, PERSON_B, buildTestApp, signIn, type PageSession, type TestApp } from '../support/app.js'
import { formValues } from '../support/forms.js'
import { richBooking } from '../support/fixtures.js'
import { verifyAudit } from '../../src/audit/audit.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'

const FIRST = 'aaaaaaaa-0000-0000-0000-000000000001'
const SECOND = 'aaaaaaaa-0000-0000-0000-000000000002' // consecutive to FIRST

describeEachDatabase('Change, remove and import pages', (dialect) => {
  let t: TestApp
  let calc: PageSession
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    calc = await signIn(t.app, 'calculator1')
  })
  afterEach(async () => {
    await t.dispose()
  })

  const get = (url: string, s: PageSession = calc) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })
  const post = (url: string, payload: Record<string, string>, s: PageSession = calc) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, ...payload },
    })
  /** The form as the page rendered it, with some fields changed. */
  const submit = async (url: string, changes: Record<string, string> = {}) =>
    post(url, { ...formValues((await get(url)).body), ...changes })
  const records = async () =>
    t.app.services.bookings.load((await t.app.services.people.getByPrisonNumber(PERSON_A)).bookingId)
  const sentenceId = async (identifier: string) =>
    Number((await records()).sentences.find((s) => s.identifier === identifier)!.id)
  const audits = (action: string) =>
    t.app.services.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'prison_id', 'subject_id'])
      .where('action', '=', action)
      .execute()
  const textarea = (html: string) =>
    (/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&#92;/g, '\\')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  const summary = (html: string) => /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  const exportA = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/people/${PERSON_A}/booking`,
        headers: { authorization: `Bearer ${t.tokens.checker}` },
      })
    ).json() as unknown

  // --- person's details ----------------------------------------------------------------------
  const detailsUrl = `/people/${PERSON_A}/details/edit`

  it("changes a person's name, date of birth and aliases, audited, and shows them on the person page", async () => {
    const person = await get(`/people/${PERSON_A}`)
    expect(person.body).toContain(`href="${detailsUrl}#firstName"`)
    const form = await get(detailsUrl)
    expect(form.statusCode).toBe(200)
    expect(formValues(form.body)).toMatchObject({
      firstName: 'John',
      lastName: 'Smith',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '1990',
      'alias-1-firstName': 'Johnny',
      'alias-1-lastName': 'Smyth',
      'alias-2-firstName': '',
    })
    const res = await submit(detailsUrl, {
      firstName: 'Jon',
      'dateOfBirth-day': '2',
      'alias-1-firstName': '',
      'alias-1-lastName': '',
      'alias-2-firstName': 'Jack',
      'alias-2-lastName': 'Smithson',
    })
    expect(res.statusCode, summary(res.body)).toBe(302)
    expect(res.headers.location).toBe(`/people/${PERSON_A}`)
    const page = await get(`/people/${PERSON_A}`)
    expect(page.body).toContain('Personal details changed')
    expect(page.body).toContain('Jon Smith')
    expect(page.body).toContain('1990-04-02')
    expect(page.body).toContain('Jack Smithson')
    expect(page.body).not.toContain('Johnny Smyth')
    const p = await t.app.services.people.getByPrisonNumber(PERSON_A)
    expect(p).toMatchObject({
      firstName: 'Jon',
      dateOfBirth: '1990-04-02',
      aliases: [{ firstName: 'Jack', lastName: 'Smithson' }],
      prisonId: 'MDI',
      isActiveSexOffender: false,
    })
    expect(await audits('PERSON_UPDATED')).toEqual([
      { action: 'PERSON_UPDATED', actor: 'calculator1', prison_id: 'MDI', subject_id: PERSON_A },
    ])
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
    // The new alias finds them; the removed one no longer does.
    const search = await get('/people/search?q=Smithson')
    expect(search.body).toContain('Smith, Jon')
  })

  it("refuses a person's details with mistakes, naming each field, and changes nothing", async () => {
    const res = await submit(detailsUrl, {
      firstName: '  ',
      lastName: 'x'.repeat(101),
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'alias-2-firstName': 'Only',
    })
    expect(res.statusCode).toBe(400)
    const s = summary(res.body)
    expect(s).toContain('Enter the first name')
    expect(s).toContain('Last name must be 100 characters or fewer')
    expect(s).toContain('The date of birth must be a real date')
    expect(s).toContain('Enter the last name of alias 2')
    for (const href of ['#firstName', '#lastName', '#dateOfBirth-day', '#alias-2-lastName'])
      expect(s).toContain(`href="${href}"`)
    // What was typed is kept.
    expect(formValues(res.body)['alias-2-firstName']).toBe('Only')
    const future = await submit(detailsUrl, { 'dateOfBirth-year': '2999' })
    expect(future.statusCode).toBe(400)
    expect(summary(future.body)).toContain('The date of birth must')
    expect(await audits('PERSON_UPDATED')).toEqual([])
    expect((await t.app.services.people.getByPrisonNumber(PERSON_A)).firstName).toBe('John')
  })

  it("tells the second of two people changing a person's details to reload", async () => {
    const values = formValues((await get(detailsUrl)).body)
    const first = await post(detailsUrl, { ...values, firstName: 'Jonathan' })
    expect(first.statusCode).toBe(302)
    const second = await post(detailsUrl, { ...values, firstName: 'Johnathan' })
    expect(second.statusCode).toBe(409)
    expect(second.body).toContain('This record was changed by someone else. Reload and try again.')
    const mangled = await post(detailsUrl, { ...values, firstName: 'Jo', version: 'abc' })
    expect(mangled.statusCode).toBe(409)
    expect((await t.app.services.people.getByPrisonNumber(PERSON_A)).firstName).toBe('Jonathan')
    expect((await audits('PERSON_UPDATED')).length).toBe(1)
  })

  // --- removing a sentence -------------------------------------------------------------------
  it('removes a sentence after confirmation, with a success banner, audited', async () => {
    const id = await sentenceId(SECOND)
    const url = `/people/${PERSON_A}/sentences/${id}/remove`
    const person = await get(`/people/${PERSON_A}`)
    expect(person.body).toContain(`href="${url}"`)
    const confirm = await get(url)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain(
      'Are you sure you want to remove the sentence for court case 1 (T20230001), line 2?',
    )
    expect(confirm.body).toContain('Yes, remove this sentence')
    const res = await submit(url)
    expect(res.statusCode, summary(res.body)).toBe(302)
    expect(res.headers.location).toBe(`/people/${PERSON_A}`)
    const page = await get(`/people/${PERSON_A}`)
    expect(page.body).toContain('govuk-notification-banner--success')
    expect(page.body).toContain('Sentence removed: Case 1, line 2')
    expect((await records()).sentences.map((s) => s.identifier)).not.toContain(SECOND)
    expect(await audits('SENTENCE_DELETED')).toEqual([
      {
        action: 'SENTENCE_DELETED',
        actor: 'calculator1',
        prison_id: 'MDI',
        subject_id: `${PERSON_A}/${SECOND}`,
      },
    ])
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
    // Once removed, it is not found.
    expect((await get(url)).statusCode).toBe(404)
  })

  it('refuses to remove a sentence another sentence is consecutive to, saying which', async () => {
    const id = await sentenceId(FIRST)
    const url = `/people/${PERSON_A}/sentences/${id}/remove`
    const confirm = await get(url)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain(
      'You cannot remove this sentence because Case 1, line 2 is consecutive to it',
    )
    expect(confirm.body).not.toContain('Yes, remove this sentence')
    // Posting anyway (an old tab, a crafted request) is refused by the repository's own check.
    const version = String((await records()).sentences.find((s) => s.identifier === FIRST)!.version)
    const res = await post(url, { version })
    expect(res.statusCode).toBe(400)
    expect(summary(res.body)).toContain(
      'You cannot remove this sentence because Case 1, line 2 is consecutive to it',
    )
    expect(summary(res.body)).toContain('href="#sentence"')
    expect((await records()).sentences.map((s) => s.identifier)).toContain(FIRST)
    expect(await audits('SENTENCE_DELETED')).toEqual([])
  })

  it('tells the user to reload when the sentence changed since the confirmation page', async () => {
    const id = await sentenceId(SECOND)
    const url = `/people/${PERSON_A}/sentences/${id}/remove`
    const values = formValues((await get(url)).body)
    // Someone else changes it meanwhile.
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const row = await t.app.services.bookings.getSentence(person, id)
    const edit = formValues((await get(`/people/${PERSON_A}/sentences/${id}/edit`)).body)
    expect(
      (await post(`/people/${PERSON_A}/sentences/${id}/edit`, { ...edit, 'duration-months': '5' }))
        .statusCode,
    ).toBe(302)
    expect(Number(row.version)).toBe(Number(values.version))
    for (const version of [values.version!, '', 'x', '99999999999']) {
      const res = await post(url, { version })
      expect(res.statusCode, version).toBe(409)
      expect(res.body).toContain('This record was changed by someone else. Reload and try again.')
    }
    expect((await records()).sentences.map((s) => s.identifier)).toContain(SECOND)
    expect(await audits('SENTENCE_DELETED')).toEqual([])
  })

  it("answers 404 for a sentence or adjustment in someone else's booking", async () => {
    const b = await t.app.services.people.getByPrisonNumber(PERSON_B)
    const parsed = parseBooking(richBooking(b.dateOfBirth, PERSON_B))
    if (!parsed.ok) throw new Error('fixture booking invalid')
    await t.app.services.bookings.import({ username: 'system:test' }, b, parsed.value)
    const other = await t.app.services.bookings.load(b.bookingId)
    const sid = Number(other.sentences[1]!.id)
    const aid = Number(other.adjustments[0]!.id)
    for (const url of [
      `/people/${PERSON_A}/sentences/${sid}/remove`,
      `/people/${PERSON_A}/adjustments/${aid}/remove`,
    ]) {
      expect((await get(url)).statusCode, url).toBe(404)
      expect((await post(url, { version: '1' })).statusCode, url).toBe(404)
    }
    expect((await t.app.services.bookings.load(b.bookingId)).sentences.length).toBe(other.sentences.length)
    // And a checker sees no remove links at all.
    const checker = await signIn(t.app, 'checker1')
    expect((await get(`/people/${PERSON_A}`, checker)).body).not.toContain('/remove')
  })

  // --- removing an adjustment ----------------------------------------------------------------
  it('removes an adjustment after confirmation naming its type, days and date, audited; stale is refused', async () => {
    const remand = (await records()).adjustments.find((a) => a.type === 'REMAND')!
    const url = `/people/${PERSON_A}/adjustments/${remand.id}/remove`
    expect((await get(`/people/${PERSON_A}`)).body).toContain(`href="${url}"`)
    const confirm = await get(url)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain(
      'Are you sure you want to remove the adjustment: Remand of 20 days from 10 January 2023?',
    )
    const stale = await post(url, { version: String(Number(remand.version) + 1) })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('This record was changed by someone else. Reload and try again.')
    expect(await audits('ADJUSTMENT_DELETED')).toEqual([])
    const res = await submit(url)
    expect(res.statusCode).toBe(302)
    const page = await get(`/people/${PERSON_A}`)
    expect(page.body).toContain('Adjustment removed: Remand of 20 days from 10 January 2023')
    expect((await records()).adjustments.map((a) => a.type)).not.toContain('REMAND')
    expect(await audits('ADJUSTMENT_DELETED')).toEqual([
      {
        action: 'ADJUSTMENT_DELETED',
        actor: 'calculator1',
        prison_id: 'MDI',
        subject_id: `${PERSON_A}/${remand.id}`,
      },
    ])
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
  })

  // --- importing a booking -------------------------------------------------------------------
  const importUrl = `/people/${PERSON_A}/booking/import`

  it('imports a pasted booking, audited, and shows it on the person page', async () => {
    expect((await get(`/people/${PERSON_A}`)).body).toContain(`href="${importUrl}"`)
    const booking = richBooking()
    booking.sentences = [booking.sentences[0]!]
    booking.adjustments = {}
    const res = await submit(importUrl, { booking: JSON.stringify(booking, null, 2) })
    expect(res.statusCode, summary(res.body)).toBe(302)
    const page = await get(`/people/${PERSON_A}`)
    expect(page.body).toContain('Booking imported: 1 sentence, 0 adjustments')
    const exported = (await exportA()) as { sentences: unknown[]; adjustments: object }
    expect(exported.sentences).toHaveLength(1)
    expect(exported.adjustments).toEqual({})
    expect(await audits('BOOKING_IMPORTED')).toContainEqual({
      action: 'BOOKING_IMPORTED',
      actor: 'calculator1',
      prison_id: 'MDI',
      subject_id: PERSON_A,
    })
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
  })

  it('lists every problem with a booking by its path, keeps what was pasted, and changes nothing', async () => {
    const before = await exportA()
    const cases: [string, number, string[]][] = [
      ['', 400, ['Paste the booking in the reference booking format (JSON)']],
      ['{"offender": ', 400, ['The booking must be valid JSON']],
      ['[]', 400, ['The booking must be an object']],
      [
        JSON.stringify({
          offender: { dateOfBirth: '1990-04-01' },
          sentences: [{ type: 'StandardSentence' }],
        }),
        400,
        ['sentences[0].sentencedAt is required', 'sentences[0].duration is required'],
      ],
      [
        JSON.stringify({ offender: { dateOfBirth: '1990-04-01' }, sentences: [], bookingId: 99999999999 }),
        400,
        ['bookingId is too large'],
      ],
      [
        JSON.stringify({ ...richBooking('1991-01-01'), adjustments: {} }),
        400,
        ['offender.dateOfBirth must match the person&#39;s date of birth'],
      ],
      [
        '{"offender":{"dateOfBirth":"1990-04-01","reference":"\\u0000"},"sentences":[]}',
        400,
        ['offender.reference must not contain a null character'],
      ],
      ['['.repeat(5000), 400, ['The booking must be valid JSON']],
    ]
    for (const [booking, status, expected] of cases) {
      const res = await submit(importUrl, { booking })
      expect(res.statusCode, booking.slice(0, 80)).toBe(status)
      const s = summary(res.body)
      for (const text of expected) expect(s, booking.slice(0, 80)).toContain(text)
      expect(s).toContain('href="#booking"')
      expect(res.body).toContain('govuk-textarea--error')
      // What was pasted is kept in the textarea (escaped), so it can be corrected.
      if (booking.length < 1000) expect(textarea(res.body)).toBe(booking)
    }
    expect(await exportA()).toEqual(before)
    expect((await audits('BOOKING_IMPORTED')).filter((a) => a.actor === 'calculator1')).toEqual([])
  })

  it('refuses to import over a booking changed since the import page was loaded', async () => {
    const values = formValues((await get(importUrl)).body)
    // Someone else adds an adjustment meanwhile.
    const added = await post(`/people/${PERSON_A}/adjustments/add`, {
      type: 'REMAND',
      numberOfDays: '2',
      'appliesFrom-day': '1',
      'appliesFrom-month': '6',
      'appliesFrom-year': '2023',
    })
    expect(added.statusCode).toBe(302)
    const before = await exportA()
    const booking = JSON.stringify({ ...richBooking(), adjustments: {} })
    const res = await post(importUrl, { ...values, booking })
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('This record was changed by someone else. Reload and try again.')
    expect(res.body).toContain('T20230001') // the pasted booking is still in the textarea
    expect(await exportA()).toEqual(before)
    const missing = await post(importUrl, { booking })
    expect(missing.statusCode).toBe(409)
  })
})
