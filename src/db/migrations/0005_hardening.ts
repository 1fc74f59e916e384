/**
 * Before production (issue 17): accounts seeded as demo accounts are marked, so production can
 * refuse to start while one still works; an API token may have a last day (`expires_at`).
 */
import type { Kysely } from 'kysely'
import type { MigrationFactory } from './index.js'

export const hardening: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute()
  },
})
