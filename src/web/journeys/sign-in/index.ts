/** Sign in (local account or, when configured, the organisation's identity provider) and out. */
import type { FastifyInstance } from 'fastify'
import type { OidcClient } from '../../plugins/oidc.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { signInUrls } from './urls.js'
import { findPersonUrls } from '../find-a-person/urls.js'
import { adminUrls } from '../user-administration/urls.js'

const TEMPLATE = 'journeys/sign-in/view.njk'

/**
 * Sign-in attempts: per client address (the route's rate limit; the address comes from
 * X-Forwarded-For only behind a proxy named in TRUST_PROXY) and per username, however many
 * addresses they come from. Accounts also lock after 5 failures (src/accounts/users.ts).
 */
export const SIGN_IN_LIMITS = {
  perAddress: { max: 30, timeWindow: '1 minute' },
  perUsername: { max: 10, timeWindow: '15 minutes' },
} as const

const usernameKey = (body: unknown) =>
  `sign-in:${str((body ?? {}) as FormBody, 'username', 100).toLowerCase()}`

export function signInJourney(app: FastifyInstance, oidc: OidcClient | undefined): void {
  const { users } = app.services
  const perUsername = app.createRateLimit({
    ...SIGN_IN_LIMITS.perUsername,
    keyGenerator: (req) => usernameKey(req.body),
  })

  app.get('/', { config: { access: { roles: 'signed-in' } } }, async (req, reply) => {
    const user = req.user!
    return reply.redirect(user.roles.some((r) => r !== 'admin') ? findPersonUrls.search() : adminUrls.users())
  })

  app.get('/sign-in', { config: { access: { roles: 'public' } } }, async (req, reply) => {
    if (req.user) return reply.redirect(signInUrls.start())
    return reply.render(TEMPLATE, { pageTitle: 'Sign in', values: {}, errors: {} })
  })

  app.post(
    '/sign-in',
    { config: { access: { roles: 'public' }, rateLimit: { ...SIGN_IN_LIMITS.perAddress } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as FormBody
      const username = str(body, 'username', 100)
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : ''
      const errors = new FormErrors()
      let status = 400
      if (username === '') errors.add('username', messages.enterUsername)
      if (password === '') errors.add('password', messages.enterPassword)
      const limit = errors.any ? undefined : await perUsername(req)
      if (limit && !limit.isAllowed && limit.isExceeded) {
        errors.add('username', messages.tooManySignIns)
        status = 429
      }
      if (!errors.any) {
        const result = await users.signIn(username, password, req.id)
        if (result.ok) {
          await req.session.regenerate()
          req.session.set('userId', result.user.id)
          return reply.redirect(signInUrls.start())
        }
        errors.add('username', result.reason === 'locked' ? messages.locked : messages.badCredentials)
      }
      return reply.status(status).render(TEMPLATE, {
        pageTitle: 'Sign in',
        values: { username },
        errors: errors.byField,
        errorList: errors.list,
      })
    },
  )

  app.post('/sign-out', { config: { access: { roles: 'signed-in' } } }, async (req, reply) => {
    await users.recordSignOut(req.user!)
    await req.session.destroy()
    return reply.redirect(signInUrls.signIn())
  })

  app.get('/sign-in/oidc', { config: { access: { roles: 'public' } } }, async (req, reply) => {
    if (!oidc) throw new HttpError(404, 'Page not found')
    const start = await oidc.start()
    req.session.set('oidc', { state: start.state, codeVerifier: start.codeVerifier, nonce: start.nonce })
    return reply.redirect(start.url)
  })

  app.get('/sign-in/oidc/callback', { config: { access: { roles: 'public' } } }, async (req, reply) => {
    if (!oidc) throw new HttpError(404, 'Page not found')
    const saved = req.session.get('oidc')
    if (!saved) return reply.redirect(signInUrls.signIn())
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''
    let identity
    try {
      identity = await oidc.finish(query, saved)
    } catch (err) {
      req.log.warn({ err }, 'OIDC sign-in failed')
      throw new HttpError(401, 'Sign-in with your organisation account did not work. Try again.')
    }
    if (identity.roles.length === 0)
      throw new HttpError(403, 'Your organisation account has no SafeRelease role')
    const user = await users.signInFromOidc(identity)
    await req.session.regenerate()
    req.session.set('userId', user.id)
    return reply.redirect(signInUrls.start())
  })
}
