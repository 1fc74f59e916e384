/**
 * `npm run bench:history`: does a person's calculation history make their requests slower?
 * Calculate (`POST /api/v1/people/:n/calculations`) and history (`GET …/calculation-history`)
 * for people with 1, 100 and 1,000 earlier calculations (the first confirmed, the rest
 * preliminary results never confirmed, as when staff calculate again and again), p50 and p99,
 * on SQLite (a temporary file) and PostgreSQL (a temporary schema; skipped when unreachable).
 * The target (issue 15): p99 at 1,000 no more than 20% above p99 at 1.
 *
 * Samples are taken one at a time, round-robin over the sizes (so a change in the machine's load
 * hits every size alike). Each calculate sample adds a calculation: each size has a pool of people
 * sharing its samples so that none grows by more than 25% while measured. Only the public API is
 * used, so the same file runs against older code (the figures in the closing note of issue 15).
 *
 *   npm run bench:history -- [--samples 200] [--json out.json] [--sqlite-only]
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
const SAMPLES = Number(opt('samples', '200'))
const JSON_OUT = opt('json', '')
const SQLITE_ONLY = args.includes('--sqlite-only')
const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const WARM_UP = 10
type Synthetic = ReturnType<typeof generatePeople> extends Generator<infer P> ? P : never

/** Earlier calculations per person, and how many people share that size's calculate samples. */
const SIZES = [
  { earlier: 1, pool: SAMPLES + WARM_UP },
  { earlier: 100, pool: Math.ceil((SAMPLES + WARM_UP) / 25) },
  { earlier: 1000, pool: Math.ceil((SAMPLES + WARM_UP) / 250) },
]

interface Result {
  dialect: DialectName
  operation: 'calculate' | 'history'
  earlier: number
  samples: number
  p50ms: number
  p99ms: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function benchOne(dialect: DialectName, database: Database): Promise<Result[]> {
  const app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test', COURT_ESCALATION_INTERVAL_SECONDS: '0' }),
    logger: false,
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  })
  const s = app.services
  const actor = { username: 'system:bench' }
  const prisons = generatePrisons(2, 11)
  for (const p of prisons) await s.prisons.create(actor, p)
  const svc = await s.users.create(actor, {
    username: 'svc-bench-history',
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
  const reason = JSON.stringify({ reason: { code: 'INITIAL_CALCULATION' } })
  const calculate = (pn: string) =>
    fetch(`${base}/api/v1/people/${pn}/calculations`, { method: 'POST', headers, body: reason })
  const history = (pn: string) => fetch(`${base}/api/v1/people/${pn}/calculation-history`, { headers })

  // Everyone has the same booking (the first synthetic one SafeRelease can calculate and confirm),
  // so the engine's work is the same at every size; each has one confirmed calculation, then
  // preliminary results up to its size.
  const needed = SIZES.reduce((n, size) => n + size.pool, 0)
  const people: string[] = []
  let template: Synthetic | undefined
  for (const p of generatePeople({ seed: 11, count: needed + 50, prisons, referenceDate: '2026-01-01' })) {
    if (people.length === needed) break
    const t = template ?? p
    const person: Synthetic = {
      ...p,
      dateOfBirth: t.dateOfBirth,
      courtCases: t.courtCases,
      booking: { ...t.booking, offender: { ...t.booking.offender, reference: p.prisonNumber } },
    }
    await importSyntheticPerson(s, person, actor)
    const first = await calculate(p.prisonNumber)
    if (first.status !== 201) continue
    const pre = (await first.json()) as { calculationId: string; version: string }
    const confirmed = await fetch(
      `${base}/api/v1/people/${p.prisonNumber}/calculations/${pre.calculationId}/confirm`,
      { method: 'POST', headers, body: JSON.stringify({ version: pre.version }) },
    )
    await confirmed.arrayBuffer()
    if (!confirmed.ok) continue
    template = t
    people.push(p.prisonNumber)
  }
  if (people.length < needed) throw new Error(`only ${people.length} of ${needed} people could be calculated`)
  const pools: string[][] = []
  let next = 0
  const seedStarted = performance.now()
  for (const size of SIZES) {
    const pool = people.slice(next, next + size.pool)
    next += size.pool
    for (const pn of pool)
      for (let i = 1; i < size.earlier; i++) {
        const res = await calculate(pn)
        await res.arrayBuffer()
        if (res.status !== 201) throw new Error(`seeding ${pn}: ${res.status}`)
      }
    pools.push(pool)
  }
  console.log(`${dialect}: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)

  const latencies = {
    history: SIZES.map((): number[] => []),
    calculate: SIZES.map((): number[] => []),
  }
  for (const operation of ['history', 'calculate'] as const)
    for (let i = 0; i < SAMPLES + WARM_UP; i++)
      for (const [k, pool] of pools.entries()) {
        const pn = pool[i % pool.length]!
        const t0 = performance.now()
        const res = operation === 'history' ? await history(pn) : await calculate(pn)
        await res.arrayBuffer()
        const ms = performance.now() - t0
        if (!res.ok) throw new Error(`${operation} ${pn}: ${res.status}`)
        if (i >= WARM_UP) latencies[operation][k]!.push(ms)
      }
  await app.close()
  return (['calculate', 'history'] as const).flatMap((operation) =>
    SIZES.map((size, k) => {
      const sorted = latencies[operation][k]!.sort((a, b) => a - b)
      return {
        dialect,
        operation,
        earlier: size.earlier,
        samples: sorted.length,
        p50ms: Number(percentile(sorted, 50).toFixed(2)),
        p99ms: Number(percentile(sorted, 99).toFixed(2)),
      }
    }),
  )
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

function report(results: Result[]) {
  console.log(
    `Calculation history benchmark: ${SAMPLES} samples per figure, one request at a time, HTTP on loopback`,
  )
  console.log('dialect   operation  earlier  p50 ms   p99 ms  p99 vs 1')
  for (const r of results) {
    const one = results.find(
      (o) => o.dialect === r.dialect && o.operation === r.operation && o.earlier === 1,
    )!
    const growth = `${r.p99ms >= one.p99ms ? '+' : ''}${(((r.p99ms - one.p99ms) / one.p99ms) * 100).toFixed(0)}%`
    console.log(
      `${r.dialect.padEnd(9)} ${r.operation.padEnd(10)} ${String(r.earlier).padStart(7)} ${r.p50ms.toFixed(2).padStart(7)} ${r.p99ms.toFixed(2).padStart(8)} ${growth.padStart(9)}`,
    )
  }
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ samples: SAMPLES, results }, null, 2))
}

async function main() {
  const results: Result[] = []
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-bench-history-'))
  try {
    const sqlite = await openDatabase(join(dir, 'bench.sqlite'))
    results.push(...(await benchOne('sqlite', sqlite)))
    await sqlite.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  // Printed as each database finishes: the old code takes minutes at 1,000.
  report(results)
  if (SQLITE_ONLY) console.log('PostgreSQL figures skipped (--sqlite-only).')
  else if (await postgresReachable()) {
    const schema = `bench_${randomBytes(4).toString('hex')}`
    const database = await openDatabase(PG_URL, { schema })
    try {
      results.push(...(await benchOne('postgres', database)))
    } finally {
      await database.close()
      await dropPostgresSchema(PG_URL, schema)
    }
    report(results)
  } else console.log(`PostgreSQL not reachable at ${PG_URL}: PostgreSQL figures skipped.`)
}

await main()
