/**
 * What the board reads from parts that are not its own. Discharges come from the release gate
 * (a discharge is a release); until the gate is wired the service is given `noDischargesRecorded`
 * (src/oversight/board/service/discharges.ts) and rates per 10,000 releases show as not available.
 * The register side of the gate's contract is `RegisterPort` (src/oversight/register/service/ports.ts).
 */

/** Releases (discharges) from one prison in one month. */
export interface DischargeCount {
  /** YYYY-MM */
  month: string
  prisonId: string
  discharges: number
}

export interface DischargesReader {
  /**
   * Discharges per month and prison for months `from`..`to` inclusive (YYYY-MM), for the given
   * prisons (every prison when `prisons` is undefined). Months with none may be left out.
   */
  dischargesByMonth(from: string, to: string, prisons?: readonly string[]): Promise<DischargeCount[]>
}
