/**
 * `saferelease recheck …`: start a re-check (or a law-change run) and work it with a progress
 * bar; work runs as a worker process (any number of them share a run on PostgreSQL); a run's
 * status.
 *
 * Exit codes: 0 done; 1 the run was cancelled or failed; 2 misuse.
 */
import { readFile } from 'node:fs/promises'
import { openDatabase, type Database } from '../db/database.js'
import { ValidationError } from '../db/errors.js'
import { loadRecheckSettings, type RecheckSettings } from '../oversight/service/settings.js'
import { standaloneRecheck, type StandaloneRecheck } from '../oversight/service/standalone.js'
import type { RunScope, RunView } from '../oversight/service/recheck-service.js'
import { lawChangeSchema, type LawChange } from '../oversight/domain/index.js'

const USAGE = `Usage:
  saferelease recheck start --as USERNAME (--prison ID | --people A1234BC,B2345CD | --estate)
                            [--law-change change.json] [--no-work] [options]
  saferelease recheck work [--run RUN_ID] [--id WORKER_ID] [--throttle-ms N] [options]
  saferelease recheck status RUN_ID [options]
Options: --database URL (default DATABASE_URL or ./data/saferelease.sqlite), --schema NAME
(PostgreSQL), --threads N (engine worker threads; RECHECK_THREADS), --batch-size N.
"start" checks USERNAME may start it (a manager for their prison, an administrator for any).
"work" without --run works every running run until none is left; with --run, until that run
is finished (waiting for batches other workers hold). A law change is JSON, for example
{"description":"Tranche one moves to 1 Jan 2027","sds40Dates":{"trancheOne":"2027-01-01"}}.`

class UsageError extends Error {}

interface Options {
  as?: string
  prison?: string
  people?: string
  estate: boolean
  lawChange?: string
  work: boolean
  run?: string
  id?: string
  throttleMs: number
  database?: string
  schema?: string
  threads?: number
  batchSize?: number
  positional: string[]
}

