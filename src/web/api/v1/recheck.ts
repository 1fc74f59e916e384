/**
 * Oversight re-checks over the JSON API: start a run (managers for their prison, administrators
 * for any scope), its progress, cancel, its findings in triage order, and triage one. Analysts
 * read everything, estate-wide, and change nothing.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Role } from '../../../accounts/roles.js'
import { requireUser } from '../../plugins/access.js'
import { apiRoute } from '../route.js'
import { startRunSchema, toTriageCommand, triageCommandSchema } from '../../../oversight/service/requests.js'
import { TRIAGE_STATUSES } from '../../../oversight/domain/index.js'
import type { LawChange } from '../../../oversight/domain/index.js'

export const RECHECK_READERS: Role[] = ['manager', 'analyst', 'admin']
export const RECHECK_WRITERS: Role[] = ['manager', 'admin']

const runParams = z.object({ runId: z.string().uuid('must be a re-check run id') })
const findingParams = z.object({
  findingId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
const version = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1)

export async function recheckApi(app: FastifyInstance): Promise<void> {
  const { recheck, recheckWorker } = app.services
  const read = { roles: RECHECK_READERS, prison: 'none' } as const
  const write = { roles: RECHECK_WRITERS, prison: 'none' } as const

  apiRoute(app, {
    method: 'GET',
    url: '/recheck/runs',
    access: read,
    tag: 'oversight',
    summary: 'Re-check and law-change runs you may see, newest first',
    handler: async (req) => ({ runs: await recheck.list(requireUser(req)) }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/recheck/runs',
    access: write,
    tag: 'oversight',
    summary: 'Start a re-check (or a law-change run) for a prison, a list of people or the estate',
    body: startRunSchema,
    handler: async (req, { body }, reply) => {
      const run = await recheck.start(requireUser(req), {
        kind: body.kind,
        scope: body.scope,
        ...(body.lawChange ? { lawChange: body.lawChange as LawChange } : {}),
      })
      recheckWorker.kick()
      return reply.status(201).send(run)
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/recheck/runs/:runId',
    access: read,
    tag: 'oversight',
    summary: 'A run: who started it, profile, engine version, progress',
    params: runParams,
    handler: async (req, { params }) => recheck.get(requireUser(req), params.runId),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/recheck/runs/:runId/cancel',
    access: write,
    tag: 'oversight',
    summary: 'Cancel a running run (send the version you read; 409 if it changed)',
    params: runParams,
    body: z.object({ version }),
    handler: async (req, { params, body }) => recheck.cancel(requireUser(req), params.runId, body.version),
  })
  apiRoute(app, {
    method: 'GET',
    url: '/recheck/runs/:runId/findings',
    access: read,
    tag: 'oversight',
    summary: "A run's differences and refusals in your prisons, urgent first",
    params: runParams,
    query: z.object({ prisonId: z.string().max(10).optional(), status: z.enum(TRIAGE_STATUSES).optional() }),
    handler: async (req, { params, query }) => ({
      findings: await recheck.findings(requireUser(req), params.runId, {
        ...(query.prisonId ? { prisonId: query.prisonId } : {}),
        ...(query.status ? { status: query.status } : {}),
      }),
      weekly: await recheck.weekly((await recheck.get(requireUser(req), params.runId)).id),
    }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/recheck/findings/:findingId/triage',
    access: write,
    tag: 'oversight',
    summary: 'Assign, investigate or resolve a finding (recalculate, or record why the date stands)',
    params: findingParams,
    body: z.intersection(triageCommandSchema, z.object({ version })),
    handler: async (req, { params, body }) =>
      recheck.triage(requireUser(req), params.findingId, body.version, toTriageCommand(body)),
  })
}
