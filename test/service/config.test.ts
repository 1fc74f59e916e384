import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DEV_SESSION_SECRET, loadConfig } from '../../src/config.js'
import { generateSigningKey } from '../../src/audit/keys.js'

const AUDIT_KEY = generateSigningKey('prod-2025')
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  AUDIT_SIGNING_KEY: AUDIT_KEY.privateKey,
}

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
    const c = loadConfig({ ...PRODUCTION, DATABASE_URL: 'postgres://db/sr' })
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
    expect(loadConfig(PRODUCTION).host).toBe('0.0.0.0')
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
    const production = PRODUCTION
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

describe('Audit checkpoint settings', () => {
  it('refuses to start in production without an audit signing key, naming the variable', () => {
    const { AUDIT_SIGNING_KEY: _key, ...withoutKey } = PRODUCTION
    expect(() => loadConfig(withoutKey)).toThrow(
      /AUDIT_SIGNING_KEY must be set to an Ed25519 private key in production/,
    )
  })

  it('names a signing key that is not a key, or not Ed25519, and a bad key id', () => {
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'not-a-key' })).toThrow(
      /AUDIT_SIGNING_KEY is not a private key/,
    )
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString()
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: ecKey })).toThrow(/AUDIT_SIGNING_KEY must be an Ed25519 key/)
    expect(() => loadConfig({ ...PRODUCTION, AUDIT_SIGNING_KEY_ID: 'has spaces' })).toThrow(
      /AUDIT_SIGNING_KEY_ID/,
    )
  })

  it('reads the earlier public keys, naming a bad entry and a key id reused for another key', () => {
    const old = generateSigningKey('prod-2024')
    const c = loadConfig({
      ...PRODUCTION,
      AUDIT_SIGNING_KEY_ID: 'prod-2025',
      AUDIT_PUBLIC_KEYS: `prod-2024=${old.publicKey}`,
    })
    expect(c.audit.signer?.keyId).toBe('prod-2025')
    expect([...c.audit.publicKeys.keys()]).toEqual(['prod-2024'])
    expect(() => loadConfig({ AUDIT_PUBLIC_KEYS: 'prod-2024' })).toThrow(
      /AUDIT_PUBLIC_KEYS: entry "prod-2024…" must be keyId=publicKey/,
    )
    expect(() => loadConfig({ AUDIT_PUBLIC_KEYS: 'prod-2024=abc' })).toThrow(
      /AUDIT_PUBLIC_KEYS: key "prod-2024" is not a public key/,
    )
    expect(() =>
      loadConfig({
        ...PRODUCTION,
        AUDIT_SIGNING_KEY_ID: 'prod-2024',
        AUDIT_PUBLIC_KEYS: `prod-2024=${old.publicKey}`,
      }),
    ).toThrow(/AUDIT_PUBLIC_KEYS: key id "prod-2024" is listed with a different public key/)
  })

  it('keeps the checkpoints and the development key beside the SQLite file, checkpointing every 100 entries or 5 minutes', () => {
    const c = loadConfig({ DATABASE_URL: '/srv/sr/db.sqlite' })
    expect(c.audit.signer).toBeUndefined()
    expect(c.audit.checkpointFile).toBe('/srv/sr/audit-checkpoints.jsonl')
    expect(c.audit.developmentKeyFile).toBe('/srv/sr/audit-signing-key.pem')
    expect([c.audit.everyEntries, c.audit.everySeconds]).toEqual([100, 300])
    expect(loadConfig({ DATABASE_URL: 'postgres://db/sr' }).audit.checkpointFile).toBe(
      'data/audit-checkpoints.jsonl',
    )
    expect(() => loadConfig({ AUDIT_CHECKPOINT_EVERY_ENTRIES: '0' })).toThrow(
      /AUDIT_CHECKPOINT_EVERY_ENTRIES/,
    )
  })
})
