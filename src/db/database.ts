/**
 * Opens the database: an embedded SQLite file (better-sqlite3, WAL, synchronous=FULL so an
 * acknowledged commit survives a killed process) or PostgreSQL when the URL says postgres://.
 * A new SQLite file is created readable by its owner only (0600; SQLite gives its -wal and -shm
 * files the same mode), in a folder created 0700: it holds personal data.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'
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
    const db = new Kysely<DB>({ dialect: new OwnSchemaPostgresDialect({ pool }) })
    database = { db, dialect: 'postgres', close: () => db.destroy() }
  } else {
    const file = sqliteFile(url)
    if (file !== ':memory:') createPrivateFile(file)
    const sqlite = new SQLite(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    database = { db, dialect: 'sqlite', close: () => db.destroy() }
  }
  if (options.migrate !== false)
    await migrateToLatest(
      database.db,
      database.dialect,
      database.dialect === 'postgres' ? options.schema : undefined,
    )
  return database
}

/**
 * Kysely's PostgreSQL introspector (which its migrator calls) reads every schema in the database
 * and calls name-based catalog functions on each table; a schema dropped by another connection
 * mid-query then fails the migration with "schema … does not exist". Ours looks only at the
 * connection's own schema (the search_path), by OID, so other schemas coming and going (test
 * schemas, other tenants) cannot break start-up. The migrator needs only names.
 */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
      this.db,
    )
    return rows.rows.map((r) => ({ name: r.name }))
  }

  async getTables(): Promise<TableMetadata[]> {
    const rows = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')`.execute(this.db)
    return rows.rows.map((r) => ({ name: r.name, schema: r.schema, isView: r.kind === 'v', columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}

class OwnSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new OwnSchemaIntrospector(db)
  }
}

const sqliteFile = (url: string) => url.replace(/^sqlite:(\/\/)?/, '')

/**
 * For a SQLite file that already exists and that other users may read (made before files were
 * created 0600, or copied in): what to do about it. Undefined when there is nothing to say.
 */
export function sqliteFileModeWarning(url: string): string | undefined {
  if (isPostgresUrl(url)) return undefined
  const file = sqliteFile(url)
  if (file === ':memory:' || !existsSync(file)) return undefined
  const mode = statSync(file).mode & 0o777
  if ((mode & 0o077) === 0) return undefined
  return `The database file ${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): it holds personal data. Run: chmod 600 ${file}*`
}

/** Creates `file` (and its folder) for its owner only, unless it exists already. */
function createPrivateFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  try {
    closeSync(openSync(file, 'wx', 0o600))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
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
