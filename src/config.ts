/**
 * Configuration: one zod schema over the environment, checked at start-up. Development defaults
 * give the SQLite demo; production refuses a missing or default SESSION_SECRET, naming it, and a
 * missing AUDIT_SIGNING_KEY. docs/deploying.md says how to set each one safely.
 */
import { isIP } from 'node:net'
import { dirname, join } from 'node:path'
import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import {
  AuditKeyError,
  buildKeyring,
  KEY_ID_PATTERN,
  parsePublicKeyList,
  parseSigningKey,
  type AuditSigner,
} from './audit/keys.js'

export const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-0123456789abcdef'

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().default('./data/saferelease.sqlite'),
  SESSION_SECRET: z.string().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true'),
  // The courts hotline: deadlines (minutes; "working" ones count inside the working hours).
  COURT_QUERY_URGENT_MINUTES: z.coerce.number().int().min(1).max(100_000).default(60),
  COURT_QUERY_HIGH_WORKING_MINUTES: z.coerce.number().int().min(1).max(100_000).default(240),
  COURT_QUERY_STANDARD_WORKING_MINUTES: z.coerce.number().int().min(1).max(100_000).default(480),
  COURT_QUERY_HIGH_WITHIN_DAYS: z.coerce.number().int().min(1).max(28).default(2),
  COURT_CHANGE_ACK_WORKING_MINUTES: z.coerce.number().int().min(1).max(100_000).default(120),
  COURT_IMMEDIATE_RELEASE_ACK_MINUTES: z.coerce.number().int().min(1).max(100_000).default(30),
  COURT_WORKING_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 09:00-17:00')
    .default('09:00-17:00'),
  COURT_WORKING_DAYS: z
    .string()
    .regex(/^[1-7](,[1-7])*$/, 'must be day numbers, Monday = 1, such as 1,2,3,4,5')
    .default('1,2,3,4,5'),
  COURT_TIME_ZONE: z.string().default('Europe/London'),
  COURT_ESCALATION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').max(200).optional(),
  METRICS_ALLOW: z.string().optional(),
  SESSION_PURGE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Preliminary results never confirmed or overridden expire after this many days (issue 15).
  CALCULATION_PRELIMINARY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  CALCULATION_PURGE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
  ...auditEnv(),
})

function auditEnv() {
  return {
    AUDIT_SIGNING_KEY: z.string().optional(),
    AUDIT_SIGNING_KEY_ID: z
      .string()
      .regex(KEY_ID_PATTERN, "must be 1–64 letters, digits, '.', '_', ':' or '-'")
      .optional(),
    AUDIT_PUBLIC_KEYS: z.string().optional(),
    AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
    AUDIT_CHECKPOINT_EVERY_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(100),
    AUDIT_CHECKPOINT_EVERY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  }
}
const auditEnvSchema = z.object({
  DATABASE_URL: z.string().default('./data/saferelease.sqlite'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ...auditEnv(),
})

/** Audit checkpoints: the signing key (never in the database), where they go, how often. */
export interface AuditConfig {
  /** The configured signing key; undefined in development, which uses `developmentKeyFile`. */
  signer: AuditSigner | undefined
  developmentKeyFile: string
  /** Public keys of earlier signing keys, by key id, so their checkpoints still verify. */
  publicKeys: Map<string, KeyObject>
  checkpointFile: string
  everyEntries: number
  everySeconds: number
}

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUrl: string
}

export interface CourtsConfig {
  policy: {
    urgent: { minutes: number; clock: 'elapsed' }
    high: { minutes: number; clock: 'working' }
    standard: { minutes: number; clock: 'working' }
    highWithinDays: number
    acknowledge: { minutes: number; clock: 'working' }
    acknowledgeImmediateRelease: { minutes: number; clock: 'elapsed' }
  }
  workingHours: { zone: string; start: string; end: string; days: number[] }
  /** How often the escalation run looks for work past its deadline; 0 turns the timer off. */
  escalationIntervalSeconds: number
}

