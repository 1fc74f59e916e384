/**
 * The courts hotline (src/courts): courts as reference data; court staff's caseload of courts;
 * a court case's court; transfers between prisons (the holding prison follows the person); one
 * append-only event stream per query and per court order, with read rows for the queue and the
 * inbox; and the messages court systems send, numbered per court.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const courts: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    const serial = <T extends string>(t: import('kysely').CreateTableBuilder<T>) =>
      dialect === 'postgres'
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())

    await db.schema
      .createTable('courts')
      .addColumn('code', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()

    await db.schema
      .alterTable('users')
      .addColumn('courts', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute()
    await db.schema
      .alterTable('court_cases')
      .addColumn('court_code', 'varchar(10)', (c) => c.references('courts.code'))
      .execute()
    await db.schema.createIndex('court_cases_court_idx').on('court_cases').column('court_code').execute()

    await serial(db.schema.createTable('prison_transfers'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('from_prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('to_prison_id', 'varchar(10)', (c) => c.notNull().references('prisons.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('transferred_by', 'text', (c) => c.notNull())
      .addColumn('transferred_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('prison_transfers_person_idx')
      .on('prison_transfers')
      .column('person_id')
      .execute()

    // One stream per query or order: (stream, sequence) is unique, so a concurrent writer fails.
    await serial(db.schema.createTable('court_events'))
      .addColumn('stream_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('stream_type', 'varchar(10)', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addUniqueConstraint('court_events_stream_seq_uq', ['stream_id', 'sequence'])
      .execute()

    await db.schema
      .createTable('court_queries')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('kind', 'varchar(40)', (c) => c.notNull())
      .addColumn('urgency', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(10)', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('due_by', 'text', (c) => c.notNull())
      .addColumn('answered_at', 'text')
      .addColumn('escalated_at', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('court_queries_person_idx').on('court_queries').column('person_id').execute()
    await db.schema
      .createIndex('court_queries_due_idx')
      .on('court_queries')
      .columns(['status', 'due_by'])
      .execute()
    await db.schema
      .createTable('court_query_courts')
      .addColumn('query_id', 'varchar(64)', (c) => c.notNull().references('court_queries.id'))
      .addColumn('court_code', 'varchar(10)', (c) => c.notNull())
      .addPrimaryKeyConstraint('court_query_courts_pk', ['query_id', 'court_code'])
      .execute()
    await db.schema
      .createIndex('court_query_courts_court_idx')
      .on('court_query_courts')
      .column('court_code')
      .execute()

    await db.schema
      .createTable('court_orders')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('court_code', 'varchar(10)', (c) => c.notNull().references('courts.code'))
      .addColumn('kind', 'varchar(30)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('sent_to_prison_id', 'varchar(10)')
      .addColumn('due_by', 'text')
      .addColumn('escalated_at', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('court_orders_person_idx').on('court_orders').column('person_id').execute()
    await db.schema
      .createIndex('court_orders_court_idx')
      .on('court_orders')
      .columns(['court_code', 'status'])
      .execute()
    await db.schema
      .createIndex('court_orders_due_idx')
      .on('court_orders')
      .columns(['status', 'due_by'])
      .execute()

    // Every message a court system sent, stored before it is acknowledged.
    await serial(db.schema.createTable('court_messages'))
      .addColumn('court_code', 'varchar(10)', (c) => c.notNull().references('courts.code'))
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('message_type', 'varchar(20)', (c) => c.notNull())
      .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('received_by', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('court_messages_court_seq_uq', ['court_code', 'sequence'])
      .execute()
  },
})
