/**
 * Finding a person (issue 15): the indexed search (FTS5 trigrams on SQLite, pg_trgm on
 * PostgreSQL) answers exactly what the rule says, on both databases: every word typed appears
 * in the name or an alias (case aside, punctuation and wildcard characters literally), or a
 * query with a digit finds the prison numbers starting with it; within the caseload; ordered by
 * last name, first name, prison number; at most 50.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../support/databases.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository, type CreatePerson } from '../../src/db/repositories/people.js'
import type { Caseload } from '../../src/accounts/roles.js'
import { PRISON_A, PRISON_B, personInput } from '../support/fixtures.js'

const actor = { username: 'calculator1' }
const everywhere: Caseload = { estateWide: true, prisons: [] }
const prisonA: Caseload = { estateWide: false, prisons: [PRISON_A.id] }

const named: CreatePerson[] = [
  personInput(),
  personInput({ prisonNumber: 'A1299ZZ', firstName: 'Siobhán', lastName: "O'Brien", aliases: [] }),
  personInput({
    prisonNumber: 'A1300AA',
    firstName: 'Mary-Jane',
    lastName: 'Smith-Jones',
    aliases: [{ firstName: 'MJ', lastName: 'Jones' }],
  }),
  personInput({ prisonNumber: 'B2000BB', firstName: 'Ann_Marie', lastName: '100%', aliases: [] }),
  personInput({
    prisonNumber: 'C3000CC',
    firstName: 'Zoë',
    lastName: 'Ng',
    aliases: [{ firstName: 'Jo', lastName: 'Nguyen' }],
  }),
  personInput({
    prisonNumber: 'D4000DD',
    firstName: 'Dewi',
    lastName: 'ap Rhys',
    aliases: [],
    prisonId: PRISON_B.id,
  }),
  personInput({
    prisonNumber: 'E5000EE',
    firstName: 'Bobby',
    lastName: "'; DROP TABLE people; --",
    aliases: [],
  }),
  personInput({
    prisonNumber: 'E5001EE',
    firstName: 'Star*',
    lastName: 'Qu?ery [x] \\n "NEAR"',
    aliases: [],
  }),
]
// Enough people sharing letters that the limit and the order matter.
const FIRST = ['Aaron', 'zed', 'Émile', 'Bea', 'Callum', 'dan', 'Eve']
const LAST = ['Smith', 'Smithson', 'Blacksmith', 'Smit', 'smith', 'Goldsmith', 'Smithers', 'Ásmith']
const filler: CreatePerson[] = Array.from({ length: 56 }, (_, i) =>
  personInput({
    prisonNumber: `F${String(1000 + i)}${String.fromCharCode(65 + (i % 26))}A`,
    firstName: FIRST[i % FIRST.length]!,
    lastName: LAST[(i * 3) % LAST.length]!,
    aliases: i % 5 === 0 ? [{ firstName: 'Al', lastName: `Alias${i}` }] : [],
    prisonId: i % 4 === 0 ? PRISON_B.id : PRISON_A.id,
  }),
)
const everyone = [...named, ...filler]

/** The rule, written out plainly: what search must return. */
function expected(people: CreatePerson[], query: string, caseload: Caseload, limit = 50): string[] {
  const q = query.trim().toLowerCase()
  if (q === '') return []
  const upper = q.toUpperCase()
  const byPrisonNumber = /^[A-Z0-9]{2,12}$/.test(upper) && /\d/.test(upper)
  const words = q.split(/\s+/).slice(0, 5)
  const text = (p: CreatePerson) =>
    [p.firstName, p.lastName, ...p.aliases.flatMap((a) => [a.firstName, a.lastName])].join(' ').toLowerCase()
  const codePoints = (a: string, b: string) => {
    const x = [...a].map((c) => c.codePointAt(0)!)
    const y = [...b].map((c) => c.codePointAt(0)!)
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
    return x.length - y.length
  }
  return people
    .filter((p) => caseload.estateWide || caseload.prisons.includes(p.prisonId))
    .filter((p) =>
      byPrisonNumber ? p.prisonNumber.startsWith(upper) : words.every((w) => text(p).includes(w)),
    )
    .sort(
      (a, b) =>
        codePoints(a.lastName, b.lastName) ||
        codePoints(a.firstName, b.firstName) ||
        codePoints(a.prisonNumber, b.prisonNumber),
    )
    .slice(0, limit)
    .map((p) => p.prisonNumber)
}

