/**
 * Configuration: one zod schema over the environment, checked at start-up. Development defaults
 * give the SQLite demo; production refuses a missing or default SESSION_SECRET, naming it.
 * docs/deploying.md says how to set each one safely.
 */
import { isIP } from 'node:net'
import { z } from 'zod'

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
  TRUST_PROXY: z.string().optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').max(200).optional(),
  METRICS_ALLOW: z.string().optional(),
  SESSION_PURGE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
})

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUrl: string
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

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const first = parsed.error.issues[0]!
    throw new ConfigError(`Configuration error: ${String(first.path[0])} ${first.message}`)
  }
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
    trustProxy: parseAddressList('TRUST_PROXY', e.TRUST_PROXY),
    metrics: metricsAccess(production, e.METRICS_TOKEN, parseAddressList('METRICS_ALLOW', e.METRICS_ALLOW)),
    sessionPurgeIntervalMs: e.SESSION_PURGE_MINUTES * 60_000,
  }
}

function metricsAccess(production: boolean, token: string | undefined, allow: string[]): Config['metrics'] {
  if (token !== undefined || allow.length > 0) return { mode: 'protected', token, allow }
  return { mode: production ? 'off' : 'open', token: undefined, allow: [] }
}
