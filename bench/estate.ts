/**
 * `npm run bench:estate`: the service loaded like a prison estate. Seeds synthetic people (each
 * with a booking and a confirmed calculation; bench/estate-seed.ts) into SQLite and PostgreSQL,
 * starts the compiled service (`npm start`'s scripts/start.mjs, building first when needed) in
 * its own process, and drives it over loopback with autocannon at fixed rates: find a person by
 * name and by prison number, the person page, calculate, confirm, history. Before the load it
 * times the search itself in this process, the indexed one against the `LIKE '%…%'` scan it
 * replaced, on the same estate. Prints a table; writes everything to a JSON file.
 *
 *   npm run bench:estate                      10,000 people, 100 and 500 req/s, 10 s a step
 *   npm run bench:estate -- --full            90,000 people (the estate; several minutes a database)
 *   options: --people N  --seconds S  --rates 100,500  --databases sqlite,postgres  --json FILE
 *
 * PostgreSQL: a database of its own on SAFERELEASE_TEST_PG_URL's server, dropped afterwards
 * (skipped with a message when unreachable).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../src/web/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase, type Database, type DialectName } from '../src/db/database.js'
import type { Caseload } from '../src/accounts/roles.js'
import { generatePrisons } from '../src/synthetic/index.js'
import { seedEstate, type SeedResult } from './estate-seed.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const FULL = args.includes('--full')
const PEOPLE = Number(opt('people', FULL ? '90000' : '10000'))
const SECONDS = Number(opt('seconds', '10'))
const RATES = opt('rates', '100,500').split(',').map(Number)
const DATABASES = opt('databases', 'sqlite,postgres').split(',') as DialectName[]
const JSON_OUT = opt('json', join(ROOT, 'bench-estate.json'))
const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const PRISONS = 120
const SEED = 15
const PASSWORD = 'estate-bench-password-not-secret'

interface Step {
  dialect: DialectName
  operation: string
  targetPerSecond: number
  requests: number
  perSecond: number
  p50ms: number
  p95ms: number
  p99ms: number
  maxms: number
  non2xx: number
  errors: number
  timeouts: number
}

interface SearchComparison {
  dialect: DialectName
  queries: number
  indexed: { p50ms: number; p95ms: number }
  likeScan: { p50ms: number; p95ms: number }
  /** How many times faster the indexed search is at p50 and at p95. */
  ratio: { p50: number; p95: number }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
const ms = (n: number) => Number(n.toFixed(2))

