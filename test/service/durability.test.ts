/**
 * A killed process loses nothing it acknowledged: start the real server on a temporary SQLite
 * file, fire writes, `kill -9` it mid-stream, restart, and check every acknowledged write is
 * there and the audit chain verifies. The audit checkpoints (signed every 7 entries here) give
 * no false alarm: entries written after the newest checkpoint are reported as not yet covered,
 * and the next start covers them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, describe } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import { UsersRepository } from '../../src/accounts/users.js'
import { verifyAudit } from '../../src/audit/audit.js'
import { verifyTrail, type TrailReport } from '../../src/audit/verify.js'
import { readCheckpointFile } from '../../src/audit/checkpoint-file.js'
import { readCheckpointLines } from '../../src/audit/checkpoint.js'
import { buildKeyring, loadOrCreateDevelopmentKey } from '../../src/audit/keys.js'
import { PRISON_A, personInput } from '../support/fixtures.js'
import { TEST_HASHING } from '../support/app.js'

const dir = mkdtempSync(join(tmpdir(), 'saferelease-kill-'))
const file = join(dir, 'saferelease.sqlite')
// The defaults put both beside the SQLite file.
const checkpointFile = join(dir, 'audit-checkpoints.jsonl')
const developmentKey = join(dir, 'audit-signing-key.pem')
const children: ChildProcess[] = []

async function verifyWithCheckpoints(): Promise<TrailReport> {
  const database = await openDatabase(file, { migrate: false })
  try {
    return await verifyTrail(database.db, {
      checkpoints: [await readCheckpointFile(checkpointFile)],
      keys: buildKeyring(loadOrCreateDevelopmentKey(developmentKey).signer, new Map()),
    })
  } finally {
    await database.close()
  }
}

function newestCheckpointSeq(): number {
  if (!existsSync(checkpointFile)) return 0
  const seqs = readCheckpointLines(readFileSync(checkpointFile, 'utf8'), 'file').checkpoints.map(
    (c) => c.checkpoint.seq,
  )
  return Math.max(0, ...seqs)
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  // The server runs in this very process (tsx as a loader), so kill -9 reaches the server itself;
  // the tsx command line would start it as a grandchild that the kill leaves running.
  const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'main.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: file,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      AUDIT_CHECKPOINT_EVERY_ENTRIES: '7',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /running at (http:\/\/localhost:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, url: m[1]!.replace('localhost', '127.0.0.1') })
      }
    })
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)))
  })
}

describe('Durability', () => {
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps every acknowledged write after kill -9, and the audit chain still verifies', async () => {
    const setup = await openDatabase(file)
    const store = new Store(setup)
    const system = { username: 'system:test' }
    await new PrisonsRepository(store).create(system, PRISON_A)
    await new PeopleRepository(store).create(system, personInput())
    const users = new UsersRepository(store, TEST_HASHING)
    const svc = await users.create(system, {
      username: 'svc-calc',
      displayName: 'svc',
      kind: 'service',
      roles: ['calculator'],
      prisons: [PRISON_A.id],
      estateWide: false,
    })
    const { token } = await users.createToken(system, svc.id, 'durability')
    await setup.close()

    const { child, url } = await startServer()
    const acknowledged: number[] = []
    const N = 200
    let killed = false
    const write = async (i: number) => {
      try {
        const res = await fetch(`${url}/api/v1/people/A1234BC/adjustments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'REMAND', numberOfDays: i + 1, appliesToSentencesFrom: '2024-01-01' }),
        })
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: number }).id)
      } catch {
        // the connection died with the process: not acknowledged
      }
    }
    const inFlight: Promise<void>[] = []
    for (let i = 0; i < N; i++) {
      inFlight.push(write(i))
      if (i % 4 === 3)
        await Promise.race([inFlight[inFlight.length - 1], new Promise((r) => setTimeout(r, 5))])
      if (!killed && acknowledged.length >= 60) {
        child.kill('SIGKILL')
        killed = true
      }
    }
    await Promise.all(inFlight)
    if (!killed) child.kill('SIGKILL')
    await new Promise((r) => setTimeout(r, 200))
    expect(acknowledged.length).toBeGreaterThanOrEqual(60)
    const crashed = await verifyWithCheckpoints()
    expect(crashed.tampering).toEqual([])
    expect(crashed.checkpointsVerified).toBeGreaterThan(1)

    const restarted = await startServer()
    const res = await fetch(`${restarted.url}/api/v1/people/A1234BC`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    const stored = new Set(
      ((await res.json()) as { adjustments: { id: number }[] }).adjustments.map((a) => a.id),
    )
    const lost = acknowledged.filter((id) => !stored.has(id))
    expect(lost).toEqual([])

    // The start-up checkpoint covers what the crash left; then three writes (fewer than 7) and
    // another kill -9 leave exactly those three not yet covered — and that is no alarm.
    const coveredAtStart = crashed.lastSeq
    await expect.poll(newestCheckpointSeq, { timeout: 10_000 }).toBe(coveredAtStart)
    for (let i = 0; i < 3; i++) {
      const created = await fetch(`${restarted.url}/api/v1/people/A1234BC/adjustments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'REMAND', numberOfDays: 1, appliesToSentencesFrom: '2024-01-01' }),
      })
      expect(created.status).toBe(201)
    }
    restarted.child.kill('SIGKILL')
    await new Promise((r) => restarted.child.once('exit', r))
    const killedAgain = await verifyWithCheckpoints()
    expect(killedAgain.ok).toBe(true)
    expect(killedAgain.lastSeq).toBeGreaterThanOrEqual(coveredAtStart + 3)
    expect(killedAgain.uncovered).toEqual({ from: coveredAtStart + 1, to: killedAgain.lastSeq })

    // A clean start and stop covers everything.
    const last = await startServer()
    last.child.kill('SIGTERM')
    await new Promise((r) => last.child.once('exit', r))
    const stopped = await verifyWithCheckpoints()
    expect(stopped.ok).toBe(true)
    expect(stopped.cannotCheck).toEqual([])
    expect(stopped.uncovered).toBeUndefined()

    const after = await openDatabase(file, { migrate: false })
    const verified = await verifyAudit(after.db)
    await after.close()
    expect(verified.problems).toEqual([])
    expect(verified.entries).toBeGreaterThanOrEqual(4 + acknowledged.length)
  })
})
