/**
 * Sign-in with the organisation's identity provider: OpenID Connect authorisation code flow with
 * PKCE (openid-client). Roles and prisons come from the `saferelease_roles` and
 * `saferelease_prisons` claims (court staff's courts from `saferelease_courts`) (ID token or userinfo); unknown roles are ignored.
 */
import * as client from 'openid-client'
import type { OidcConfig } from '../../config.js'
import { ROLES, type Role } from '../../accounts/roles.js'

export interface OidcStart {
  url: string
  state: string
  codeVerifier: string
  nonce: string
}

export interface OidcIdentity {
  sub: string
  name?: string
  roles: Role[]
  prisons: string[]
  /** Court codes (court staff), from `saferelease_courts`. */
  courts?: string[]
}

export interface OidcClient {
  start(): Promise<OidcStart>
  finish(
    callbackQuery: string,
    saved: { state: string; codeVerifier: string; nonce: string },
  ): Promise<OidcIdentity>
}

function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string')
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean)
  return []
}

export async function createOidcClient(cfg: OidcConfig): Promise<OidcClient> {
  const issuer = new URL(cfg.issuer)
  const insecure = issuer.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(issuer.hostname)
  const configuration = await client.discovery(
    issuer,
    cfg.clientId,
    cfg.clientSecret,
    undefined,
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  )
  return {
    async start() {
      const codeVerifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: cfg.redirectUrl,
        scope: 'openid profile saferelease',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return { url: url.href, state, codeVerifier, nonce }
    },
    async finish(callbackQuery, saved) {
      const current = new URL(cfg.redirectUrl)
      current.search = callbackQuery
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: saved.codeVerifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
      })
      const idClaims = tokens.claims()
      if (!idClaims) throw new Error('The identity provider returned no ID token')
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      const merged: Record<string, unknown> = { ...idClaims, ...info }
      const roles = stringList(merged.saferelease_roles).filter((r): r is Role =>
        (ROLES as readonly string[]).includes(r),
      )
      return {
        sub: idClaims.sub,
        name: typeof merged.name === 'string' ? merged.name : undefined,
        roles,
        prisons: stringList(merged.saferelease_prisons).map((p) => p.toUpperCase()),
        courts: stringList(merged.saferelease_courts).map((c) => c.toUpperCase()),
      }
    },
  }
}
