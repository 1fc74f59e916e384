/**
 * The audit trail: append-only and hash-chained. Each entry's hash is sha256 over the previous
 * entry's hash and the canonical JSON of the entry; a head row holds the latest sequence and
 * hash, so deleting the newest entry is detected too. Entries are written by the repositories in
 * the same transaction as the change they record: nothing is acknowledged without its audit row.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import type { DialectName } from '../db/database.js'

export const AUDIT_ACTIONS = [
  'SIGN_IN',
  'SIGN_IN_FAILED',
  'SIGN_OUT',
  'ACCOUNT_LOCKED',
  'PERSON_CREATED',
  'PERSON_UPDATED',
  'COURT_CASE_CREATED',
  'SENTENCE_CREATED',
  'SENTENCE_UPDATED',
  'SENTENCE_DELETED',
  'ADJUSTMENT_CREATED',
  'ADJUSTMENT_UPDATED',
  'ADJUSTMENT_DELETED',
  'BOOKING_IMPORTED',
  'CALCULATION_RECORDED',
  'CALCULATION_EVENT',
  'BANK_HOLIDAY_ADDED',
  'BANK_HOLIDAY_REMOVED',
  'USER_CREATED',
  'USER_UPDATED',
  'TOKEN_CREATED',
  'TOKEN_REVOKED',
  'PRISON_CREATED',
  'DEMO_DATA_SEEDED',
  // The courts hotline (src/courts)
  'COURT_CREATED',
  'COURT_UPDATED',
  'PERSON_TRANSFERRED',
  'COURT_QUERY_EVENT',
  'COURT_ORDER_EVENT',
  'COURT_MESSAGE_RECEIVED',
  // Guidance and court documents (src/guidance)
  'GUIDANCE_DOCUMENT_ADDED',
  'GUIDANCE_DOCUMENT_REVISED',
  'COURT_DOCUMENT_EVENT',
  // The releases-in-error register (src/oversight/register)
  'REGISTER_ENTRY_RECORDED',
  'REGISTER_ENTRY_UPDATED',
  'REGISTER_IMPORTED',
  'REGISTER_ACTION_ADDED',
  'REGISTER_ACTION_UPDATED',
  'RECHECK_RUN_STARTED',
  'RECHECK_RUN_CANCELLED',
  'RECHECK_BATCH_APPLIED',
  'RECHECK_TRIAGE',
  // Calculation storage (src/calculation/service/event-store.ts)
  'CALCULATION_PRELIMINARIES_EXPIRED',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  actor: string
  action: AuditAction
  prisonId?: string | null
  subjectType?: string | null
  subjectId?: string | null
  before?: unknown
  after?: unknown
  correlationId?: string | null
}

/** JSON with object keys sorted at every level; undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  prison_id: string | null
  subject_type: string | null
  subject_id: string | null
  before: string | null
  after: string | null
  correlation_id: string | null
  prev_hash: string
  hash: string
}

export function hashEntry(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    prisonId: row.prison_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: row.before,
    after: row.after,
    correlationId: row.correlation_id,
  })
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}

/** Appends one entry. Call inside the transaction that makes the change. */
export async function appendAudit(
  trx: Transaction<DB>,
  dialect: DialectName,
  at: string,
  entry: AuditEntry,
): Promise<void> {
  // Serialise writers on the head row (SQLite transactions are already serialised).
  let headQuery = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1)
  if (dialect === 'postgres') headQuery = headQuery.forUpdate()
  const head = await headQuery.executeTakeFirstOrThrow()
  const row = {
    seq: Number(head.seq) + 1,
    at,
    actor: entry.actor,
    action: entry.action,
    prison_id: entry.prisonId ?? null,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    before: entry.before === undefined ? null : canonicalJson(entry.before),
    after: entry.after === undefined ? null : canonicalJson(entry.after),
    correlation_id: entry.correlationId ?? null,
  }
  const hash = hashEntry(head.hash, row)
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.hash, hash })
    .execute()
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute()
}

