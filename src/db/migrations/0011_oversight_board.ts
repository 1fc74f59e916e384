/**
 * The releases-in-error register and the Justice Performance Board (src/oversight/register,
 * src/oversight/board): one row per release in error or late release — from the release gate's
 * reconciliation, typed in, or imported from a CSV of past incidents — its root causes (several
 * may apply, from a fixed list), and the lessons and actions the review recorded.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const oversightBoard: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('register_entries')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      /** Unique: a second import of the same incident is refused, not counted twice. */
      .addColumn('reference', 'varchar(60)', (c) => c.notNull().unique())
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('prison_number', 'varchar(12)', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('direction', 'varchar(10)', (c) => c.notNull())
      .addColumn('released_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('correct_release_date', 'varchar(10)')
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('how_found', 'varchar(40)', (c) => c.notNull())
      .addColumn('detected_at', 'text')
      .addColumn('police_notified_at', 'text')
      .addColumn('back_in_custody_on', 'varchar(10)')
      /** JSON array of root-cause codes. */
      .addColumn('root_causes', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('source', 'varchar(20)', (c) => c.notNull())
      .addColumn('source_reference', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('register_entries_released_idx')
      .on('register_entries')
      .columns(['released_on', 'prison_id'])
      .execute()
    await db.schema
      .createIndex('register_entries_person_idx')
      .on('register_entries')
      .column('person_id')
      .execute()

    // One row per cause, so the board counts by cause with a GROUP BY.
    await db.schema
      .createTable('register_entry_causes')
      .addColumn('entry_id', 'varchar(64)', (c) => c.notNull().references('register_entries.id'))
      .addColumn('cause', 'varchar(40)', (c) => c.notNull())
      .addPrimaryKeyConstraint('register_entry_causes_pk', ['entry_id', 'cause'])
      .execute()

    const actions = db.schema.createTable('register_actions')
    await (
      dialect === 'postgres'
        ? actions.addColumn('id', 'serial', (c) => c.primaryKey())
        : actions.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('entry_id', 'varchar(64)', (c) => c.notNull().references('register_entries.id'))
      .addColumn('kind', 'varchar(10)', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('due_on', 'varchar(10)')
      .addColumn('status', 'varchar(10)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('register_actions_entry_idx')
      .on('register_actions')
      .column('entry_id')
      .execute()
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('register_actions').execute()
    await db.schema.dropTable('register_entry_causes').execute()
    await db.schema.dropTable('register_entries').execute()
  },
})
