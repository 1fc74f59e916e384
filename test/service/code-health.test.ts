/** Whole-codebase checks over the registries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.js'
import { AUDIT_ACTIONS } from '../../src/audit/audit.js'
import { ROLES, ROLE_NAMES } from '../../src/accounts/roles.js'
import { ADJUSTMENT_TYPES, SENTENCE_TYPES } from '../../src/engine/input/reference-booking.js'
import { ADJUSTMENT_TYPE_LABELS, SENTENCE_TYPE_LABELS } from '../../src/web/labels.js'

describe('Code health', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp('sqlite', { users: false })
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('refuses to register a route that does not declare who may use it', () => {
    expect(() => t.app.get('/undeclared', async () => 'hello')).toThrow(/does not declare its access/)
  })

  it('has a label for every role, sentence type and adjustment type', () => {
    for (const r of ROLES) expect(ROLE_NAMES[r]).toBeTruthy()
    for (const s of SENTENCE_TYPES) expect(SENTENCE_TYPE_LABELS[s]).toBeTruthy()
    for (const a of ADJUSTMENT_TYPES) expect(ADJUSTMENT_TYPE_LABELS[a]).toBeTruthy()
  })

  it('documents every API route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const apiRoutes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
    for (const r of apiRoutes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}')
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined()
    }
  })

  it('uses only known audit actions', async () => {
    const actions = await t.app.services.store.db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .execute()
    for (const a of actions) expect(AUDIT_ACTIONS).toContain(a.action)
  })
})
