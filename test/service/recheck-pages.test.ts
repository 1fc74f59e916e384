/**
 * The re-check pages as a manager uses them (server-rendered, no JavaScript): start a run, watch
 * its progress (the page refreshes itself until it finishes), open the triage list and a finding,
 * triage it, and read the impact page, its chart and CSV.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, signIn, csrfFrom, type TestApp } from '../support/app.js'
import { personWithConfirmedDates } from '../support/recheck.js'
import { PRISON_A } from '../support/fixtures.js'

describeEachDatabase('Re-check pages', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
  })
  afterEach(async () => t.dispose())

  it('starts a re-check, shows progress, lists and triages the differences', async () => {
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'P1000AA', -6)
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'P1000BB', 12)
    const session = await signIn(t.app, 'manager1')
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } })
    const post = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: session.cookie },
        payload: { _csrf: session.csrf, ...payload },
      })

    const missing = await post('/recheck', { kind: 'RECHECK' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Choose who to re-check')

    const started = await post('/recheck', { kind: 'RECHECK', scopeKind: 'prison', prisonId: PRISON_A.id })
    expect(started.statusCode).toBe(302)
    const runUrl = started.headers.location as string
    const running = await get(runUrl)
    expect(running.body).toMatch(/<meta http-equiv="refresh" content="2">/)
    expect(running.body).toContain('<progress')

    await t.app.services.recheckWorker.drain()
    const done = await get(runUrl)
    expect(done.body).not.toContain('http-equiv="refresh"')
    expect(done.body).toContain('100% done')
    expect(done.body).toMatch(/<strong>1<\/strong> potential release in error/)
    expect(done.body).toMatch(/<strong>1<\/strong> potential unlawful detention/)
    expect(done.body).toContain('Triage: ')

    const link = new RegExp(`href="(${runUrl}/findings/\\d+)">P1000AA<`).exec(done.body)![1]!
    const finding = await get(link)
    expect(finding.body).toContain('Potential release in error')
    expect(finding.body).toContain('Conditional release date (CRD)')
    const tooShort = await t.app.inject({
      method: 'POST',
      url: link,
      headers: { cookie: session.cookie },
      payload: { _csrf: csrfFrom(finding.body), action: 'date-stands', reason: 'fine', version: '1' },
    })
    expect(tooShort.statusCode).toBe(422)
    expect(tooShort.body).toContain('Say why the recorded date stands')
    const assigned = await post(link, { action: 'assign', assignTo: 'checker1', version: '1' })
    expect(assigned.statusCode).toBe(302)
    const after = await get(link)
    expect(after.body).toContain('assigned to checker1')

    const impact = await get(`${runUrl}/impact`)
    expect(impact.body).toContain('<svg')
    expect(impact.body).toContain('Releases per week')
    const csv = await get(`${runUrl}/impact.csv`)
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toContain('prison_number')
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['P1000AA', 'P1000BB'])
  })

  it('lets an analyst read a run but not triage it', async () => {
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'P2000AA', -6)
    const manager = (await t.app.services.users.findByUsername('manager1'))!
    const run = await t.app.services.recheck.start(manager, {
      kind: 'RECHECK',
      scope: { kind: 'prison', prisonId: PRISON_A.id },
    })
    await t.app.services.recheckWorker.drain()
    const session = await signIn(t.app, 'analyst1')
    const page = await t.app.inject({
      method: 'GET',
      url: `/recheck/${run.id}`,
      headers: { cookie: session.cookie },
    })
    expect(page.statusCode).toBe(200)
    const link = /href="(\/recheck\/[^"]+\/findings\/\d+)"/.exec(page.body)![1]!
    const finding = await t.app.inject({ method: 'GET', url: link, headers: { cookie: session.cookie } })
    expect(finding.statusCode).toBe(200)
    expect(finding.body).not.toContain('What do you want to do?')
  })
})
