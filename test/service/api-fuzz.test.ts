/**
 * Sends random and hostile bodies and queries to every API route (fast-check): wrong types, huge
 * strings, prototype-pollution keys, unicode, negative numbers, missing fields, impossible dates.
 * No 5xx; every refusal is JSON naming the field; a refused request writes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { describeEachDatabase } from '../support/databases.js'
import { PERSON_A, buildTestApp, type TestApp } from '../support/app.js'
import { richBooking } from '../support/fixtures.js'
import type { Role } from '../../src/accounts/roles.js'

const sentence = {
  type: 'StandardSentence',
  offence: { committedAt: '2024-01-01', offenceCode: 'TH68010' },
  sentencedAt: '2024-03-01',
  duration: { durationElements: { MONTHS: 8 } },
  releaseArrangements: { isSDSPlus: false, sdsEarlyReleaseExclusions: [] },
  caseSequence: 1,
}
const adjustment = { type: 'REMAND', numberOfDays: 4, appliesToSentencesFrom: '2023-06-01', fromDate: '2023-01-01', toDate: '2023-01-04' }
const person = { prisonNumber: 'F1234FF', firstName: 'Fuzz', lastName: 'Test', aliases: [], dateOfBirth: '1990-01-01', prisonId: 'MDI' }

/** A valid body for each writing route (the fuzzer mutates these as well as sending noise). */
const VALID: Record<string, { role: Role; body: unknown }> = {
  'POST /api/v1/people': { role: 'calculator', body: person },
  'PUT /api/v1/people/:prisonNumber': { role: 'calculator', body: { ...person, version: 1 } },
  'POST /api/v1/people/:prisonNumber/court-cases': { role: 'calculator', body: { caseReference: 'X1', courtName: 'Leeds Crown Court' } },
  'POST /api/v1/people/:prisonNumber/sentences': { role: 'calculator', body: sentence },
  'PUT /api/v1/people/:prisonNumber/sentences/:sentenceId': { role: 'calculator', body: { version: 1, sentence } },
  'POST /api/v1/people/:prisonNumber/adjustments': { role: 'calculator', body: adjustment },
  'PUT /api/v1/people/:prisonNumber/adjustments/:adjustmentId': { role: 'calculator', body: { version: 1, adjustment } },
  'POST /api/v1/people/:prisonNumber/booking': { role: 'calculator', body: richBooking() },
  'POST /api/v1/users': {
    role: 'admin',
    body: { username: 'fuzzuser', displayName: 'Fuzz', kind: 'local', password: 'long-enough-password', roles: ['checker'], prisons: ['MDI'] },
  },
  'PUT /api/v1/users/:userId': {
    role: 'admin',
    body: { version: 1, displayName: 'Fuzz', roles: ['checker'], prisons: ['MDI'], estateWide: false, active: true },
  },
  'POST /api/v1/tokens': { role: 'admin', body: { userId: 1, name: 'fuzz' } },
}
const READ_ROLE: Record<string, Role> = { users: 'admin', tokens: 'admin' }

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '__proto__', 'constructor', 'prototype', '<script>alert(1)</script>', "'; drop table people; --", '\u0000',
    '2023-02-30', '2023-13-01', '0000-00-00', '9999-12-31', '-1', 'NaN', 'Infinity', '1e309', '𝕏𝕐', 'Ж', ' ', '',
  ),
  fc.constant('x'.repeat(5000)),
)
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'version', ''), fc.string({ maxLength: 10 }))
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(-1, 0, 2 ** 31, -(2 ** 53), 1e308, 0.5),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
}))

function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix]
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v)
  const out: (string | number)[][] = [prefix]
  for (const [k, x] of entries) out.push(...leafPaths(x, [...prefix, k]))
  return out
}

function mutate(body: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value
  const copy = structuredClone(body) as Record<string | number, unknown>
  let node = copy
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (remove) delete node[last]
  else node[last] = value
  return copy
}

const RAW_HOSTILE = [
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"a": 1,',
  'null',
  '[]',
  '"just a string"',
  '{"sentences": ' + '['.repeat(5000) + ']'.repeat(5000) + '}',
]

