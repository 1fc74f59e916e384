/**
 * `npm run bench:service`: API throughput and latency (p50/p99) for reading a person and for
 * importing a booking, on SQLite (a temporary file, WAL, synchronous=FULL) and on PostgreSQL
 * (a temporary schema; skipped with a message when unreachable). The server runs in this
 * process and is called over HTTP on localhost with keep-alive.
 *
 *   npm run bench:service -- [--people 200] [--seconds 5] [--json out.json]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { buildApp } from '../src/web/app.js'
import { loadConfig } from '../src/config.js'
import { dropPostgresSchema, openDatabase, type Database, type DialectName } from '../src/db/database.js'
import { generatePeople, generatePrisons } from '../src/synthetic/index.js'
import { importSyntheticPerson } from '../src/demo/seed.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const PEOPLE = Number(opt('people', '200'))
const SECONDS = Number(opt('seconds', '5'))
const JSON_OUT = opt('json', '')
const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

interface Result {
  dialect: DialectName
  operation: string
  concurrency: number
  requests: number
  perSecond: number
  p50ms: number
  p99ms: number
  errors: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function load(
  dialect: DialectName,
  operation: string,
  concurrency: number,
  request: (i: number) => Promise<Response>,
): Promise<Result> {
  const latencies: number[] = []
  let errors = 0
  let i = 0
  const end = performance.now() + SECONDS * 1000
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now()
      const res = await request(i++)
      await res.arrayBuffer()
      if (!res.ok) errors++
      latencies.push(performance.now() - t0)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    dialect,
    operation,
    concurrency,
    requests: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    p50ms: Number(percentile(latencies, 50).toFixed(2)),
    p99ms: Number(percentile(latencies, 99).toFixed(2)),
    errors,
  }
}

async function benchOne(dialect: DialectName, database: Database): Promise<Result[]> {
  const app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: false,
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  })
  const s = app.services
  const actor = { username: 'system:bench' }
  const prisons = generatePrisons(2, 7)
  for (const p of prisons) await s.prisons.create(actor, p)
  const people: string[] = []
  for (const p of generatePeople({ seed: 7, count: PEOPLE, prisons, referenceDate: '2026-01-01' })) {
    await importSyntheticPerson(s, p, actor)
    people.push(p.prisonNumber)
  }
  const svc = await s.users.create(actor, {
    username: 'svc-bench',
    displayName: 'bench',
    kind: 'service',
    roles: ['calculator'],
    prisons: prisons.map((p) => p.id),
    estateWide: false,
  })
  const { token } = await s.users.createToken(actor, svc.id, 'bench')
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const bookings = new Map<string, string>()
  for (const pn of people) {
    const res = await fetch(`${base}/api/v1/people/${pn}/booking`, { headers })
    bookings.set(pn, await res.text())
  }
  const pick = (i: number) => people[(i * 7919) % people.length]!
  const results = [
    await load(dialect, 'read a person (GET /api/v1/people/:prisonNumber)', 16, (i) =>
      fetch(`${base}/api/v1/people/${pick(i)}`, { headers }),
    ),
    await load(dialect, 'import a booking (POST /api/v1/people/:prisonNumber/booking)', 4, (i) => {
      const pn = pick(i)
      return fetch(`${base}/api/v1/people/${pn}/booking`, {
        method: 'POST',
        headers,
        body: bookings.get(pn)!,
      })
    }),
  ]
  await app.close()
  return results
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

async function main() {
  const results: Result[] = []
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-bench-'))
  try {
    const sqlite = await openDatabase(join(dir, 'bench.sqlite'))
    results.push(...(await benchOne('sqlite', sqlite)))
    await sqlite.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (await postgresReachable()) {
    const schema = `bench_${randomBytes(4).toString('hex')}`
    const database = await openDatabase(PG_URL, { schema })
    try {
      results.push(...(await benchOne('postgres', database)))
    } finally {
      await database.close()
      await dropPostgresSchema(PG_URL, schema)
    }
  } else {
    console.log(`PostgreSQL not reachable at ${PG_URL}: PostgreSQL figures skipped.`)
  }
  console.log(
    `Service API benchmark: ${PEOPLE} people, ${SECONDS}s per measurement, server and client in one process`,
  )
  console.log(
    'dialect   operation                                                     conc  req/s   p50 ms  p99 ms  errors',
  )
  for (const r of results)
    console.log(
      `${r.dialect.padEnd(9)} ${r.operation.padEnd(61)} ${String(r.concurrency).padStart(4)} ${String(r.perSecond).padStart(6)} ${r.p50ms.toFixed(2).padStart(8)} ${r.p99ms.toFixed(2).padStart(7)} ${String(r.errors).padStart(7)}`,
    )
  if (JSON_OUT)
    writeFileSync(JSON_OUT, JSON.stringify({ people: PEOPLE, seconds: SECONDS, results }, null, 2))
}

await main()
