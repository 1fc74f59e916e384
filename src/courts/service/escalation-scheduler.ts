/**
 * Runs the escalation pass on a timer: unref'd (it never keeps the process alive), one pass at a
 * time, stopped when the app closes. The pass reads the app's clock, so tests call
 * `runOnce()` (or `CourtsService.runEscalations`) directly instead of waiting.
 */
import type { CourtsService } from './courts-service.js'

export class EscalationScheduler {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined

  constructor(
    private readonly courts: CourtsService,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(intervalSeconds: number): void {
    if (intervalSeconds <= 0 || this.timer) return
    this.timer = setInterval(() => void this.runOnce(), intervalSeconds * 1000)
    this.timer.unref()
  }

  async runOnce(): Promise<{ queries: number; orders: number } | undefined> {
    if (this.running) return undefined
    const run = this.courts.runEscalations()
    this.running = run
    try {
      return await run
    } catch (e) {
      this.onError(e)
      return undefined
    } finally {
      this.running = undefined
    }
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}
