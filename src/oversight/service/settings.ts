/** Re-check settings from the environment (checked at start-up). */
import { availableParallelism } from 'node:os'
import { z } from 'zod'

export interface RecheckSettings {
  /** Engine worker threads in each worker (0: on the calling thread). */
  threads: number
  /** People per batch. */
  batchSize: number
  /** A claimed batch not applied within this is given to another worker. */
  leaseSeconds: number
  /** How often the service's own worker looks for work; 0: it does none (separate workers only). */
  pollSeconds: number
}

const envSchema = z.object({
  RECHECK_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  RECHECK_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  RECHECK_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RECHECK_POLL_SECONDS: z.coerce.number().min(0).max(3600).optional(),
})

export function loadRecheckSettings(env: Record<string, string | undefined> = process.env): RecheckSettings {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success)
    throw new Error(
      `Configuration error: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  const e = parsed.data
  return {
    threads: e.RECHECK_THREADS ?? Math.min(2, Math.max(1, availableParallelism() - 1)),
    batchSize: e.RECHECK_BATCH_SIZE,
    leaseSeconds: e.RECHECK_LEASE_SECONDS,
    // Tests drive the workers themselves.
    pollSeconds: e.RECHECK_POLL_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 5),
  }
}
