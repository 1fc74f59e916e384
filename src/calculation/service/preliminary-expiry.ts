/**
 * Runs the expiry of preliminary results never confirmed (`expirePreliminaries`) on a timer:
 * unref'd so it never keeps the process alive, one pass at a time, stopped when the app closes.
 * Tests call `runOnce()` or the service directly.
 */
import type { CalculationJourneyService } from './journey-service.js'

export class PreliminaryExpiry {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<number | undefined> | undefined

  constructor(
    private readonly journey: CalculationJourneyService,
    private readonly retentionDays: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  start(intervalSeconds: number): void {
    if (intervalSeconds <= 0 || this.timer) return
    this.timer = setInterval(() => void this.runOnce(), intervalSeconds * 1000)
    this.timer.unref()
  }

  /** One pass; undefined when a pass is already running or this one failed (reported). */
  async runOnce(): Promise<number | undefined> {
    if (this.running) return undefined
    this.running = this.journey.expirePreliminaries(this.retentionDays).catch((e: unknown) => {
      this.onError(e)
      return undefined
    })
    try {
      return await this.running
    } finally {
      this.running = undefined
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}
