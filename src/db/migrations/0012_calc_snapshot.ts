/**
 * Flat cost per person over years (issue 15): a snapshot of each person's folded calculation
 * state, so a command folds only the events after it, and the preliminary results' engine input
 * and outcome stored once in their own table (referenced by calculation id from the event), so
 * that results never confirmed stay out of the hot path and can expire.
 */
import type { Kysely } from 'kysely'
import type { MigrationFactory } from './index.js'

export const calcSnapshot: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('calculation_snapshots')
      .addColumn('person_id', 'integer', (c) => c.primaryKey().references('people.id'))
      // The last event (calculation_events.sequence) the state includes.
      .addColumn('sequence', 'integer', (c) => c.notNull())
      // Which fold wrote it: another version means a full replay and a new snapshot.
      .addColumn('state_version', 'varchar(80)', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('written_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('calculation_preliminaries')
      .addColumn('calculation_id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      // Set when the result is confirmed or overridden: from then on it is kept for ever.
      .addColumn('kept_at', 'text')
      // JSON: { input, outcome } exactly as the engine was given and answered.
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('calculation_preliminaries_expiry_idx')
      .on('calculation_preliminaries')
      .columns(['kept_at', 'requested_at'])
      .execute()
    await db.schema
      .createIndex('calculation_events_calculation_idx')
      .on('calculation_events')
      .columns(['calculation_id', 'person_id', 'event_type'])
      .execute()
  },
})
