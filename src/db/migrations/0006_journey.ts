/**
 * The calculation journey (issue 12): why a remand's number of days differs from its first and
 * last day, when the user says it does on purpose (for example overlapping remand already
 * credited elsewhere).
 */
import type { Kysely } from 'kysely'
import type { MigrationFactory } from './index.js'

export const journey: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('adjustments').addColumn('days_differ_reason', 'text').execute()
  },
})
