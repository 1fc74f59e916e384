/** Prometheus metrics at /metrics: request counts and durations by route (never by URL). */
import type { FastifyInstance } from 'fastify'
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** The /metrics registry, for the parts that add their own gauges. */
    metricsRegistry: Registry
  }
}

export function metricsPlugin(app: FastifyInstance): void {
  const registry = new Registry()
  app.decorate('metricsRegistry', registry)
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'saferelease_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'saferelease_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    requests.inc({ method: req.method, route, status: String(reply.statusCode) })
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000)
  })
  app.get('/metrics', { config: { access: { roles: 'public' } } }, async (_req, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
}
