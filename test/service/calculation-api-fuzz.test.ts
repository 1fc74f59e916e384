/**
 * Hostile bodies to every calculation-journey API route that writes, with the right role and a
 * real calculation: never a 5xx, refusals are JSON naming a field or code, and a refused request
 * appends no event.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildTestApp, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addPerson, simpleBooking } from '../support/calculation.js'

const PN = 'C1111CC'

const hostile = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 20 }),
    fc.constantFrom('__proto__', 'OTHER', 'CRD', '2025-02-30', 'sha256:', '', 'x'.repeat(3000), 'sentence:0'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'reason',
        'code',
        'text',
        'version',
        'dates',
        'CRD',
        'matches',
        'note',
        'booking',
        'differenceId',
        'resolution',
        'kind',
        '__proto__',
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value

describeEachDatabase('Fuzzing the calculation journey API', (dialect) => {
  let t: TestApp
  let id: string
  let version: string
  beforeAll(async () => {
    t = await buildTestApp(dialect, { users: false })
    await addPerson(t.app, PN)
    const auth = { authorization: `Bearer ${t.tokens.calculator}` }
    const pre = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/people/${PN}/calculations`,
        headers: auth,
        payload: { reason: { code: 'INITIAL_CALCULATION' } },
      })
    ).json() as { calculationId: string; version: string }
    ;({ calculationId: id, version } = pre)
  })
  afterAll(async () => {
    await t.dispose()
  })

  const events = async () =>
    Number(
      (
        (await t.app.services.store.db
          .selectFrom('calculation_events' as never)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()) as { n: unknown }
      ).n,
    )

  it('never answers 5xx and writes nothing when it refuses', async () => {
    const routes: [string, 'calculator' | 'checker', unknown][] = [
      [`/api/v1/people/${PN}/calculations`, 'calculator', { reason: { code: 'INITIAL_CALCULATION' } }],
      [`/api/v1/people/${PN}/calculations/${id}/confirm`, 'calculator', { version }],
      [
        `/api/v1/people/${PN}/calculations/${id}/override`,
        'calculator',
        { version, reason: { code: 'OTHER', text: 'x' }, dates: { CRD: '2025-02-28' } },
      ],
      [
        `/api/v1/people/${PN}/calculations/manual`,
        'calculator',
        { reason: { code: 'INITIAL_CALCULATION' }, dates: { CRD: '2025-02-28' } },
      ],
      [`/api/v1/people/${PN}/calculations/${id}/check/entry`, 'checker', { booking: simpleBooking(PN) }],
      [
        `/api/v1/people/${PN}/calculations/${id}/check/records/sentence:0`,
        'checker',
        { matches: false, note: 'does not match at all' },
      ],
      [
        `/api/v1/people/${PN}/calculations/${id}/check/resolutions`,
        'checker',
        { differenceId: 'x', resolution: { kind: 'first-was-right', reason: 'because it was right' } },
      ],
    ]
    for (const [url, role] of routes) {
      await fc.assert(
        fc.asyncProperty(hostile, async (body) => {
          const before = await events()
          const res = await t.app.inject({
            method: 'POST',
            url,
            headers: { authorization: `Bearer ${t.tokens[role]}`, 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? 'null',
          })
          expect(res.statusCode, `${url} ${JSON.stringify(body)?.slice(0, 200)}`).toBeLessThan(500)
          if (res.statusCode >= 400) {
            const json = res.json() as { error: unknown; problems: { path: unknown }[] }
            expect(typeof json.error).toBe('string')
            expect(json.problems.length).toBeGreaterThan(0)
            expect(await events()).toBe(before)
          }
        }),
        { numRuns: dialect === 'sqlite' ? 40 : 10 },
      )
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
