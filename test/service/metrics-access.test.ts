/** /metrics is readable only as configured: open in development, off in production, else token and/or address. */
import { afterEach, expect, it, describe } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/web/app.js'
import { loadConfig } from '../../src/config.js'
import { freshDatabase, type TestDatabase } from '../support/databases.js'
import { generateSigningKey } from '../../src/audit/keys.js'

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  AUDIT_SIGNING_KEY: generateSigningKey('metrics-test').privateKey,
}

describe('Who may read /metrics', () => {
  let app: FastifyInstance
  let database: TestDatabase
  afterEach(async () => {
    await app.close()
    await database.dispose()
  })

  async function start(env: Record<string, string>) {
    database = await freshDatabase('sqlite')
    app = await buildApp({ database, config: loadConfig(env), logger: false })
  }
  const scrape = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress })
  const TOKEN = 'metrics-token-0123456789abcdef-0123456789'

  it('is open in development when nothing is configured', async () => {
    await start({})
    const res = await scrape()
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('saferelease_http_requests_total')
  })

  it('is off in production when nothing is configured', async () => {
    await start({ ...PRODUCTION })
    expect((await scrape()).statusCode).toBe(404)
  })

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    await start({ ...PRODUCTION, METRICS_TOKEN: TOKEN })
    expect((await scrape()).statusCode).toBe(401)
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401)
    expect((await scrape({ authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200)
  })

  it('wants an allowed client address when METRICS_ALLOW is set, and both when both are', async () => {
    await start({ METRICS_ALLOW: '10.2.0.0/24', METRICS_TOKEN: TOKEN })
    const auth = { authorization: `Bearer ${TOKEN}` }
    expect((await scrape(auth, '10.2.0.7')).statusCode).toBe(200)
    expect((await scrape(auth, '::ffff:10.2.0.7')).statusCode).toBe(200)
    expect((await scrape(auth, '10.3.0.7')).statusCode).toBe(403)
    expect((await scrape({}, '10.2.0.7')).statusCode).toBe(401)
    // A client cannot claim an allowed address: no proxy is trusted, so the header is ignored.
    expect((await scrape({ ...auth, 'x-forwarded-for': '10.2.0.7' }, '192.0.2.1')).statusCode).toBe(403)
  })
})