/**
 * Walks the chain one entry at a time from a known point (the genesis, or an entry whose hash
 * is already trusted) and records every break it sees. Shared by the database verifier, the
 * checkpointer (before it signs) and the bundle verifier.
 */
export class ChainWalk {
  readonly problems: string[] = []
  count = 0
  private expectedSeq: number
  private prevHash: string

  constructor(start: { nextSeq: number; prevHash: string } = { nextSeq: 1, prevHash: GENESIS_HASH }) {
    this.expectedSeq = start.nextSeq
    this.prevHash = start.prevHash
  }

  /** The last entry walked (or the starting point). */
  get lastSeq(): number {
    return this.expectedSeq - 1
  }
  get lastHash(): string {
    return this.prevHash
  }

  add(r: AuditRow): void {
    const seq = Number(r.seq)
    this.count++
    if (seq !== this.expectedSeq)
      this.problems.push(
        seq > this.expectedSeq
          ? `entry ${this.expectedSeq}${seq > this.expectedSeq + 1 ? `–${seq - 1}` : ''} is missing (deleted)`
          : `entry ${seq} is out of order (expected entry ${this.expectedSeq})`,
      )
    if (r.prev_hash !== this.prevHash)
      this.problems.push(`entry ${seq} does not follow the entry before it (an entry was deleted or edited)`)
    if (hashEntry(r.prev_hash, { ...r, seq }) !== r.hash)
      this.problems.push(`entry ${seq} has been edited (its hash does not match its content)`)
    this.prevHash = r.hash
    this.expectedSeq = seq + 1
  }
}

/** The log's entries in order, from `fromSeq` up to `toSeq` (inclusive), a page at a time. */
export async function* readAuditRows(
  db: Kysely<DB>,
  range: { fromSeq?: number; toSeq?: number } = {},
): AsyncGenerator<AuditRow> {
  const pageSize = 5000
  let after = (range.fromSeq ?? 1) - 1
  for (;;) {
    let query = db.selectFrom('audit_log').selectAll().where('seq', '>', after)
    if (range.toSeq !== undefined) query = query.where('seq', '<=', range.toSeq)
    const rows = await query.orderBy('seq').limit(pageSize).execute()
    for (const r of rows) {
      after = Number(r.seq)
      yield { ...r, seq: after }
    }
    if (rows.length < pageSize) return
  }
}

export async function readAuditHead(db: Kysely<DB>): Promise<{ seq: number; hash: string } | undefined> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()
  return head && { seq: Number(head.seq), hash: head.hash }
}

/** The head row must name the last entry; otherwise the newest entries were deleted. */
export function headProblems(
  head: { seq: number; hash: string } | undefined,
  last: { seq: number; hash: string },
): string[] {
  if (!head) return ['the audit head record is missing']
  if (head.seq !== last.seq || head.hash !== last.hash)
    return [
      head.seq > last.seq
        ? `the newest entries are missing: the log ends at ${last.seq} but ${head.seq} were written`
        : head.seq < last.seq
          ? `the audit head record names entry ${head.seq} but the log ends at ${last.seq}: entries were added without the service, or the head record was altered`
          : `the audit head record has been altered: its hash is not entry ${head.seq}'s`,
    ]
  return []
}

export interface VerifyResult {
  ok: boolean
  entries: number
  problems: string[]
}

/**
 * Re-computes the chain; reports every edited, inserted or deleted entry it can see. On its own
 * it cannot see a log rewritten consistently (every later hash and the head recomputed): for
 * that, `verifyTrail` in verify.ts checks the signed checkpoints too.
 */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  const walk = new ChainWalk()
  for await (const row of readAuditRows(db)) walk.add(row)
  const problems = [
    ...walk.problems,
    ...headProblems(await readAuditHead(db), { seq: walk.lastSeq, hash: walk.lastHash }),
  ]
  return { ok: problems.length === 0, entries: walk.count, problems }
}
