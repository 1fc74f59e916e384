/** Random and hostile form posts to every page that accepts one: never a 5xx. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { describeEachDatabase } from '../support/databases.js'
import { PERSON_A, buildTestApp, signIn, type PageSession, type TestApp } from '../support/app.js'

const FIELDS = [
  'type',
  'caseSequence',
  'lineSequence',
  'sentenceDate-day',
  'sentenceDate-month',
  'sentenceDate-year',
  'offenceCode',
  'offenceDate-day',
  'offenceDate-month',
  'offenceDate-year',
  'duration-years',
  'duration-months',
  'duration-weeks',
  'duration-days',
  'custodial-years',
  'extension-years',
  'consecutiveTo',
  'sdsPlus',
  'exclusion',
  'fineAmount',
  'recallType',
  'revocationDate-day',
  'version',
  'numberOfDays',
  'appliesFrom-day',
  'appliesFrom-month',
  'appliesFrom-year',
  'ualReason',
  'username',
  'password',
  'displayName',
  'kind',
  'roles',
  'prisons',
  'estateWide',
  'active',
  'unlock',
  'userId',
  'name',
  'courtName',
  'caseReference',
  'q',
  'firstName',
  'lastName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'alias-1-firstName',
  'alias-1-lastName',
  'alias-20-lastName',
  'booking',
  '__proto__',
  'constructor',
]
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    'StandardSentence',
    'ExtendedDeterminateSentence',
    'REMAND',
    'UNLAWFULLY_AT_LARGE',
    '1',
    '0',
    '-1',
    '2147483648',
    '99999999999',
    '1e9',
    '31',
    '2',
    '2024',
    'yes',
    'calculator',
    'admin',
    'MDI',
    '',
    ' ',
    '\u0000',
    '𝕏',
    'x'.repeat(3000),
    // The booking import's textarea: JSON of every shape, hostile and plausible.
    '{}',
    '[]',
    'null',
    '{"offender":{}}',
    '{"offender":{"dateOfBirth":"1990-04-01"},"sentences":[{"type":"StandardSentence"}]}',
    '{"offender":{"dateOfBirth":"1990-04-01"},"sentences":[],"bookingId":99999999999}',
    '{"offender":{"dateOfBirth":"1990-04-01","reference":"\\u0000"},"sentences":[]}',
    '{"__proto__":{"x":1},"constructor":{"prototype":{}}}',
    '['.repeat(5000),
  ),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
)

describeEachDatabase('Fuzzing every form', (dialect) => {
  let t: TestApp
  const sessions: Record<string, PageSession> = {}
  beforeAll(async () => {
    t = await buildTestApp(dialect)
    sessions.calculator = await signIn(t.app, 'calculator1')
    sessions.admin = await signIn(t.app, 'admin1')
  })
  afterAll(async () => {
    await t.dispose()
  })

  it('never answers 5xx to any form post', async () => {
    const person = await t.app.services.people.getByPrisonNumber(PERSON_A)
    const rec = await t.app.services.bookings.load(person.bookingId)
    const posts = t.app.routeTable.filter(
      (r) => r.method === 'POST' && !r.url.startsWith('/api/') && r.url !== '/sign-out',
    )
    for (const r of posts) {
      const url = r.url
        .replace(':prisonNumber', PERSON_A)
        .replace(':sentenceId', String(rec.sentences[0]!.id))
        .replace(':adjustmentId', String(rec.adjustments[0]!.id))
        .replace(':userId', '1')
        .replace(':tokenId', '999999')
      const s = url.startsWith('/admin') ? sessions.admin! : sessions.calculator!
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 12 }),
          async (fields) => {
            const res = await t.app.inject({
              method: 'POST',
              url,
              headers: { cookie: s.cookie },
              payload: { ...fields, _csrf: s.csrf },
            })
            expect(res.statusCode, `${url} ${JSON.stringify(fields).slice(0, 300)}`).toBeLessThan(500)
          },
        ),
        { numRuns: dialect === 'sqlite' ? 30 : 12 },
      )
    }
    // Every POST page × 30 (SQLite) or 12 (PostgreSQL) runs: longer than the default minute on a busy machine.
  }, 240_000)
})
