/**
 * An audit bundle: a range of entries with the checkpoints that vouch for them, as JSON lines,
 * to hand to someone who checks it elsewhere with only the public key(s). Line 1 is the header;
 * then the entries in order; then the checkpoints.
 *
 * Each entry's hash covers the one before, so the entries `from`..`c` are proved exactly as they
 * were when the checkpoint at `c` was signed. Export therefore extends the range to the next
 * checkpoint at or after `to` (and says so), when there is one.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '../db/schema.js'
import { ChainWalk, readAuditHead, readAuditRows, type AuditRow } from './audit.js'
import {
  CHECKPOINT_TYPE,
  checkpointSchema,
  type CheckpointReading,
  type LocatedCheckpoint,
} from './checkpoint.js'
import type { PublicKeyring } from './keys.js'
import { CheckpointMatcher, type TrailReport } from './verify.js'

export const BUNDLE_TYPE = 'audit-bundle'
export const ENTRY_TYPE = 'audit-entry'

const headerSchema = z.strictObject({
  type: z.literal(BUNDLE_TYPE),
  v: z.literal(1),
  from: z.number().int().min(1),
  to: z.number().int().min(1),
  requestedTo: z.number().int().min(1),
  exportedAt: z.iso.datetime(),
})
export type BundleHeader = z.infer<typeof headerSchema>

const nullableText = z.string().nullable()
const entrySchema = z.strictObject({
  type: z.literal(ENTRY_TYPE),
  seq: z.number().int().min(1),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  prison_id: nullableText,
  subject_type: nullableText,
  subject_id: nullableText,
  before: nullableText,
  after: nullableText,
  correlation_id: nullableText,
  prev_hash: z.string(),
  hash: z.string(),
})

export class BundleRangeError extends Error {}

export interface ExportedBundle {
  header: BundleHeader
  /** The header line, then the entries, then the checkpoints; read a page of entries at a time. */
  lines: AsyncGenerator<string>
}

/**
 * Entries `from`..`to` (extended to the next checkpoint, if any) with every checkpoint in that
 * range, from the checkpoints given. `to` past the newest entry is cut to it.
 */
export async function exportBundle(
  db: Kysely<DB>,
  options: { from: number; to: number; checkpoints: LocatedCheckpoint[]; exportedAt: string },
): Promise<ExportedBundle> {
  const head = await readAuditHead(db)
  const newest = head?.seq ?? 0
  if (options.from > newest)
    throw new BundleRangeError(
      newest === 0 ? 'the audit log is empty' : `--from ${options.from} is after the newest entry, ${newest}`,
    )
  if (options.to < options.from) throw new BundleRangeError('--to must not be before --from')
  const requestedTo = Math.min(options.to, newest)
  const reaching = options.checkpoints
    .map((c) => c.checkpoint.seq)
    .filter((seq) => seq >= requestedTo && seq <= newest)
  const to = reaching.length > 0 ? Math.min(...reaching) : requestedTo
  const header: BundleHeader = {
    type: BUNDLE_TYPE,
    v: 1,
    from: options.from,
    to,
    requestedTo,
    exportedAt: options.exportedAt,
  }
  const checkpointLines = [
    ...new Set(
      options.checkpoints
        .map((c) => c.checkpoint)
        .filter((c) => c.seq >= options.from && c.seq <= to)
        .sort((a, b) => a.seq - b.seq)
        .map((c) => JSON.stringify(c)),
    ),
  ]
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify(header)
    for await (const row of readAuditRows(db, { fromSeq: options.from, toSeq: to }))
      yield JSON.stringify({ type: ENTRY_TYPE, ...row })
    yield* checkpointLines
  }
  return { header, lines: lines() }
}

export interface BundleReport extends TrailReport {
  header: BundleHeader | undefined
}

/** Checks a bundle with the public keys alone: no database, no private key. */
export function verifyBundle(text: string, keys: PublicKeyring): BundleReport {
  const lines = text.split('\n')
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop()
  const damage: string[] = []
  const entries: AuditRow[] = []
  const checkpoints: LocatedCheckpoint[] = []
  let header: BundleHeader | undefined
  lines.forEach((line, i) => {
    const where = `bundle line ${i + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      damage.push(`${where} is not JSON: the bundle is damaged or was altered`)
      return
    }
    const type = (value as { type?: unknown } | null)?.type
    if (i === 0) {
      const parsed = headerSchema.safeParse(value)
      if (parsed.success) header = parsed.data
      else damage.push(`${where} is not a bundle header: this is not an audit bundle, or it was altered`)
      return
    }
    if (type === ENTRY_TYPE) {
      const parsed = entrySchema.safeParse(value)
      if (!parsed.success) damage.push(`${where} is not a well-formed entry: it was altered`)
      else {
        const { type: _type, ...row } = parsed.data
        entries.push(row)
      }
    } else if (type === CHECKPOINT_TYPE) {
      const parsed = checkpointSchema.safeParse(value)
      if (!parsed.success) damage.push(`${where} is not a well-formed checkpoint: it was altered`)
      else checkpoints.push({ checkpoint: parsed.data, where })
    } else damage.push(`${where} is neither an entry nor a checkpoint`)
  })
  const reading: CheckpointReading = { checkpoints, unreadable: [], malformed: [] }
  const from = header?.from ?? entries[0]?.seq ?? 1
  const matcher = new CheckpointMatcher([reading], keys, from)
  // The first entry's predecessor is outside the bundle: start from the hash it names; the
  // checkpoints then prove that it, too, is what was signed.
  const walk = new ChainWalk({ nextSeq: from, prevHash: entries[0]?.prev_hash ?? '' })
  for (const row of entries) {
    walk.add(row)
    matcher.onEntry(row)
  }
  if (header) {
    if (walk.lastSeq < header.to)
      damage.push(
        `the bundle says it holds entries ${header.from}–${header.to}, but ${
          walk.count === 0 ? 'it holds none' : `they end at ${walk.lastSeq}`
        }: entries ${walk.lastSeq + 1}–${header.to} were removed`,
      )
    if (walk.lastSeq > header.to)
      damage.push(
        `the bundle holds entries past ${header.to}, the last one its header names: some were added`,
      )
  }
  matcher.finish(walk.lastSeq, 'the bundle')
  const tampering = [...damage, ...walk.problems, ...matcher.tampering]
  return {
    header,
    ok: tampering.length === 0,
    entries: walk.count,
    firstSeq: from,
    lastSeq: walk.lastSeq,
    tampering,
    cannotCheck: matcher.cannotCheck,
    notes: matcher.notes,
    checkpointsVerified: matcher.verified,
    ...matcher.coverage(walk.lastSeq),
  }
}