export interface Config {
  production: boolean
  port: number
  host: string
  databaseUrl: string
  sessionSecret: string
  oidc: OidcConfig | undefined
  logLevel: string
  seedDemoData: boolean
  courts: CourtsConfig
  /**
   * Addresses (or CIDR ranges) of the reverse proxies in front of the service. Only a request
   * from one of them has its X-Forwarded-For believed; empty: the header is ignored.
   */
  trustProxy: string[]
  /**
   * Who may read /metrics: `open` (development, when nothing is set), `off` (production, when
   * nothing is set) or `protected` by a bearer token and/or a list of client addresses.
   */
  metrics: { mode: 'open' | 'off' | 'protected'; token: string | undefined; allow: string[] }
  /** How often expired sessions are deleted. */
  sessionPurgeIntervalMs: number
  /** Expiry of preliminary results never confirmed or overridden; interval 0 turns the timer off. */
  calculationStorage: { preliminaryRetentionDays: number; purgeIntervalSeconds: number }
  audit: AuditConfig
}

export class ConfigError extends Error {}

/** One IP address or CIDR range (IPv4 or IPv6), as proxy-addr and net.BlockList read them. */
export function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/** A comma-separated list of addresses/ranges; each bad entry is named. */
export function parseAddressList(name: string, value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return []
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  const bad = entries.find((e) => !isAddressOrRange(e))
  if (bad !== undefined)
    throw new ConfigError(
      `Configuration error: ${name} must be a comma-separated list of IP addresses or CIDR ranges (for example 10.0.0.5,10.1.0.0/16); "${bad.slice(0, 60)}" is not one`,
    )
  return entries
}

function firstIssue(error: z.ZodError): ConfigError {
  const first = error.issues[0]!
  return new ConfigError(`Configuration error: ${String(first.path[0])} ${first.message}`)
}

/** Beside the SQLite file when there is one (so each database has its own), else ./data. */
export function auditDataDirectory(databaseUrl: string): string {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return './data'
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '')
  return file === ':memory:' ? './data' : dirname(file)
}

/**
 * The audit settings alone (the `audit` command reads these without the rest; verifying needs
 * no private key, so `forSigning: false` skips that check). Production refuses to start without
 * AUDIT_SIGNING_KEY: a key the database does not hold is the point.
 */
