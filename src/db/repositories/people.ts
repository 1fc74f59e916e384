/** People and their prisons. */
import { sql, type Transaction } from 'kysely'
import { z } from 'zod'
import { recordDate } from '../../boundary/dates.js'
import type { Store, Actor } from '../store.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { Caseload } from '../../accounts/roles.js'
import type { DB } from '../schema.js'
import { hasCaseAtCourts } from '../../courts/service/visibility.js'

export const PRISON_NUMBER = /^[A-Z0-9]{4,12}$/
/** What a search for the start of a prison number may look like (with a digit, told apart from a name). */
const PRISON_NUMBER_PREFIX = /^[A-Z0-9]{2,12}$/
export const prisonNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(PRISON_NUMBER, 'must be a prison number such as A1234BC')

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be 100 characters or fewer')
export const aliasSchema = z.object({ firstName: name, lastName: name })

export const personFieldsSchema = z.object({
  firstName: name,
  lastName: name,
  aliases: z.array(aliasSchema).max(20, 'must have 20 aliases or fewer').default([]),
  dateOfBirth: recordDate,
  prisonId: z.string().trim().min(1).max(10),
  isActiveSexOffender: z.boolean().default(false),
})
export const createPersonSchema = personFieldsSchema.extend({ prisonNumber: prisonNumberSchema })
export type CreatePerson = z.infer<typeof createPersonSchema>
export const updatePersonSchema = personFieldsSchema.extend({
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
export type UpdatePerson = z.infer<typeof updatePersonSchema>

export interface Person {
  id: number
  prisonNumber: string
  firstName: string
  lastName: string
  aliases: { firstName: string; lastName: string }[]
  dateOfBirth: string
  prisonId: string
  prisonName: string
  isActiveSexOffender: boolean
  version: number
  bookingId: number
}

/** What search matches: names and aliases, lower case (bulk loads use it too: bench/estate-seed.ts). */
export function searchText(p: {
  firstName: string
  lastName: string
  aliases: { firstName: string; lastName: string }[]
}) {
  return [p.firstName, p.lastName, ...p.aliases.flatMap((a) => [a.firstName, a.lastName])]
    .join(' ')
    .toLowerCase()
}

export class PeopleRepository {
  constructor(private readonly store: Store) {}

  private base(trx?: Transaction<DB>) {
    return (trx ?? this.store.db)
      .selectFrom('people')
      .innerJoin('prisons', 'prisons.id', 'people.prison_id')
      .innerJoin('bookings', (j) =>
        j.onRef('bookings.person_id', '=', 'people.id').on('bookings.active', '=', 1),
      )
      .select([
        'people.id',
        'people.prison_number',
        'people.first_name',
        'people.last_name',
        'people.aliases',
        'people.date_of_birth',
        'people.prison_id',
        'prisons.name as prison_name',
        'people.is_active_sex_offender',
        'people.version',
        'bookings.id as booking_id',
      ])
  }

  private toPerson(r: {
    id: number
    prison_number: string
    first_name: string
    last_name: string
    aliases: string
    date_of_birth: string
    prison_id: string
    prison_name: string
    is_active_sex_offender: number
    version: number
    booking_id: number
  }): Person {
    return {
      id: Number(r.id),
      prisonNumber: r.prison_number,
      firstName: r.first_name,
      lastName: r.last_name,
      aliases: JSON.parse(r.aliases) as Person['aliases'],
      dateOfBirth: r.date_of_birth,
      prisonId: r.prison_id,
      prisonName: r.prison_name,
      isActiveSexOffender: Number(r.is_active_sex_offender) === 1,
      version: Number(r.version),
      bookingId: Number(r.booking_id),
    }
  }

  async findByPrisonNumber(prisonNumber: string): Promise<Person | undefined> {
    const r = await this.base()
      .where('people.prison_number', '=', prisonNumber.toUpperCase())
      .executeTakeFirst()
    return r ? this.toPerson(r) : undefined
  }

  /** Inside a transaction: what a decision re-reads before it writes (the holding prison, say). */
  async findByPrisonNumberIn(trx: Transaction<DB>, prisonNumber: string): Promise<Person | undefined> {
    const r = await this.base(trx)
      .where('people.prison_number', '=', prisonNumber.toUpperCase())
      .executeTakeFirst()
    return r ? this.toPerson(r) : undefined
  }

  async getByPrisonNumber(prisonNumber: string): Promise<Person> {
    const p = await this.findByPrisonNumber(prisonNumber)
    if (!p) throw new NotFoundError('Person')
    return p
  }

  /**
   * By name, alias or prison number, within the caseload (court staff: people with a case at
   * their courts). A query with a digit that could be a prison number finds the prison numbers
   * starting with it; otherwise every word typed (up to five) must appear somewhere in the name or
   * an alias, case aside, with `%`, `_`, `*` and the like matching themselves. The same on both
   * databases, answered by an index (migration 0008): FTS5 trigrams on SQLite, pg_trgm on
   * PostgreSQL. Ordered by last name, first name, prison number, compared code point by code point.
   */
  async search(query: string, caseload: Caseload, limit = 50): Promise<Person[]> {
    const q = query.trim().toLowerCase()
    if (q === '') return []
    const sqlite = this.store.database.dialect === 'sqlite'
    let sel = this.base()
    const prefix = q.toUpperCase()
    if (PRISON_NUMBER_PREFIX.test(prefix) && /\d/.test(prefix)) {
      // Only letters and digits, so nothing to escape.
      sel = sqlite
        ? sel.where(sql<boolean>`${sql.ref('people.prison_number')} glob ${`${prefix}*`}`)
        : sel.where(sql<boolean>`${sql.ref('people.prison_number')} like ${`${prefix}%`}`)
    } else {
      const words = q.split(/\s+/).slice(0, 5)
      if (sqlite) {
        // GLOB, not LIKE: FTS5 answers LIKE from its index only without an ESCAPE clause, and a
        // bracketed character matches itself in a GLOB pattern.
        const patterns = words.map((w) => `*${w.replace(/[*?[]/g, (c) => `[${c}]`)}*`)
        const all = sql.join(
          patterns.map((pattern) => sql`search_text glob ${pattern}`),
          sql` and `,
        )
        sel = sel.where(
          sql<boolean>`${sql.ref('people.id')} in (select rowid from people_search where ${all})`,
        )
      } else {
        for (const w of words) {
          const escaped = w.replace(/[\\%_]/g, (c) => `\\${c}`)
          sel = sel.where(sql<boolean>`${sql.ref('people.search_text')} like ${`%${escaped}%`} escape '\\'`)
        }
      }
    }
    if (!caseload.estateWide) {
      const courts = caseload.courts ?? []
      if (caseload.prisons.length === 0 && courts.length === 0) return []
      sel = sel.where((eb) =>
        eb.or([
          ...(caseload.prisons.length > 0 ? [eb('people.prison_id', 'in', caseload.prisons)] : []),
          ...(courts.length > 0 ? [hasCaseAtCourts(eb, courts)] : []),
        ]),
      )
    }
    // Binary order on both databases (PostgreSQL's would follow the database's locale).
    const binary = (column: string) => (sqlite ? sql.ref(column) : sql`${sql.ref(column)} collate "C"`)
    const rows = await sel
      .orderBy(binary('people.last_name'))
      .orderBy(binary('people.first_name'))
      .orderBy(binary('people.prison_number'))
      .limit(limit)
      .execute()
    return rows.map((r) => this.toPerson(r))
  }

  async count(): Promise<number> {
    const r = await this.store.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async ensurePrisonExists(prisonId: string, path = 'prisonId'): Promise<void> {
    const prison = await this.store.db
      .selectFrom('prisons')
      .select('id')
      .where('id', '=', prisonId)
      .executeTakeFirst()
    if (!prison) throw new ValidationError([{ path, message: 'must be a known prison' }])
  }

  async create(actor: Actor, input: CreatePerson): Promise<Person> {
    await this.ensurePrisonExists(input.prisonId)
    if (await this.findByPrisonNumber(input.prisonNumber))
      throw new ConflictError('A person with this prison number already exists')
    await this.store.change(actor, async ({ trx, at, audit }) => {
      const person = await trx
        .insertInto('people')
        .values({
          prison_number: input.prisonNumber,
          first_name: input.firstName,
          last_name: input.lastName,
          aliases: JSON.stringify(input.aliases),
          search_text: searchText(input),
          date_of_birth: input.dateOfBirth,
          prison_id: input.prisonId,
          is_active_sex_offender: input.isActiveSexOffender ? 1 : 0,
          version: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('bookings')
        .values({
          person_id: Number(person.id),
          active: 1,
          has_ftr_details: 0,
          has_historical_tused: 0,
          version: 1,
        })
        .execute()
      await audit({
        action: 'PERSON_CREATED',
        prisonId: input.prisonId,
        subjectType: 'person',
        subjectId: input.prisonNumber,
        after: input,
      })
    })
    return this.getByPrisonNumber(input.prisonNumber)
  }

  async update(actor: Actor, person: Person, input: UpdatePerson): Promise<Person> {
    await this.ensurePrisonExists(input.prisonId)
    await this.store.change(actor, async ({ trx, at, audit }) => {
      const res = await trx
        .updateTable('people')
        .set({
          first_name: input.firstName,
          last_name: input.lastName,
          aliases: JSON.stringify(input.aliases),
          search_text: searchText(input),
          date_of_birth: input.dateOfBirth,
          prison_id: input.prisonId,
          is_active_sex_offender: input.isActiveSexOffender ? 1 : 0,
          version: input.version + 1,
          updated_at: at,
        })
        .where('id', '=', person.id)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      // The date of birth and the sex-offender flag are engine inputs: the booking's version
      // moves with them, so decisions guarded by it (BookingRepository.assertUnchangedSince) see it.
      if (
        input.dateOfBirth !== person.dateOfBirth ||
        input.isActiveSexOffender !== person.isActiveSexOffender
      )
        await trx
          .updateTable('bookings')
          .set((eb) => ({ version: eb('version', '+', 1) }))
          .where('id', '=', person.bookingId)
          .execute()
      const { version: _v, ...after } = input
      await audit({
        action: 'PERSON_UPDATED',
        prisonId: input.prisonId,
        subjectType: 'person',
        subjectId: person.prisonNumber,
        before: {
          firstName: person.firstName,
          lastName: person.lastName,
          aliases: person.aliases,
          dateOfBirth: person.dateOfBirth,
          prisonId: person.prisonId,
          isActiveSexOffender: person.isActiveSexOffender,
        },
        after,
      })
    })
    return this.getByPrisonNumber(person.prisonNumber)
  }
}

export class PrisonsRepository {
  constructor(private readonly store: Store) {}
  async list(): Promise<{ id: string; name: string }[]> {
    return this.store.db.selectFrom('prisons').select(['id', 'name']).orderBy('name').execute()
  }
  async create(actor: Actor, prison: { id: string; name: string }): Promise<void> {
    await this.store.change(actor, async ({ trx, audit }) => {
      await trx.insertInto('prisons').values(prison).execute()
      await audit({
        action: 'PRISON_CREATED',
        prisonId: prison.id,
        subjectType: 'prison',
        subjectId: prison.id,
        after: prison,
      })
    })
  }
}
