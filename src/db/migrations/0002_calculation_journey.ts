/**
 * The calculation journey: an append-only event store (one stream per person, ordered by
 * `sequence`), the England and Wales bank-holiday calendar (seeded from src/calendar, updated by
 * administrators) and, on the foundation's `calculations` read rows, the journey's calculation
 * reference and second-check status.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

const CALENDAR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'calendar',
  'bank-holidays-england-and-wales.json',
)

export const calculationJourney: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    const t = db.schema.createTable('calculation_events')
    await (
      dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('calculation_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addUniqueConstraint('calculation_events_person_seq_uq', ['person_id', 'sequence'])
      .execute()
    await db.schema
      .createIndex('calculation_events_prison_idx')
      .on('calculation_events')
      .column('prison_id')
      .execute()

    await db.schema
      .createTable('bank_holidays')
      .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .execute()
    const events = (
      JSON.parse(readFileSync(CALENDAR, 'utf8')) as { events: { date: string; title: string }[] }
    ).events
    const rows = [...new Map(events.map((e) => [e.date, e])).values()]
    for (let i = 0; i < rows.length; i += 100)
      await (db as Kysely<{ bank_holidays: { date: string; title: string } }>)
        .insertInto('bank_holidays')
        .values(rows.slice(i, i + 100).map((e) => ({ date: e.date, title: e.title })))
        .execute()

    await db.schema.alterTable('calculations').addColumn('calculation_ref', 'varchar(64)').execute()
    await db.schema.alterTable('calculations').addColumn('check_status', 'varchar(30)').execute()
  },
})
