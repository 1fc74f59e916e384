/** Route tests of the pages: real HTML from a real database, as the user and the auditor see it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSON_A, buildTestApp, csrfFrom, signIn, cookieFrom, type TestApp } from '../support/app.js'
import { verifyAudit } from '../../src/audit/audit.js'
import { formValues } from '../support/forms.js'

describe('Pages', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp('sqlite')
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('locks an account after five wrong passwords, and audits each attempt', async () => {
    for (let i = 0; i < 5; i++) {
      const page = await t.app.inject({ method: 'GET', url: '/sign-in' })
      const res = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie: cookieFrom(page)! },
        payload: { _csrf: csrfFrom(page.body), username: 'checker1', password: 'wrong' },
      })
      expect(res.statusCode).toBe(400)
      if (i === 4) expect(res.body).toContain('Your account is locked')
    }
    await expect(signIn(t.app, 'checker1')).rejects.toThrow(/sign-in failed/)
    const actions = await t.app.services.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', 'checker1')
      .where('action', 'in', ['SIGN_IN_FAILED', 'ACCOUNT_LOCKED'])
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      ...Array(4).fill('SIGN_IN_FAILED'),
      'ACCOUNT_LOCKED',
      'SIGN_IN_FAILED',
    ])
  })

  it('shows the error summary naming each field when a sentence form is wrong', async () => {
    const s = await signIn(t.app, 'calculator1')
    const res = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/sentences/add`,
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        type: 'StandardSentence',
        caseSequence: '1',
        'sentenceDate-day': '31',
        'sentenceDate-month': '2',
        'sentenceDate-year': '2024',
        'duration-months': 'six',
      },
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('govuk-error-summary')
    expect(res.body).toContain('The sentence date must be a real date')
    expect(res.body).toContain('Months of the sentence must be a whole number')
    expect(res.body).toContain('href="#sentenceDate-day"')
  })

  it('tells the second of two people changing the same sentence to reload', async () => {
    const s = await signIn(t.app, 'calculator1')
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const sentenceId = Number((await t.app.services.bookings.load(person.bookingId)).sentences[0]!.id)
    const form = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}/sentences/${sentenceId}/edit`,
      headers: { cookie: s.cookie },
    })
    expect(form.statusCode).toBe(200)
    const fields: Record<string, string> = {}
    for (const m of form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      fields[m[1]!] = m[2]!
    for (const m of form.body.matchAll(/<input[^>]*value="([^"]*)"[^>]*name="([^"]+)"/g))
      fields[m[2]!] ??= m[1]!
    for (const m of form.body.matchAll(
      /name="([^"]+)"[^>]*>\s*(?:<option[^>]*>[^<]*<\/option>\s*)*?<option value="([^"]*)" selected/g,
    ))
      fields[m[1]!] = m[2]!
    const payload = {
      ...fields,
      _csrf: csrfFrom(form.body),
      type: 'StandardSentence',
      caseSequence: '1',
      'duration-years': '3',
    }
    const first = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/sentences/${sentenceId}/edit`,
      headers: { cookie: s.cookie },
      payload,
    })
    expect(first.statusCode).toBe(302)
    const second = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/sentences/${sentenceId}/edit`,
      headers: { cookie: s.cookie },
      payload: { ...payload, 'duration-years': '4' },
    })
    expect(second.statusCode).toBe(409)
    expect(second.body).toContain('This record was changed by someone else. Reload and try again.')
    const audit = await t.app.services.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'prison_id'])
      .where('action', '=', 'SENTENCE_UPDATED')
      .execute()
    expect(audit).toEqual([{ action: 'SENTENCE_UPDATED', actor: 'calculator1', prison_id: 'MDI' }])
    expect((await verifyAudit(t.app.services.store.db)).ok).toBe(true)
  })

  it('adds an adjustment through the form and shows it on the person page', async () => {
    const s = await signIn(t.app, 'calculator1')
    const res = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/adjustments/add`,
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        type: 'UNLAWFULLY_AT_LARGE',
        numberOfDays: '5',
        'appliesFrom-day': '1',
        'appliesFrom-month': '6',
        'appliesFrom-year': '2023',
        ualReason: 'ESCAPE',
      },
    })
    expect(res.statusCode).toBe(302)
    const page = await t.app.inject({
      method: 'GET',
      url: res.headers.location as string,
      headers: { cookie: s.cookie },
    })
    expect(page.body).toContain('Adjustment added')
    expect(page.body).toContain('Unlawfully at large (UAL) (Escape)')
  })

  it('asks for a UAL reason and a last day not before the first', async () => {
    const s = await signIn(t.app, 'calculator1')
    const res = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/adjustments/add`,
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        type: 'UNLAWFULLY_AT_LARGE',
        numberOfDays: '5',
        'appliesFrom-day': '1',
        'appliesFrom-month': '6',
        'appliesFrom-year': '2023',
        'fromDate-day': '5',
        'fromDate-month': '1',
        'fromDate-year': '2023',
        'toDate-day': '1',
        'toDate-month': '1',
        'toDate-year': '2023',
      },
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Select the reason the person was unlawfully at large')
    expect(res.body).toContain('The last day must be the same as or after the first day')
  })

  it('lets an administrator add a user and issue and revoke a token', async () => {
    const s = await signIn(t.app, 'admin1')
    const add = await t.app.inject({
      method: 'POST',
      url: '/admin/users/add',
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        username: 'robot',
        displayName: 'Robot',
        kind: 'service',
        roles: ['analyst'],
        estateWide: 'yes',
      },
    })
    expect(add.statusCode).toBe(302)
    const robot = await t.app.services.users.findByUsername('robot')
    const issued = await t.app.inject({
      method: 'POST',
      url: '/admin/tokens',
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, userId: String(robot!.id), name: 'reporting' },
    })
    expect(issued.statusCode).toBe(200)
    const token = /id="new-token">([^<]+)</.exec(issued.body)![1]!
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${PERSON_A}`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(ok.statusCode).toBe(200)
    const tokenId = (await t.app.services.users.listTokens()).find((x) => x.name === 'reporting')!.id
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/admin/tokens/${tokenId}/revoke`,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf },
    })
    expect(revoke.statusCode).toBe(302)
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${PERSON_A}`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(refused.statusCode).toBe(401)
  })

  it('refuses to make a calculator estate-wide', async () => {
    const s = await signIn(t.app, 'admin1')
    const add = await t.app.inject({
      method: 'POST',
      url: '/admin/users/add',
      headers: { cookie: s.cookie },
      payload: {
        _csrf: s.csrf,
        username: 'calc9',
        displayName: 'Calc',
        kind: 'local',
        password: 'a-long-password-1',
        roles: 'calculator',
        estateWide: 'yes',
      },
    })
    expect(add.statusCode).toBe(400)
    expect(add.body).toContain(
      'only analysts, administrators, the national warrant query unit and court unit managers may be estate-wide',
    )
  })

  it('adds a court case, which sentences can then be recorded against', async () => {
    const s = await signIn(t.app, 'calculator1')
    const url = `/people/${PERSON_A}/court-cases/add`
    const empty = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Enter the name of the court')
    const ok = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf, courtName: 'York Crown Court', caseReference: 'T2025' },
    })
    expect(ok.statusCode).toBe(302)
    const page = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}`,
      headers: { cookie: s.cookie },
    })
    expect(page.body).toContain('Court case 3 added')
    expect(page.body).toContain('York Crown Court')
  })

  it('offers the booking exactly as the calculation reads it, as a download', async () => {
    const s = await signIn(t.app, 'checker1')
    const res = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}/booking.json`,
      headers: { cookie: s.cookie },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain('attachment')
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${PERSON_A}/booking`,
      headers: { authorization: `Bearer ${t.tokens.checker}` },
    })
    expect(res.json()).toEqual(api.json())
  })

  it('saves every kind of sentence unchanged when its page is submitted without changes', async () => {
    const s = await signIn(t.app, 'calculator1')
    const exportNow = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/people/${PERSON_A}/booking`,
          headers: { authorization: `Bearer ${t.tokens.checker}` },
        })
      ).json()
    const before = await exportNow()
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const sentences = (await t.app.services.bookings.load(person.bookingId)).sentences
    expect(sentences.length).toBe(7)
    for (const row of sentences) {
      const url = `/people/${PERSON_A}/sentences/${row.id}/edit`
      const form = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie },
        payload: formValues(form.body),
      })
      expect(
        res.statusCode,
        `${row.type}: ${/govuk-error-summary__list[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? ''}`,
      ).toBe(302)
    }
    expect(await exportNow()).toEqual(before)
  })

  it('saves every adjustment unchanged when its page is submitted without changes', async () => {
    const s = await signIn(t.app, 'calculator1')
    const exportNow = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/people/${PERSON_A}/booking`,
          headers: { authorization: `Bearer ${t.tokens.checker}` },
        })
      ).json()
    const before = await exportNow()
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const adjustments = (await t.app.services.bookings.load(person.bookingId)).adjustments
    expect(adjustments.length).toBe(3)
    for (const row of adjustments) {
      const url = `/people/${PERSON_A}/adjustments/${row.id}/edit`
      const form = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: s.cookie },
        payload: formValues(form.body),
      })
      expect(res.statusCode, row.type).toBe(302)
    }
    expect(await exportNow()).toEqual(before)
  })

  it('shows recall details and movements from the booking on the person page', async () => {
    const s = await signIn(t.app, 'checker1')
    const page = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}`,
      headers: { cookie: s.cookie },
    })
    expect(page.body).toContain('Fixed-term recall')
    expect(page.body).toContain('28 days, returned to custody 2024-02-10')
    expect(page.body).toContain('Release and admission movements')
  })

  it('never shows a stack trace', async () => {
    const s = await signIn(t.app, 'checker1')
    const res = await t.app.inject({ method: 'GET', url: '/people/%ZZ', headers: { cookie: s.cookie } })
    expect(res.statusCode).toBeLessThan(500)
    expect(res.body).not.toMatch(/at .*\.ts:\d+/)
  })
})
