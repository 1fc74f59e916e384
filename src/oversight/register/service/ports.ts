/**
 * What other parts call to write to the register. The release gate's reconciliation calls
 * `recordFromReconciliationIn` inside its own transaction when a possible release in error (or a
 * late release) is confirmed, so the confirmation and the register entry commit together.
 */
import type { ChangeContext } from '../../../db/store.js'
import type { HowFound, RootCause } from '../domain/index.js'
import type { RegisterEntry } from '../domain/index.js'

export interface ReconciledError {
  /** The gate's own id for the possible release in error: the entry is recorded once per id. */
  gateReference: string
  prisonNumber: string
  direction: 'EARLY' | 'LATE'
  /** The day the person was discharged. */
  releasedOn: string
  /** The date they should have been released on, when known. */
  correctReleaseDate?: string
  /** Days in error; derived from the two dates when not given. */
  days?: number
  howFound?: HowFound
  /** When the reconciliation found it (ISO instant). */
  detectedAt: string
  policeNotifiedAt?: string
  backInCustodyOn?: string
  rootCauses: RootCause[]
  summary?: string
}

export interface RegisterPort {
  /** Records the entry (or returns the one already recorded for `gateReference`). */
  recordFromReconciliationIn(
    ctx: ChangeContext,
    actor: { username: string },
    error: ReconciledError,
  ): Promise<RegisterEntry>
}
