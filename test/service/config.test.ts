import { describe, expect, it } from 'vitest'
import { DEV_SESSION_SECRET, loadConfig } from '../../src/config.js'

describe('Configuration', () => {
  it('gives the SQLite demo on port 3000 when nothing is set', () => {
    const c = loadConfig({})
    expect(c.port).toBe(3000)
    expect(c.databaseUrl).toBe('./data/saferelease.sqlite')
    expect(c.production).toBe(false)
    expect(c.seedDemoData).toBe(true)
    expect(c.oidc).toBeUndefined()
  })

  it('refuses to start in production without a session secret, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
  })

  it('refuses to start in production with the development session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(
      /SESSION_SECRET/,
    )
  })

  it('starts in production with a real secret, and never seeds demo data there', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://db/sr',
    })
    expect(c.production).toBe(true)
    expect(c.seedDemoData).toBe(false)
  })

  it('names a bad port', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
  })

  it('wants all four OIDC settings or none', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID/)
  })
})

describe('Where the service listens', () => {
  it('listens on this machine only in development, and on every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1')
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).host).toBe('0.0.0.0')
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1')
  })
})

describe('Proxy, metrics and session settings', () => {
  it('trusts no proxy unless TRUST_PROXY lists its addresses, and names a bad entry', () => {
    expect(loadConfig({}).trustProxy).toEqual([])
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16,::1 ' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
    ])
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY .*"true" is not one/)
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/)
  })

  it('leaves /metrics open in development, off in production, and protected when configured', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }
    expect(loadConfig({}).metrics.mode).toBe('open')
    expect(loadConfig(production).metrics.mode).toBe('off')
    const token = 'm'.repeat(40)
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).metrics).toEqual({
      mode: 'protected',
      token,
      allow: [],
    })
    expect(loadConfig({ ...production, METRICS_ALLOW: '10.2.0.0/24' }).metrics.allow).toEqual(['10.2.0.0/24'])
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32/)
    expect(() => loadConfig({ METRICS_ALLOW: 'prometheus.local' })).toThrow(/METRICS_ALLOW/)
  })

  it('purges expired sessions every 15 minutes unless told otherwise', () => {
    expect(loadConfig({}).sessionPurgeIntervalMs).toBe(15 * 60_000)
    expect(loadConfig({ SESSION_PURGE_MINUTES: '5' }).sessionPurgeIntervalMs).toBe(5 * 60_000)
    expect(() => loadConfig({ SESSION_PURGE_MINUTES: '0' })).toThrow(/SESSION_PURGE_MINUTES/)
  })
})
