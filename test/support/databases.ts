/**
 * Runs a suite against both back ends: SQLite (a fresh in-memory database per test) and
 * PostgreSQL (a fresh schema per test, dropped afterwards). When PostgreSQL is unreachable the
 * PostgreSQL variant is skipped with a plain message — unless CI is set, when it fails.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe } from 'vitest'
import { dropPostgresSchema, openDatabase, type Database, type DialectName } from '../../src/db/database.js'

export const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

export const postgresAvailable = await probePostgres()
if (!postgresAvailable) {
  if (process.env.CI) throw new Error(`PostgreSQL is not reachable at ${PG_URL} and CI is set`)
  console.warn(`PostgreSQL is not reachable at ${PG_URL}: skipping the PostgreSQL variants of the storage tests.`)
}

export interface TestDatabase extends Database {
  /** Closes the connection and drops the schema (PostgreSQL). */
  dispose(): Promise<void>
}

export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = await openDatabase(':memory:')
    return { ...database, dispose: () => database.close() }
  }
  const schema = `t_${randomBytes(6).toString('hex')}`
  const database = await openDatabase(PG_URL, { schema })
  return {
    ...database,
    dispose: async () => {
      await database.close()
      await dropPostgresSchema(PG_URL, schema)
    },
  }
}

/** `describe` once per back end; the callback receives the dialect. */
export function describeEachDatabase(name: string, fn: (dialect: DialectName) => void): void {
  describe(`${name} (SQLite)`, () => fn('sqlite'))
  if (postgresAvailable) describe(`${name} (PostgreSQL)`, () => fn('postgres'))
  else describe.skip(`${name} (PostgreSQL: not reachable)`, () => fn('postgres'))
}
