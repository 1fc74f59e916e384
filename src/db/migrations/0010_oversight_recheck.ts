/**
 * Oversight re-checks (src/oversight): runs kept with who started them, the legislation profile,
 * any law change (as data) and the engine version; the run's batches, which are also its job
 * queue (claimed with a lease, applied once); and the findings, each with its triage state.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const oversightRecheck: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('recheck_runs')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('scope_kind', 'varchar(20)', (c) => c.notNull())
      /** JSON: the prison id, or the list of prison numbers. */
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('profile', 'varchar(60)', (c) => c.notNull())
      /** JSON: the law change the run applies (law-change runs only). */
      .addColumn('law_change', 'text')
      .addColumn('engine_version', 'varchar(60)', (c) => c.notNull())
      .addColumn('today', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('total_people', 'integer', (c) => c.notNull())
      .addColumn('total_batches', 'integer', (c) => c.notNull())
      .addColumn('applied_batches', 'integer', (c) => c.notNull())
      .addColumn('checked_people', 'integer', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('cancelled_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('recheck_batches')
      .addColumn('run_id', 'varchar(40)', (c) => c.notNull().references('recheck_runs.id'))
      .addColumn('batch_no', 'integer', (c) => c.notNull())
      /** JSON array of person ids. */
      .addColumn('person_ids', 'text', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      /** Epoch milliseconds: a claim not applied by then may be taken by another worker. */
      .addColumn('lease_until', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('applied_by', 'text')
      .addColumn('applied_at', 'text')
      /** JSON: what the batch adds up to (people checked, releases per week), written when applied. */
      .addColumn('summary', 'text')
      .addPrimaryKeyConstraint('recheck_batches_pk', ['run_id', 'batch_no'])
      .execute()
    await db.schema
      .createIndex('recheck_batches_status')
      .on('recheck_batches')
      .columns(['status', 'run_id'])
      .execute()
    const f = db.schema.createTable('recheck_findings')
    await (
      dialect === 'postgres'
        ? f.addColumn('id', 'serial', (c) => c.primaryKey())
        : f.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('run_id', 'varchar(40)', (c) => c.notNull().references('recheck_runs.id'))
      .addColumn('batch_no', 'integer', (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('prison_number', 'varchar(12)', (c) => c.notNull())
      .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
      .addColumn('impact', 'varchar(40)', (c) => c.notNull())
      .addColumn('priority', 'varchar(20)', (c) => c.notNull())
      .addColumn('recorded_release', 'varchar(10)')
      .addColumn('engine_release', 'varchar(10)')
      .addColumn('days_difference', 'integer')
      /** JSON: each date type that differs, with both values; or the refusal's codes. */
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('triage', 'text', (c) => c.notNull())
      .addColumn('triage_status', 'varchar(20)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      // A batch applied twice would collide here as well as on the batch's own status.
      .addUniqueConstraint('recheck_findings_person_uq', ['run_id', 'person_id'])
      .execute()
    await db.schema
      .createIndex('recheck_findings_prison')
      .on('recheck_findings')
      .columns(['run_id', 'prison_id'])
      .execute()
  },
})