/** Creates the estate's database and returns its URL and how to drop it. */
async function createDatabase(dialect: DialectName): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'saferelease-estate-'))
    return {
      url: join(dir, 'estate.sqlite'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const name = `saferelease_estate_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
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

/** The search before issue 15: every word a `LIKE '%word%'` over search_text (no index can help). */
async function likeScanSearch(database: Database, query: string, caseload: Caseload): Promise<number> {
  let sel = database.db
    .selectFrom('people')
    .innerJoin('prisons', 'prisons.id', 'people.prison_id')
    .innerJoin('bookings', (j) =>
      j.onRef('bookings.person_id', '=', 'people.id').on('bookings.active', '=', 1),
    )
    .select(['people.id', 'people.prison_number', 'people.first_name', 'people.last_name', 'prisons.name'])
  for (const token of query.trim().toLowerCase().split(/\s+/).slice(0, 5)) {
    const escaped = token.replace(/[\\%_]/g, (c) => `\\${c}`)
    sel = sel.where(sql<boolean>`${sql.ref('people.search_text')} like ${`%${escaped}%`} escape '\\'`)
  }
  if (!caseload.estateWide) sel = sel.where('people.prison_id', 'in', caseload.prisons)
  const rows = await sel.orderBy('people.last_name').orderBy('people.first_name').limit(50).execute()
  return rows.length
}

interface Estate {
  names: string[]
  prisonNumbers: string[]
  token: string
  seed: SeedResult
  comparison: SearchComparison
}

async function seed(dialect: DialectName, url: string): Promise<Estate> {
  const database = await openDatabase(url)
  const app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, COURT_ESCALATION_INTERVAL_SECONDS: '0' }),
    logger: false,
  })
  try {
    const s = app.services
    const actor = { username: 'system:estate-bench' }
    const prisons = generatePrisons(PRISONS, SEED)
    for (const p of prisons) await s.prisons.create(actor, p)
    const user = await s.users.create(actor, {
      username: 'estate-calculator',
      displayName: 'Estate benchmark calculator',
      kind: 'local',
      password: PASSWORD,
      roles: ['calculator'],
      prisons: prisons.map((p) => p.id),
      estateWide: false,
    })
    // The API takes tokens of service accounts; the pages a person signed in.
    const service = await s.users.create(actor, {
      username: 'estate-api',
      displayName: 'Estate benchmark API client',
      kind: 'service',
      roles: ['calculator'],
      prisons: prisons.map((p) => p.id),
      estateWide: false,
    })
    const { token } = await s.users.createToken(actor, service.id, 'estate benchmark')
    let last = 0
    const seeded = await seedEstate(database, s.calculationJourney, {
      count: PEOPLE,
      seed: SEED,
      prisons,
      today: s.calculationJourney.today(),
      calculator: user,
      onProgress: (done) => {
        if (done - last >= 10_000 || done === PEOPLE) {
          process.stdout.write(`  ${dialect}: ${done} people seeded\n`)
          last = done
        }
      },
    })
    // Queries people would type: a surname and first name, or a full prison number.
    const sample = await database.db
      .selectFrom('people')
      .select(['first_name', 'last_name', 'prison_number'])
      .where(sql<boolean>`(id * 7919) % ${Math.max(1, Math.floor(PEOPLE / 2000))} = 0`)
      .limit(2000)
      .execute()
    const names = sample.map((p) => `${p.last_name} ${p.first_name}`)
    const prisonNumbers = sample.map((p) => p.prison_number)
    const comparison = await compareSearch(dialect, database, s.people, user.caseload, names)
    return { names, prisonNumbers, token, seed: seeded, comparison }
  } finally {
    await app.close()
    await database.close()
  }
}

async function compareSearch(
  dialect: DialectName,
  database: Database,
  people: { search(q: string, c: Caseload): Promise<unknown[]> },
  caseload: Caseload,
  names: string[],
): Promise<SearchComparison> {
  // Surnames alone as well as full names: the scan's cost does not depend on it, the index's does.
  const queries = names.slice(0, 100).flatMap((n) => [n, n.split(' ')[0]!])
  const time = async (f: (q: string) => Promise<unknown>) => {
    const t: number[] = []
    for (const q of queries) {
      const t0 = performance.now()
      await f(q)
      t.push(performance.now() - t0)
    }
    return t.sort((a, b) => a - b)
  }
  await time((q) => people.search(q, caseload)) // warm both
  const indexed = await time((q) => people.search(q, caseload))
  const scan = await time((q) => likeScanSearch(database, q, caseload))
  const at = (t: number[], p: number) => ms(percentile(t, p))
  return {
    dialect,
    queries: queries.length,
    indexed: { p50ms: at(indexed, 50), p95ms: at(indexed, 95) },
    likeScan: { p50ms: at(scan, 50), p95ms: at(scan, 95) },
    ratio: {
      p50: Number((percentile(scan, 50) / percentile(indexed, 50)).toFixed(1)),
      p95: Number((percentile(scan, 95) / percentile(indexed, 95)).toFixed(1)),
    },
  }
}

/** Starts the compiled service on `url` (building it first when needed); resolves its base URL. */
async function startService(url: string, dir: string): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO_DATA: 'false',
      AUDIT_CHECKPOINT_FILE: join(dir, 'checkpoints'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const base = await new Promise<string>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString()
      const m = /SafeRelease is running at http:\/\/localhost:(\d+)/.exec(output)
      if (m) ok(`http://127.0.0.1:${m[1]}`)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => fail(new Error(`the service exited (${code}):\n${output}`)))
  })
  return { base, child }
}

