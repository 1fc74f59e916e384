/**
 * Prometheus metrics at /metrics: request counts and durations by route (never by URL). Who may
 * read them is configuration (METRICS_TOKEN, METRICS_ALLOW): open in development when neither is
 * set, off in production when neither is set.
 */
import { BlockList, isIP } from 'node:net'
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Config } from '../../config.js'
import { HttpError } from './errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The /metrics registry, for the parts that add their own gauges. */
    metricsRegistry: Registry
  }
}

/** The client addresses in `entries` (IPs or CIDR ranges) as a matcher. */
export function addressMatcher(entries: string[]): (address: string) => boolean {
  const list = new BlockList()
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined]
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return (raw) => {
    // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d.
    const address = raw.startsWith('::ffff:') && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw
    const family = isIP(address)
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/** Throws unless the request may read the metrics. */
function metricsGuard(access: Config['metrics']): (req: FastifyRequest) => void {
  const allowed = access.allow.length > 0 ? addressMatcher(access.allow) : undefined
  const token = access.token === undefined ? undefined : digest(access.token)
  return (req) => {
    if (access.mode === 'open') return
    // Off looks like no such page: nothing about the service is given away.
    if (access.mode === 'off') throw new HttpError(404, 'Not found')
    if (allowed && !allowed(req.ip)) throw new HttpError(403, 'Metrics are not available from this address')
    if (token) {
      const header = req.headers.authorization ?? ''
      const sent = header.startsWith('Bearer ') ? digest(header.slice(7).trim()) : undefined
      if (!sent || !timingSafeEqual(sent, token))
        throw new HttpError(401, 'Send the metrics bearer token in the Authorization header')
    }
  }
}

export function metricsPlugin(app: FastifyInstance, access: Config['metrics']): void {
  const guard = metricsGuard(access)
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
  // Not a user route (no sign-in, no caseload): the scraper is let in by configuration instead.
  app.get('/metrics', { config: { access: { roles: 'public' } } }, async (req, reply) => {
    guard(req)
    reply.type(registry.contentType)
    return registry.metrics()
  })
}
