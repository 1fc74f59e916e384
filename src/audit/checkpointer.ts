/**
 * Signs the audit head every N entries and every few minutes, after the changes commit — never
 * inside a write's transaction, so checkpointing adds nothing to a request. Before it signs, it
 * checks that the log still extends its last checkpoint (the entries since then chain on from
 * the hash it signed); if not, it raises an alarm in the logs and refuses to sign, so a
 * rewritten log is never blessed by a fresh signature.
 *
 * Each checkpoint goes to the checkpoint file (append-only, fsynced) and to the logs (pino,
 * always at info, as `auditCheckpoint`), so a copy usually leaves the machine too.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { ChainWalk, GENESIS_HASH, readAuditHead, readAuditRows } from './audit.js'
import { signCheckpoint, type Checkpoint } from './checkpoint.js'
import { CheckpointFile, readNewestCheckpoint } from './checkpoint-file.js'
import type { AuditSigner, PublicKeyring } from './keys.js'

/** The part of a pino logger the checkpointer uses. */
export interface CheckpointLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface CheckpointerOptions {
  db: Kysely<DB>
  signer: AuditSigner
  /** Keys trusted when reading the last checkpoint back from the file (the signer's and older ones). */
  keys: PublicKeyring
  file: string
  everyEntries: number
  everyMs: number
  logger: CheckpointLogger
  clock: { now(): Date }
}

export type CheckpointOutcome =
  | { status: 'signed'; checkpoint: Checkpoint }
  | { status: 'unchanged' }
  | { status: 'refused'; problems: string[] }
  | { status: 'failed'; error: string }

export const AUDIT_ALARM =
  'AUDIT ALARM: the audit log does not extend its last signed checkpoint, so it was not signed. Run `saferelease audit verify`.'

export class AuditCheckpointer {
  private anchor: Checkpoint | undefined
  private pending = 0
  private closed = false
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> = Promise.resolve()
  private queued: Promise<CheckpointOutcome> | undefined
  private stopListening: (() => void) | undefined

  private constructor(
    private readonly options: CheckpointerOptions,
    private readonly file: CheckpointFile,
  ) {}

  /** Opens the file, reads back the last checkpoint, and checkpoints whatever a crash left uncovered. */
  static async start(options: CheckpointerOptions): Promise<AuditCheckpointer> {
    const file = await CheckpointFile.open(options.file)
    const { newest, warnings } = await readNewestCheckpoint(options.file, options.keys)
    for (const warning of warnings) options.logger.warn({ checkpointFile: options.file }, warning)
    const checkpointer = new AuditCheckpointer(options, file)
    checkpointer.anchor = newest?.checkpoint
    checkpointer.timer = setInterval(() => void checkpointer.checkpointNow(), options.everyMs)
    // The timer must not keep the process alive on its own.
    checkpointer.timer.unref()
    void checkpointer.checkpointNow()
    return checkpointer
  }

  /** The newest checkpoint this process signed or read back. */
  get lastCheckpoint(): Checkpoint | undefined {
    return this.anchor
  }

  /** Counts the entries each of the store's changes commits. */
  listenTo(store: Pick<CheckpointedStore, 'onAuditCommitted'>): void {
    this.stopListening?.()
    this.stopListening = store.onAuditCommitted((entries) => this.entriesCommitted(entries))
  }

  /** Called after each change commits, with the number of audit entries it wrote. */
  entriesCommitted(count: number): void {
    if (this.closed) return
    this.pending += count
    if (this.pending >= this.options.everyEntries) void this.checkpointNow()
  }

  /** Signs the current head unless it is already signed; one checkpoint at a time. */
  checkpointNow(): Promise<CheckpointOutcome> {
    if (this.queued) return this.queued
    const next = this.running.then(() => {
      this.queued = undefined
      return this.checkpointOnce()
    })
    this.queued = next
    this.running = next
    return next
  }

  /** Stops the timer and signs a last checkpoint, so a clean stop leaves nothing uncovered. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stopListening?.()
    clearInterval(this.timer)
    await this.checkpointNow()
    await this.file.close()
  }

  private async checkpointOnce(): Promise<CheckpointOutcome> {
    this.pending = 0
    const { db, logger, signer, clock } = this.options
    try {
      const head = await readAuditHead(db)
      const anchor = this.anchor
      if (head && anchor && head.seq === anchor.seq && head.hash === anchor.hash)
        return { status: 'unchanged' }
      if (head && !anchor && head.seq === 0 && head.hash === GENESIS_HASH) return { status: 'unchanged' }
      const problems = head
        ? await this.extensionProblems(anchor, head)
        : ['the audit head record is missing']
      if (problems.length > 0) {
        logger.error({ auditAlarm: problems, lastCheckpoint: anchor }, AUDIT_ALARM)
        return { status: 'refused', problems }
      }
      const checkpoint = signCheckpoint(signer, head!, clock.now().toISOString())
      try {
        await this.file.append(checkpoint)
      } catch (e) {
        logger.error(
          { err: e, checkpointFile: this.file.path },
          'could not write the audit checkpoint to its file; it is in this log only',
        )
      }
      logger.info({ auditCheckpoint: checkpoint }, 'audit checkpoint')
      this.anchor = checkpoint
      return { status: 'signed', checkpoint }
    } catch (e) {
      logger.error({ err: e }, 'audit checkpoint failed; it will be tried again')
      return { status: 'failed', error: e instanceof Error ? e.message : String(e) }
    }
  }

  /** Does the log from the last checkpoint (or the start) chain on to the head? */
  private async extensionProblems(
    anchor: Checkpoint | undefined,
    head: { seq: number; hash: string },
  ): Promise<string[]> {
    if (anchor && head.seq < anchor.seq)
      return [
        `the log ends at entry ${head.seq}, but the checkpoint signed ${anchor.signedAt} covers entry ${anchor.seq}: entries ${head.seq + 1}–${anchor.seq} are gone (deleted, or an older copy of the database restored)`,
      ]
    const walk = new ChainWalk(
      anchor ? { nextSeq: anchor.seq + 1, prevHash: anchor.hash } : { nextSeq: 1, prevHash: GENESIS_HASH },
    )
    for await (const row of readAuditRows(this.options.db, { fromSeq: walk.lastSeq + 1, toSeq: head.seq }))
      walk.add(row)
    const problems = walk.problems.map((p) =>
      anchor ? `${p} (since the checkpoint at entry ${anchor.seq})` : p,
    )
    if (walk.lastSeq !== head.seq || walk.lastHash !== head.hash)
      problems.push(
        anchor && walk.count === 0 && head.seq === anchor.seq
          ? `entry ${anchor.seq} is no longer the entry the checkpoint signed ${anchor.signedAt} vouches for: the log has been rewritten`
          : `the audit head record (entry ${head.seq}) does not match the log, which ends at entry ${walk.lastSeq}`,
      )
    return problems
  }
}

/** What `Store` offers a checkpointer: its database, its clock and news of committed audit entries. */
export interface CheckpointedStore {
  db: Kysely<DB>
  clock: { now(): Date }
  onAuditCommitted(listener: (entries: number) => void): () => void
}

/** Starts a checkpointer on a store and listens to its commits until closed. */
export async function startAuditCheckpoints(
  store: CheckpointedStore,
  options: Omit<CheckpointerOptions, 'db' | 'clock'>,
): Promise<AuditCheckpointer> {
  const checkpointer = await AuditCheckpointer.start({ ...options, db: store.db, clock: store.clock })
  checkpointer.listenTo(store)
  return checkpointer
}
