/**
 * Sign-in with an organisation account against a real OpenID Connect provider (oidc-provider)
 * started on a random localhost port: authorisation code + PKCE, roles and prisons from claims.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/web/app.js'
import { loadConfig } from '../../src/config.js'
import { freshDatabase, type TestDatabase } from '../support/databases.js'
import { cookieFrom, TEST_HASHING } from '../support/app.js'
import { PRISON_A, PRISON_B, personInput } from '../support/fixtures.js'
import type { FastifyInstance } from 'fastify'

const REDIRECT = 'http://127.0.0.1:65500/sign-in/oidc/callback'
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  olivia: { name: 'Olivia Idp', saferelease_roles: ['checker', 'not-a-role'], saferelease_prisons: ['mdi'] },
  norole: { name: 'No Role', saferelease_roles: [], saferelease_prisons: ['MDI'] },
}

describe('Sign-in with an organisation account (OpenID Connect)', () => {
  let server: Server
  let issuer: string
  let app: FastifyInstance
  let database: TestDatabase

  beforeAll(async () => {
    server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'saferelease',
          client_secret: 'a-test-client-secret',
          redirect_uris: [REDIRECT],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: {
        openid: ['sub'],
        profile: ['name'],
        saferelease: ['saferelease_roles', 'saferelease_prisons'],
      },
      findAccount: async (_ctx, sub) =>
        ACCOUNTS[sub] ? { accountId: sub, claims: async () => ({ sub, ...ACCOUNTS[sub] }) } : undefined,
      cookies: { keys: ['a-test-cookie-key'] },
    })
    server.on('request', provider.callback())
    database = await freshDatabase('sqlite')
    const config = loadConfig({
      NODE_ENV: 'test',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'saferelease',
      OIDC_CLIENT_SECRET: 'a-test-client-secret',
      OIDC_REDIRECT_URL: REDIRECT,
    })
    app = await buildApp({ database, config, logger: false, passwordHashing: TEST_HASHING })
    const system = { username: 'system:test' }
    await app.services.prisons.create(system, PRISON_A)
    await app.services.prisons.create(system, PRISON_B)
    await app.services.people.create(system, personInput())
    await app.services.people.create(system, personInput({ prisonNumber: 'B9999ZZ', prisonId: PRISON_B.id }))
  })
  afterAll(async () => {
    await app.close()
    await database.dispose()
    await new Promise((r) => server.close(r))
  })

  /** Drives the provider's own login and consent pages as a browser would. */
  async function signInAt(account: string): Promise<{ cookie: string; status: number; location?: string }> {
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc' })
    expect(start.statusCode).toBe(302)
    const appCookie = cookieFrom(start)!
    let url = start.headers.location as string
    expect(url.startsWith(issuer)).toBe(true)
    expect(url).toContain('code_challenge_method=S256')
    const jar = new Map<string, string>()
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(REDIRECT)) break
      const isInteraction = /\/interaction\/[^/]+$/.test(new URL(url).pathname)
      let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } })
      const remember = (r: Response) => {
        for (const c of r.headers.getSetCookie()) {
          const [pair] = c.split(';')
          const [k, ...v] = pair!.split('=')
          jar.set(k!, v.join('='))
        }
      }
      remember(res)
      if (isInteraction && res.status === 200) {
        const html = await res.text()
        const body = html.includes('name="login"')
          ? `prompt=login&login=${account}&password=x`
          : 'prompt=consent'
        res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          body,
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        })
        remember(res)
      }
      const next = res.headers.get('location')
      if (!next) throw new Error(`stuck at ${url}: ${res.status} ${await res.text()}`)
      url = new URL(next, url).href
    }
    expect(url.startsWith(REDIRECT)).toBe(true)
    const back = await app.inject({
      method: 'GET',
      url: url.slice(url.indexOf('/sign-in/oidc/callback')),
      headers: { cookie: appCookie },
    })
    return {
      cookie: cookieFrom(back) ?? appCookie,
      status: back.statusCode,
      location: back.headers.location as string | undefined,
    }
  }

  it('offers the organisation sign-in on the sign-in page', async () => {
    const page = await app.inject({ method: 'GET', url: '/sign-in' })
    expect(page.body).toContain('Sign in with your organisation account')
  })

  it('signs in with authorisation code and PKCE, taking roles and prisons from the claims', async () => {
    const result = await signInAt('olivia')
    expect(result.status).toBe(302)
    expect(result.location).toBe('/')
    const user = await app.services.users.findByUsername('oidc:olivia')
    expect(user?.roles).toEqual(['checker'])
    expect(user?.caseload).toEqual({ estateWide: false, prisons: ['MDI'], courts: [] })
    const own = await app.inject({
      method: 'GET',
      url: '/people/A1234BC',
      headers: { cookie: result.cookie },
    })
    expect(own.statusCode).toBe(200)
    const other = await app.inject({
      method: 'GET',
      url: '/people/B9999ZZ',
      headers: { cookie: result.cookie },
    })
    expect(other.statusCode).toBe(403)
    const log = await app.services.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'SIGN_IN')
      .execute()
    expect(log).toEqual([{ action: 'SIGN_IN', actor: 'oidc:olivia' }])
  })

  it('refuses an organisation account with no SafeRelease role', async () => {
    const result = await signInAt('norole')
    expect(result.status).toBe(403)
  })

  it('refuses a callback whose state does not match', async () => {
    const start = await app.inject({ method: 'GET', url: '/sign-in/oidc' })
    const res = await app.inject({
      method: 'GET',
      url: '/sign-in/oidc/callback?code=abc&state=wrong',
      headers: { cookie: cookieFrom(start)! },
    })
    expect(res.statusCode).toBe(401)
  })
})
