/**
 * What the courts need from the release gate (the contract between src/courts and
 * src/release-gate; implemented by src/release-gate/service). Each runs inside the caller's
 * transaction, so a court answer and the hold it creates commit together or not at all.
 * Recalculation marks go through CalculationJourneyService.requireRecalculationIn.
 */
import type { User } from '../../accounts/users.js'
import type { Person } from '../../db/repositories/people.js'
import type { ChangeContext } from '../../db/store.js'

export interface HoldFromCourt {
  kind: 'OUTSTANDING_WARRANT' | 'REMAND_OTHER_MATTER' | 'SENTENCE_OTHER_MATTER' | 'PRODUCTION_ORDER' | 'OTHER'
  /** The issuing court and the warrant or order's own reference. */
  source: string
  reference: string
  /** YYYY-MM-DD: when the warrant or order was made. */
  dated: string
  details: string
  /** The court query it was found by. */
  queryId: string
}

export interface ReleaseGatePort {
  /** Opens a hold at the person's prison: it blocks discharge until positively cleared. */
  openHoldIn(ctx: ChangeContext, user: User, person: Person, hold: HoldFromCourt): Promise<{ holdId: string }>
  /** When the person was last discharged from custody, or null while they are in custody. */
  dischargedAt(ctx: ChangeContext, person: Person): Promise<string | null>
  /**
   * A court change arrived for a person already discharged: the gate opens a possible release in
   * error (or late release) for its reconciliation to confirm or dismiss.
   */
  reportChangeAfterDischargeIn(
    ctx: ChangeContext,
    user: User,
    person: Person,
    change: { changeId: string; court: string; kind: string; receivedAt: string; summary: string },
  ): Promise<void>
}
