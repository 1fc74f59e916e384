/**
 * A real application over a fresh database, with two prisons, a person in each, a signed-in-able
 * user and an API service account (with token) for every role.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/web/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { COURT_ROLES, ROLES, type Role } from '../../src/accounts/roles.js'
import type { Clock } from '../../src/db/store.js'
import type { ReleaseGatePort } from '../../src/courts/service/ports.js'
import type { DischargesReader } from '../../src/oversight/board/domain/ports.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'
import type { DialectName } from '../../src/db/database.js'
import { freshDatabase, type TestDatabase } from './databases.js'
import { PRISON_A, PRISON_B, personInput, richBooking } from './fixtures.js'

export const PASSWORD = 'test-password-123'
/** Cheap argon2id for tests only; production uses PASSWORD_HASHING. */
export const TEST_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 }
export const PERSON_A = 'A1234BC'
export const PERSON_B = 'B9999ZZ'
/** The court of PERSON_A's court case, where the court users work. */
export const COURT_A = {
  code: 'LEEDCC',
  name: 'Leeds Crown Court',
  kind: 'CROWN' as const,
  region: 'Yorkshire',
  active: true,
}
export const COURT_B = {
  code: 'YORKCC',
  name: 'York Crown Court',
  kind: 'CROWN' as const,
  region: 'Yorkshire',
  active: true,
}
/** Estate-wide in the test app (the national warrant query unit works every court). */
export const ESTATE_WIDE_ROLES: Role[] = ['analyst', 'admin', 'warrant_unit']
const system = { username: 'system:test' }

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  tokens: Record<Role, string>
  dispose(): Promise<void>
}

export async function buildTestApp(
  dialect: DialectName = 'sqlite',
  options: {
    users?: boolean
    clock?: Clock
    releaseGate?: ReleaseGatePort
    dischargesReader?: DischargesReader
    env?: Record<string, string>
    config?: Partial<Config>
  } = {},
): Promise<TestApp> {
  const database = await freshDatabase(dialect)
  const app = await buildApp({
    database,
    config: {
      ...loadConfig({ NODE_ENV: 'test', COURT_ESCALATION_INTERVAL_SECONDS: '0', ...options.env }),
      ...options.config,
    },
    clock: options.clock ?? { now: () => new Date() },
    logger: false,
    passwordHashing: TEST_HASHING,
    ...(options.releaseGate ? { releaseGate: options.releaseGate } : {}),
    ...(options.dischargesReader ? { dischargesReader: options.dischargesReader } : {}),
  })
  const s = app.services
  await s.prisons.create(system, PRISON_A)
  await s.prisons.create(system, PRISON_B)
  await s.courts.createCourt(system, COURT_A)
  await s.courts.createCourt(system, COURT_B)
  const a = await s.people.create(system, personInput())
  await s.bookings.defineCourtCases(system, a, [
    { caseSequence: 1, caseReference: 'T20230001', courtName: 'Leeds Crown Court', courtCode: COURT_A.code },
  ])
  const booking = parseBooking(richBooking())
  if (!booking.ok) throw new Error('fixture booking invalid')
  await s.bookings.import(system, a, booking.value)
  await s.people.create(
    system,
    personInput({
      prisonNumber: PERSON_B,
      firstName: 'Brian',
      lastName: 'Other',
      aliases: [],
      prisonId: PRISON_B.id,
    }),
  )
  const tokens = {} as Record<Role, string>
  for (const role of ROLES) {
    const estate = ESTATE_WIDE_ROLES.includes(role)
    const court = COURT_ROLES.includes(role)
    const prisons = estate || court ? [] : [PRISON_A.id]
    const courts = court && !estate ? [COURT_A.code] : []
    if (options.users !== false)
      await s.users.create(system, {
        username: `${role}1`,
        displayName: `${role} one`,
        kind: 'local',
        password: PASSWORD,
        roles: [role],
        prisons,
        courts,
        estateWide: estate,
      })
    const svc = await s.users.create(system, {
      username: `svc-${role}`,
      displayName: `${role} service`,
      kind: 'service',
      roles: [role],
      prisons,
      courts,
      estateWide: estate,
    })
    tokens[role] = (await s.users.createToken(system, svc.id, 'tests')).token
  }
  return {
    app,
    database,
    tokens,
    dispose: async () => {
      await app.close()
      await database.dispose()
    },
  }
}

/**
 * The cookies a response set that a browser would send back: the session and, before signing
 * in, the pre-authentication CSRF cookie (joined as one Cookie header). Cleared cookies are left out.
 */
export function cookieFrom(res: LightMyRequestResponse): string | undefined {
  const raw = res.headers['set-cookie']
  const list = Array.isArray(raw) ? raw : raw ? [raw] : []
  const pairs = list
    .map((c) => c.split(';')[0]!)
    .filter((c) => /^(saferelease\.sid|saferelease\.signin)=./.test(c))
  return pairs.length > 0 ? pairs.join('; ') : undefined
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!m) throw new Error('no CSRF token on the page')
  return m[1]!
}

export interface PageSession {
  cookie: string
  csrf: string
}

/** Signs in through the real form; returns the session cookie and a CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
): Promise<PageSession> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' })
  let cookie = cookieFrom(page)!
  const res = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie },
    payload: { _csrf: csrfFrom(page.body), username, password },
  })
  if (res.statusCode !== 302) throw new Error(`sign-in failed for ${username}: ${res.statusCode}`)
  cookie = cookieFrom(res) ?? cookie
  const home = username.startsWith('admin') ? '/admin/users' : '/people/search'
  const after = await app.inject({ method: 'GET', url: home, headers: { cookie } })
  return { cookie: cookieFrom(after) ?? cookie, csrf: csrfFrom(after.body) }
}
