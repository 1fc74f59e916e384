/**
 * Signing in under attack: parallel wrong passwords still lock the account (both databases),
 * X-Forwarded-For is believed only from a configured proxy, sign-in is limited per username as
 * well as per address, and reading the sign-in page creates no session.
 */
import { afterEach, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { MAX_FAILED_SIGN_INS } from '../../src/accounts/users.js'
import { purgeExpiredSessions } from '../../src/web/plugins/session.js'
import { PASSWORD, buildTestApp, cookieFrom, csrfFrom, signIn, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'

const sessionRows = async (t: TestApp) =>
  Number(
    (
      await t.database.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The sign-in form's cookie and token, as a browser would hold them. */
async function signInForm(app: FastifyInstance) {
  const page = await app.inject({ method: 'GET', url: '/sign-in' })
  return { cookie: cookieFrom(page)!, csrf: csrfFrom(page.body) }
}

describeEachDatabase('Sign-in under attack', (dialect) => {
  let t: TestApp
  afterEach(async () => {
    await t.dispose()
  })

  it('locks the account when 25 wrong passwords arrive at once, and then refuses the right one', async () => {
    t = await buildTestApp(dialect)
    const { users } = t.app.services
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => users.signIn('checker1', `wrong-password-${i}`)),
    )
    expect(results.every((r) => !r.ok)).toBe(true)
    // Only the first five claims are checked at all; the fifth failure locks.
    const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length
    expect(invalid).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS - 1)
    const row = await t.database.db
      .selectFrom('users')
      .select(['failed_attempts', 'locked'])
      .where('username', '=', 'checker1')
      .executeTakeFirstOrThrow()
    expect(Number(row.locked)).toBe(1)
    expect(Number(row.failed_attempts)).toBeGreaterThanOrEqual(MAX_FAILED_SIGN_INS)
    expect(await users.signIn('checker1', PASSWORD)).toEqual({ ok: false, reason: 'locked' })
    const locks = await t.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'ACCOUNT_LOCKED')
      .where('subject_id', '=', 'checker1')
      .execute()
    expect(locks).toHaveLength(1)
  })
})

describeEachDatabase('Sign-in limits and sessions', (dialect) => {
  let t: TestApp
  afterEach(async () => {
    await t.dispose()
  })

  const attempt = (form: { cookie: string; csrf: string }, username: string, forwardedFor?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: form.cookie, ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      payload: { _csrf: form.csrf, username, password: 'not-the-password' },
    })

  it('ignores X-Forwarded-For unless the proxy is configured: rotating it does not escape the limit', async () => {
    t = await buildTestApp(dialect, { users: false })
    const form = await signInForm(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 31; i++)
      statuses.push((await attempt(form, `nobody${i}`, `203.0.113.${i}`)).statusCode)
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true)
    expect(statuses[30]).toBe(429)
  })

  it('behind a configured proxy, limits each client address, and each username whatever the address', async () => {
    t = await buildTestApp(dialect, { users: false, env: { TRUST_PROXY: '127.0.0.1' } })
    const form = await signInForm(t.app)
    // 31 different clients, one attempt each, through the trusted proxy: none is limited.
    for (let i = 0; i < 31; i++)
      expect((await attempt(form, `nobody${i}`, `203.0.113.${i}`)).statusCode).toBe(400)
    // One username from ever-changing addresses: limited after 10 attempts, with a clear message.
    const statuses: number[] = []
    let last = ''
    for (let i = 0; i < 11; i++) {
      const res = await attempt(form, 'Target.User', `198.51.100.${i}`)
      statuses.push(res.statusCode)
      last = res.body
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(statuses[10]).toBe(429)
    expect(last).toContain('too many attempts to sign in as this user')
    // Same username, different case: the same account, the same limit.
    expect((await attempt(form, 'target.user', '198.51.100.99')).statusCode).toBe(429)
  })

  it('creates no session for the sign-in page, one when signing in, and refuses a form without its token', async () => {
    t = await buildTestApp(dialect)
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' })
    expect(page.statusCode).toBe(200)
    expect(String(page.headers['set-cookie'])).not.toContain('saferelease.sid=')
    await t.app.inject({ method: 'GET', url: '/no-such-page' })
    expect(await sessionRows(t)).toBe(0)
    // A cross-site form has neither the cookie nor a token made from it.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: { _csrf: csrfFrom(page.body), username: 'checker1', password: PASSWORD },
    })
    expect(forged.statusCode).toBe(403)
    const otherBrowser = await signInForm(t.app)
    const mixed = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: otherBrowser.cookie },
      payload: { _csrf: csrfFrom(page.body), username: 'checker1', password: PASSWORD },
    })
    expect(mixed.statusCode).toBe(403)
    expect(await sessionRows(t)).toBe(0)
    const session = await signIn(t.app, 'checker1')
    expect(await sessionRows(t)).toBe(1)
    const home = await t.app.inject({
      method: 'GET',
      url: '/people/search',
      headers: { cookie: session.cookie },
    })
    expect(home.body).toContain('Signed in as')
  })

  it('purges expired sessions on a schedule, keeping live ones', async () => {
    t = await buildTestApp(dialect, { config: { sessionPurgeIntervalMs: 100 } })
    const live = await signIn(t.app, 'checker1')
    await t.database.db
      .insertInto('sessions')
      .values({ sid: 'expired-session', data: '{}', expires_at: '2000-01-01T00:00:00.000Z' })
      .execute()
    expect(await sessionRows(t)).toBe(2)
    // No request touches it: the schedule alone removes it.
    for (let i = 0; i < 50 && (await sessionRows(t)) > 1; i++) await new Promise((r) => setTimeout(r, 50))
    expect(await sessionRows(t)).toBe(1)
    expect(await purgeExpiredSessions(t.app.services.store)).toBe(0)
    const still = await t.app.inject({
      method: 'GET',
      url: '/people/search',
      headers: { cookie: live.cookie },
    })
    expect(still.statusCode).toBe(200)
  })
})