const QUERIES = [
  'smith',
  'SMITH',
  'smi',
  'sm',
  's',
  'mit',
  "o'brien",
  'brien',
  "o'",
  'siobhán',
  'SIOBHÁN',
  'mary-jane',
  'jane smith',
  'smith-jones',
  '-',
  'jones',
  'smyth',
  'johnny smith',
  'zoë',
  'ZOË',
  'nguyen',
  'émile smith',
  'ásmith',
  'a12',
  'A1234',
  'a1234bc',
  'a1234bcd',
  'F10',
  'f1',
  'ann_m',
  '100%',
  '%',
  '_',
  '*',
  'star*',
  '?',
  'qu?ery',
  '[x]',
  '[',
  ']',
  '\\',
  '\\n',
  "'",
  '"',
  '"near"',
  "'; drop table people; --",
  'smith" OR 1=1 --',
  'NEAR(smith jones)',
  'smith*',
  's?ith',
  '[s]mith',
  '  smith   john  ',
  'a b c d e f g h',
  'alias1',
  'x'.repeat(200),
  'ap rhys',
]

describeEachDatabase('Finding a person', (dialect) => {
  let database: TestDatabase
  let people: PeopleRepository

  beforeAll(async () => {
    database = await freshDatabase(dialect)
    const store = new Store(database, { now: () => new Date('2025-01-15T10:00:00Z') })
    people = new PeopleRepository(store)
    const prisons = new PrisonsRepository(store)
    await prisons.create(actor, PRISON_A)
    await prisons.create(actor, PRISON_B)
    for (const p of everyone) await people.create(actor, p)
  }, 120_000)
  afterAll(async () => {
    await database.dispose()
  })

  const found = async (q: string, caseload = everywhere) =>
    (await people.search(q, caseload)).map((p) => p.prisonNumber)

  it('finds names with apostrophes, hyphens and accents, and aliases, by any part of them', async () => {
    expect(await found("o'brien")).toEqual(['A1299ZZ'])
    expect(await found('Brien')).toEqual(['A1299ZZ'])
    expect(await found('siobhán')).toEqual(['A1299ZZ'])
    expect(await found('mary-jane smith-jones')).toEqual(['A1300AA'])
    expect(await found('jane jones')).toEqual(['A1300AA'])
    expect(await found('nguyen')).toEqual(['C3000CC'])
    expect(await found('ZOË')).toEqual(['C3000CC'])
    expect(await found('smyth john')).toEqual(['A1234BC'])
  })

  it('finds prison numbers by their start, and only within the caseload', async () => {
    // Ordered by last name: O'Brien before Smith.
    expect(await found('a12')).toEqual(['A1299ZZ', 'A1234BC'])
    expect(await found('a1234bc')).toEqual(['A1234BC'])
    expect(await found('a1234bcd')).toEqual([])
    expect(await found('D4000DD', prisonA)).toEqual([])
    expect(await found('ap rhys', prisonA)).toEqual([])
    expect(await found('ap rhys')).toEqual(['D4000DD'])
  })

  it('takes SQL, wildcard and full-text syntax as the characters typed', async () => {
    expect(await found("'; DROP TABLE people; --")).toEqual(['E5000EE'])
    expect(await found('star*')).toEqual(['E5001EE'])
    expect(await found('qu?ery [x]')).toEqual(['E5001EE'])
    expect(await found('"near"')).toEqual(['E5001EE'])
    expect(await found('100%')).toEqual(['B2000BB'])
    expect(await found('%')).toEqual(['B2000BB'])
    expect(await found('s?ith')).toEqual([])
    expect(await found('[s]mith')).toEqual([])
    expect(await found('smith*')).toEqual([])
    expect(await people.count()).toBe(everyone.length)
  })

  it('answers every query exactly as the rule says, limited to 50 in order', async () => {
    for (const caseload of [everywhere, prisonA])
      for (const q of QUERIES)
        expect({ q, found: await found(q, caseload) }).toEqual({ q, found: expected(everyone, q, caseload) })
    expect((await found('smith')).length).toBe(50)
  })

  it('finds a person by their new name after a change, and no longer by the old one', async () => {
    const before = await people.getByPrisonNumber('A1299ZZ')
    await people.update(actor, before, {
      firstName: 'Siobhan',
      lastName: 'Byrne',
      aliases: [{ firstName: 'Shiv', lastName: "O'Brien-Byrne" }],
      dateOfBirth: before.dateOfBirth,
      prisonId: before.prisonId,
      isActiveSexOffender: before.isActiveSexOffender,
      version: before.version,
    })
    expect(await found('siobhán')).toEqual([])
    expect(await found('byrne siobhan')).toEqual(['A1299ZZ'])
    expect(await found('shiv')).toEqual(['A1299ZZ'])
    expect(await found("o'brien")).toEqual(['A1299ZZ'])
  })
})
