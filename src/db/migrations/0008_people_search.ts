/**
 * Finding a person at the size of the estate (issue 15): the search still matches every word
 * typed anywhere in a name or alias (`people.search_text`), but an index answers it instead of a
 * scan of every person.
 *
 * - SQLite: an FTS5 table with the trigram tokenizer over `search_text` (rowid = people.id),
 *   kept in step by triggers, so every write path (the repository, bulk loads) updates it.
 * - PostgreSQL: a GIN `pg_trgm` index on `people.search_text`. The extension belongs to the
 *   whole database, so it is created in `public` (never in a per-tenant or per-test schema,
 *   where dropping the schema would drop it for everyone). When it cannot be created (no
 *   privilege), the migration says so and goes on without the index: search gives the same
 *   results, by scanning; docs/deploying.md gives the two statements that add it later.
 * - Prison-number prefixes: SQLite's unique index on prison_number serves `GLOB 'A12*'`;
 *   PostgreSQL needs a `text_pattern_ops` index for `LIKE 'A12%'` whatever the collation.
 */
import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../database.js'
import type { MigrationFactory } from './index.js'

export const peopleSearch: MigrationFactory = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>) {
    if (dialect === 'sqlite') {
      await sql`create virtual table people_search using fts5(search_text, tokenize = 'trigram case_sensitive 1')`.execute(
        db,
      )
      await sql`insert into people_search (rowid, search_text) select id, search_text from people`.execute(db)
      await sql`create trigger people_search_insert after insert on people begin
          insert into people_search (rowid, search_text) values (new.id, new.search_text);
        end`.execute(db)
      await sql`create trigger people_search_update after update of search_text on people begin
          update people_search set search_text = new.search_text where rowid = new.id;
        end`.execute(db)
      await sql`create trigger people_search_delete after delete on people begin
          delete from people_search where rowid = old.id;
        end`.execute(db)
      return
    }
    await sql`create index people_prison_number_prefix on people (prison_number text_pattern_ops)`.execute(db)
    const opclass = await trigramOperatorClass(db)
    if (opclass === undefined) return
    await sql`create index people_search_trgm on people using gin (search_text ${sql.raw(opclass)})`.execute(
      db,
    )
  },
})

/**
 * The schema-qualified `gin_trgm_ops`, creating pg_trgm in `public` if no schema has it yet, or
 * undefined (with a warning) when it cannot be created. Runs inside the migration's transaction,
 * so the attempt is wrapped in a savepoint: a refusal must not abort the other migrations.
 */
async function trigramOperatorClass(db: Kysely<unknown>): Promise<string | undefined> {
  const installedIn = async () =>
    (
      await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
        join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
    ).rows[0]?.schema
  let schema = await installedIn()
  if (schema === undefined) {
    await sql`savepoint create_pg_trgm`.execute(db)
    try {
      await sql`create extension if not exists pg_trgm schema public`.execute(db)
      await sql`release savepoint create_pg_trgm`.execute(db)
    } catch (e) {
      await sql`rollback to savepoint create_pg_trgm`.execute(db)
      // Another connection may have created it at the same moment (a unique-key clash): use theirs.
      if ((await installedIn()) === undefined) {
        console.warn(
          `PostgreSQL extension pg_trgm could not be created (${(e as Error).message}): finding a person by name will scan the people table. See docs/deploying.md ("Finding a person: pg_trgm") to add the index.`,
        )
        return undefined
      }
    }
    schema = await installedIn()
  }
  return `"${schema!.replace(/"/g, '""')}".gin_trgm_ops`
}
