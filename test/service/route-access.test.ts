/**
 * Walks every registered route with every role (and with no one signed in), for a person in the
 * caller's caseload and one outside it, and checks the outcome the policy below promises.
 * A new route must be added to the policy, or this test fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import {
  buildTestApp,
  signIn,
  COURT_A,
  PERSON_A,
  PERSON_B,
  type PageSession,
  type TestApp,
} from '../support/app.js'
import { ROLES, type Role } from '../../src/accounts/roles.js'
import type { Access } from '../../src/web/plugins/access.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'

const READERS: Role[] = [
  'calculator',
  'checker',
  'manager',
  'court',
  'court_manager',
  'warrant_unit',
  'analyst',
]
const CALC: Role[] = ['calculator']
const ADMIN: Role[] = ['admin']
const CHECK: Role[] = ['checker']
const MANAGER: Role[] = ['manager']
// The courts hotline
const RAISE: Role[] = ['calculator', 'checker', 'manager']
const COURT: Role[] = ['court', 'court_manager', 'warrant_unit']
const HOTLINE: Role[] = [...RAISE, ...COURT]
const ACK: Role[] = ['calculator', 'manager']
// Oversight: managers (their prisons) and analysts (estate-wide, read-only)
const BOARD: Role[] = ['manager', 'analyst']
// Oversight re-checks
const RECHECK_READ: Role[] = ['manager', 'analyst', 'admin']
const RECHECK_WRITE: Role[] = ['manager', 'admin']

type Policy = 'public' | 'signed-in' | { roles: Role[]; person: boolean }
const p = (roles: Role[], person = true): Policy => ({ roles, person })

const POLICY: Record<string, Policy> = {
  'GET /health': 'public',
  'GET /metrics': 'public',
  'GET /': 'signed-in',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'signed-in',
  'GET /sign-in/oidc': 'public',
  'GET /sign-in/oidc/callback': 'public',
  'GET /people/search': p(READERS, false),
  'GET /people/:prisonNumber': p(READERS),
  'GET /people/:prisonNumber/booking.json': p(READERS),
  'GET /people/:prisonNumber/court-cases/add': p(CALC),
  'POST /people/:prisonNumber/court-cases/add': p(CALC),
  'GET /people/:prisonNumber/sentences/add': p(CALC),
  'POST /people/:prisonNumber/sentences/add': p(CALC),
  'GET /people/:prisonNumber/sentences/:sentenceId/edit': p(CALC),
  'POST /people/:prisonNumber/sentences/:sentenceId/edit': p(CALC),
  'GET /people/:prisonNumber/adjustments/add': p(CALC),
  'POST /people/:prisonNumber/adjustments/add': p(CALC),
  'GET /people/:prisonNumber/adjustments/:adjustmentId/edit': p(CALC),
  'POST /people/:prisonNumber/adjustments/:adjustmentId/edit': p(CALC),
  'GET /people/:prisonNumber/sentences/:sentenceId/remove': p(CALC),
  'POST /people/:prisonNumber/sentences/:sentenceId/remove': p(CALC),
  'GET /people/:prisonNumber/adjustments/:adjustmentId/remove': p(CALC),
  'POST /people/:prisonNumber/adjustments/:adjustmentId/remove': p(CALC),
  'GET /people/:prisonNumber/details/edit': p(CALC),
  'POST /people/:prisonNumber/details/edit': p(CALC),
  'GET /people/:prisonNumber/booking/import': p(CALC),
  'POST /people/:prisonNumber/booking/import': p(CALC),
  'GET /admin/users': p(ADMIN, false),
  'GET /admin/users/add': p(ADMIN, false),
  'POST /admin/users/add': p(ADMIN, false),
  'GET /admin/users/:userId/edit': p(ADMIN, false),
  'POST /admin/users/:userId/edit': p(ADMIN, false),
  'GET /admin/tokens': p(ADMIN, false),
  'POST /admin/tokens': p(ADMIN, false),
  'POST /admin/tokens/:tokenId/revoke': p(ADMIN, false),
  'GET /api/v1/people': p(READERS, false),
  'POST /api/v1/people': p(CALC, false),
  'GET /api/v1/people/:prisonNumber': p(READERS),
  'PUT /api/v1/people/:prisonNumber': p(CALC),
  'POST /api/v1/people/:prisonNumber/court-cases': p(CALC),
  'POST /api/v1/people/:prisonNumber/sentences': p(CALC),
  'GET /api/v1/people/:prisonNumber/sentences/:sentenceId': p(READERS),
  'PUT /api/v1/people/:prisonNumber/sentences/:sentenceId': p(CALC),
  'DELETE /api/v1/people/:prisonNumber/sentences/:sentenceId': p(CALC),
  'POST /api/v1/people/:prisonNumber/adjustments': p(CALC),
  'PUT /api/v1/people/:prisonNumber/adjustments/:adjustmentId': p(CALC),
  'DELETE /api/v1/people/:prisonNumber/adjustments/:adjustmentId': p(CALC),
  'GET /api/v1/people/:prisonNumber/booking': p(READERS),
  'POST /api/v1/people/:prisonNumber/booking': p(CALC),
  'GET /api/v1/people/:prisonNumber/calculations': p(READERS),
  'GET /api/v1/users': p(ADMIN, false),
  'POST /api/v1/users': p(ADMIN, false),
  'PUT /api/v1/users/:userId': p(ADMIN, false),
  'GET /api/v1/tokens': p(ADMIN, false),
  'POST /api/v1/tokens': p(ADMIN, false),
  'DELETE /api/v1/tokens/:tokenId': p(ADMIN, false),
  // The calculation journey (pages)
  'GET /people/:prisonNumber/calculate': p(CALC),
  'POST /people/:prisonNumber/calculate': p(CALC),
  'GET /people/:prisonNumber/calculate/check-information': p(CALC),
  'POST /people/:prisonNumber/calculate/check-information': p(CALC),
  'GET /people/:prisonNumber/calculations/:calculationId/result': p(CALC),
  'POST /people/:prisonNumber/calculations/:calculationId/result': p(CALC),
  'GET /people/:prisonNumber/calculations/:calculationId/override': p(CALC),
  'POST /people/:prisonNumber/calculations/:calculationId/override': p(CALC),
  'GET /people/:prisonNumber/calculate/manual': p(CALC),
  'POST /people/:prisonNumber/calculate/manual': p(CALC),
  'GET /people/:prisonNumber/calculate/manual/dates': p(CALC),
  'POST /people/:prisonNumber/calculate/manual/dates': p(CALC),
  'GET /people/:prisonNumber/calculate/manual/check-your-answers': p(CALC),
  'POST /people/:prisonNumber/calculate/manual/check-your-answers': p(CALC),
  'GET /people/:prisonNumber/calculations/:calculationId/override/check-your-answers': p(CALC),
  'POST /people/:prisonNumber/calculations/:calculationId/override/check-your-answers': p(CALC),
  'GET /people/:prisonNumber/calculations/:calculationId/complete': p(CALC),
  'GET /people/:prisonNumber/calculations/:calculationId': p(READERS),
  'GET /people/:prisonNumber/calculations/:calculationId/slip': p(READERS),
  'GET /people/:prisonNumber/calculations/:calculationId/slip.pdf': p(READERS),
  'GET /people/:prisonNumber/calculations/:calculationId/check': p(CHECK),
  'GET /people/:prisonNumber/calculations/:calculationId/check/entry': p(CHECK),
  'POST /people/:prisonNumber/calculations/:calculationId/check/entry': p(CHECK),
  'GET /people/:prisonNumber/calculations/:calculationId/check/records': p(CHECK),
  'POST /people/:prisonNumber/calculations/:calculationId/check/records': p(CHECK),
  'GET /people/:prisonNumber/calculations/:calculationId/check/comparison': p(CHECK),
  'POST /people/:prisonNumber/calculations/:calculationId/check/comparison': p(CHECK),
  'GET /calculations/checks': p(MANAGER, false),
  'GET /admin/bank-holidays': p(ADMIN, false),
  'POST /admin/bank-holidays': p(ADMIN, false),
  'POST /admin/bank-holidays/:date/remove': p(ADMIN, false),
  'GET /admin/bank-holidays/:date/remove': p(ADMIN, false),
  // The calculation journey (API)
  'POST /api/v1/people/:prisonNumber/calculations': p(CALC),
  'POST /api/v1/people/:prisonNumber/calculations/:calculationId/confirm': p(CALC),
  'POST /api/v1/people/:prisonNumber/calculations/:calculationId/override': p(CALC),
  'POST /api/v1/people/:prisonNumber/calculations/manual': p(CALC),
  'GET /api/v1/people/:prisonNumber/calculation-history': p(READERS),
  'GET /api/v1/people/:prisonNumber/current-release-dates': p(READERS),
  'GET /api/v1/people/:prisonNumber/calculations/:calculationId': p(READERS),
  'GET /api/v1/people/:prisonNumber/calculations/:calculationId/check': p(CHECK),
  'POST /api/v1/people/:prisonNumber/calculations/:calculationId/check/entry': p(CHECK),
  'POST /api/v1/people/:prisonNumber/calculations/:calculationId/check/records/:recordId': p(CHECK),
  'POST /api/v1/people/:prisonNumber/calculations/:calculationId/check/resolutions': p(CHECK),
  'GET /api/v1/calculation-checks': p(MANAGER, false),
  // The courts hotline (API)
  'GET /api/v1/courts': p([...ROLES], false),
  'POST /api/v1/courts': p(ADMIN, false),
  'PUT /api/v1/courts/:courtCode': p(ADMIN, false),
  'GET /api/v1/court-queries': p(HOTLINE, false),
  'POST /api/v1/people/:prisonNumber/court-queries': p(RAISE),
  'GET /api/v1/people/:prisonNumber/court-queries': p(READERS),
  'GET /api/v1/court-queries/:queryId': p(HOTLINE, false),
  'POST /api/v1/court-queries/:queryId/messages': p(HOTLINE, false),
  'POST /api/v1/court-queries/:queryId/answer': p(COURT, false),
  'GET /api/v1/court-orders': p(HOTLINE, false),
  'POST /api/v1/court-orders': p(COURT, false),
  'GET /api/v1/court-orders/:orderId': p(HOTLINE, false),
  'POST /api/v1/court-orders/:orderId/lines': p(COURT, false),
  'DELETE /api/v1/court-orders/:orderId/lines/:lineSequence': p(COURT, false),
  'POST /api/v1/court-orders/:orderId/judge-confirmation': p(COURT, false),
  'POST /api/v1/court-orders/:orderId/send': p(COURT, false),
  'POST /api/v1/court-orders/:orderId/acknowledge': p(ACK, false),
  'POST /api/v1/court-orders/:orderId/apply': p(CALC, false),
  'GET /api/v1/people/:prisonNumber/court-orders': p(READERS),
  'GET /api/v1/people/:prisonNumber/court-facts': p(READERS),
  'POST /api/v1/courts/:courtCode/messages': p(COURT, false),
  'GET /api/v1/courts/:courtCode/messages': p(COURT, false),
  'GET /api/v1/court-message-gaps': p([...HOTLINE, 'admin'], false),
  'POST /api/v1/people/:prisonNumber/transfers': p(MANAGER),
  'GET /api/v1/people/:prisonNumber/transfers': p(READERS),
  // The courts hotline (pages)
  'GET /court-queries': p(HOTLINE, false),
  'GET /people/:prisonNumber/court-queries/new': p(RAISE),
  'POST /people/:prisonNumber/court-queries/new': p(RAISE),
  'GET /court-queries/:queryId': p(HOTLINE, false),
  'POST /court-queries/:queryId/messages': p(HOTLINE, false),
  'POST /court-queries/:queryId/answer': p(COURT, false),
  'GET /court-orders': p(HOTLINE, false),
  'GET /court-orders/new': p(COURT, false),
  'POST /court-orders/new': p(COURT, false),
  'GET /court-orders/:orderId': p(HOTLINE, false),
  'POST /court-orders/:orderId/send': p(COURT, false),
  'POST /court-orders/:orderId/acknowledge': p(ACK, false),
  'POST /court-orders/:orderId/apply': p(CALC, false),
  'GET /court-orders/:orderId/lines/add': p(COURT, false),
  'POST /court-orders/:orderId/lines/add': p(COURT, false),
  'GET /court-orders/:orderId/lines/:lineSequence/edit': p(COURT, false),
  'POST /court-orders/:orderId/lines/:lineSequence/edit': p(COURT, false),
  'POST /court-orders/:orderId/lines/:lineSequence/remove': p(COURT, false),
  'GET /court-orders/:orderId/judge': p(COURT, false),
  'POST /court-orders/:orderId/judge': p(COURT, false),
  'GET /admin/courts': p(ADMIN, false),
  'GET /admin/courts/add': p(ADMIN, false),
  'POST /admin/courts/add': p(ADMIN, false),
  'GET /admin/courts/:courtCode/edit': p(ADMIN, false),
  'POST /admin/courts/:courtCode/edit': p(ADMIN, false),
  'GET /people/:prisonNumber/transfer': p(MANAGER),
  'POST /people/:prisonNumber/transfer': p(MANAGER),
  // Guidance and court documents
  'GET /guidance': 'signed-in',
  'GET /guidance/for': 'signed-in',
  'GET /guidance/sources/:sourceId': 'signed-in',
  'GET /admin/guidance': p(ADMIN, false),
  'GET /admin/guidance/add': p(ADMIN, false),
  'POST /admin/guidance/add': p(ADMIN, false),
  'GET /admin/guidance/:documentId': p(ADMIN, false),
  'GET /admin/guidance/:documentId/edit': p(ADMIN, false),
  'POST /admin/guidance/:documentId/edit': p(ADMIN, false),
  'GET /people/:prisonNumber/court-documents/new': p(CALC),
  'POST /people/:prisonNumber/court-documents/new': p(CALC),
  'GET /people/:prisonNumber/court-documents/:draftId': p(CALC),
  'POST /people/:prisonNumber/court-documents/:draftId': p(CALC),
  'GET /people/:prisonNumber/court-documents/:draftId/check': p(CALC),
  'POST /people/:prisonNumber/court-documents/:draftId/check': p(CALC),
  'POST /people/:prisonNumber/court-documents/:draftId/discard': p(CALC),
  'GET /api/v1/guidance/search': 'signed-in',
  'GET /api/v1/guidance/for': 'signed-in',
  'GET /api/v1/guidance/documents': p(ADMIN, false),
  'POST /api/v1/guidance/documents': p(ADMIN, false),
  'PUT /api/v1/guidance/documents/:documentId': p(ADMIN, false),
  'POST /api/v1/people/:prisonNumber/court-documents': p(CALC),
  'GET /api/v1/people/:prisonNumber/court-documents/:draftId': p(CALC),
  'POST /api/v1/people/:prisonNumber/court-documents/:draftId/decisions': p(CALC),
  'POST /api/v1/people/:prisonNumber/court-documents/:draftId/record': p(CALC),
  // Oversight: the Justice Performance Board pack and the releases-in-error register
  'GET /board': p(BOARD, false),
  'GET /board/pack.pdf': p(BOARD, false),
  'GET /board/tables/:tableId': p(BOARD, false),
  'GET /register': p(BOARD, false),
  'GET /register/new': p(MANAGER, false),
  'POST /register/new': p(MANAGER, false),
  'GET /register/import': p(MANAGER, false),
  'POST /register/import': p(MANAGER, false),
  'GET /register/:entryId': p(BOARD, false),
  'GET /register/:entryId/edit': p(MANAGER, false),
  'POST /register/:entryId/edit': p(MANAGER, false),
  'POST /register/:entryId/actions': p(MANAGER, false),
  'POST /register/:entryId/actions/:actionId': p(MANAGER, false),
  'GET /api/v1/board': p(BOARD, false),
  'GET /api/v1/register': p(BOARD, false),
  'GET /api/v1/register/:entryId': p(BOARD, false),
  'POST /api/v1/register': p(MANAGER, false),
  'PUT /api/v1/register/:entryId': p(MANAGER, false),
  'POST /api/v1/register/imports': p(MANAGER, false),
  'POST /api/v1/register/:entryId/actions': p(MANAGER, false),
  // Oversight re-checks (managers for their prison, analysts read-only, administrators)
  'GET /recheck': p(RECHECK_READ, false),
  'POST /recheck': p(RECHECK_WRITE, false),
  'GET /recheck/:runId': p(RECHECK_READ, false),
  'POST /recheck/:runId/cancel': p(RECHECK_WRITE, false),
  'GET /recheck/:runId/findings/:findingId': p(RECHECK_READ, false),
  'POST /recheck/:runId/findings/:findingId': p(RECHECK_WRITE, false),
  'GET /recheck/:runId/impact': p(RECHECK_READ, false),
  'GET /recheck/:runId/impact.csv': p(RECHECK_READ, false),
  'GET /api/v1/recheck/runs': p(RECHECK_READ, false),
  'POST /api/v1/recheck/runs': p(RECHECK_WRITE, false),
  'GET /api/v1/recheck/runs/:runId': p(RECHECK_READ, false),
  'POST /api/v1/recheck/runs/:runId/cancel': p(RECHECK_WRITE, false),
  'GET /api/v1/recheck/runs/:runId/findings': p(RECHECK_READ, false),
  'POST /api/v1/recheck/findings/:findingId/triage': p(RECHECK_WRITE, false),
}

const ESTATE_WIDE: Role[] = ['analyst', 'admin', 'warrant_unit']

function matches(policy: Policy, access: Access): boolean {
  if (policy === 'public' || policy === 'signed-in') return access.roles === policy
  if (typeof access.roles === 'string' || !('prison' in access)) return false
  return (
    [...access.roles].sort().join() === [...policy.roles].sort().join() &&
    (access.prison === 'person') === policy.person
  )
}

describeEachDatabase('Every route checks role and prison on the server', (dialect) => {
  let t: TestApp
  const sessions = {} as Record<Role, PageSession>
  let ids: {
    sentenceId: number
    adjustmentId: number
    queryId: string
    orderId: string
    entryId: string
    runId: string
  }

  beforeAll(async () => {
    t = await buildTestApp(dialect)
    for (const role of ROLES) sessions[role] = await signIn(t.app, `${role}1`)
    const rec = await t.app.services.bookings.load(
      (await t.app.services.people.getByPrisonNumber(PERSON_A)).bookingId,
    )
    // A real query and a draft order with a line, so their pages are walked, not only their 404s.
    const s = t.app.services
    const personA = await s.people.getByPrisonNumber(PERSON_A)
    const query = await s.courts.raiseQuery((await s.users.findByUsername('calculator1'))!, personA, {
      kind: 'OUTSTANDING_WARRANTS',
      courts: [COURT_A.code],
      question: 'Any outstanding warrants?',
    })
    const court = (await s.users.findByUsername('court1'))!
    const order = await s.courts.recordOrder(court, {
      prisonNumber: PERSON_A,
      dateOfBirth: personA.dateOfBirth,
      court: COURT_A.code,
      kind: 'LENGTH_VARIED',
      caseReference: 'T20230001',
      orderDate: s.courts.today(),
    })
    const parsed = parseBooking(await s.bookings.export(personA))
    if (!parsed.ok) throw new Error('fixture booking invalid')
    await s.courts.saveOrderLine(
      court,
      order.id,
      { lineSequence: 1, sentence: parsed.value.sentences[0]! },
      order.version,
    )
    // A register entry in the first prison, so its page and actions are walked, not only 404s.
    const entry = await s.register.record((await s.users.findByUsername('manager1'))!, {
      prisonNumber: PERSON_A,
      name: 'Walk Person',
      prisonId: personA.prisonId,
      direction: 'LATE',
      releasedOn: '2025-01-10',
      days: 1,
      howFound: 'PRISON_STAFF',
      rootCauses: ['OTHER'],
    })
    ids = {
      entryId: entry.id,
      sentenceId: Number(rec.sentences[0]!.id),
      adjustmentId: Number(rec.adjustments[0]!.id),
      queryId: query.id,
      orderId: order.id,
      // A finished re-check of the first prison, so its pages are walked, not only their 404s.
      runId: (
        await s.recheck.start((await s.users.findByUsername('manager1'))!, {
          kind: 'RECHECK',
          scope: { kind: 'prison', prisonId: personA.prisonId },
        })
      ).id,
    }
  })
  afterAll(async () => {
    await t.dispose()
  })

  const routes = () =>
    t.app.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        !r.url.includes('*') &&
        !r.url.startsWith('/api/docs') &&
        !r.url.startsWith('/assets/'),
    )

  it('declares, for every route, exactly the access in the policy', () => {
    const seen = new Set<string>()
    for (const r of routes()) {
      const key = `${r.method} ${r.url}`
      seen.add(key)
      const policy = POLICY[key]
      expect(policy, `${key} is not in the policy`).toBeDefined()
      expect(matches(policy!, r.access), `${key} declares ${JSON.stringify(r.access)}`).toBe(true)
    }
    expect([...seen].sort()).toEqual(Object.keys(POLICY).sort())
  })

  it('gives each role, and no one, the promised outcome on every route', async () => {
    const failures: string[] = []
    for (const r of routes()) {
      const key = `${r.method} ${r.url}`
      const policy = POLICY[key]!
      const prisons = r.url.includes(':prisonNumber') ? [PERSON_A, PERSON_B] : [PERSON_A]
      for (const prisonNumber of prisons) {
        const url = r.url
          .replace(':prisonNumber', prisonNumber)
          .replace(':sentenceId', String(ids.sentenceId))
          .replace(':adjustmentId', String(ids.adjustmentId))
          .replace(':userId', '1')
          .replace(':tokenId', '999999')
          .replace(':calculationId', '00000000-0000-4000-8000-000000000000')
          .replace(':recordId', 'sentence:0')
          .replace(':date', '2099-01-01')
          .replace(':queryId', ids.queryId)
          .replace(':orderId', ids.orderId)
          .replace(':lineSequence', '1')
          .replace(':courtCode', COURT_A.code)
          .replace(':draftId', '00000000-0000-4000-8000-000000000000')
          .replace(':documentId', 'no-such-document')
          .replace(':sourceId', 'rules')
          .replace(':tableId', 'trend.csv')
          .replace(':entryId', ids.entryId)
          .replace(':actionId', '1')
          .replace(':runId', ids.runId)
          .replace(':findingId', '999999')
        const api = url.startsWith('/api/')
        const callers: (Role | 'nobody')[] = ['nobody', ...ROLES]
        for (const caller of callers) {
          if (key === 'POST /sign-out' && caller !== 'nobody') continue // ends the session: tested on its own
          const headers: Record<string, string> = {}
          const payload: Record<string, string> = {}
          if (caller !== 'nobody') {
            if (api) headers.authorization = `Bearer ${t.tokens[caller]}`
            else {
              headers.cookie = sessions[caller].cookie
              if (r.method === 'POST') payload._csrf = sessions[caller].csrf
            }
          }
          const res = await t.app.inject({
            method: r.method as 'GET',
            url,
            headers,
            ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload }),
          })
          const status = res.statusCode
          let ok: boolean
          if (status >= 500) ok = false
          else if (policy === 'public') ok = true
          else if (caller === 'nobody')
            ok = api ? status === 401 : status === 302 && res.headers.location === '/sign-in'
          else if (policy === 'signed-in') ok = status !== 401 && status !== 403
          else if (!policy.roles.includes(caller)) ok = status === 403
          else if (policy.person && prisonNumber === PERSON_B && !ESTATE_WIDE.includes(caller))
            ok = status === 403
          else ok = status !== 401 && status !== 403
          if (!ok) failures.push(`${caller} ${r.method} ${url} -> ${status}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('answers 404 for a person who does not exist, for a role that may read people', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/people/Z9999ZZ',
      headers: { authorization: `Bearer ${t.tokens.checker}` },
    })
    expect(res.statusCode).toBe(404)
    const page = await t.app.inject({
      method: 'GET',
      url: '/people/Z9999ZZ',
      headers: { cookie: sessions.checker.cookie },
    })
    expect(page.statusCode).toBe(404)
  })

  it('signs a user out and their session no longer works', async () => {
    const s = await signIn(t.app, 'checker1')
    const out = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { cookie: s.cookie },
      payload: { _csrf: s.csrf },
    })
    expect(out.statusCode).toBe(302)
    const after = await t.app.inject({ method: 'GET', url: '/people/search', headers: { cookie: s.cookie } })
    expect(after.statusCode).toBe(302)
  })

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/people/${PERSON_A}/adjustments/add`,
      headers: { cookie: sessions.calculator.cookie },
      payload: { type: 'REMAND', numberOfDays: '3' },
    })
    expect(res.statusCode).toBe(403)
  })
})
