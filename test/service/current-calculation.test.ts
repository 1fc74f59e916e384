/**
 * The current-dates read that the release gate, the courts and oversight rely on, and the
 * "recalculation required" mark another part writes inside its own transaction.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/databases.js'
import { buildTestApp, signIn, type TestApp } from '../support/app.js'
import { addPerson, simpleBooking } from '../support/calculation.js'

const PN = 'C4444CC'

describeEachDatabase('Current calculation', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    await addPerson(t.app, PN)
  })
  afterEach(async () => t.dispose())

  const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${t.tokens.calculator}` },
      ...(payload ? { payload } : {}),
    })

  async function confirmInitial() {
    const pre = (
      await api('POST', `/api/v1/people/${PN}/calculations`, { reason: { code: 'INITIAL_CALCULATION' } })
    ).json() as { calculationId: string; version: string }
    const confirmed = await api('POST', `/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`, {
      version: pre.version,
    })
    expect(confirmed.statusCode).toBe(200)
    return pre.calculationId
  }

  it('is the confirmed calculation, true until the booking changes, then names the change', async () => {
    const s = t.app.services
    expect(await s.calculationJourney.current(await s.people.getByPrisonNumber(PN))).toBeNull()
    const id = await confirmInitial()
    const person = await s.people.getByPrisonNumber(PN)
    expect(await s.calculationJourney.current(person)).toMatchObject({
      calculationId: id,
      checkStatus: 'unverified',
      recalculationRequired: null,
    })
    const put = await api('POST', `/api/v1/people/${PN}/booking`, simpleBooking(PN, { remandDays: 25 }))
    expect([200, 201, 204]).toContain(put.statusCode)
    const stale = await s.calculationJourney.current(await s.people.getByPrisonNumber(PN))
    expect(stale?.recalculationRequired?.inputChanges.join(' ')).toMatch(/remand/i)
  })

  it('shows "recalculation required" on the person page, the history, the calculation and the API once the remand changes', async () => {
    const id = await confirmInitial()
    const s = await signIn(t.app, 'calculator1')
    const page = async (url: string) =>
      (await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })).body
    const before = await page(`/people/${PN}`)
    expect(before).toContain('Current release dates')
    expect(before).toContain('Not verified')
    expect(before).not.toContain('Recalculation required')
    const fresh = (await api('GET', `/api/v1/people/${PN}/current-release-dates`)).json()
    expect(fresh.current).toMatchObject({ calculationId: id, recalculationRequired: null })
    expect(fresh.current.releaseDays.CRD).toMatchObject({ releaseOn: '2025-02-28', checkByHand: false })

    await api('POST', `/api/v1/people/${PN}/booking`, simpleBooking(PN, { remandDays: 25 }))

    const after = await page(`/people/${PN}`)
    expect(after).toContain('Recalculation required')
    expect(after).toMatch(/remand/i)
    expect(await page(`/people/${PN}/calculations/${id}`)).toContain('Recalculation required')
    const history = (await api('GET', `/api/v1/people/${PN}/calculation-history`)).json()
    expect(history.calculations[0].recalculationRequired.inputChanges.join(' ')).toMatch(/remand/i)
    const current = (await api('GET', `/api/v1/people/${PN}/current-release-dates`)).json()
    expect(current.current.recalculationRequired.reasons.join(' ')).toMatch(/remand/i)

    // A new confirmed calculation makes the dates true again.
    await confirmInitial()
    expect(await page(`/people/${PN}`)).not.toContain('Recalculation required')
  })

  it("is marked inside another part's transaction, and a failure there leaves no mark", async () => {
    const s = t.app.services
    await confirmInitial()
    const person = await s.people.getByPrisonNumber(PN)
    const manager = (await s.users.findByUsername('manager1'))!
    const source = { kind: 'court-change' as const, reference: 'change-1' }

    await expect(
      s.store.change({ username: manager.username }, async (ctx) => {
        await s.calculationJourney.requireRecalculationIn(
          ctx,
          manager,
          person,
          'Court change acknowledged',
          source,
        )
        throw new Error('the other part failed')
      }),
    ).rejects.toThrow('the other part failed')
    expect((await s.calculationJourney.current(person))?.recalculationRequired).toBeNull()

    const result = await s.store.change({ username: manager.username }, (ctx) =>
      s.calculationJourney.requireRecalculationIn(ctx, manager, person, 'Court change acknowledged', source),
    )
    expect(result.ok).toBe(true)
    expect((await s.calculationJourney.current(person))?.recalculationRequired?.reasons).toEqual([
      'Court change acknowledged',
    ])
  })
})
