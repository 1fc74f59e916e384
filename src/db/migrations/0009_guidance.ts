/**
 * Guidance and court documents (src/guidance): guidance documents an administrator adds, with
 * every version kept, and the drafts read from court documents that a person confirms field by
 * field before any record is created.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const guidance: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('guidance_documents')
      .addColumn('id', 'varchar(60)', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('published_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute()
    const v = db.schema.createTable('guidance_document_versions')
    await (
      dialect === 'postgres'
        ? v.addColumn('id', 'serial', (c) => c.primaryKey())
        : v.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('document_id', 'varchar(60)', (c) => c.notNull().references('guidance_documents.id'))
      .addColumn('version_number', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('published_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('guidance_document_versions_uq', ['document_id', 'version_number'])
      .execute()

    await db.schema
      .createTable('court_document_drafts')
      .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('prison_id', 'varchar(10)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('court_document_drafts_person_idx')
      .on('court_document_drafts')
      .column('person_id')
      .execute()
  },
})