async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
    }
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  const page = await fetch(`${base}/sign-in`)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: keep(page) },
    body: new URLSearchParams({ _csrf: csrf, username: 'estate-calculator', password: PASSWORD }),
  })
  if (res.status !== 302) throw new Error(`sign-in failed: ${res.status}`)
  return keep(res)
}

type Build = (i: number) => { path: string; method?: 'GET' | 'POST'; body?: string }

/** One step: `rate` requests a second for SECONDS (or `amount` requests), each built by `build`. */
async function step(
  dialect: DialectName,
  operation: string,
  base: string,
  headers: Record<string, string>,
  rate: number,
  build: Build,
  onBody?: (i: number, status: number, body: string) => void,
  amount?: number,
): Promise<Step> {
  let i = 0
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(
      {
        url: base,
        connections: Math.min(100, Math.max(10, Math.ceil(rate / 5))),
        overallRate: rate,
        ...(amount !== undefined ? { amount } : { duration: SECONDS }),
        timeout: 10,
        headers,
        requests: [
          {
            setupRequest: (req, context) => {
              const n = i++
              ;(context as { n?: number }).n = n
              const r = build(n)
              return { ...req, path: r.path, method: r.method ?? 'GET', ...(r.body ? { body: r.body } : {}) }
            },
            ...(onBody
              ? {
                  onResponse: (status: number, body: string, context: object) =>
                    onBody((context as { n: number }).n, status, body),
                }
              : {}),
          },
        ],
      },
      (err, r) => (err ? fail(err as Error) : ok(r)),
    )
    // Every response's own time, for exact percentiles (autocannon's summary has no p95).
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
  })
  latencies.sort((a, b) => a - b)
  return {
    dialect,
    operation,
    targetPerSecond: rate,
    requests: latencies.length,
    perSecond: Math.round(result.requests.average),
    p50ms: ms(percentile(latencies, 50)),
    p95ms: ms(percentile(latencies, 95)),
    p99ms: ms(percentile(latencies, 99)),
    maxms: ms(latencies[latencies.length - 1] ?? NaN),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }
}

async function load(dialect: DialectName, estate: Estate, base: string): Promise<Step[]> {
  const api = { authorization: `Bearer ${estate.token}`, 'content-type': 'application/json' }
  const cookie = await signIn(base)
  const pick = (list: string[], i: number) => list[(i * 7919) % list.length]!
  const steps: Step[] = []
  // Calculations go to people in turn (each once), and are confirmed afterwards.
  let nextPerson = 0
  const prelims: { prisonNumber: string; id: string; version: string }[] = []
  const calculated = new Map<number, string>()
  for (const rate of RATES) {
    const run = async (operation: string, headers: Record<string, string>, build: Build) =>
      steps.push(await step(dialect, operation, base, headers, rate, build))
    await run('find by name', api, (i) => ({
      path: `/api/v1/people?q=${encodeURIComponent(pick(estate.names, i))}`,
    }))
    await run('find by prison number', api, (i) => ({
      path: `/api/v1/people?q=${pick(estate.prisonNumbers, i)}`,
    }))
    await run('person page', { cookie }, (i) => ({ path: `/people/${pick(estate.prisonNumbers, i)}` }))
    await run('history', api, (i) => ({
      path: `/api/v1/people/${pick(estate.prisonNumbers, i)}/calculation-history`,
    }))
    steps.push(
      await step(
        dialect,
        'calculate',
        base,
        api,
        rate,
        (i) => {
          const pn = estate.prisonNumbers[nextPerson++ % estate.prisonNumbers.length]!
          calculated.set(i, pn)
          return {
            path: `/api/v1/people/${pn}/calculations`,
            method: 'POST',
            body: JSON.stringify({ reason: { code: 'TRANSFER_CHECK' } }),
          }
        },
        (i, status, body) => {
          if (status !== 201) return
          const r = JSON.parse(body) as { calculationId: string; version: string }
          prelims.push({ prisonNumber: calculated.get(i)!, id: r.calculationId, version: r.version })
        },
      ),
    )
  }
  // Each preliminary is confirmed once, so a confirm step has as many as the calculate steps made.
  let nextPrelim = 0
  for (const rate of RATES) {
    const amount = Math.min(rate * SECONDS, Math.floor(prelims.length / RATES.length))
    if (amount === 0) continue
    steps.push(
      await step(
        dialect,
        'confirm',
        base,
        api,
        rate,
        () => {
          const p = prelims[nextPrelim++ % prelims.length]!
          return {
            path: `/api/v1/people/${p.prisonNumber}/calculations/${p.id}/confirm`,
            method: 'POST',
            body: JSON.stringify({ version: p.version }),
          }
        },
        undefined,
        amount,
      ),
    )
  }
  return steps
}

