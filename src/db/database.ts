/**
 * Opens the database: an embedded SQLite file (better-sqlite3, WAL, synchronous=FULL so an
 * acknowledged commit survives a killed process) or PostgreSQL when the URL says postgres://.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import type { DB } from './schema.js'
import { migrateToLatest } from './migrations/index.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  dialect: DialectName
  close(): Promise<void>
}

export interface OpenOptions {
  /** PostgreSQL only: use (and create) this schema instead of public. */
  schema?: string
  /** Run migrations (default true). */
  migrate?: boolean
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  let database: Database
  if (isPostgresUrl(url)) {
    const schema = options.schema
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name')
    if (schema) {
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
      } finally {
        await admin.end()
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    database = { db, dialect: 'postgres', close: () => db.destroy() }
  } else {
    const file = url.replace(/^sqlite:(\/\/)?/, '')
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    const sqlite = new SQLite(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    database = { db, dialect: 'sqlite', close: () => db.destroy() }
  }
  if (options.migrate !== false) await migrateToLatest(database.db, database.dialect)
  return database
}

/** Drops a PostgreSQL schema created for a test. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await client.end()
  }
}

export async function checkDatabase(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
