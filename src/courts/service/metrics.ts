/** The hotline in /metrics: open and overdue queries, unacknowledged changes, escalations, gaps. */
import { Counter, Gauge, type Registry } from 'prom-client'
import type { CourtsService } from './courts-service.js'

export function courtMetrics(registry: Registry, courts: () => CourtsService) {
  const escalations = new Counter({
    name: 'saferelease_court_escalations_total',
    help: 'Court queries and court orders escalated past their deadline',
    labelNames: ['kind'],
    registers: [registry],
  })
  let snapshot: Promise<Awaited<ReturnType<CourtsService['counts']>>> | undefined
  // One read of the counts per scrape, shared by the gauges below.
  const read = () =>
    (snapshot ??= courts()
      .counts()
      .finally(() => setTimeout(() => (snapshot = undefined), 0)))
  const gauge = (
    name: string,
    help: string,
    pick: (c: Awaited<ReturnType<CourtsService['counts']>>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read()))
      },
    })
  new Gauge({
    name: 'saferelease_court_queries_open',
    help: 'Court queries waiting for an answer, by urgency',
    labelNames: ['urgency'],
    registers: [registry],
    async collect() {
      const c = await read()
      for (const urgency of ['URGENT', 'HIGH', 'STANDARD']) this.set({ urgency }, c.openQueries[urgency] ?? 0)
    },
  })
  gauge(
    'saferelease_court_queries_overdue',
    'Court queries past their answer deadline',
    (c) => c.overdueQueries,
  )
  gauge(
    'saferelease_court_queries_escalated',
    'Open court queries that have been escalated',
    (c) => c.escalatedQueries,
  )
  gauge(
    'saferelease_court_changes_unacknowledged',
    'Court orders and changes sent to a prison and not yet acknowledged',
    (c) => c.unacknowledgedOrders,
  )
  gauge(
    'saferelease_court_changes_overdue',
    'Court orders and changes past their acknowledgement deadline',
    (c) => c.overdueOrders,
  )
  gauge(
    'saferelease_court_message_gaps',
    'Court messages missing below the highest sequence number received',
    (c) => c.messageGaps,
  )
  return { escalated: (kind: 'query' | 'order') => escalations.inc({ kind }) }
}
