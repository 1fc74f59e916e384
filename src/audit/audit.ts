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

export interface VerifyResult {
  ok: boolean
  entries: number
  problems: string[]
}

/** Re-computes the chain; reports every edited, inserted or deleted entry it can see. */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  const problems: string[] = []
  let prev = GENESIS_HASH
  let expectedSeq = 1
  let count = 0
  const pageSize = 5000
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute()
    for (const r of rows) {
      const seq = Number(r.seq)
      count++
      if (seq !== expectedSeq)
        problems.push(
          `entry ${expectedSeq}${seq > expectedSeq + 1 ? `–${seq - 1}` : ''} is missing (deleted)`,
        )
      if (r.prev_hash !== prev)
        problems.push(`entry ${seq} does not follow the entry before it (an entry was deleted or edited)`)
      const recomputed = hashEntry(r.prev_hash, { ...r, seq })
      if (recomputed !== r.hash)
        problems.push(`entry ${seq} has been edited (its hash does not match its content)`)
      prev = r.hash
      expectedSeq = seq + 1
      after = seq
    }
    if (rows.length < pageSize) break
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()
  if (!head) problems.push('the audit head record is missing')
  else if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prev)
    problems.push(
      `the newest entries are missing: the log ends at ${expectedSeq - 1} but ${Number(head.seq)} were written`,
    )
  return { ok: problems.length === 0, entries: count, problems }
}
