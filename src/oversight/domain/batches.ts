/** Splitting a run's people into batches (the unit a worker claims and applies once). Pure. */
export const DEFAULT_BATCH_SIZE = 500

export function splitIntoBatches<T>(items: readonly T[], size = DEFAULT_BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer')
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export type RunStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLED'
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
}

/** Whole percent done, never 100 until every batch is applied. */
export function percentDone(applied: number, total: number): number {
  if (total === 0) return 100
  const p = Math.floor((applied / total) * 100)
  return applied < total ? Math.min(p, 99) : 100
}
