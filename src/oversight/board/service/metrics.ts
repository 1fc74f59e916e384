/**
 * The board's live indicators in /metrics, estate-wide. Reading them parses every current
 * calculation's dates, so one read serves every scrape for `maxAgeMs` (they move slowly).
 */
import { Gauge, type Registry } from 'prom-client'
import type { BoardService } from './board-service.js'
import type { LiveIndicators } from '../domain/figures.js'

export function boardMetrics(registry: Registry, board: () => BoardService, maxAgeMs = 60_000): void {
  let snapshot: { at: number; value: Promise<LiveIndicators> } | undefined
  const read = () => {
    const now = Date.now()
    if (!snapshot || now - snapshot.at > maxAgeMs) {
      const value = board().live()
      // A failed read is not kept: the next scrape tries again.
      value.catch(() => (snapshot = undefined))
      snapshot = { at: now, value }
    }
    return snapshot.value
  }
  const gauge = (name: string, help: string, pick: (l: LiveIndicators) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read()))
      },
    })
  gauge(
    'saferelease_board_releases_next_14_days',
    'People whose confirmed release date is in the next 14 days',
    (l) => l.releasesNext14Days,
  )
  gauge(
    'saferelease_board_releases_next_14_days_unverified',
    'People due for release in the next 14 days whose calculation is not verified by a second check',
    (l) => l.releasesNext14DaysWithoutVerifiedCalculation,
  )
  gauge(
    'saferelease_board_court_queries_past_sla',
    'Court queries still open past their answer deadline',
    (l) => l.courtQueriesPastSla,
  )
  gauge(
    'saferelease_board_court_changes_past_deadline',
    'Court orders and changes not acknowledged by the prison past their deadline',
    (l) => l.courtChangesUnacknowledgedPastDeadline,
  )
}
