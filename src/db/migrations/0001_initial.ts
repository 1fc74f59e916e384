import { sql, type Kysely, type CreateTableBuilder } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const initial: MigrationFactory = (dialect: DialectName) => {
  const id = <T extends string>(t: CreateTableBuilder<T>, name = 'id') =>
    dialect === 'postgres'
      ? t.addColumn(name, 'serial', (c) => c.primaryKey())
      : t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
  const version = <T extends string>(t: CreateTableBuilder<T>) =>
    t.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
  const dur = <T extends string>(t: CreateTableBuilder<T>, prefix: string) =>
    t
      .addColumn(`${prefix}_years`, 'integer')
      .addColumn(`${prefix}_months`, 'integer')
      .addColumn(`${prefix}_weeks`, 'integer')
      .addColumn(`${prefix}_days`, 'integer')

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('prisons')
        .addColumn('id', 'varchar(10)', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute()

      await version(
        id(db.schema.createTable('people'))
          .addColumn('prison_number', 'varchar(20)', (c) => c.notNull().unique())
          .addColumn('first_name', 'text', (c) => c.notNull())
          .addColumn('last_name', 'text', (c) => c.notNull())
          .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('date_of_birth', 'varchar(10)', (c) => c.notNull())
          .addColumn('prison_id', 'varchar(10)', (c) => c.notNull().references('prisons.id'))
          .addColumn('is_active_sex_offender', 'integer', (c) => c.notNull().defaultTo(0)),
      )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('people_prison_idx').on('people').column('prison_id').execute()

      await version(
        id(db.schema.createTable('bookings'))
          .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
          .addColumn('external_booking_id', 'integer')
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('return_to_custody_date', 'varchar(10)')
          .addColumn('has_ftr_details', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('ftr_booking_id', 'integer')
          .addColumn('ftr_return_to_custody_date', 'varchar(10)')
          .addColumn('ftr_recall_length', 'integer')
          .addColumn('has_historical_tused', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('historical_tused', 'varchar(10)')
          .addColumn('historical_tused_source', 'varchar(20)'),
      ).execute()
      await db.schema.createIndex('bookings_person_idx').on('bookings').column('person_id').execute()

      await version(
        id(db.schema.createTable('court_cases'))
          .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
          .addColumn('case_sequence', 'integer', (c) => c.notNull())
          .addColumn('case_reference', 'text')
          .addColumn('court_name', 'text')
          .addUniqueConstraint('court_cases_booking_seq_uq', ['booking_id', 'case_sequence']),
      ).execute()

      let sentences = id(db.schema.createTable('sentences'))
        .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
        .addColumn('court_case_id', 'integer', (c) => c.references('court_cases.id'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('line_sequence', 'integer')
        .addColumn('identifier', 'varchar(100)', (c) => c.notNull())
        .addColumn('type', 'varchar(60)', (c) => c.notNull())
        .addColumn('sentenced_at', 'varchar(10)', (c) => c.notNull())
      sentences = dur(dur(dur(sentences, 'duration'), 'custodial'), 'extension')
      await version(
        sentences
          .addColumn('consecutive_to', 'varchar(100)')
          .addColumn('offence_code', 'varchar(40)')
          .addColumn('offence_committed_at', 'varchar(10)')
          .addColumn('is_sds_plus', 'integer')
          .addColumn('is_sds_plus_eligible', 'integer')
          .addColumn('sds_exclusions', 'text')
          .addColumn('is_section_250', 'integer')
          .addColumn('automatic_release', 'integer')
          .addColumn('sdopcu18', 'integer')
          .addColumn('fine_amount', 'double precision')
          .addColumn('latest_tused_date', 'varchar(10)')
          .addColumn('latest_tused_source', 'varchar(20)')
          .addColumn('recall_type', 'varchar(40)')
          .addColumn('revocation_date', 'varchar(10)')
          .addColumn('recall_return_to_custody_date', 'varchar(10)')
          .addColumn('external_sentence_sequence', 'integer')
          .addColumn('external_booking_id', 'integer')
          .addUniqueConstraint('sentences_booking_identifier_uq', ['booking_id', 'identifier']),
      ).execute()
      await db.schema.createIndex('sentences_booking_idx').on('sentences').column('booking_id').execute()

      await version(
        id(db.schema.createTable('adjustments'))
          .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
          .addColumn('type', 'varchar(60)', (c) => c.notNull())
          .addColumn('number_of_days', 'integer', (c) => c.notNull())
          .addColumn('applies_to_sentences_from', 'varchar(10)', (c) => c.notNull())
          .addColumn('from_date', 'varchar(10)')
          .addColumn('to_date', 'varchar(10)')
          .addColumn('info_type', 'varchar(40)')
          .addColumn('ual_reason', 'varchar(60)'),
      ).execute()
      await db.schema.createIndex('adjustments_booking_idx').on('adjustments').column('booking_id').execute()

      await id(db.schema.createTable('external_movements'))
        .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('movement_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('movement_reason', 'varchar(40)', (c) => c.notNull())
        .addColumn('direction', 'varchar(3)', (c) => c.notNull())
        .execute()

      await version(
        id(db.schema.createTable('calculations'))
          .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
          .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id'))
          .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('status', 'varchar(30)', (c) => c.notNull())
          .addColumn('source', 'varchar(30)', (c) => c.notNull())
          .addColumn('input_snapshot', 'text', (c) => c.notNull())
          .addColumn('result', 'text')
          .addColumn('calculated_by', 'text', (c) => c.notNull())
          .addColumn('calculated_at', 'text', (c) => c.notNull()),
      ).execute()

      await version(
        id(db.schema.createTable('users'))
          .addColumn('username', 'varchar(200)', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('kind', 'varchar(20)', (c) => c.notNull())
          .addColumn('password_hash', 'text')
          .addColumn('roles', 'text', (c) => c.notNull())
          .addColumn('prisons', 'text', (c) => c.notNull())
          .addColumn('estate_wide', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
      )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()

      await id(db.schema.createTable('api_tokens'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute()

      await db.schema
        .createTable('sessions')
        .addColumn('sid', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('prison_id', 'varchar(10)')
        .addColumn('subject_type', 'varchar(40)')
        .addColumn('subject_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('correlation_id', 'text')
        .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute()
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db)
    },
  }
}
