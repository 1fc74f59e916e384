/**
 * `npm run bench:recheck`: an estate of synthetic people (src/synthetic) re-checked end to end —
 * reading bookings and confirmed dates, running the engine, writing differences — on SQLite (one
 * process, 1 and 2 engine threads) and PostgreSQL (1 and 2 worker processes, each with one engine
 * thread; a temporary schema, skipped when unreachable). Then the engine part alone (the batches
 * already in memory) with 1 and 2 threads.
 *
 *   npm run bench:recheck -- [--people 90000] [--db sqlite,postgres] [--json out.json]
 *
 * Loading the estate is timed but is not part of the re-check figures. Confirmed dates are the
 * engine's own, except about 1 in 100 people whose CRD is moved earlier or later (the
 * differences the re-check must find and write).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'
import { LocalDate } from '@js-joda/core'
import { dropPostgresSchema, openDatabase, type Database, type DialectName } from '../src/db/database.js'
import { generatePeople, generatePrisons } from '../src/synthetic/index.js'
import { parseBooking } from '../src/engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES, type BookingInput } from '../src/engine/input/reference-booking.js'
import { adjustmentColumns, sentenceColumns } from '../src/db/repositories/booking.js'
import { engineOutcome } from '../src/calculation/service/engine-service.js'
import { standaloneRecheck } from '../src/oversight/service/standalone.js'
import { EnginePool } from '../src/oversight/service/pool.js'
import type { PersonWork, RunParams } from '../src/oversight/service/compute.js'
import type { User } from '../src/accounts/users.js'
import { splitIntoBatches } from '../src/oversight/domain/index.js'
import { loadWork } from '../src/oversight/service/estate-reader.js'
import { BookingRepository } from '../src/db/repositories/booking.js'
import { BankHolidayRepository } from '../src/calculation/service/bank-holidays.js'
import { Store } from '../src/db/store.js'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const PEOPLE = Number(opt('people', '90000'))
const DBS = opt('db', 'sqlite,postgres').split(',') as DialectName[]
const JSON_OUT = opt('json', '')
const PG_URL = process.env.SAFERELEASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const TODAY = '2026-11-28'
const ROOT = join(import.meta.dirname, '..')
const settings = { threads: 1, batchSize: 500, leaseSeconds: 60, pollSeconds: 0 }

const admin: User = {
  id: 0,
  username: 'bench-admin',
  displayName: 'bench',
  kind: 'service',
  roles: ['admin'],
  caseload: { estateWide: true, prisons: [] },
  locked: false,
  active: true,
  version: 1,
}

interface Row {
  dialect: DialectName
  what: string
  workers: number
  seconds: number
  peoplePerSecond: number
  findings?: number
}
const results: Row[] = []
const report = (r: Row) => {
  results.push(r)
  console.log(
    `${r.dialect.padEnd(8)} ${r.what.padEnd(34)} ${String(r.workers).padStart(2)} worker(s) ${r.seconds.toFixed(2).padStart(7)} s ${String(r.peoplePerSecond).padStart(7)} people/s${r.findings !== undefined ? `  ${r.findings} differences` : ''}`,
  )
}

// ---- the estate, generated once: bookings and the engine's dates (the confirmed dates) ----
const prisons = generatePrisons(120, 1)
const people = [...generatePeople({ seed: 1, count: PEOPLE, prisons, referenceDate: TODAY })]
type Confirmed = { parsed: BookingInput; dates: Record<string, string> } | null
let confirmed: Confirmed[] = []

/** The engine's dates for everyone (with the database's bank holidays, as the re-check uses). */
function confirmDates(bankHolidays: string[]) {
  const t0 = performance.now()
  confirmed = people.map((p, i) => {
    const parsed = parseBooking(p.booking)
    if (!parsed.ok) return null
    const outcome = engineOutcome(
      {
        booking: parsed.value,
        profile: 'calculation-params',
        featureToggles: {},
        userInputs: {},
        bankHolidays,
      },
      TODAY,
    )
    if (outcome.status !== 'calculated') return null
    const dates: Record<string, string> = { ...outcome.result.dates }
    if (dates.CRD && i % 97 === 5) dates.CRD = LocalDate.parse(dates.CRD).minusDays(5).toString()
    if (dates.CRD && i % 101 === 7) dates.CRD = LocalDate.parse(dates.CRD).plusDays(7).toString()
    return { parsed: parsed.value, dates }
  })
  console.log(
    `${PEOPLE} synthetic people; confirmed dates for ${confirmed.filter(Boolean).length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  )
}

async function load(database: Database): Promise<void> {
  const db = database.db
  await db
    .insertInto('prisons')
    .values(prisons.map((p) => ({ id: p.id, name: p.name })))
    .execute()
  const at = new Date().toISOString()
  let caseId = 0
  for (const chunk of splitIntoBatches(
    people.map((p, i) => ({ p, i })),
    500,
  )) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('people')
        .values(
          chunk.map(({ p, i }) => ({
            id: i + 1,
            prison_number: p.prisonNumber,
            first_name: p.firstName,
            last_name: p.lastName,
            aliases: JSON.stringify(p.aliases),
            search_text: `${p.firstName} ${p.lastName}`.toLowerCase(),
            date_of_birth: p.dateOfBirth,
            prison_id: p.prisonId,
            is_active_sex_offender: confirmed[i]?.parsed.offender.isActiveSexOffender ? 1 : 0,
            version: 1,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute()
      await trx
        .insertInto('bookings')
        .values(
          chunk.map(({ i }) => ({
            id: i + 1,
            person_id: i + 1,
            external_booking_id: null,
            active: 1,
            return_to_custody_date: confirmed[i]?.parsed.returnToCustodyDate ?? null,
            has_ftr_details: confirmed[i]?.parsed.fixedTermRecallDetails ? 1 : 0,
            ftr_booking_id: confirmed[i]?.parsed.fixedTermRecallDetails?.bookingId ?? null,
            ftr_return_to_custody_date:
              confirmed[i]?.parsed.fixedTermRecallDetails?.returnToCustodyDate ?? null,
            ftr_recall_length: confirmed[i]?.parsed.fixedTermRecallDetails?.recallLength ?? null,
            has_historical_tused: 0,
            historical_tused: null,
            historical_tused_source: null,
            version: 1,
          })),
        )
        .execute()
      const cases: Record<string, unknown>[] = []
      const sentences: Record<string, unknown>[] = []
      const adjustments: Record<string, unknown>[] = []
      const calculations: Record<string, unknown>[] = []
      for (const { p, i } of chunk) {
        const c = confirmed[i]
        if (!c) continue
        const caseIds = new Map<number, number>()
        for (const cc of p.courtCases) {
          caseIds.set(cc.caseSequence, ++caseId)
          cases.push({
            id: caseId,
            booking_id: i + 1,
            case_sequence: cc.caseSequence,
            case_reference: cc.caseReference,
            court_name: cc.courtName,
            version: 1,
            court_code: null,
          })
        }
        c.parsed.sentences.forEach((s, ordinal) =>
          sentences.push({
            ...sentenceColumns(s),
            booking_id: i + 1,
            court_case_id: s.caseSequence ? (caseIds.get(s.caseSequence) ?? null) : null,
            ordinal,
            identifier: s.identifier ?? randomUUID(),
            version: 1,
          }),
        )
        for (const type of ADJUSTMENT_TYPES)
          for (const a of c.parsed.adjustments[type] ?? [])
            adjustments.push({ ...adjustmentColumns({ ...a, type } as never), booking_id: i + 1, version: 1 })
        calculations.push({
          person_id: i + 1,
          booking_id: i + 1,
          prison_id: p.prisonId,
          reason: 'INITIAL_CALCULATION',
          status: 'CONFIRMED',
          source: 'ENGINE',
          input_snapshot: '{}',
          result: JSON.stringify({ dates: c.dates }),
          calculated_by: 'bench',
          calculated_at: at,
          version: 1,
          calculation_ref: randomUUID(),
          check_status: 'unverified',
        })
      }
      for (const part of splitIntoBatches(cases, 1000))
        await trx
          .insertInto('court_cases')
          .values(part as never)
          .execute()
      for (const part of splitIntoBatches(sentences, 500))
        await trx
          .insertInto('sentences')
          .values(part as never)
          .execute()
      for (const part of splitIntoBatches(adjustments, 1000))
        await trx
          .insertInto('adjustments')
          .values(part as never)
          .execute()
      for (const part of splitIntoBatches(calculations, 1000))
        await trx
          .insertInto('calculations')
          .values(part as never)
          .execute()
    })
  }
}

async function findingsOf(database: Database, runId: string): Promise<number> {
  const rows = await database.db
    .selectFrom('recheck_findings')
    .select(['outcome', 'impact', (eb) => eb.fn.countAll().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['outcome', 'impact'])
    .execute()
  if (!breakdownShown) {
    breakdownShown = true
    console.log(`  findings: ${rows.map((r) => `${r.outcome}/${r.impact} ${Number(r.n)}`).join(', ')}`)
  }
  return rows.reduce((sum, r) => sum + Number(r.n), 0)
}
let breakdownShown = false

async function inProcess(dialect: DialectName, database: Database, threads: number) {
  const r = standaloneRecheck(database, { ...settings, threads })
  try {
    const started = performance.now()
    const run = await r.service.start(admin, { kind: 'RECHECK', scope: { kind: 'estate' } })
    await r.worker.drain(run.id)
    const seconds = (performance.now() - started) / 1000
    const done = await r.service.get(admin, run.id)
    if (done.status !== 'COMPLETED') throw new Error(`run ${run.id} ended ${done.status}`)
    report({
      dialect,
      what: 'estate re-check, in one process',
      workers: threads,
      seconds,
      peoplePerSecond: Math.round(PEOPLE / seconds),
      findings: await findingsOf(database, run.id),
    })
  } finally {
    await r.close()
  }
}

async function processes(database: Database, schema: string, count: number) {
  const r = standaloneRecheck(database, settings)
  try {
    const started = performance.now()
    const run = await r.service.start(admin, { kind: 'RECHECK', scope: { kind: 'estate' } })
    const exits = Array.from({ length: count }, (_, n) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'src/cli/main.ts'),
          'recheck',
          'work',
          '--run',
          run.id,
          '--id',
          `bench-${n}`,
          '--threads',
          '1',
          '--database',
          PG_URL,
          '--schema',
          schema,
        ],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
      )
      return new Promise<number | null>((res) => child.on('exit', res))
    })
    const codes = await Promise.all(exits)
    const seconds = (performance.now() - started) / 1000
    if (codes.some((c) => c !== 0)) throw new Error(`a worker process failed: ${codes.join(',')}`)
    report({
      dialect: 'postgres',
      what: 'estate re-check, worker processes',
      workers: count,
      seconds,
      peoplePerSecond: Math.round(PEOPLE / seconds),
      findings: await findingsOf(database, run.id),
    })
  } finally {
    await r.close()
  }
}

async function enginePart(dialect: DialectName, database: Database) {
  const ids = people.map((_, i) => i + 1)
  const bookings = new BookingRepository(standaloneRecheck(database, settings).store)
  const work: PersonWork[][] = []
  for (const batch of splitIntoBatches(ids, settings.batchSize))
    work.push(await loadWork(database.db, bookings, batch))
  const params: RunParams = {
    kind: 'RECHECK',
    today: TODAY,
    profile: 'calculation-params',
    bankHolidays: [...(await new BankHolidayRepository(new Store(database)).dates())],
  }
  for (const threads of [1, 2]) {
    const pool = new EnginePool(threads)
    // Every thread started, its sources loaded and its engine warmed on one batch, before timing.
    await Promise.all(Array.from({ length: threads }, () => pool.run(work[0]!, params)))
    const started = performance.now()
    await Promise.all(work.map((w) => pool.run(w, params)))
    const seconds = (performance.now() - started) / 1000
    await pool.close()
    report({
      dialect,
      what: 'engine part alone (batches in memory)',
      workers: threads,
      seconds,
      peoplePerSecond: Math.round(PEOPLE / seconds),
    })
  }
}

for (const dialect of DBS) {
  let database: Database
  let cleanup: () => Promise<void>
  let schema = ''
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'recheck-bench-'))
    database = await openDatabase(join(dir, 'bench.sqlite'))
    cleanup = async () => {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  } else {
    schema = `bench_${randomBytes(4).toString('hex')}`
    try {
      database = await openDatabase(PG_URL, { schema })
    } catch (e) {
      console.log(
        `PostgreSQL not reachable at ${PG_URL}: skipped (${e instanceof Error ? e.message : String(e)})`,
      )
      continue
    }
    cleanup = async () => {
      await database.close()
      await dropPostgresSchema(PG_URL, schema)
    }
  }
  try {
    if (confirmed.length === 0)
      confirmDates([...(await new BankHolidayRepository(new Store(database)).dates())])
    const started = performance.now()
    await load(database)
    console.log(
      `${dialect}: estate loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (not part of the figures)`,
    )
    if (dialect === 'sqlite') {
      await inProcess(dialect, database, 1)
      await inProcess(dialect, database, 2)
    } else {
      await processes(database, schema, 1)
      await processes(database, schema, 2)
      await inProcess(dialect, database, 2)
    }
    await enginePart(dialect, database)
  } finally {
    await cleanup()
  }
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ people: PEOPLE, results }, null, 2))
