/**
 * Transfers between prisons: the person's holding prison is `people.prison_id`; a transfer moves
 * it (refused on a stale version of the person) and keeps the move, with its audit row, in the
 * same transaction. Court orders and changes follow the person, because the inbox reads the
 * holding prison at the time it is read.
 */
import { z } from 'zod'
import type { Actor, Store } from '../store.js'
import { ConflictError, ValidationError } from '../errors.js'
import type { Person } from './people.js'

export const transferSchema = z.object({
  toPrisonId: z.string().trim().toUpperCase().min(1, 'Select the prison they are moving to').max(10),
  reason: z
    .string()
    .trim()
    .min(3, 'Enter why the person is moving')
    .max(500, 'The reason must be 500 characters or fewer'),
  /** The person's version the user loaded. */
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
export type TransferInput = z.infer<typeof transferSchema>

export interface Transfer {
  fromPrisonId: string
  toPrisonId: string
  reason: string
  by: string
  at: string
}

export class TransfersRepository {
  constructor(private readonly store: Store) {}

  async transfer(actor: Actor, person: Person, input: TransferInput): Promise<Transfer> {
    if (input.toPrisonId === person.prisonId)
      throw new ValidationError([
        { path: 'toPrisonId', message: 'must be a different prison from the current one' },
      ])
    return this.store.change(actor, async ({ trx, at, audit }) => {
      const prison = await trx
        .selectFrom('prisons')
        .select('id')
        .where('id', '=', input.toPrisonId)
        .executeTakeFirst()
      if (!prison) throw new ValidationError([{ path: 'toPrisonId', message: 'must be a known prison' }])
      const res = await trx
        .updateTable('people')
        .set({ prison_id: input.toPrisonId, version: input.version + 1, updated_at: at })
        .where('id', '=', person.id)
        .where('version', '=', input.version)
        .where('prison_id', '=', person.prisonId)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      await trx
        .insertInto('prison_transfers')
        .values({
          person_id: person.id,
          from_prison_id: person.prisonId,
          to_prison_id: input.toPrisonId,
          reason: input.reason,
          transferred_by: actor.username,
          transferred_at: at,
        })
        .execute()
      await audit({
        action: 'PERSON_TRANSFERRED',
        prisonId: person.prisonId,
        subjectType: 'person',
        subjectId: person.prisonNumber,
        before: { prisonId: person.prisonId },
        after: { prisonId: input.toPrisonId, reason: input.reason },
      })
      return {
        fromPrisonId: person.prisonId,
        toPrisonId: input.toPrisonId,
        reason: input.reason,
        by: actor.username,
        at,
      }
    })
  }

  async history(person: Pick<Person, 'id'>): Promise<Transfer[]> {
    const rows = await this.store.db
      .selectFrom('prison_transfers')
      .selectAll()
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .execute()
    return rows.map((r) => ({
      fromPrisonId: r.from_prison_id,
      toPrisonId: r.to_prison_id,
      reason: r.reason,
      by: r.transferred_by,
      at: r.transferred_at,
    }))
  }
}
