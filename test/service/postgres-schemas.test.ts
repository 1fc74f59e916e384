/**
 * Several SafeRelease databases can share one PostgreSQL database as schemas (tests do, and a
 * deployment may). Opening one must not depend on the others: the migrator looks only at its own.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { freshDatabase, postgresAvailable, type TestDatabase } from '../support/databases.js'

describe.skipIf(!postgresAvailable)('PostgreSQL schemas sharing one database', () => {
  const opened: TestDatabase[] = []
  afterAll(async () => Promise.all(opened.map((d) => d.dispose())))

  it('introspects only its own tables, and migrates while other schemas are dropped', async () => {
    const mine = await freshDatabase('postgres')
    opened.push(mine)
    const tables = await mine.db.introspection.getTables()
    const schemas = new Set(tables.map((t) => t.schema))
    expect(schemas.size).toBe(1)
    const [own] = (await sql<{ s: string }>`select current_schema() as s`.execute(mine.db)).rows
    expect([...schemas]).toEqual([own!.s])
    expect(tables.map((t) => t.name)).toContain('people')

    // Others come and go (created and dropped) while new ones migrate: none may fail.
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let i = 0; i < 3; i++) await (await freshDatabase('postgres')).dispose()
      }),
    )
  })
})
