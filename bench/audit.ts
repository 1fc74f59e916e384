/**
 * `npm run bench:audit`: what audit checkpoints cost. Audited writes per second and their
 * latency (p50/p99) through `store.change`, without and with the checkpointer (signing every
 * 100 entries to an fsynced file), then how fast `verifyTrail` checks the log against its
 * checkpoints. SQLite (a temporary file, WAL, synchronous=FULL) and PostgreSQL (a temporary
 * schema; skipped with a message when unreachable).
 *
 *   npm run bench:audit -- [--seconds 3] [--concurrency 4]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { dropPostgresSchema, openDatabase, type Database, type DialectName } from '../src/db/database.js'
import { Store } from '../src/db/store.js'
import { buildKeyring, generateSigningKey, parseSigningKey } from '../src/audit/keys.js'
import { startAuditCheckpoints } from '../src/audit/checkpointer.js'
import { readCheckpointFile } from '../src/audit/checkpoint-file.js'
import { verifyTrail } from '../src/audit/verify.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const SECONDS = Number(opt('seconds', '3'))
const CONCURRENCY = Number(opt('concurrency', '4'))
const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (o: object, m: string) => console.error(m, o),
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function writeFor(
  store: Store,
  seconds = SECONDS,
): Promise<{ perSecond: number; p50ms: number; p99ms: number }> {
  const latencies: number[] = []
  const end = performance.now() + seconds * 1000
  let n = 0
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now()
      await store.change({ username: 'bench' }, (ctx) =>
        ctx.audit({
          action: 'PERSON_UPDATED',
          subjectType: 'person',
          subjectId: 'A1234BC',
          after: { n: n++ },
        }),
      )
      latencies.push(performance.now() - t0)
      // Yield to the event loop as a request ending in network I/O does; better-sqlite3 is
      // synchronous, so back-to-back writes would otherwise starve every timer and file callback.
      await new Promise(setImmediate)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    perSecond: Math.round(latencies.length / elapsed),
    p50ms: Number(percentile(latencies, 50).toFixed(2)),
    p99ms: Number(percentile(latencies, 99).toFixed(2)),
  }
}

async function benchOne(dialect: DialectName, database: Database, dir: string) {
  const store = new Store(database)
  await writeFor(store, 1) // warm up: the first measure would otherwise pay for it
  const without = await writeFor(store)
  const key = generateSigningKey('bench')
  const signer = parseSigningKey(key.privateKey, key.keyId)
  const file = join(dir, `${dialect}-checkpoints.jsonl`)
  const keys = buildKeyring(signer, new Map())
  const checkpointer = await startAuditCheckpoints(store, {
    signer,
    keys,
    file,
    everyEntries: 100,
    everyMs: 300_000,
    logger: quiet,
  })
  const withCheckpoints = await writeFor(store)
  await checkpointer.close()
  const t0 = performance.now()
  const report = await verifyTrail(store.db, { checkpoints: [await readCheckpointFile(file)], keys })
  const verifySeconds = (performance.now() - t0) / 1000
  if (!report.ok) throw new Error(`bench log does not verify: ${report.tampering.join('; ')}`)
  return [
    { dialect, measure: 'audited writes, no checkpoints', ...without },
    { dialect, measure: 'audited writes, checkpoint every 100', ...withCheckpoints },
    {
      dialect,
      measure: `verify ${report.entries} entries against ${report.checkpointsVerified} checkpoints`,
      perSecond: Math.round(report.entries / verifySeconds),
      p50ms: NaN,
      p99ms: NaN,
    },
  ]
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'saferelease-bench-audit-'))
const results = []
try {
  const sqlite = await openDatabase(join(dir, 'bench.sqlite'))
  results.push(...(await benchOne('sqlite', sqlite, dir)))
  await sqlite.close()
  if (await postgresReachable()) {
    const schema = `bench_${randomBytes(6).toString('hex')}`
    const database = await openDatabase(PG_URL, { schema })
    try {
      results.push(...(await benchOne('postgres', database, dir)))
    } finally {
      await database.close()
      await dropPostgresSchema(PG_URL, schema)
    }
  } else console.log(`PostgreSQL not reachable at ${PG_URL}: skipped.`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`Audit checkpoints (${SECONDS}s per measure, ${CONCURRENCY} concurrent writers)`)
for (const r of results)
  console.log(
    `${r.dialect.padEnd(9)} ${r.measure.padEnd(52)} ${String(r.perSecond).padStart(7)}/s` +
      (Number.isNaN(r.p50ms) ? '' : `   p50 ${r.p50ms} ms   p99 ${r.p99ms} ms`),
  )
