/**
 * The board pack and the register as pages, a PDF and CSV downloads, and over the API: what a
 * manager and an analyst see, and a CSV import refused on the page with each bad row named.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, signIn, type PageSession, type TestApp } from '../support/app.js'
import { PRISON_A, PRISON_B } from '../support/fixtures.js'
import type { DischargesReader } from '../../src/oversight/board/domain/ports.js'

const discharges: DischargesReader = {
  dischargesByMonth: async (from, to, prisons) =>
    [
      { month: '2026-10', prisonId: PRISON_A.id, discharges: 2500 },
      { month: '2026-10', prisonId: PRISON_B.id, discharges: 500 },
    ].filter((d) => d.month >= from && d.month <= to && (!prisons || prisons.includes(d.prisonId))),
}

describeEachDatabase('Board pack and register pages', (dialect) => {
  let t: TestApp
  let manager: PageSession
  let analyst: PageSession
  beforeAll(async () => {
    t = await buildTestApp(dialect, { dischargesReader: discharges })
    manager = await signIn(t.app, 'manager1')
    analyst = await signIn(t.app, 'analyst1')
    const m = (await t.app.services.users.findByUsername('manager1'))!
    await t.app.services.register.record(m, {
      prisonNumber: 'P1000PP',
      name: 'Pat Person',
      prisonId: PRISON_A.id,
      direction: 'EARLY',
      releasedOn: '2026-10-03',
      days: 10,
      howFound: 'POLICE',
      rootCauses: ['SENTENCE_MISCALCULATED', 'DATA_ENTRY'],
    })
  })
  afterAll(async () => t.dispose())

  const get = (s: PageSession, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })

  it('shows the pack with server-drawn charts and a table behind each, for the month chosen', async () => {
    const res = await get(analyst, '/board?month=2026-10')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Justice Performance Board pack: October 2026')
    expect((res.body.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4)
    expect(res.body).toContain('Releases in error per 10,000 releases')
    // 1 release in error in 3,000 releases: 3.3 per 10,000
    expect(res.body).toMatch(/Releases in error per 10,000 releases<\/dt>\s*<dd[^>]*>3.3</)
    expect(res.body).toContain('/board/tables/trend.csv?month=2026-10')
    expect(res.body).toContain('/board/pack.pdf?month=2026-10')
  })

  it('gives each table as CSV and the pack as a PDF', async () => {
    const csv = await get(analyst, '/board/tables/prisons.csv?month=2026-10')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const lines = csv.body.trim().split(/\r\n/)
    expect(lines[0]).toBe(
      'Prison,Releases,Releases in error,"Per 10,000 releases",Late releases,"Per 10,000 releases",Days over-held',
    )
    expect(lines).toContain(`${PRISON_A.name} (${PRISON_A.id}),2500,1,4,0,0,0`)
    const pdf = await get(analyst, '/board/pack.pdf?month=2026-10')
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    expect((await get(analyst, '/board/tables/nonsense.csv?month=2026-10')).statusCode).toBe(404)
    expect((await get(analyst, '/board?month=2026-13')).statusCode).toBe(400)
  })

  it("keeps a manager to their own prisons' figures", async () => {
    const res = await get(manager, `/board?month=2026-10&prison=${PRISON_B.id}`)
    expect(res.statusCode).toBe(404)
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/board?month=2026-10',
      headers: { authorization: `Bearer ${t.tokens.manager}` },
    })
    expect(api.statusCode).toBe(200)
    expect(api.json().thisMonth).toMatchObject({
      discharges: 2500,
      releasesInError: 1,
      releasesInErrorPer10k: 4,
    })
  })

  it('refuses a CSV with bad rows on the page, naming each, and imports nothing', async () => {
    const form = await get(manager, '/register/import')
    expect(form.statusCode).toBe(200)
    const boundary = '----saferelease'
    const csv = [
      'reference,prison_number,name,prison,direction,released_on,days,how_found,root_causes',
      `P-1,A1234BC,Ann,${PRISON_A.id},EARLY,2024-05-02,3,COURT,DATA_ENTRY`,
      `P-2,A1234BC,Ann,${PRISON_A.id},EARLY,2024-13-02,3,COURT,DATA_ENTRY`,
    ].join('\n')
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${manager.csrf}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`
    const res = await t.app.inject({
      method: 'POST',
      url: '/register/import',
      headers: { cookie: manager.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Line 3 (P-2): released_on: must be a real calendar date')
    expect(res.body).toContain('Nothing was imported')
    const list = await get(analyst, '/register')
    expect(list.body).not.toContain('P-1')
  })

  it('shows an entry with its as-at section, and lets an analyst read but not add to it', async () => {
    const list = await get(analyst, '/register')
    const href = /href="(\/register\/[0-9a-f-]{36})"/.exec(list.body)![1]!
    const page = await get(analyst, href)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('As-at recalculation')
    expect(page.body).not.toContain('Add a lesson or an action')
    const post = await t.app.inject({
      method: 'POST',
      url: `${href}/actions`,
      headers: { cookie: analyst.cookie },
      payload: { _csrf: analyst.csrf, kind: 'LESSON', text: 'x' },
    })
    expect(post.statusCode).toBe(403)
    const mine = await get(manager, href)
    expect(mine.body).toContain('Add a lesson or an action')
  })
})
