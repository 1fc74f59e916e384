/**
 * The Justice Performance Board's figures over the JSON API: the month's figures, the twelve
 * months before, by prison and root cause, and the live leading indicators. Read-only; managers
 * get their prisons, analysts any prison or the whole estate.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { READ_BOARD } from '../../../oversight/board/domain/index.js'
import { requireUser } from '../../plugins/access.js'
import { apiRoute } from '../route.js'

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month in the form YYYY-MM')
  .refine((m) => m >= '1900-01' && m <= '2200-12', 'must be between 1900-01 and 2200-12')
export const boardQuery = z.object({
  month: monthSchema.optional(),
  prison: z.string().trim().toUpperCase().min(1).max(10).optional(),
})

export async function boardApi(app: FastifyInstance): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/board',
    access: { roles: READ_BOARD, prison: 'none' },
    tag: 'oversight',
    summary:
      "The board's figures for a month (default: last month): releases in error and late releases, rates per 10,000 releases, by prison and root cause, the twelve months before, and live leading indicators",
    query: boardQuery,
    handler: async (req, { query }) => {
      const board = app.services.board
      return board.pack(requireUser(req).caseload, query.month ?? board.lastMonth(), query.prison)
    },
  })
}
