/**
 * Configuration: one zod schema over the environment, checked at start-up. Development defaults
 * give the SQLite demo; production refuses a missing or default SESSION_SECRET, naming it.
 */
import { z } from 'zod'

export const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-0123456789abcdef'

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('./data/saferelease.sqlite'),
  SESSION_SECRET: z.string().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true'),
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
}

export class ConfigError extends Error {}

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
  if (sessionSecret.length < 32) throw new ConfigError('Configuration error: SESSION_SECRET must be at least 32 characters')
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
    host: e.HOST,
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
  }
}
