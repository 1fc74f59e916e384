/**
 * Verifies the audit log against its signed checkpoints and says exactly what is vouched for:
 * which entries each checkpoint covers, which entries no checkpoint covers yet (written after
 * the newest one — normal after a crash or before the next checkpoint is due), and what has
 * been tampered with. A checkpoint that names entries which are now gone or different is
 * tampering, however consistent the chain and the head row look.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { ChainWalk, headProblems, readAuditHead, readAuditRows, type AuditRow } from './audit.js'
import {
  checkSignature,
  describeCheckpoint,
  type CheckpointReading,
  type LocatedCheckpoint,
} from './checkpoint.js'
import type { PublicKeyring } from './keys.js'

export interface CoveredRange {
  from: number
  to: number
  /** The checkpoint at `to`; it vouches for every entry up to `to`, these being the new ones. */
  by: LocatedCheckpoint
}

export interface TrailReport {
  /** No tampering found (entries may still be uncovered, or checkpoints unverifiable). */
  ok: boolean
  /** Entries read. */
  entries: number
  firstSeq: number
  lastSeq: number
  tampering: string[]
  /** Checkpoints that could not be checked: their key is not configured. */
  cannotCheck: string[]
  /** Worth knowing, not tampering: lines cut short by a crash, a missing checkpoint file. */
  notes: string[]
  covered: CoveredRange[]
  /** Entries after the newest matching checkpoint. */
  uncovered: { from: number; to: number } | undefined
  /** Checkpoints whose signature verified. */
  checkpointsVerified: number
}

/**
 * Matches entries, as they are walked in order, against the checkpoints whose signatures
 * verify. Used for the database and for an exported bundle.
 */
export class CheckpointMatcher {
  readonly tampering: string[] = []
  readonly cannotCheck: string[] = []
  readonly notes: string[] = []
  private readonly bySeq = new Map<number, LocatedCheckpoint[]>()
  private readonly matched: LocatedCheckpoint[] = []
  private readonly seen = new Set<number>()
  /** The newest entry a checkpoint has matched so far (firstSeq - 1 before any). */
  private lastMatchedSeq: number
  readonly verified: number

  /** `firstSeq`: where the entries start (1 for the database; a bundle's first entry). */
  constructor(
    readings: CheckpointReading[],
    keys: PublicKeyring,
    private readonly firstSeq = 1,
  ) {
    this.lastMatchedSeq = firstSeq - 1
    let verified = 0
    const unknownKeys = new Map<string, number>()
    for (const reading of readings) {
      for (const where of reading.unreadable)
        this.notes.push(`${where} is not a complete line (a write cut short by a crash?); ignored`)
      for (const where of reading.malformed)
        this.tampering.push(`${where} claims to be a checkpoint but is not a well-formed one: it was altered`)
      for (const located of reading.checkpoints) {
        const check = checkSignature(located.checkpoint, keys)
        if (check === 'unknown-key') {
          const id = located.checkpoint.keyId
          unknownKeys.set(id, (unknownKeys.get(id) ?? 0) + 1)
        } else if (check === 'invalid') {
          this.tampering.push(
            `${describeCheckpoint(located)} has a signature that does not verify: it was forged or altered`,
          )
        } else {
          verified++
          const list = this.bySeq.get(located.checkpoint.seq) ?? []
          list.push(located)
          this.bySeq.set(located.checkpoint.seq, list)
        }
      }
    }
    for (const [id, count] of unknownKeys)
      this.cannotCheck.push(
        `${count} checkpoint${count === 1 ? ' is' : 's are'} signed with key "${id}", whose public key is not configured (add it to AUDIT_PUBLIC_KEYS or pass --public-key ${id}=…)`,
      )
    this.verified = verified
  }

  /** Call for each entry in order, after the chain walk has seen it. */
  onEntry(row: AuditRow): void {
    const here = this.bySeq.get(row.seq)
    if (!here) return
    this.seen.add(row.seq)
    for (const located of here) {
      if (located.checkpoint.hash === row.hash) {
        this.matched.push(located)
        continue
      }
      const from = this.lastMatchedSeq + 1
      this.tampering.push(
        `${from === row.seq ? `entry ${from} has` : `entries ${from}–${row.seq} have`} been rewritten: entry ${row.seq} is not the entry ${describeCheckpoint(located)} vouches for` +
          (this.lastMatchedSeq >= this.firstSeq
            ? ` (the checkpoint at entry ${this.lastMatchedSeq} still matches)`
            : ''),
      )
    }
    if (here.some((l) => l.checkpoint.hash === row.hash)) this.lastMatchedSeq = row.seq
  }

  /**
   * After the last entry: a checkpoint beyond it says entries existed that are gone. In a
   * bundle, checkpoints before its first entry are outside its range and are skipped.
   */
  finish(lastSeq: number, what = 'the log'): void {
    const firstSeq = this.firstSeq
    for (const [seq, list] of this.bySeq) {
      if (seq < firstSeq || this.seen.has(seq)) continue
      if (seq <= lastSeq) {
        for (const located of list)
          this.tampering.push(`entry ${seq}, which ${describeCheckpoint(located)} vouches for, is missing`)
        continue
      }
      for (const located of list)
        this.tampering.push(
          `${describeCheckpoint(located)} says ${seq} entries existed, but ${
            lastSeq >= firstSeq ? `${what} ends at entry ${lastSeq}` : `${what} is empty`
          }: entries ${lastSeq >= firstSeq ? lastSeq + 1 : firstSeq}–${seq} are gone`,
        )
    }
  }

  coverage(lastSeq: number): Pick<TrailReport, 'covered' | 'uncovered'> {
    const covered: CoveredRange[] = []
    let from = this.firstSeq
    const ordered = [...this.matched].sort((a, b) => a.checkpoint.seq - b.checkpoint.seq)
    for (const located of ordered) {
      if (located.checkpoint.seq < from) continue // another checkpoint of the same entry
      covered.push({ from, to: located.checkpoint.seq, by: located })
      from = located.checkpoint.seq + 1
    }
    return { covered, uncovered: from <= lastSeq ? { from, to: lastSeq } : undefined }
  }
}

/** The database's log against the checkpoints read from outside it. */
export async function verifyTrail(
  db: Kysely<DB>,
  options: { checkpoints: CheckpointReading[]; keys: PublicKeyring },
): Promise<TrailReport> {
  const matcher = new CheckpointMatcher(options.checkpoints, options.keys)
  const walk = new ChainWalk()
  for await (const row of readAuditRows(db)) {
    walk.add(row)
    matcher.onEntry(row)
  }
  const last = { seq: walk.lastSeq, hash: walk.lastHash }
  matcher.finish(last.seq)
  const tampering = [...walk.problems, ...headProblems(await readAuditHead(db), last), ...matcher.tampering]
  return {
    ok: tampering.length === 0,
    entries: walk.count,
    firstSeq: 1,
    lastSeq: last.seq,
    tampering,
    cannotCheck: matcher.cannotCheck,
    notes: matcher.notes,
    checkpointsVerified: matcher.verified,
    ...matcher.coverage(last.seq),
  }
}
