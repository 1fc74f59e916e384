/**
 * The England and Wales bank-holiday calendar, as data: seeded from src/calendar by migration
 * 0002, kept up to date by administrators (every change audited). The engine is given this list.
 */
import { z } from 'zod'
import { recordDate } from '../../boundary/dates.js'
import { ConflictError, NotFoundError } from '../../db/errors.js'
import type { Actor, Store } from '../../db/store.js'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export const bankHolidaySchema = z.object({
  date: recordDate,
  title: z
    .string()
    .trim()
    .min(1, 'Enter the name of the bank holiday')
    .max(100, 'The name must be 100 characters or fewer'),
})
export type BankHoliday = z.infer<typeof bankHolidaySchema>

export class BankHolidayRepository {
  constructor(private readonly store: Store) {}

  /** `db`: read inside the caller's transaction instead. */
  async list(db: Kysely<DB> = this.store.db): Promise<BankHoliday[]> {
    return db.selectFrom('bank_holidays').select(['date', 'title']).orderBy('date').execute()
  }

  async dates(db?: Kysely<DB>): Promise<string[]> {
    return (await this.list(db)).map((h) => h.date)
  }

  async add(actor: Actor, holiday: BankHoliday): Promise<void> {
    await this.store.change(actor, async ({ trx: db, audit }) => {
      const existing = await db
        .selectFrom('bank_holidays')
        .select('date')
        .where('date', '=', holiday.date)
        .executeTakeFirst()
      if (existing) throw new ConflictError(`${holiday.date} is already a bank holiday`)
      await db.insertInto('bank_holidays').values(holiday).execute()
      await audit({
        action: 'BANK_HOLIDAY_ADDED',
        subjectType: 'bank-holiday',
        subjectId: holiday.date,
        after: holiday,
      })
    })
  }

  async remove(actor: Actor, date: string): Promise<void> {
    await this.store.change(actor, async ({ trx: db, audit }) => {
      const existing = await db
        .selectFrom('bank_holidays')
        .select(['date', 'title'])
        .where('date', '=', date)
        .executeTakeFirst()
      if (!existing) throw new NotFoundError('Bank holiday')
      await db.deleteFrom('bank_holidays').where('date', '=', date).execute()
      await audit({
        action: 'BANK_HOLIDAY_REMOVED',
        subjectType: 'bank-holiday',
        subjectId: date,
        before: existing,
      })
    })
  }
}
