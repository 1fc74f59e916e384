/**
 * Guidance and court documents through the real application, on SQLite and PostgreSQL: search
 * with citations, administrator documents with versions, and a court document read into a draft
 * that reaches the person's records only after a person has decided every field.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import PDFDocument from 'pdfkit'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, csrfFrom, signIn, PERSON_A, type PageSession, type TestApp } from '../support/app.js'

const WARRANT = `Court: The Crown Court at York
Case number: T20249876
Date of sentence: 4 March 2024
Count 1: Burglary (TH68037), offence date 1 January 2024. Sentence: 2 years imprisonment.
Count 2: Theft. Sentence: 6 months imprisonment consecutive to count 1.
Count 3: Affray. Sentence: 12 weeks imprisonment suspended for 12 months.
Time spent on remand: 30 days.`

describeEachDatabase('Guidance and court documents', (dialect) => {
  let t: TestApp
  let calc: PageSession
  const api = (role: 'calculator' | 'admin' | 'checker', method: string, url: string, payload?: unknown) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
  const booking = async () => (await api('calculator', 'GET', `/api/v1/people/${PERSON_A}`)).json()

  beforeAll(async () => {
    t = await buildTestApp(dialect)
    calc = await signIn(t.app, 'calculator1')
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('answers a question with passages that each name their source and link', async () => {
    const res = await api('checker', 'GET', '/api/v1/guidance/search?q=what%20is%20a%20TUSED&limit=3')
    expect(res.statusCode).toBe(200)
    const passages = res.json().passages as Array<{
      source: { citation: string }
      link: string
      text: string
    }>
    expect(passages).toHaveLength(3)
    expect(passages.some((p) => /top-up supervision/i.test(p.text))).toBe(true)
    for (const p of passages) {
      expect(p.source.citation).not.toBe('')
      expect(p.link).toMatch(/^\/guidance\/sources\/[\w-]+#/)
    }
    const page = await t.app.inject({
      method: 'GET',
      url: '/guidance?q=HDC%2014%20day%20rule',
      headers: { cookie: calc.cookie },
    })
    expect(page.body).toContain('Home detention curfew: HDC-180, HDC-365 and the 14-day rule')
    expect(page.body).toContain('<mark>rule</mark>')
    expect(page.body).toContain('Source: SafeRelease rules (docs/rules.md)')
    const bad = await api('checker', 'GET', '/api/v1/guidance/search?q=')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().problems[0].path).toBe('q')
  })

  it('adds an administrator document to the search, keeps every version and refuses a stale one', async () => {
    const body = {
      title: 'Curfew hours note',
      source: 'HMPPS HDC policy framework',
      publishedOn: '2025-06-03',
      body: '## Curfew hours\n\nThe curfew normally runs from 7pm to 7am for a person on tag.',
    }
    const added = await api('admin', 'POST', '/api/v1/guidance/documents', body)
    expect(added.statusCode).toBe(201)
    const id = added.json().id as string
    const found = await api('checker', 'GET', '/api/v1/guidance/search?q=curfew%207pm&limit=1')
    expect(found.json().passages[0].source.citation).toContain('version 1')
    const revised = await api('admin', 'PUT', `/api/v1/guidance/documents/${id}`, {
      ...body,
      body: '## Curfew hours\n\nThe curfew normally runs from 8pm to 6am.',
      version: 1,
    })
    expect(revised.statusCode).toBe(200)
    expect(revised.json().currentVersion).toBe(2)
    const stale = await api('admin', 'PUT', `/api/v1/guidance/documents/${id}`, { ...body, version: 1 })
    expect(stale.statusCode).toBe(409)
    const now = await api('checker', 'GET', '/api/v1/guidance/search?q=curfew%208pm%206am&limit=1')
    expect(now.json().passages[0].text).toContain('8pm to 6am')
    const page = await t.app.inject({
      method: 'GET',
      url: `/admin/guidance/${id}`,
      headers: { cookie: (await signIn(t.app, 'admin1')).cookie },
    })
    expect(page.body).toContain('Version 2')
    expect(page.body).toContain('Version 1')
    const refused = await api('calculator', 'POST', '/api/v1/guidance/documents', body)
    expect(refused.statusCode).toBe(403)
  })

  it('reads a warrant into a draft and records nothing until every field is decided', async () => {
    const before = await booking()
    const created = await api('calculator', 'POST', `/api/v1/people/${PERSON_A}/court-documents`, {
      text: WARRANT,
    })
    expect(created.statusCode).toBe(201)
    let draft = created.json()
    expect(draft.fields.find((f: { key: string }) => f.key === 'count.3.kind').proposed).toBe('SUSPENDED')
    expect((await booking()).sentences).toEqual(before.sentences)

    const early = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PERSON_A}/court-documents/${draft.id}/record`,
      { version: draft.version },
    )
    expect(early.statusCode).toBe(422)
    expect(early.json().problems.length).toBe(draft.undecided.length)
    expect((await booking()).sentences).toEqual(before.sentences)

    const decisions = draft.fields.map((f: { key: string; proposed: unknown }) =>
      f.key === 'count.1.relation'
        ? { key: f.key, outcome: 'correct', input: 'CONCURRENT' }
        : f.key === 'count.2.length'
          ? { key: f.key, outcome: 'correct', input: '7 months' }
          : { key: f.key, outcome: f.proposed === null ? 'reject' : 'confirm' },
    )
    const decided = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PERSON_A}/court-documents/${draft.id}/decisions`,
      { version: draft.version, decisions },
    )
    expect(decided.statusCode).toBe(200)
    draft = decided.json()
    expect(draft.undecided).toEqual([])
    const stale = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PERSON_A}/court-documents/${draft.id}/record`,
      { version: draft.version - 1 },
    )
    expect(stale.statusCode).toBe(409)
    expect((await booking()).sentences).toEqual(before.sentences)

    const recorded = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PERSON_A}/court-documents/${draft.id}/record`,
      { version: draft.version },
    )
    expect(recorded.statusCode).toBe(200)
    const after = await booking()
    expect(after.sentences.length).toBe(before.sentences.length + 2)
    const added = after.sentences.slice(-2).map((s: { sentence: Record<string, unknown> }) => s.sentence)
    expect(added[0]).toMatchObject({
      type: 'StandardSentence',
      sentencedAt: '2024-03-04',
      duration: { durationElements: { YEARS: 2 } },
    })
    expect(added[1]).toMatchObject({
      duration: { durationElements: { MONTHS: 7 } },
      consecutiveSentenceUUIDs: [added[0].identifier],
    })
    expect(after.courtCases.at(-1)).toMatchObject({
      courtName: 'The Crown Court at York',
      caseReference: 'T20249876',
    })
    expect(after.adjustments.length).toBe(before.adjustments.length + 1)
    const again = await api(
      'calculator',
      'POST',
      `/api/v1/people/${PERSON_A}/court-documents/${draft.id}/record`,
      { version: recorded.json().version },
    )
    expect(again.statusCode).toBe(422)
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'COURT_DOCUMENT_EVENT')
      .execute()
    // Proposed, each decision, recorded: one audit row per event.
    expect(audit.length).toBe(2 + decisions.length)
  })

  it('reads an uploaded text-based PDF on the page, and names the field when a correction cannot be read', async () => {
    const doc = new PDFDocument()
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    for (const line of WARRANT.split('\n')) doc.text(line)
    doc.end()
    await new Promise((r) => doc.on('end', r))
    const boundary = '----saferelease-test'
    const part = (name: string, value: string | Buffer, filename?: string) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n`,
        ),
        Buffer.isBuffer(value) ? value : Buffer.from(value),
        Buffer.from('\r\n'),
      ])
    const page = await t.app.inject({
      method: 'GET',
      url: `/people/${PERSON_A}/court-documents/new`,
      headers: { cookie: calc.cookie },
    })
    const payload = Buffer.concat([
      part('_csrf', csrfFrom(page.body)),
      part('text', ''),
      part('file', Buffer.concat(chunks), 'warrant.pdf'),
      Buffer.from(`--${boundary}--\r\n`),
    ])
    const res = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/court-documents/new`,
      headers: { cookie: calc.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    })
    expect(res.statusCode, res.body.slice(0, 400)).toBe(302)
    const draftUrl = res.headers.location as string
    const draftPage = await t.app.inject({ method: 'GET', url: draftUrl, headers: { cookie: calc.cookie } })
    expect(draftPage.body).toContain('<mark id="ev-court">The Crown Court at York</mark>')
    const wrong = await t.app.inject({
      method: 'POST',
      url: draftUrl,
      headers: { cookie: calc.cookie },
      payload: {
        _csrf: csrfFrom(draftPage.body),
        version: '1',
        'decision-sentenceDate': 'correct',
        'value-sentenceDate': '31/02/2024',
      },
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('govuk-error-summary')
    expect(wrong.body).toContain('href="#field-sentenceDate"')
    expect(wrong.body).toContain('Date of sentence: Enter a real date')
  })
})
