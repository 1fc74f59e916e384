/**
 * A re-check worker: claims batches, reads them, runs the engine (in its pool of threads) and
 * applies them, `pool.parallelism` batches at a time, until nothing is left to claim. Any number
 * of these, in any number of processes, share a run on PostgreSQL; on SQLite the service runs one,
 * with worker threads, in its own process.
 */
import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { EnginePool } from './pool.js'
import type { ApplyOutcome, RecheckService } from './recheck-service.js'

export interface WorkerProgress {
  runId: string
  batchNo: number
  outcome: ApplyOutcome
}

export class RecheckWorker {
  readonly id: string
  private timer: NodeJS.Timeout | undefined
  private draining: Promise<number> | undefined

  constructor(
    private readonly service: RecheckService,
    private readonly pool: EnginePool,
    options: { id?: string; onBatch?: (p: WorkerProgress) => void; onError?: (e: unknown) => void } = {},
  ) {
    this.id = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
    this.onBatch = options.onBatch ?? (() => undefined)
    this.onError = options.onError ?? (() => undefined)
  }

  private readonly onBatch: (p: WorkerProgress) => void
  private readonly onError: (e: unknown) => void

  /** Works until no batch (of `runId`, or of any run) can be claimed; returns how many it applied. */
  drain(runId?: string): Promise<number> {
    if (!this.draining)
      this.draining = this.drainNow(runId).finally(() => {
        this.draining = undefined
      })
    return this.draining
  }

  private async drainNow(runId?: string): Promise<number> {
    let applied = 0
    const lane = async () => {
      for (;;) {
        const claim = await this.service.claim(this.id, runId)
        if (!claim) return
        const { work, params } = await this.service.workFor(claim)
        const result = await this.pool.run(work, params)
        const outcome = await this.service.apply(claim, result)
        if (outcome === 'applied') applied++
        this.onBatch({ runId: claim.runId, batchNo: claim.batchNo, outcome })
      }
    }
    await Promise.all(Array.from({ length: this.pool.parallelism }, lane))
    return applied
  }

  /** Looks for work every `seconds` (and whenever `kick` is called) until `stop`. */
  start(seconds: number): void {
    if (seconds <= 0 || this.timer) return
    this.timer = setInterval(() => this.kick(), seconds * 1000)
    this.timer.unref()
  }

  /** Works now, without waiting for the timer (a run was just started); nothing unless started. */
  kick(): void {
    if (!this.timer) return
    this.drain().catch((e) => this.onError(e))
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.draining?.catch(() => undefined)
  }
}
