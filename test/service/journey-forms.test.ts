/**
 * The forms of the calculation journey as a new user meets them (issue 12): a remand whose
 * number of days contradicts its own first and last day is refused unless the user says why.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { buildTestApp, signIn, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addPerson } from '../support/calculation.js'

const PN = 'J1111JJ'

describeEachDatabase('Calculation journey forms', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    await addPerson(t.app, PN)
  })
  afterEach(async () => t.dispose())

  // 3 February to 14 September 2024 is 225 days, both included.
  const remand = (numberOfDays: string, extra: Record<string, string> = {}) => ({
    type: 'REMAND',
    numberOfDays,
    'appliesFrom-day': '3',
    'appliesFrom-month': '6',
    'appliesFrom-year': '2024',
    'fromDate-day': '3',
    'fromDate-month': '2',
    'fromDate-year': '2024',
    'toDate-day': '14',
    'toDate-month': '9',
    'toDate-year': '2024',
    ...extra,
  })

  it('refuses remand days that contradict the first and last day, unless the user says why', async () => {
    const s = await signIn(t.app, 'calculator1')
    const post = (payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/people/${PN}/adjustments/add`,
        headers: { cookie: s.cookie },
        payload: { _csrf: s.csrf, ...payload },
      })
    const contradicts = await post(remand('230'))
    expect(contradicts.statusCode).toBe(400)
    expect(contradicts.body).toContain(
      'The number of days (230) does not match the first and last day, which are 225 days',
    )
    expect((await post(remand('225'))).statusCode).toBe(302)
    const explained = await post(
      remand('230', { daysDifferReason: 'Five days of the remand certificate overlap another case' }),
    )
    expect(explained.statusCode).toBe(302)
    const page = await t.app.inject({ method: 'GET', url: `/people/${PN}`, headers: { cookie: s.cookie } })
    expect(page.body).toContain(
      'Differs from the dates: Five days of the remand certificate overlap another case',
    )
  })

  it('applies the same rule over the API, naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/people/${PN}/adjustments`,
      headers: { authorization: `Bearer ${t.tokens.calculator}` },
      payload: {
        type: 'REMAND',
        numberOfDays: 230,
        appliesToSentencesFrom: '2024-06-03',
        fromDate: '2024-02-03',
        toDate: '2024-09-14',
      },
    })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.body).toContain('numberOfDays')
    expect(res.body).toContain('which are 225 days')
  })
})
