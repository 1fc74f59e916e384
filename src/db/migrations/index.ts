/**
 * One ordered set of migrations for both dialects, run on start. Each migration is a function of
 * the dialect only where the two differ (auto-increment keys).
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { DialectName } from '../database.js'
import { initial } from './0001_initial.js'
import { calculationJourney } from './0002_calculation_journey.js'
import { courts } from './0004_courts.js'
import { hardening } from './0005_hardening.js'
import { peopleSearch } from './0008_people_search.js'
import { journey } from './0006_journey.js'
import { guidance } from './0009_guidance.js'
import { oversightBoard } from './0011_oversight_board.js'
import { oversightRecheck } from './0010_oversight_recheck.js'
import { calcSnapshot } from './0012_calc_snapshot.js'

export type MigrationFactory = (dialect: DialectName) => Migration

const MIGRATIONS: Record<string, MigrationFactory> = {
  '0001_initial': initial,
  '0002_calculation_journey': calculationJourney,
  '0004_courts': courts,
  '0005_hardening': hardening,
  '0008_people_search': peopleSearch,
  '0006_journey': journey,
  '0009_guidance': guidance,
  '0011_oversight_board': oversightBoard,
  '0010_oversight_recheck': oversightRecheck,
  '0012_calc_snapshot': calcSnapshot,
}

function isOtherSchemaDropped(error: unknown, schema: string | undefined): boolean {
  const e = error as { code?: string; message?: string } | undefined
  const named = /schema "([^"]+)" does not exist/.exec(e?.message ?? '')?.[1]
  return e?.code === '3F000' && named !== undefined && named !== schema
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName, schema?: string): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(MIGRATIONS).map(([name, factory]) => [name, factory(dialect)])),
  }
  // With several schemas in one PostgreSQL database, name ours: Kysely otherwise finds another
  // schema's migration tables and skips creating its own.
  // Parts are built side by side and their migrations (each creating its own tables) land in
  // any order, so a database migrated before a lower-numbered one landed still takes it.
  const migrator = new Migrator({
    db,
    provider,
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
  let { error, results } = await migrator.migrateToLatest()
  // Kysely's table introspection reads every schema in the database; one dropped meanwhile (by
  // another test run sharing the database) fails it with "schema … does not exist". Nothing was
  // migrated yet, so try again.
  for (let attempt = 0; attempt < 3 && isOtherSchemaDropped(error, schema) && !results?.length; attempt++)
    ({ error, results } = await migrator.migrateToLatest())
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(
      `Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    )
  }
}
