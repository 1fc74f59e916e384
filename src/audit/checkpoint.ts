/**
 * A checkpoint is a signed statement "the audit log's entry `seq` had hash `hash` at
 * `signedAt`". Because each entry's hash covers every entry before it, one checkpoint vouches
 * for the whole log up to `seq`. It is signed with a key the database does not hold and kept
 * outside the database, so rewriting the log — even recomputing every hash and the head row —
 * no longer matches it.
 */
import { sign, verify } from 'node:crypto'
import { z } from 'zod'
import { canonicalJson } from './audit.js'
import { KEY_ID_PATTERN, type AuditSigner, type PublicKeyring } from './keys.js'

export const CHECKPOINT_TYPE = 'audit-checkpoint'

export const checkpointSchema = z.strictObject({
  type: z.literal(CHECKPOINT_TYPE),
  v: z.literal(1),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  keyId: z.string().regex(KEY_ID_PATTERN),
  alg: z.literal('Ed25519'),
  sig: z.base64(),
})
export type Checkpoint = z.infer<typeof checkpointSchema>

/** The bytes signed: every field but the signature, as canonical JSON. */
function signedBytes(c: Omit<Checkpoint, 'sig'>): Buffer {
  const { type, v, seq, hash, signedAt, keyId, alg } = c
  return Buffer.from(canonicalJson({ type, v, seq, hash, signedAt, keyId, alg }), 'utf8')
}

export function signCheckpoint(
  signer: AuditSigner,
  head: { seq: number; hash: string },
  signedAt: string,
): Checkpoint {
  const unsigned = {
    type: CHECKPOINT_TYPE,
    v: 1,
    seq: head.seq,
    hash: head.hash,
    signedAt,
    keyId: signer.keyId,
    alg: 'Ed25519',
  } as const
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), signer.privateKey).toString('base64') }
}

export type SignatureCheck = 'valid' | 'invalid' | 'unknown-key'

export function checkSignature(c: Checkpoint, keys: PublicKeyring): SignatureCheck {
  const key = keys.get(c.keyId)
  if (!key) return 'unknown-key'
  return verify(null, signedBytes(c), key, Buffer.from(c.sig, 'base64')) ? 'valid' : 'invalid'
}

/** A checkpoint and where it was read, for messages ("audit-checkpoints.jsonl line 12"). */
export interface LocatedCheckpoint {
  checkpoint: Checkpoint
  where: string
}

export interface CheckpointReading {
  checkpoints: LocatedCheckpoint[]
  /** Lines that are not JSON: a write cut short by a crash leaves one (not tampering on its own). */
  unreadable: string[]
  /** JSON that claims to be a checkpoint but is not a well-formed one: altered. */
  malformed: string[]
}

/**
 * Reads checkpoints from JSON lines: the checkpoint file (one checkpoint a line) or a pino log
 * (a line whose `auditCheckpoint` member is one). Other JSON lines, such as other log lines,
 * are skipped.
 */
export function readCheckpointLines(text: string, source: string): CheckpointReading {
  const reading: CheckpointReading = { checkpoints: [], unreadable: [], malformed: [] }
  const lines = text.split('\n')
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const where = `${source} line ${i + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      reading.unreadable.push(where)
      return
    }
    if (value === null || typeof value !== 'object') return
    const candidate =
      (value as { type?: unknown }).type === CHECKPOINT_TYPE
        ? value
        : (value as { auditCheckpoint?: unknown }).auditCheckpoint
    if (candidate === undefined) return
    const parsed = checkpointSchema.safeParse(candidate)
    if (parsed.success) reading.checkpoints.push({ checkpoint: parsed.data, where })
    else reading.malformed.push(where)
  })
  return reading
}

export function describeCheckpoint(c: LocatedCheckpoint): string {
  return `the checkpoint at entry ${c.checkpoint.seq} (${c.where}, signed ${c.checkpoint.signedAt} with key ${c.checkpoint.keyId})`
}
