/**
 * Sessions live in the database (so a restart signs nobody out). The cookie is httpOnly,
 * sameSite=lax and secure in production. CSRF tokens are kept in the session and checked on
 * every form post.
 */
import type { FastifyInstance } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifySession from '@fastify/session'
import fastifyCsrf from '@fastify/csrf-protection'
import type { Store } from '../../db/store.js'
import type { Config } from '../../config.js'
import { isApiRequest } from './access.js'

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
        const res = await trx.updateTable('sessions').set({ data, expires_at: expires }).where('sid', '=', sid).executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0) await trx.insertInto('sessions').values({ sid, data, expires_at: expires }).execute()
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

declare module 'fastify' {
  interface Session {
    userId?: number
    oidc?: { state: string; codeVerifier: string; nonce: string }
    flash?: string
  }
}

export async function sessionPlugin(app: FastifyInstance, store: Store, config: Config): Promise<void> {
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
  // Every form post (pages, not the bearer-token API) must carry the session's CSRF token.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST' && !isApiRequest(req)) return app.csrfProtection(req, reply, done)
    done()
  })
}
