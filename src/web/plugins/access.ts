/**
 * Authorisation: every route declares who may call it in its config, and one hook enforces it.
 *   config: { access: { roles: [...Role], prison: 'person' | 'none' } }   role AND (for 'person')
 *           the person's prison against the caller's caseload, both on the server (court staff:
 *           the person must have a case at one of their courts)
 *   config: { access: { roles: 'signed-in' } }   any signed-in user
 *   config: { access: { roles: 'public' } }      no sign-in (sign-in page, health, assets)
 * A route without a declaration stops the application starting.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../../accounts/roles.js'
import { inCaseload, isCourtUser } from '../../accounts/roles.js'
import type { User } from '../../accounts/users.js'
import type { Person } from '../../db/repositories/people.js'
import { PRISON_NUMBER } from '../../db/repositories/people.js'
import { HttpError } from './errors.js'
import { signInUrls } from '../journeys/sign-in/urls.js'

export type Access =
  { roles: 'public' } | { roles: 'signed-in' } | { roles: readonly Role[]; prison: 'person' | 'none' }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyInstance {
    /** Every registered route and its declared access (for the route-walk test and docs). */
    routeTable: { method: string; url: string; access: Access }[]
  }
  interface FastifyRequest {
    user: User | null
    person: Person | null
  }
}

/** Routes registered by third-party plugins (documentation, static files) are public. */
export const PUBLIC_PREFIXES = ['/api/docs', '/assets/'] as const

export function isApiRequest(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/')
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new HttpError(401, 'Sign in to continue')
  return req.user
}
export function requirePerson(req: FastifyRequest): Person {
  if (!req.person) throw new HttpError(404, 'Person not found')
  return req.person
}

export function accessPlugin(app: FastifyInstance): void {
  app.decorateRequest('user', null)
  app.decorateRequest('person', null)

  const table: FastifyInstance['routeTable'] = []
  app.decorate('routeTable', table)
  app.addHook('onRoute', (route) => {
    let access = (route.config as { access?: Access } | undefined)?.access
    if (!access) {
      if (!PUBLIC_PREFIXES.some((p) => route.url.startsWith(p)))
        throw new Error(
          `Route ${String(route.method)} ${route.url} does not declare its access (config.access)`,
        )
      access = { roles: 'public' }
      route.config = { ...(route.config ?? {}), access }
    }
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      table.push({ method, url: route.url, access })
  })

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access
    if (!access) return
    const api = isApiRequest(req)
    req.user = await authenticate(app, req, api)
    if (access.roles === 'public') return
    if (!req.user) {
      if (api) throw new HttpError(401, 'Send a valid bearer token in the Authorization header')
      return reply.redirect(signInUrls.signIn())
    }
    if (access.roles === 'signed-in') return
    const user = req.user
    if (!access.roles.some((r) => user.roles.includes(r)))
      throw new HttpError(403, 'You do not have permission to do this')
    if (access.prison === 'person') {
      const prisonNumber = String((req.params as Record<string, unknown>).prisonNumber ?? '').toUpperCase()
      const person = PRISON_NUMBER.test(prisonNumber)
        ? await app.services.people.findByPrisonNumber(prisonNumber)
        : undefined
      if (!person) throw new HttpError(404, 'Person not found')
      // Court staff see only people with a case at their courts (src/courts/service/visibility.ts).
      if (isCourtUser(user)) {
        if (!(await app.services.courts.courtUserCanSee(user, person)))
          throw new HttpError(403, 'This person has no case at your courts')
      } else if (!inCaseload(user.caseload, person.prisonId))
        throw new HttpError(403, 'This person is not in your caseload (the prisons you work in)')
      req.person = person
    }
  })
}

async function authenticate(app: FastifyInstance, req: FastifyRequest, api: boolean): Promise<User | null> {
  if (api) {
    const header = req.headers.authorization
    if (!header || !header.startsWith('Bearer ')) return null
    return (await app.services.users.userForToken(header.slice(7).trim())) ?? null
  }
  const userId = req.session?.get('userId') as number | undefined
  if (typeof userId !== 'number') return null
  const user = await app.services.users.findById(userId)
  return user && user.active && !user.locked ? user : null
}
