/**
 * Scale-out on PostgreSQL: two real worker processes share one run; one is killed (SIGKILL)
 * while it holds a batch. Its batch comes back when the lease ends and the other worker applies
 * it: no batch is lost and none is applied twice. On both databases: a claim whose lease lapsed
 * is applied once, whichever worker finishes first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachDatabase, postgresAvailable, PG_URL } from '../support/databases.js'
import { buildTestApp, type TestApp } from '../support/app.js'
import { personWithConfirmedDates } from '../support/recheck.js'
import { standaloneRecheck } from '../../src/oversight/service/standalone.js'
import { computeBatch } from '../../src/oversight/service/compute.js'

const ROOT = join(import.meta.dirname, '..', '..')
const settings = { threads: 0, batchSize: 1, leaseSeconds: 2, pollSeconds: 0 }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function seed(t: TestApp, count: number): Promise<number> {
  let shifted = 0
  for (let i = 0; i < count; i++) {
    const shift = i % 3 === 0 ? undefined : i % 3 === 1 ? -7 : 9
    if (shift !== undefined) shifted++
    await personWithConfirmedDates(t.app, t.tokens.calculator, `W${String(1000 + i)}AA`, shift)
  }
  return shifted
}

describeEachDatabase('Re-check queue', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
  })
  afterEach(async () => t.dispose())

  it('applies a batch once when a lapsed claim is finished by two workers', async () => {
    await seed(t, 2)
    const r = standaloneRecheck(t.database, settings)
    try {
      const admin = (await t.app.services.users.findByUsername('admin1'))!
      const run = await r.service.start(admin, { kind: 'RECHECK', scope: { kind: 'estate' } })
      const slow = (await r.service.claim('slow', run.id))!
      await sleep(2100) // the slow worker's lease lapses
      const fast = (await r.service.claim('fast', run.id))!
      expect(fast.batchNo).toBe(slow.batchNo)
      const job = await r.service.workFor(fast)
      expect(await r.service.apply(fast, computeBatch(job.work, job.params))).toBe('applied')
      expect(await r.service.apply(slow, computeBatch(job.work, job.params))).toBe('already-applied')
      const batch = await t.database.db
        .selectFrom('recheck_batches')
        .selectAll()
        .where('run_id', '=', run.id)
        .where('batch_no', '=', fast.batchNo)
        .executeTakeFirstOrThrow()
      expect(batch).toMatchObject({ status: 'APPLIED', applied_by: 'fast' })
      expect(Number(batch.attempts)).toBe(2)
    } finally {
      await r.close()
    }
  })
})

describe.skipIf(!postgresAvailable)('Re-check workers on PostgreSQL', () => {
  let t: TestApp
  const children: ChildProcess[] = []
  beforeEach(async () => {
    t = await buildTestApp('postgres')
  })
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    await t.dispose()
  })

  function worker(schema: string, runId: string, id: string, throttleMs: number) {
    const child = spawn(
      process.execPath,
      [
        // One process (tsx's own CLI would run the worker in a child that SIGKILL would miss).
        '--import',
        'tsx',
        join(ROOT, 'src', 'cli', 'main.ts'),
        'recheck',
        'work',
        '--run',
        runId,
        '--id',
        id,
        '--throttle-ms',
        String(throttleMs),
        '--database',
        PG_URL,
        '--schema',
        schema,
        '--threads',
        '0',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, RECHECK_LEASE_SECONDS: '2', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout!.on('data', (d) => (output += String(d)))
    child.stderr!.on('data', (d) => (output += String(d)))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    children.push(child)
    return { child, exited, output: () => output }
  }

  it('loses no batch and applies none twice when a worker process is killed mid-run', async () => {
    const shifted = await seed(t, 18)
    const db = t.database.db
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
    const r = standaloneRecheck(t.database, settings)
    const admin = (await t.app.services.users.findByUsername('admin1'))!
    const run = await r.service.start(admin, { kind: 'RECHECK', scope: { kind: 'estate' } })
    await r.close()

    const a = worker(schema, run.id, 'worker-a', 300)
    const b = worker(schema, run.id, 'worker-b', 100)
    // Kill A once it has applied a batch and has just claimed another (it pauses 300 ms before
    // writing each batch, so it is killed holding it).
    let held: number | undefined
    const deadline = Date.now() + 60_000
    while (held === undefined && Date.now() < deadline) {
      const rows = await db
        .selectFrom('recheck_batches')
        .select(['batch_no', 'status', 'claimed_by', 'applied_by', 'lease_until'])
        .where('run_id', '=', run.id)
        .execute()
      const appliedByA = rows.some((x) => x.applied_by === 'worker-a')
      const claimedAt = (x: (typeof rows)[number]) => Number(x.lease_until) - settings.leaseSeconds * 1000
      const holding = rows.find(
        (x) => x.status === 'CLAIMED' && x.claimed_by === 'worker-a' && Date.now() - claimedAt(x) < 120,
      )
      if (appliedByA && holding) held = Number(holding.batch_no)
      else await sleep(10)
    }
    expect(held, `worker A never held a batch after applying one:\n${a.output()}`).toBeDefined()
    a.child.kill('SIGKILL')
    expect(await a.exited).toBeNull()

    const code = await Promise.race([b.exited, sleep(90_000).then(() => 'timeout')])
    expect(code, b.output()).toBe(0)

    const finished = await db
      .selectFrom('recheck_runs')
      .selectAll()
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow()
    expect(finished.status).toBe('COMPLETED')
    expect(Number(finished.applied_batches)).toBe(Number(finished.total_batches))
    expect(Number(finished.checked_people)).toBe(Number(finished.total_people))
    const batches = await db.selectFrom('recheck_batches').selectAll().where('run_id', '=', run.id).execute()
    expect(batches.every((x) => x.status === 'APPLIED')).toBe(true)
    const retaken = batches.find((x) => Number(x.batch_no) === held)!
    expect(retaken.applied_by).toBe('worker-b')
    expect(Number(retaken.attempts)).toBeGreaterThanOrEqual(2)
    // Each batch's apply was written (and audited) exactly once.
    const audited = await db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'RECHECK_BATCH_APPLIED')
      .execute()
    expect(audited.map((x) => x.subject_id).sort()).toEqual(
      batches.map((x) => `${run.id}/${x.batch_no}`).sort(),
    )
    const findings = await db
      .selectFrom('recheck_findings')
      .select(['person_id'])
      .where('run_id', '=', run.id)
      .execute()
    expect(findings).toHaveLength(shifted)
    expect(new Set(findings.map((f) => f.person_id)).size).toBe(shifted)
  })
})