function parse(args: string[]): Options {
  const o: Options = { estate: false, work: true, throttleMs: 0, positional: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const value = () => {
      const v = args[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`)
      return v
    }
    const count = (min: number) => {
      const v = value()
      if (!/^\d+$/.test(v) || Number(v) < min)
        throw new UsageError(`${a} must be a whole number of at least ${min}`)
      return Number(v)
    }
    switch (a) {
      case '--as':
        o.as = value()
        break
      case '--prison':
        o.prison = value()
        break
      case '--people':
        o.people = value()
        break
      case '--estate':
        o.estate = true
        break
      case '--law-change':
        o.lawChange = value()
        break
      case '--no-work':
        o.work = false
        break
      case '--run':
        o.run = value()
        break
      case '--id':
        o.id = value()
        break
      case '--throttle-ms':
        o.throttleMs = count(0)
        break
      case '--database':
        o.database = value()
        break
      case '--schema':
        o.schema = value()
        break
      case '--threads':
        o.threads = count(0)
        break
      case '--batch-size':
        o.batchSize = count(1)
        break
      default:
        if (a.startsWith('--')) throw new UsageError(`Unknown option ${a}`)
        o.positional.push(a)
    }
  }
  return o
}

/** A progress bar on a terminal; a line per tenth elsewhere (logs). */
export function progressLine(
  run: Pick<
    RunView,
    'percent' | 'appliedBatches' | 'totalBatches' | 'checkedPeople' | 'totalPeople' | 'status'
  >,
): string {
  const width = 30
  const filled = Math.round((run.percent / 100) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(run.percent).padStart(3)}%  ${run.appliedBatches}/${run.totalBatches} batches, ${run.checkedPeople}/${run.totalPeople} people  ${run.status}`
}

async function watchProgress(r: StandaloneRecheck, runId: string, until: Promise<unknown>): Promise<RunView> {
  const tty = process.stderr.isTTY
  let lastTenth = -1
  let done = false
  void until.finally(() => (done = true))
  for (;;) {
    const row = await r.service.runRow(runId)
    const run = row ? await r.service.get(systemUser, runId) : undefined
    if (run) {
      if (tty) process.stderr.write(`\r${progressLine(run)}`)
      else if (Math.floor(run.percent / 10) !== lastTenth) {
        lastTenth = Math.floor(run.percent / 10)
        process.stderr.write(`${progressLine(run)}\n`)
      }
      if (run.status !== 'RUNNING' && done) {
        if (tty) process.stderr.write('\n')
        return run
      }
    }
    await new Promise((res) => setTimeout(res, done ? 50 : 250))
  }
}

/** Reading a run's progress from the command line sees every run (the operator holds the database). */
const systemUser = {
  id: 0,
  username: 'system:cli',
  displayName: 'command line',
  kind: 'service' as const,
  roles: ['analyst' as const],
  caseload: { estateWide: true, prisons: [] },
  locked: false,
  active: true,
  version: 1,
}

function scopeOf(o: Options): RunScope {
  const given = [o.prison !== undefined, o.people !== undefined, o.estate].filter(Boolean).length
  if (given !== 1) throw new UsageError('Give exactly one of --prison, --people and --estate')
  if (o.prison !== undefined) return { kind: 'prison', prisonId: o.prison }
  if (o.people !== undefined)
    return { kind: 'people', prisonNumbers: o.people.split(',').map((s) => s.trim()) }
  return { kind: 'estate' }
}

async function readLawChange(file: string): Promise<LawChange> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new UsageError(`Cannot read the law change ${file}: ${e instanceof Error ? e.message : String(e)}`)
  }
  const parsed = lawChangeSchema.safeParse(json)
  if (!parsed.success)
    throw new UsageError(
      `The law change is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'change'}: ${i.message}`).join('; ')}`,
    )
  return parsed.data
}

export async function runRecheckCommand(args: string[], env = process.env): Promise<number> {
  const [sub, ...rest] = args
  let database: Database | undefined
  let r: StandaloneRecheck | undefined
  try {
    if (sub !== 'start' && sub !== 'work' && sub !== 'status')
      throw new UsageError('Say start, work or status')
    const o = parse(rest)
    const base = loadRecheckSettings(env)
    const settings: RecheckSettings = {
      ...base,
      ...(o.threads !== undefined ? { threads: o.threads } : {}),
      ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
    }
    const url = o.database ?? env.DATABASE_URL ?? './data/saferelease.sqlite'
    database = await openDatabase(url, { migrate: false, ...(o.schema ? { schema: o.schema } : {}) })
    r = standaloneRecheck(database, settings, { ...(o.id ? { workerId: o.id } : {}), env })
    if (sub === 'status') {
      const id = o.positional[0]
      if (!id) throw new UsageError('Name the run')
      const run = await r.service.get(systemUser, id)
      console.log(progressLine(run))
      return 0
    }
    if (sub === 'work') return await work(r, o)
    if (!o.as) throw new UsageError('Say who is starting the run: --as USERNAME')
    const user = await r.users.findByUsername(o.as)
    if (!user || !user.active) throw new UsageError(`No active user ${o.as}`)
    const lawChange = o.lawChange ? await readLawChange(o.lawChange) : undefined
    const run = await r.service.start(user, {
      kind: lawChange ? 'LAW_CHANGE' : 'RECHECK',
      scope: scopeOf(o),
      ...(lawChange ? { lawChange } : {}),
    })
    console.log(`Run ${run.id}: ${run.totalPeople} people in ${run.totalBatches} batches`)
    if (!o.work) return 0
    const working = r.worker.drain(run.id)
    const finished = await watchProgress(r, run.id, working)
    await working
    return finished.status === 'COMPLETED' ? 0 : 1
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`)
      return 2
    }
    if (e instanceof ValidationError) {
      console.error(e.message)
      return 2
    }
    console.error(e instanceof Error ? e.message : String(e))
    return 1
  } finally {
    await r?.close()
    await database?.close()
  }
}

async function work(r: StandaloneRecheck, o: Options): Promise<number> {
  const pause = (ms: number) => new Promise<void>((res) => setTimeout(res, ms))
  if (o.throttleMs > 0) r.service.beforeApply = () => pause(o.throttleMs)
  if (!o.run) {
    const applied = await r.worker.drain()
    console.error(`Worker ${r.worker.id}: ${applied} batches applied`)
    return 0
  }
  // Until the run is finished: batches another worker holds come back when their lease ends.
  for (;;) {
    await r.worker.drain(o.run)
    const run = await r.service.get(systemUser, o.run)
    if (run.status !== 'RUNNING') return run.status === 'COMPLETED' ? 0 : 1
    await pause(250)
  }
}
