/**
 * The checkpointer as the service runs it: every N entries and every few minutes, after the
 * change commits; a last checkpoint on close; no false alarm after a restart, a crash between a
 * write and its checkpoint, a torn checkpoint line, or a key rotation. SQLite and PostgreSQL.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildKeyring } from '../../src/audit/keys.js'
import { readCheckpointFile } from '../../src/audit/checkpoint-file.js'
import { readCheckpointLines } from '../../src/audit/checkpoint.js'
import { startAuditCheckpoints } from '../../src/audit/checkpointer.js'
import { verifyTrail } from '../../src/audit/verify.js'
import { describeEachDatabase, freshDatabase } from '../support/databases.js'
import { auditFixture, newSigner, type AuditFixture } from '../support/audit.js'
import { Store } from '../../src/db/store.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'

function fileCheckpoints(file: string) {
  return readCheckpointLines(readFileSync(file, 'utf8'), file).checkpoints.map((c) => c.checkpoint)
}

describeEachDatabase('Audit checkpoints', (dialect) => {
  let fx: AuditFixture
  afterEach(() => fx.dispose())

  it('signs every N entries once the changes have committed, to the file and the logs', async () => {
    fx = await auditFixture(dialect, { everyEntries: 5 })
    await fx.write(12)
    await vi.waitFor(() => expect(fx.checkpointer.lastCheckpoint?.seq).toBeGreaterThanOrEqual(10))
    const inFile = fileCheckpoints(fx.checkpointFile)
    expect(inFile.length).toBeGreaterThanOrEqual(2)
    const logged = fx.logger.lines
      .filter((l) => l.msg === 'audit checkpoint')
      .map((l) => l.obj.auditCheckpoint)
    expect(logged).toEqual(inFile)
    const report = await fx.verify()
    expect(report.ok).toBe(true)
    expect(report.covered.at(-1)!.to).toBe(inFile.at(-1)!.seq)
  })

  it('signs every few minutes when fewer than N entries were written', async () => {
    fx = await auditFixture(dialect, { everyMs: 50 })
    await fx.write(2)
    await vi.waitFor(() => expect(fx.checkpointer.lastCheckpoint?.seq).toBe(2))
    // Nothing new: the timer does not sign the same head again.
    // (On a slow database the timer may also have signed after the first write: that is fine.)
    await new Promise((r) => setTimeout(r, 150))
    const signed = fileCheckpoints(fx.checkpointFile).map((c) => c.seq)
    expect(signed.at(-1)).toBe(2)
    expect(signed.filter((seq) => seq === 2)).toHaveLength(1)
  })

  it('signs the last entries when it stops, so a clean stop leaves nothing uncovered', async () => {
    fx = await auditFixture(dialect)
    await fx.write(3)
    expect((await fx.verify()).uncovered).toEqual({ from: 1, to: 3 })
    await fx.checkpointer.close()
    expect(fileCheckpoints(fx.checkpointFile).at(-1)?.seq).toBe(3)
    const report = await fx.verify()
    expect(report.uncovered).toBeUndefined()
  })

  it('after a restart, reads its last checkpoint back and carries on without an alarm', async () => {
    fx = await auditFixture(dialect)
    await fx.write(4)
    await fx.checkpoint()
    await fx.restart()
    await fx.write(3)
    expect((await fx.checkpoint()).status).toBe('signed')
    const report = await fx.verify()
    expect(report.ok).toBe(true)
    expect(report.covered.map((c) => [c.from, c.to])).toEqual([
      [1, 4],
      [5, 7],
    ])
    expect(fx.logger.lines.filter((l) => l.level !== 'info')).toEqual([])
  })

  it('a crash between a write and its checkpoint is "not yet covered", not tampering, and the next start covers it', async () => {
    fx = await auditFixture(dialect)
    await fx.write(4)
    await fx.checkpoint()
    await fx.write(3) // committed; the process dies before the next checkpoint
    // A crash can also cut a checkpoint line short.
    appendFileSync(fx.checkpointFile, '{"type":"audit-checkpoint","v":1,"seq":7,"ha')
    const crashed = await fx.verify()
    expect(crashed.ok).toBe(true)
    expect(crashed.uncovered).toEqual({ from: 5, to: 7 })
    expect(crashed.notes.join('\n')).toMatch(
      /line 2 is not a complete line \(a write cut short by a crash\?\)/,
    )

    await fx.restart() // start-up signs whatever the crash left uncovered
    const restarted = await fx.verify()
    expect(restarted.ok).toBe(true)
    expect(restarted.uncovered).toBeUndefined()
    expect(restarted.covered.at(-1)!.by.where).toMatch(/line 3$/)
    expect(fx.logger.lines.filter((l) => l.level === 'error')).toEqual([])
  })

  it('after a key rotation, checkpoints of the old key still verify with its public key alone', async () => {
    fx = await auditFixture(dialect)
    const oldKey = fx.signer
    await fx.write(5)
    await fx.checkpoint()
    const newKey = newSigner('test-key-2')
    const older = new Map([[oldKey.keyId, oldKey.publicKey]])
    await fx.restart({ signer: newKey, keys: buildKeyring(newKey, older) })
    await fx.write(2)
    expect((await fx.checkpoint()).status).toBe('signed')
    const report = await fx.verify(
      buildKeyring(undefined, new Map([...older, [newKey.keyId, newKey.publicKey]])),
    )
    expect(report.ok).toBe(true)
    expect(report.cannotCheck).toEqual([])
    expect(report.covered.map((c) => [c.from, c.to, c.by.checkpoint.keyId])).toEqual([
      [1, 5, 'test-key-1'],
      [6, 7, 'test-key-2'],
    ])
    // Without the old public key: not tampering, but said plainly that it could not be checked.
    const withoutOld = await fx.verify(buildKeyring(newKey, new Map()))
    expect(withoutOld.ok).toBe(true)
    expect(withoutOld.cannotCheck.join('\n')).toMatch(
      /signed with key "test-key-1", whose public key is not configured/,
    )
  })

  it('a rotation that forgot the old public key still signs, after checking the chain from the start', async () => {
    fx = await auditFixture(dialect)
    await fx.write(3)
    await fx.checkpoint()
    const newKey = newSigner('test-key-2')
    await fx.restart({ signer: newKey, keys: buildKeyring(newKey, new Map()) })
    await fx.write(1)
    expect((await fx.checkpoint()).status).toBe('signed')
    expect(
      fx.logger.lines.some((l) => l.level === 'warn' && /"test-key-1", which is not configured/.test(l.msg)),
    ).toBe(true)
    expect(fx.logger.lines.filter((l) => l.level === 'error')).toEqual([])
  })
})

describe('Audit checkpoints in the service logs', () => {
  it('are pino lines that verify as checkpoints on their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saferelease-log-'))
    const database = await freshDatabase('sqlite')
    try {
      const store = new Store(database)
      const signer = newSigner('log-key')
      const logFile = join(dir, 'service.log')
      const destination = pino.destination({ dest: logFile, sync: true })
      const logger = pino({ level: 'info' }, destination)
      const checkpointer = await startAuditCheckpoints(store, {
        signer,
        keys: buildKeyring(signer, new Map()),
        file: join(dir, 'checkpoints.jsonl'),
        everyEntries: 2,
        everyMs: 3_600_000,
        logger,
      })
      for (let i = 0; i < 4; i++)
        await store.change({ username: 'u' }, (ctx) => ctx.audit({ action: 'PERSON_UPDATED', after: { i } }))
      await checkpointer.close()
      logger.info({ route: '/health' }, 'an ordinary log line')
      destination.flushSync()
      const fromLog = await readCheckpointFile(logFile)
      expect(fromLog.unreadable).toEqual([])
      const report = await verifyTrail(store.db, {
        checkpoints: [fromLog],
        keys: buildKeyring(signer, new Map()),
      })
      expect(report.ok).toBe(true)
      expect(report.covered.at(-1)?.to).toBe(4)
    } finally {
      await database.dispose()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('its timer does not keep the process alive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saferelease-timer-'))
    try {
      const script = join(dir, 'start.mts')
      const src = (f: string) => JSON.stringify(resolve('src', f))
      writeFileSync(
        script,
        `import { openDatabase } from ${src('db/database.ts')}
import { Store } from ${src('db/store.ts')}
import { buildKeyring, generateSigningKey, parseSigningKey } from ${src('audit/keys.ts')}
import { startAuditCheckpoints } from ${src('audit/checkpointer.ts')}
const store = new Store(await openDatabase(':memory:'))
const key = generateSigningKey()
const signer = parseSigningKey(key.privateKey)
const quiet = { info() {}, warn() {}, error() {} }
await startAuditCheckpoints(store, { signer, keys: buildKeyring(signer, new Map()), file: ${JSON.stringify(join(dir, 'c.jsonl'))}, everyEntries: 100, everyMs: 60_000, logger: quiet })
await store.change({ username: 'u' }, (ctx) => ctx.audit({ action: 'PERSON_UPDATED' }))
console.log('started')
`,
      )
      // Without close(), the process must still end by itself (long before the 60 s timer).
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.stderr).toBe('')
      expect(run.stdout.trim()).toBe('started')
      expect(run.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('hears only committed changes: a change that fails counts no entries', async () => {
    const database = await freshDatabase('sqlite')
    const store = new Store(database)
    const heard: number[] = []
    const stop = store.onAuditCommitted((n) => heard.push(n))
    await store.change({ username: 'u' }, async (ctx) => {
      await ctx.audit({ action: 'PERSON_UPDATED' })
      await ctx.audit({ action: 'PERSON_UPDATED' })
    })
    await expect(
      store.change({ username: 'u' }, async (ctx) => {
        await ctx.audit({ action: 'PERSON_UPDATED' })
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    stop()
    await store.change({ username: 'u' }, (ctx) => ctx.audit({ action: 'PERSON_UPDATED' }))
    expect(heard).toEqual([2])
    await database.dispose()
  })
})
