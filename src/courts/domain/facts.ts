/**
 * What the release gate reads from the courts about one person (release-facts.ts), built from
 * the person's queries and orders. Pure.
 */
import { Instant } from '@js-joda/core'
import type { CourtOrder } from './order.js'
import { isAcknowledgementOverdue } from './order.js'
import type { CourtQuery } from './query.js'
import { combinedOutcome, isOverdue } from './query.js'
import type { CourtFactsForRelease, WarrantCheckAnswer } from './release-facts.js'

const later = (a: string, b: string) => Instant.parse(a).isAfter(Instant.parse(b))

export function courtFactsFor(
  queries: readonly CourtQuery[],
  orders: readonly CourtOrder[],
  at: string,
  /** When the person was last discharged, or null while in custody. */
  dischargedAt: string | null,
): CourtFactsForRelease {
  const openQueries = queries
    .filter((q) => q.status === 'OPEN')
    .sort((a, b) => (later(a.dueBy, b.dueBy) ? 1 : -1))
    .map((q) => ({
      id: q.id,
      kind: q.kind,
      courts: q.courts,
      raisedAt: q.raisedAt,
      dueBy: q.dueBy,
      overdue: isOverdue(q, at),
    }))

  let latestWarrantCheck: WarrantCheckAnswer | null = null
  for (const q of queries) {
    if (q.kind !== 'OUTSTANDING_WARRANTS' || q.status !== 'ANSWERED' || q.answeredAt === null) continue
    if (latestWarrantCheck && !later(q.answeredAt, latestWarrantCheck.answeredAt)) continue
    const last = q.answers[q.answers.length - 1]!
    latestWarrantCheck = {
      queryId: q.id,
      answeredAt: q.answeredAt,
      answeredBy: last.by,
      outcome: combinedOutcome(q.answers)!,
    }
  }

  const unacknowledgedChanges = orders
    .filter((o) => o.status === 'SENT' && o.sentAt !== null)
    .map((o) => ({
      id: o.id,
      court: o.court,
      kind: o.kind,
      receivedAt: o.sentAt!,
      dueBy: o.dueBy!,
      overdue: isAcknowledgementOverdue(o, at),
    }))

  // The newest immediate-release order the person has not yet been discharged under.
  let immediateRelease: CourtFactsForRelease['immediateRelease'] = null
  for (const o of orders) {
    if (o.kind !== 'IMMEDIATE_RELEASE' || o.status === 'DRAFT' || o.orderedAt === null) continue
    if (dischargedAt !== null && !later(o.orderedAt, dischargedAt)) continue
    if (immediateRelease && !later(o.orderedAt, immediateRelease.orderedAt)) continue
    immediateRelease = { changeId: o.id, court: o.court, orderedAt: o.orderedAt }
  }

  return { openQueries, latestWarrantCheck, unacknowledgedChanges, immediateRelease }
}