export function loadAuditConfig(
  env: Record<string, string | undefined> = process.env,
  options: { forSigning: boolean } = { forSigning: true },
): AuditConfig {
  const parsed = auditEnvSchema.safeParse(env)
  if (!parsed.success) throw firstIssue(parsed.error)
  const e = parsed.data
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v)
  const keyText = blank(e.AUDIT_SIGNING_KEY)
  if (options.forSigning && e.NODE_ENV === 'production' && !keyText)
    throw new ConfigError(
      'Configuration error: AUDIT_SIGNING_KEY must be set to an Ed25519 private key in production (make one with `npx saferelease audit keygen`)',
    )
  let signer: AuditSigner | undefined
  let publicKeys: Map<string, KeyObject>
  try {
    signer = keyText ? parseSigningKey(keyText, blank(e.AUDIT_SIGNING_KEY_ID)) : undefined
  } catch (err) {
    if (!(err instanceof AuditKeyError)) throw err
    throw new ConfigError(`Configuration error: AUDIT_SIGNING_KEY ${err.message}`)
  }
  try {
    publicKeys = parsePublicKeyList(e.AUDIT_PUBLIC_KEYS ?? '')
    buildKeyring(signer, publicKeys)
  } catch (err) {
    if (!(err instanceof AuditKeyError)) throw err
    throw new ConfigError(`Configuration error: AUDIT_PUBLIC_KEYS: ${err.message}`)
  }
  const dir = auditDataDirectory(e.DATABASE_URL)
  return {
    signer,
    developmentKeyFile: join(dir, 'audit-signing-key.pem'),
    publicKeys,
    checkpointFile: e.AUDIT_CHECKPOINT_FILE ?? join(dir, 'audit-checkpoints.jsonl'),
    everyEntries: e.AUDIT_CHECKPOINT_EVERY_ENTRIES,
    everySeconds: e.AUDIT_CHECKPOINT_EVERY_SECONDS,
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) throw firstIssue(parsed.error)
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  if (production && (!e.SESSION_SECRET || e.SESSION_SECRET === DEV_SESSION_SECRET)) {
    throw new ConfigError(
      'Configuration error: SESSION_SECRET must be set to a secret of at least 32 characters in production',
    )
  }
  const sessionSecret = e.SESSION_SECRET ?? DEV_SESSION_SECRET
  if (sessionSecret.length < 32)
    throw new ConfigError('Configuration error: SESSION_SECRET must be at least 32 characters')
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URL]
  const anyOidc = oidcVars.some((v) => v !== undefined)
  if (anyOidc && !oidcVars.every((v) => v !== undefined)) {
    throw new ConfigError(
      'Configuration error: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL must be set together',
    )
  }
  const [start, end] = e.COURT_WORKING_HOURS.split('-') as [string, string]
  if (end <= start)
    throw new ConfigError('Configuration error: COURT_WORKING_HOURS must end after they start')
  if (!Intl.supportedValuesOf('timeZone').includes(e.COURT_TIME_ZONE) && e.COURT_TIME_ZONE !== 'UTC')
    throw new ConfigError('Configuration error: COURT_TIME_ZONE must be a time zone such as Europe/London')
  return {
    production,
    port: e.PORT,
    // Development listens on this machine only; production on every interface unless told otherwise.
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: e.DATABASE_URL,
    sessionSecret,
    oidc: anyOidc
      ? {
          issuer: e.OIDC_ISSUER!,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET!,
          redirectUrl: e.OIDC_REDIRECT_URL!,
        }
      : undefined,
    logLevel: e.LOG_LEVEL,
    seedDemoData: e.SEED_DEMO_DATA === 'true' && !production,
    courts: {
      policy: {
        urgent: { minutes: e.COURT_QUERY_URGENT_MINUTES, clock: 'elapsed' },
        high: { minutes: e.COURT_QUERY_HIGH_WORKING_MINUTES, clock: 'working' },
        standard: { minutes: e.COURT_QUERY_STANDARD_WORKING_MINUTES, clock: 'working' },
        highWithinDays: e.COURT_QUERY_HIGH_WITHIN_DAYS,
        acknowledge: { minutes: e.COURT_CHANGE_ACK_WORKING_MINUTES, clock: 'working' },
        acknowledgeImmediateRelease: { minutes: e.COURT_IMMEDIATE_RELEASE_ACK_MINUTES, clock: 'elapsed' },
      },
      workingHours: {
        zone: e.COURT_TIME_ZONE,
        start,
        end,
        days: [...new Set(e.COURT_WORKING_DAYS.split(',').map(Number))].sort(),
      },
      escalationIntervalSeconds: e.COURT_ESCALATION_INTERVAL_SECONDS,
    },
    trustProxy: parseAddressList('TRUST_PROXY', e.TRUST_PROXY),
    metrics: metricsAccess(production, e.METRICS_TOKEN, parseAddressList('METRICS_ALLOW', e.METRICS_ALLOW)),
    sessionPurgeIntervalMs: e.SESSION_PURGE_MINUTES * 60_000,
    calculationStorage: {
      preliminaryRetentionDays: e.CALCULATION_PRELIMINARY_RETENTION_DAYS,
      purgeIntervalSeconds: e.CALCULATION_PURGE_INTERVAL_SECONDS,
    },
    audit: loadAuditConfig(env),
  }
}

function metricsAccess(production: boolean, token: string | undefined, allow: string[]): Config['metrics'] {
  if (token !== undefined || allow.length > 0) return { mode: 'protected', token, allow }
  return { mode: production ? 'off' : 'open', token: undefined, allow: [] }
}
