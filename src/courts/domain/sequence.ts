/**
 * Court message sequencing: each court numbers its messages 1, 2, 3…; a repeat of a number
 * already accepted with the same content is the same message (applied once), with different
 * content it is refused; a number never received below the highest one is a gap, shown until it
 * arrives. Pure.
 */
export type MessageReceipt = { kind: 'NEW' } | { kind: 'REPEAT' } | { kind: 'CONFLICT'; message: string }

export function classifyMessage(
  court: string,
  sequence: number,
  contentHash: string,
  existing: { contentHash: string } | undefined,
): MessageReceipt {
  if (existing === undefined) return { kind: 'NEW' }
  if (existing.contentHash === contentHash) return { kind: 'REPEAT' }
  return {
    kind: 'CONFLICT',
    message: `Message ${sequence} from court ${court} was already received with different content. Send new content with the next sequence number.`,
  }
}

export interface MissingRange {
  from: number
  to: number
}

/** The numbers missing below the highest received (sorted, distinct input). */
export function missingRanges(sequences: readonly number[]): MissingRange[] {
  const out: MissingRange[] = []
  let expected = 1
  for (const n of sequences) {
    if (n > expected) out.push({ from: expected, to: n - 1 })
    if (n >= expected) expected = n + 1
  }
  return out
}

/** "message 4 from Leeds Crown Court missing", "messages 4 to 6 from Leeds Crown Court missing". */
export function describeGap(range: MissingRange, courtName: string): string {
  return range.from === range.to
    ? `Message ${range.from} from ${courtName} missing`
    : `Messages ${range.from} to ${range.to} from ${courtName} missing`
}
