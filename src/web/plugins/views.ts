/** Nunjucks with govuk-frontend and MoJ Frontend macros; templates sit beside their journey step. */
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply } from 'fastify'
import nunjucks from 'nunjucks'
import { COURT_ROLES, PRISON_ROLES, ROLE_NAMES } from '../../accounts/roles.js'
import { findPersonUrls } from '../journeys/find-a-person/urls.js'
import { signInUrls } from '../journeys/sign-in/urls.js'
import { adminUrls } from '../journeys/user-administration/urls.js'

const require = createRequire(import.meta.url)
export const WEB_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist')
export const MOJ_DIR = dirname(require.resolve('@ministryofjustice/frontend/package.json'))

declare module 'fastify' {
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply
  }
}

export function viewsPlugin(app: FastifyInstance, options: { oidcEnabled: boolean }): void {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([WEB_DIR, GOVUK_DIST, MOJ_DIR], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  )
  type Item = { value: string; text: string }
  env.addFilter('selectOption', (items: Item[], selected: unknown) =>
    items.map((i) => ({ ...i, selected: String(selected ?? '') === i.value })),
  )
  env.addFilter('selectRadio', (items: Item[], selected: unknown) =>
    items.map((i) => ({ ...i, checked: String(selected ?? '') === i.value })),
  )
  env.addFilter('roleName', (r: keyof typeof ROLE_NAMES) => ROLE_NAMES[r] ?? r)
  app.decorateReply(
    'render',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const req = this.request
      const user = req.user
      // Signed in: the session's token. Otherwise a pre-authentication token, so that showing a
      // page to someone not signed in never creates a session (see plugins/session.ts).
      let csrfToken = ''
      try {
        csrfToken = user ? this.generateCsrf() : this.preAuthCsrfToken()
      } catch {
        csrfToken = ''
      }
      const cspNonce = randomBytes(16).toString('base64')
      this.header(
        'content-security-policy',
        `default-src 'self'; script-src 'self' 'nonce-${cspNonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; ` +
          "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
      )
      const html = env.render(template, {
        cspNonce,
        serviceName: 'SafeRelease',
        user,
        csrfToken,
        oidcEnabled: options.oidcEnabled,
        canReadPeople: user ? user.roles.some((r) => r !== 'admin') : false,
        isAdmin: user ? user.roles.includes('admin') : false,
        // The courts hotline: court staff work a queue and their orders; prison staff their queries and inbox.
        courtsNav: user
          ? {
              court: user.roles.some((r) => COURT_ROLES.includes(r)),
              prison: user.roles.some((r) => PRISON_ROLES.includes(r)),
            }
          : undefined,
        nav: {
          findPerson: findPersonUrls.search(),
          signOut: signInUrls.signOut(),
          users: adminUrls.users(),
          tokens: adminUrls.tokens(),
        },
        currentUrl: req.url,
        ...context,
      })
      return this.type('text/html; charset=utf-8').send(html)
    },
  )
}