async function benchDatabase(dialect: DialectName) {
  const { url, drop } = await createDatabase(dialect)
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-estate-run-'))
  let child: ChildProcess | undefined
  try {
    console.log(`${dialect}: seeding ${PEOPLE} people…`)
    const estate = await seed(dialect, url)
    console.log(
      `${dialect}: seeded ${estate.seed.people} people, ${estate.seed.sentences} sentences, ${estate.seed.confirmed} confirmed calculations (${estate.seed.preliminaryOnly} preliminary only) in ${estate.seed.seconds.toFixed(1)} s`,
    )
    const service = await startService(url, dir)
    child = service.child
    const steps = await load(dialect, estate, service.base)
    return { seed: estate.seed, search: estate.comparison, steps }
  } finally {
    child?.kill('SIGTERM')
    if (child && child.exitCode === null) await new Promise((ok) => child!.once('exit', ok))
    rmSync(dir, { recursive: true, force: true })
    await drop()
  }
}

async function main() {
  const runs: Record<string, Awaited<ReturnType<typeof benchDatabase>>> = {}
  for (const dialect of DATABASES) {
    if (dialect === 'postgres' && !(await postgresReachable())) {
      console.log(`PostgreSQL not reachable at ${PG_URL}: PostgreSQL figures skipped.`)
      continue
    }
    runs[dialect] = await benchDatabase(dialect)
  }
  console.log(
    `\nEstate benchmark: ${PEOPLE} people, ${PRISONS} prisons; autocannon on loopback against the compiled service, ${SECONDS} s a step`,
  )
  console.log(
    '\nSearch in process, same estate (ms):           indexed p50/p95    LIKE scan p50/p95   faster',
  )
  for (const [dialect, r] of Object.entries(runs))
    console.log(
      `  ${dialect.padEnd(9)} ${String(r.search.queries).padStart(4)} queries                   ${`${r.search.indexed.p50ms} / ${r.search.indexed.p95ms}`.padStart(14)}  ${`${r.search.likeScan.p50ms} / ${r.search.likeScan.p95ms}`.padStart(18)}   ×${r.search.ratio.p50} / ×${r.search.ratio.p95}`,
    )
  console.log(
    '\ndialect   operation               target  req/s  requests   p50 ms   p95 ms   p99 ms   max ms  non-2xx errors',
  )
  for (const r of Object.values(runs).flatMap((x) => x.steps))
    console.log(
      `${r.dialect.padEnd(9)} ${r.operation.padEnd(22)} ${String(r.targetPerSecond).padStart(7)} ${String(r.perSecond).padStart(6)} ${String(r.requests).padStart(9)} ${String(r.p50ms).padStart(8)} ${String(r.p95ms).padStart(8)} ${String(r.p99ms).padStart(8)} ${String(r.maxms).padStart(8)} ${String(r.non2xx).padStart(8)} ${String(r.errors + r.timeouts).padStart(6)}`,
    )
  writeFileSync(
    JSON_OUT,
    JSON.stringify(
      {
        people: PEOPLE,
        prisons: PRISONS,
        seconds: SECONDS,
        rates: RATES,
        at: new Date().toISOString(),
        runs,
      },
      null,
      2,
    ),
  )
  console.log(`\nResults written to ${JSON_OUT}`)
}

await main()
