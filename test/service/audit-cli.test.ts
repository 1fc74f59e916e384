import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import { runAuditCommand } from '../../src/cli/audit.js'
import { loadAuditConfig } from '../../src/config.js'
import { buildKeyring } from '../../src/audit/keys.js'
import { startAuditCheckpoints } from '../../src/audit/checkpointer.js'
import { hashEntry } from '../../src/audit/audit.js'
import { PRISON_A, personInput } from '../support/fixtures.js'
import { memoryLogger, newSigner } from '../support/audit.js'

/** Runs the command, returning its exit code and what it printed. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
  try {
    const code = await runAuditCommand(args, env)
    return { code, text: out.join('\n') }
  } finally {
    log.mockRestore()
    err.mockRestore()
  }
}

describe('saferelease audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-audit-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 0 on an intact trail and 1 after an entry is edited, saying which', async () => {
    const file = join(dir, 'a.sqlite')
    const database = await openDatabase(file)
    const store = new Store(database)
    await new PrisonsRepository(store).create({ username: 'x' }, PRISON_A)
    await new PeopleRepository(store).create({ username: 'x' }, personInput())
    await database.close()
    expect((await run(['verify', '--database', file])).code).toBe(0)
    const again = await openDatabase(file)
    await again.db
      .updateTable('audit_log')
      .set({ after: '{"firstName":"Someone else"}' })
      .where('seq', '=', 2)
      .execute()
    await again.close()
    const edited = await run(['verify', '--database', file])
    expect(edited.code).toBe(1)
    expect(edited.text).toMatch(/entry 2 has been edited/)
  })

  it('explains its usage and exits 2 when misused, or when there is nothing to verify', async () => {
    expect((await run(['check'])).text).toMatch(/Usage:/)
    expect((await run(['check'])).code).toBe(2)
    expect((await run(['verify', '--database', join(dir, 'none.sqlite')])).text).toMatch(
      /there is no database at/,
    )
    expect((await run(['export', '--from', '0', '--to', '3'])).text).toMatch(/--from must be a whole number/)
    expect((await run(['verify', '--public-key', 'k=not-a-key'])).code).toBe(2)
  })
})

describe('saferelease audit: checkpoints, bundles and keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-audit-'))
  const file = join(dir, 'saferelease.sqlite')
  const checkpoints = join(dir, 'audit-checkpoints.jsonl')
  const signer = newSigner('k1')
  const publicKey = `k1=${signer.publicKeyText}`
  const env = { DATABASE_URL: file, AUDIT_CHECKPOINT_FILE: checkpoints, AUDIT_PUBLIC_KEYS: publicKey }

  beforeAll(async () => {
    // Entries 1–10 signed at 10, 11–20 at 20; 21–23 written since.
    const database = await openDatabase(file)
    const store = new Store(database)
    const checkpointer = await startAuditCheckpoints(store, {
      signer,
      keys: buildKeyring(signer, new Map()),
      file: checkpoints,
      everyEntries: 1_000_000,
      everyMs: 3_600_000,
      logger: memoryLogger(),
    })
    const write = async (n: number) => {
      for (let i = 0; i < n; i++)
        await store.change({ username: 'calculator1' }, (ctx) =>
          ctx.audit({ action: 'PERSON_UPDATED', subjectId: 'A1234BC', after: { i } }),
        )
    }
    await write(10)
    await checkpointer.checkpointNow()
    await write(10)
    await checkpointer.close()
    await write(3) // as if the service had died before its next checkpoint
    await database.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('says which entries each checkpoint covers and which none does yet', async () => {
    const { code, text } = await run(['verify', '--list'], env)
    expect(code).toBe(0)
    expect(text).toMatch(/Audit trail intact: 23 entries \(entries 1–23\), hash chain verified/)
    expect(text).toMatch(
      /Entries 1–10: covered by the checkpoint at entry 10 \(.*audit-checkpoints\.jsonl line 1, signed \S+ with key k1\)/,
    )
    expect(text).toMatch(/Entries 11–20: covered by the checkpoint at entry 20 \(.*line 2/)
    expect(text).toMatch(/Entries 21–23: NOT yet covered by a checkpoint/)
  })

  it('exits 2 when a checkpoint cannot be checked for want of its public key', async () => {
    const { code, text } = await run(['verify'], { ...env, AUDIT_PUBLIC_KEYS: '' })
    expect(code).toBe(2)
    expect(text).toMatch(/Could not check:\n {2}- 2 checkpoints are signed with key "k1"/)
  })

  it('exports a range that verifies elsewhere with only the public key', async () => {
    const bundle = join(dir, 'bundle.jsonl')
    const exported = await run(['export', '--from', '3', '--to', '12', '--out', bundle], env)
    expect(exported.code).toBe(0)
    expect(exported.text).toMatch(/extended from entry 12 to 20, the next checkpoint/)
    const lines = readFileSync(bundle, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1 + 18 + 2)

    // Another machine: no database, no checkpoint file, no private key.
    const elsewhere = await run(['verify', '--bundle', bundle, '--public-key', publicKey])
    expect(elsewhere.code).toBe(0)
    expect(elsewhere.text).toMatch(/Bundle .* intact: 18 entries \(entries 3–20\)/)
    expect(elsewhere.text).toMatch(/Entries 3–20: covered by 2 checkpoints signed with key k1/)
    expect((await run(['verify', '--bundle', bundle])).code).toBe(2)

    const edited = lines.map((l, i) => (i === 5 ? l.replace('"calculator1"', '"mallory"') : l))
    writeFileSync(bundle, edited.join('\n'))
    const tampered = await run(['verify', '--bundle', bundle, '--public-key', publicKey])
    expect(tampered.code).toBe(1)
    expect(tampered.text).toMatch(/entry 7 has been edited/)

    // Rewriting the bundle consistently is caught by the checkpoint.
    const rows = lines.slice(1, 19).map((l) => JSON.parse(l) as Record<string, unknown>)
    rows[4]!.actor = 'mallory'
    let prev = rows[0]!.prev_hash as string
    for (const row of rows) {
      row.prev_hash = prev
      row.hash = hashEntry(prev, row as never)
      prev = row.hash as string
    }
    writeFileSync(bundle, [lines[0], ...rows.map((r) => JSON.stringify(r)), ...lines.slice(19)].join('\n'))
    const rewritten = await run(['verify', '--bundle', bundle, '--public-key', publicKey])
    expect(rewritten.code).toBe(1)
    expect(rewritten.text).toMatch(/entries 3–10 have been rewritten/)

    // Dropping the last entries and the checkpoints that would betray it leaves entries unproved.
    writeFileSync(bundle, lines.slice(0, 15).join('\n'))
    const cut = await run(['verify', '--bundle', bundle, '--public-key', publicKey])
    expect(cut.code).toBe(1)
    expect(cut.text).toMatch(/entries 17–20 were removed/)
  })

  it('a bundle of entries no checkpoint covers yet says so and exits 3', async () => {
    const bundle = join(dir, 'tail.jsonl')
    const exported = await run(['export', '--from', '18', '--to', '99', '--out', bundle], env)
    expect(exported.text).toMatch(/Warning: no checkpoint covers entry 23 yet/)
    const { code, text } = await run(['verify', '--bundle', bundle, '--public-key', publicKey])
    expect(code).toBe(3)
    expect(text).toMatch(/Entries 18–20: covered by the checkpoint at entry 20/)
    expect(text).toMatch(/Entries 21–23: NOT yet covered/)
  })

  it('makes a signing key the service accepts, with its public key line', async () => {
    const { code, text } = await run(['keygen', '--key-id', 'saferelease-2025'])
    expect(code).toBe(0)
    const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(text)![1]!
    const audit = loadAuditConfig({
      NODE_ENV: 'production',
      AUDIT_SIGNING_KEY: value('AUDIT_SIGNING_KEY'),
      AUDIT_SIGNING_KEY_ID: value('AUDIT_SIGNING_KEY_ID'),
      AUDIT_PUBLIC_KEYS: /^saferelease-2025=\S+$/m.exec(text)![0],
    })
    expect(audit.signer?.keyId).toBe('saferelease-2025')
    expect(audit.publicKeys.has('saferelease-2025')).toBe(true)
  })
})