describeEachDatabase('Fuzzing every API route', (dialect) => {
  let t: TestApp
  const runs = dialect === 'sqlite' ? 25 : 8

  beforeAll(async () => {
    t = await buildTestApp(dialect, { users: false })
  })
  afterAll(async () => {
    await t.dispose()
  })

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const table of ['people', 'bookings', 'court_cases', 'sentences', 'adjustments', 'external_movements', 'users', 'api_tokens', 'audit_log', 'prisons'] as const) {
      const r = await t.app.services.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      out[table] = Number(r.n)
    }
    return out
  }

  async function send(method: string, url: string, role: Role, payload: string | undefined, query = '') {
    const before = await counts()
    const res = await t.app.inject({
      method: method as 'POST',
      url: url + query,
      headers: { authorization: `Bearer ${t.tokens[role]}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload }),
    })
    const label = `${method} ${url}${query} ${payload?.slice(0, 200)}`
    expect(res.statusCode, label).toBeLessThan(500)
    if (res.statusCode >= 400) {
      const body = res.json() as { error: unknown; problems: { path: unknown; message: unknown }[] }
      expect(typeof body.error, label).toBe('string')
      if (res.statusCode === 400 || res.statusCode === 422) {
        expect(body.problems.length, label).toBeGreaterThan(0)
        for (const p of body.problems) {
          expect(typeof p.path, label).toBe('string')
          expect(typeof p.message, label).toBe('string')
        }
      }
      expect(await counts(), `${label} wrote something although refused`).toEqual(before)
    }
    return res
  }

  function concrete(url: string, ids: { sentenceId: number; adjustmentId: number }) {
    return url
      .replace(':prisonNumber', PERSON_A)
      .replace(':sentenceId', String(ids.sentenceId))
      .replace(':adjustmentId', String(ids.adjustmentId))
      .replace(':userId', '1')
      .replace(':tokenId', '1')
  }

  it('never answers 5xx, always names the field, and writes nothing when it refuses', async () => {
    const rec = await t.app.services.bookings.load((await t.app.services.people.getByPrisonNumber(PERSON_A)).bookingId)
    const ids = { sentenceId: Number(rec.sentences[0]!.id), adjustmentId: Number(rec.adjustments[0]!.id) }
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
    expect(routes.length).toBeGreaterThan(15)
    for (const r of routes) {
      const key = `${r.method} ${r.url}`
      const url = concrete(r.url, ids)
      const hasBody = r.method === 'POST' || r.method === 'PUT'
      const role: Role = VALID[key]?.role ?? READ_ROLE[r.url.split('/')[3] ?? ''] ?? 'calculator'
      if (hasBody) {
        for (const raw of RAW_HOSTILE) await send(r.method, url, role, raw)
        await fc.assert(
          fc.asyncProperty(hostileValue, async (body) => {
            await send(r.method, url, role, JSON.stringify(body) ?? 'null')
          }),
          { numRuns: runs },
        )
        const valid = VALID[key]
        if (valid) {
          const paths = leafPaths(valid.body)
          await fc.assert(
            fc.asyncProperty(fc.nat(paths.length - 1), hostileValue, fc.boolean(), async (i, value, remove) => {
              await send(r.method, url, role, JSON.stringify(mutate(valid.body, paths[i]!, value, remove)) ?? 'null')
            }),
            { numRuns: runs * 2 },
          )
        }
      } else {
        await fc.assert(
          fc.asyncProperty(fc.dictionary(hostileKey, hostileString, { maxKeys: 3 }), async (q) => {
            const qs = new URLSearchParams(Object.entries(q)).toString()
            await send(r.method, url, role, undefined, qs ? `?${qs}` : '')
          }),
          { numRuns: Math.ceil(runs / 2) },
        )
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('treats hostile path parameters as not found or bad request, never a fault', async () => {
    for (const bad of ['%00', '..%2F..%2Fetc', 'A'.repeat(300), '__proto__', '-1', '1e9', '%F0%9D%95%8F']) {
      for (const url of [`/api/v1/people/${bad}`, `/api/v1/people/${PERSON_A}/sentences/${bad}`, `/api/v1/tokens/${bad}`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.tokens.analyst}` } })
        expect(res.statusCode, url).toBeLessThan(500)
      }
    }
  })
})
