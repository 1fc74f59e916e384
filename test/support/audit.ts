/**
 * An audit log with signed checkpoints to tamper with: a fresh database, a store, a signing key
 * made for the test, and a checkpoint file in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DialectName } from '../../src/db/database.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import {
  buildKeyring,
  generateSigningKey,
  parseSigningKey,
  type AuditSigner,
  type PublicKeyring,
} from '../../src/audit/keys.js'
import {
  startAuditCheckpoints,
  type AuditCheckpointer,
  type CheckpointLogger,
} from '../../src/audit/checkpointer.js'
import { readCheckpointFile } from '../../src/audit/checkpoint-file.js'
import { verifyTrail, type TrailReport } from '../../src/audit/verify.js'
import { freshDatabase, type TestDatabase } from './databases.js'
import { PRISON_A, personInput } from './fixtures.js'

export interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  obj: Record<string, unknown>
  msg: string
}

export function memoryLogger(): CheckpointLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = []
  const at = (level: LoggedLine['level']) => (obj: object, msg: string) =>
    lines.push({ level, obj: obj as Record<string, unknown>, msg })
  return { lines, info: at('info'), warn: at('warn'), error: at('error') }
}

export function newSigner(keyId: string): AuditSigner & { publicKeyText: string } {
  const key = generateSigningKey(keyId)
  return { ...parseSigningKey(key.privateKey, key.keyId), publicKeyText: key.publicKey }
}

export interface AuditFixture {
  database: TestDatabase
  store: Store
  dir: string
  checkpointFile: string
  signer: AuditSigner
  logger: ReturnType<typeof memoryLogger>
  checkpointer: AuditCheckpointer
  /** Writes `count` audit entries, one change each. */
  write(count: number): Promise<void>
  /** Signs the head now and waits for it. */
  checkpoint(): ReturnType<AuditCheckpointer['checkpointNow']>
  /** Stops the checkpointer and starts another on the same file, as a restart does. */
  restart(options?: { signer?: AuditSigner; keys?: PublicKeyring }): Promise<void>
  verify(keys?: PublicKeyring): Promise<TrailReport>
  dispose(): Promise<void>
}

export async function auditFixture(
  dialect: DialectName,
  options: { everyEntries?: number; everyMs?: number } = {},
): Promise<AuditFixture> {
  const database = await freshDatabase(dialect)
  const store = new Store(database)
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-checkpoints-'))
  const checkpointFile = join(dir, 'audit-checkpoints.jsonl')
  const logger = memoryLogger()
  let signer = newSigner('test-key-1') as AuditSigner
  let keys: PublicKeyring = buildKeyring(signer, new Map())
  const start = () =>
    startAuditCheckpoints(store, {
      signer,
      keys,
      file: checkpointFile,
      // Large by default, so the tests decide when checkpoints happen.
      everyEntries: options.everyEntries ?? 1_000_000,
      everyMs: options.everyMs ?? 3_600_000,
      logger,
    })
  let checkpointer = await start()
  await checkpointer.checkpointNow()
  const actor = { username: 'calculator1', correlationId: 'req-1' }
  let written = 0
  const fixture: AuditFixture = {
    database,
    store,
    dir,
    checkpointFile,
    get signer() {
      return signer
    },
    logger,
    get checkpointer() {
      return checkpointer
    },
    async write(count) {
      for (let i = 0; i < count; i++) {
        written++
        // Real changes first (a prison, a person), then changes to that person.
        if (written === 1) await new PrisonsRepository(store).create(actor, PRISON_A)
        else if (written === 2) await new PeopleRepository(store).create(actor, personInput())
        else
          await store.change(actor, (ctx) =>
            ctx.audit({
              action: 'PERSON_UPDATED',
              prisonId: PRISON_A.id,
              subjectType: 'person',
              subjectId: 'A1234BC',
              before: { lastName: `Smith${written - 1}` },
              after: { lastName: `Smith${written}` },
            }),
          )
      }
    },
    checkpoint: () => checkpointer.checkpointNow(),
    async restart(next = {}) {
      await checkpointer.close()
      if (next.signer) signer = next.signer
      keys = next.keys ?? buildKeyring(signer, new Map())
      checkpointer = await start()
      await checkpointer.checkpointNow()
    },
    async verify(verifyKeys) {
      return verifyTrail(store.db, {
        checkpoints: [await readCheckpointFile(checkpointFile)],
        keys: verifyKeys ?? keys,
      })
    },
    async dispose() {
      await checkpointer.close()
      await database.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return fixture
}
