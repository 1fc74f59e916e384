/**
 * What the release gate reads from the courts about one person (the contract between
 * src/courts and src/release-gate). The courts own these facts; the gate turns them into
 * blockers: an open query, a warrant check not answered today, an unacknowledged court change,
 * an immediate-release order. Fields may be added; none removed without changing both sides.
 */

/** A query raised by the prison about this person that the court has not yet answered. */
export interface OpenCourtQuery {
  id: string
  kind: CourtQueryKind
  /** Court codes asked, or ['ALL'] for the national warrant query unit. */
  courts: string[]
  raisedAt: string
  /** When the answer is due under its SLA (ISO instant). */
  dueBy: string
  /** Past its SLA. */
  overdue: boolean
}

export const COURT_QUERY_KINDS = [
  'OUTSTANDING_WARRANTS',
  'ORDER_FINAL_AND_CORRECT',
  'MISSING_WARRANT_OR_ORDER',
  'RESULT_DIFFERS',
  'OTHER',
] as const
export type CourtQueryKind = (typeof COURT_QUERY_KINDS)[number]

/** The court's answer to the newest outstanding-warrants query. */
export interface WarrantCheckAnswer {
  queryId: string
  answeredAt: string
  answeredBy: string
  outcome: 'NO_OUTSTANDING' | 'WARRANT_OR_ORDER_EXISTS' | 'RECORD_WRONG'
}

/** An order or change received for this person that the prison has not acknowledged. */
export interface UnacknowledgedCourtChange {
  id: string
  court: string
  kind: string
  receivedAt: string
  dueBy: string
  overdue: boolean
}

export interface CourtFactsForRelease {
  openQueries: OpenCourtQuery[]
  /** The newest answered OUTSTANDING_WARRANTS query, or null if none was ever answered. */
  latestWarrantCheck: WarrantCheckAnswer | null
  unacknowledgedChanges: UnacknowledgedCourtChange[]
  /** An immediate-release order not yet acted on: the person is due out from `orderedAt`. */
  immediateRelease: { changeId: string; court: string; orderedAt: string } | null
}

/** How the gate asks (implemented by src/courts/service). */
export interface CourtFactsReader {
  factsForRelease(personId: number, at: string): Promise<CourtFactsForRelease>
}
