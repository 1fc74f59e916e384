/**
 * The releases-in-error register over the JSON API: list and read entries (with the as-at
 * recalculation), record one, import past incidents from CSV (refused whole, each bad row
 * named), and add lessons and actions. Managers for their prisons; analysts read every entry.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  CHANGE_REGISTER,
  READ_REGISTER,
  type RegisterEntry,
} from '../../../oversight/register/domain/index.js'
import { requireUser } from '../../plugins/access.js'
import { apiRoute } from '../route.js'
import { monthSchema } from './board.js'

const entryParams = z.object({ entryId: z.string().uuid('must be a register entry id') })
const listQuery = z.object({
  month: monthSchema.optional(),
  prison: z.string().trim().toUpperCase().min(1).max(10).optional(),
  direction: z.enum(['EARLY', 'LATE']).optional(),
})
const version = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1)

export async function registerApi(app: FastifyInstance): Promise<void> {
  const register = () => app.services.register
  const access = { roles: READ_REGISTER, prison: 'none' } as const
  const change = { roles: CHANGE_REGISTER, prison: 'none' } as const
  const withoutActions = ({ actions: _actions, ...e }: RegisterEntry) => e

  apiRoute(app, {
    method: 'GET',
    url: '/register',
    access,
    tag: 'oversight',
    summary: 'Register entries (releases in error and late releases), newest first',
    query: listQuery,
    handler: async (req, { query }) => ({
      entries: (
        await register().list(requireUser(req), {
          ...(query.month ? { month: query.month } : {}),
          ...(query.prison ? { prisonId: query.prison } : {}),
          ...(query.direction ? { direction: query.direction } : {}),
        })
      ).map(withoutActions),
    }),
  })

  apiRoute(app, {
    method: 'GET',
    url: '/register/:entryId',
    access,
    tag: 'oversight',
    summary:
      'One entry with its lessons and actions, and the as-at recalculation (the engine on the booking as it was at the release and as corrected, beside the date used)',
    params: entryParams,
    handler: async (req, { params }) => {
      const user = requireUser(req)
      const entry = await register().get(user, params.entryId)
      return { ...entry, asAt: (await register().asAt(user, params.entryId)) ?? null }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/register',
    access: change,
    tag: 'oversight',
    summary: 'Record a release in error or a late release for one of your prisons',
    body: z.record(z.string(), z.unknown()),
    handler: async (req, { body }, reply) =>
      reply.status(201).send(await register().record(requireUser(req), body)),
  })

  apiRoute(app, {
    method: 'PUT',
    url: '/register/:entryId',
    access: change,
    tag: 'oversight',
    summary:
      'Correct or complete an entry (every field, as when recording it, plus the version you read); stale → 409',
    params: entryParams,
    body: z.object({ version }).catchall(z.unknown()),
    handler: async (req, { params, body }) => {
      const { version: v, ...fields } = body
      return register().update(requireUser(req), params.entryId, fields, v)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/register/imports',
    access: change,
    tag: 'oversight',
    summary:
      'Import past incidents from CSV (columns: docs/register-csv.md). Any bad row refuses the whole file (422) with each row named; nothing is imported.',
    body: z.object({
      csv: z
        .string()
        .min(1, 'must not be empty')
        .max(5 * 1024 * 1024),
    }),
    handler: async (req, { body }, reply) => {
      const result = await register().importCsv(requireUser(req), body.csv)
      if (!result.ok)
        return reply.status(422).send({
          error: 'The file was not imported: nothing was stored',
          fileProblems: result.fileProblems,
          rows: result.rows,
        })
      return reply.status(201).send(result)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/register/:entryId/actions',
    access: change,
    tag: 'oversight',
    summary: 'Add a lesson, or an action with its owner and due date, to an entry',
    params: entryParams,
    body: z.object({
      version,
      kind: z.enum(['LESSON', 'ACTION']),
      text: z.string().max(2000),
      owner: z.string().max(200).optional(),
      dueOn: z.string().max(10).optional(),
    }),
    handler: async (req, { params, body }, reply) => {
      const { version: v, ...action } = body
      return reply.status(201).send(await register().addAction(requireUser(req), params.entryId, action, v))
    },
  })
}
