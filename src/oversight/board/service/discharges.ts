/**
 * Discharges until the release gate is wired. The gate records every discharge; the coordinator
 * replaces this with the gate's reader (an implementation of `DischargesReader`, counting its
 * discharges per prison and month) in src/web/app.ts. Until then no releases are recorded, so
 * every rate per 10,000 releases shows as "not available" rather than a made-up figure.
 */
import type { DischargesReader } from '../domain/ports.js'

export const noDischargesRecorded: DischargesReader = {
  dischargesByMonth: async () => [],
}
