/**
 * Sessions live in the database (so a restart signs nobody out). The cookie is httpOnly,
 * sameSite=lax and secure in production. A session is created only when something must be kept
 * (signing in, an OIDC sign-in in progress): an anonymous visitor reading the sign-in page gets
 * no session row. Expired sessions are deleted at start-up and on a schedule.
 *
 * CSRF: a signed-in user's forms carry the token kept in their session. Forms shown to someone
 * not signed in (the sign-in form) carry a pre-authentication token instead: an HMAC, under the
 * session secret, of a nonce kept in a short-lived httpOnly, SameSite=Strict cookie (`__Host-`
 * in production, so a sibling domain cannot plant it). A cross-site form cannot read the cookie
 * or forge the HMAC, so login CSRF is still refused, and nothing is written to the database.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifySession from '@fastify/session'
import fastifyCsrf from '@fastify/csrf-protection'
import type { Store } from '../../db/store.js'
import type { Config } from '../../config.js'
import { isApiRequest } from './access.js'
import { HttpError } from './errors.js'

const MAX_AGE_MS = 8 * 60 * 60 * 1000

type Callback = (err?: unknown, result?: unknown) => void

/** @fastify/session store backed by the `sessions` table. */
export class DatabaseSessionStore {
  constructor(private readonly store: Store) {}

  set(sid: string, session: unknown, callback: Callback): void {
    const data = JSON.stringify(session)
    const expires = new Date(this.store.clock.now().getTime() + MAX_AGE_MS).toISOString()
    const db = this.store.db
    db.transaction()
      .execute(async (trx) => {
        const res = await trx
          .updateTable('sessions')
          .set({ data, expires_at: expires })
          .where('sid', '=', sid)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0)
          await trx.insertInto('sessions').values({ sid, data, expires_at: expires }).execute()
      })
      .then(() => callback(), callback)
  }

  get(sid: string, callback: Callback): void {
    this.store.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at < this.store.nowIso()) return callback(undefined, null)
        callback(undefined, JSON.parse(row.data))
      }, callback)
  }

  destroy(sid: string, callback: Callback): void {
    this.store.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback(), callback)
  }
}

const PRE_AUTH_MAX_AGE_S = 60 * 60

declare module 'fastify' {
  interface FastifyReply {
    /** The CSRF token for a form shown to someone not signed in (sets its cookie). */
    preAuthCsrfToken(): string
  }
  interface Session {
    userId?: number
    oidc?: { state: string; codeVerifier: string; nonce: string }
    flash?: string
  }
}

/** Deletes sessions that have expired; returns how many. */
export async function purgeExpiredSessions(store: Store): Promise<number> {
  const res = await store.db
    .deleteFrom('sessions')
    .where('expires_at', '<', store.nowIso())
    .executeTakeFirst()
  return Number(res.numDeletedRows)
}

/** The pre-authentication CSRF token: issued with its nonce cookie, checked against it. */
function preAuthCsrf(store: Store, config: Config) {
  const cookieName = config.production ? '__Host-saferelease.signin' : 'saferelease.signin'
  const mac = (nonce: string) =>
    createHmac('sha256', config.sessionSecret).update(`pre-auth-csrf|${nonce}`).digest('base64url')
  const nowS = () => Math.floor(store.clock.now().getTime() / 1000)
  const fresh = (nonce: string | undefined): nonce is string => {
    const m = /^(\d{1,12})\.[A-Za-z0-9_-]{22,64}$/.exec(nonce ?? '')
    return m !== null && nowS() - Number(m[1]) <= PRE_AUTH_MAX_AGE_S && Number(m[1]) <= nowS() + 60
  }
  return {
    cookieName,
    issue(req: FastifyRequest, reply: FastifyReply): string {
      let nonce = req.cookies[cookieName]
      if (!fresh(nonce)) {
        nonce = `${nowS()}.${randomBytes(18).toString('base64url')}`
        reply.setCookie(cookieName, nonce, {
          httpOnly: true,
          sameSite: 'strict',
          secure: config.production,
          path: '/',
          maxAge: PRE_AUTH_MAX_AGE_S,
        })
      }
      return mac(nonce)
    },
    valid(req: FastifyRequest): boolean {
      const nonce = req.cookies[cookieName]
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf
      if (!fresh(nonce) || typeof sent !== 'string') return false
      const expected = Buffer.from(mac(nonce))
      const given = Buffer.from(sent)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}

export async function sessionPlugin(app: FastifyInstance, store: Store, config: Config): Promise<void> {
  // Expired sessions are useless: clear them out at start-up and then on a schedule.
  await purgeExpiredSessions(store)
  const purge = setInterval(() => {
    purgeExpiredSessions(store).catch((err: unknown) => app.log.warn({ err }, 'session purge failed'))
  }, config.sessionPurgeIntervalMs)
  purge.unref()
  app.addHook('onClose', async () => clearInterval(purge))
  await app.register(fastifyCookie)
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: 'saferelease.sid',
    saveUninitialized: false,
    rolling: true,
    store: new DatabaseSessionStore(store) as never,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, path: '/', maxAge: MAX_AGE_MS },
  })
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' })
  const preAuth = preAuthCsrf(store, config)
  app.decorateReply('preAuthCsrfToken', function (this: FastifyReply) {
    return preAuth.issue(this.request, this)
  })
  // Every form post (pages, not the bearer-token API) must carry a CSRF token: the session's
  // when signed in, the pre-authentication one otherwise (runs after the access hook set req.user).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method !== 'POST' || isApiRequest(req)) return done()
    if (req.user) return app.csrfProtection(req, reply, done)
    if (preAuth.valid(req)) return done()
    done(
      new HttpError(403, 'This form has expired. Go back, reload the page and try again.', [
        { path: '_csrf', message: 'is missing or not valid' },
      ]),
    )
  })
  // Once signed in, the session's token takes over: the pre-authentication cookie is spent.
  app.addHook('onSend', async (req, reply) => {
    if (req.user === null && req.session.get('userId') !== undefined && req.cookies[preAuth.cookieName])
      reply.clearCookie(preAuth.cookieName, { path: '/' })
  })
}
