/**
 * The courts hotline over the JSON API: courts (reference data), queries from prison to court
 * and their answers, court orders recorded, confirmed with the judge and sent to the holding
 * prison, acknowledged and applied there, the numbered messages court systems send (repeats
 * applied once, gaps shown), transfers between prisons, and the court facts the release gate
 * reads. The same deciders and access checks as the pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ADMINISTER, READ_PEOPLE, ROLES, isCourtUser } from '../../../accounts/roles.js'
import type { User } from '../../../accounts/users.js'
import { prisonNumberSchema } from '../../../db/repositories/people.js'
import { transferSchema } from '../../../db/repositories/transfers.js'
import { sentenceSchema } from '../../../engine/input/reference-booking.js'
import { recordDate } from '../../../boundary/dates.js'
import {
  ACKNOWLEDGE,
  ANSWER_OUTCOMES,
  APPLY_TO_RECORD,
  COURT_QUERY_KINDS,
  COURT_WORK,
  HOLD_KINDS,
  HOTLINE_READERS,
  JUDGE_CONFIRMATION_METHODS,
  ORDER_KINDS,
  RAISE_QUERY,
  TRANSFER,
  answerableBy,
  isAcknowledgementOverdue,
  isOverdue,
  pendingCourts,
  sendProblems,
  timeLeft,
  type CourtOrder,
  type CourtQuery,
} from '../../../courts/domain/index.js'
import { courtActorOf, courtSchema, courtUpdateSchema } from '../../../courts/service/courts-service.js'
import { requirePerson, requireUser } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { apiRoute } from '../route.js'
import { actorOf } from './index.js'
import { ID, orHttpError, visibleOrder, visibleQuery } from '../../journeys/court-queries/shared.js'

const version = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1)
const id = z.string().regex(ID, 'must be an id (a UUID)')
const personParams = z.object({ prisonNumber: prisonNumberSchema })
const queryParams = z.object({ queryId: id })
const orderParams = z.object({ orderId: id })
const courtParams = z.object({
  courtCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,10}$/, 'must be a court code'),
})
const instant = z.iso.datetime({
  offset: true,
  message: 'must be a date and time such as 2025-06-02T10:15:00Z',
})
const courtCodes = z
  .array(z.string().trim().toUpperCase().min(1).max(10))
  .min(1, 'must name at least one court')
  .max(20)

export const raiseQuerySchema = z.object({
  kind: z.enum(COURT_QUERY_KINDS),
  courts: courtCodes,
  caseReference: z.string().trim().max(100).nullish(),
  sentence: z.string().trim().max(500).nullish(),
  releaseDate: recordDate.nullish(),
  question: z.string().trim().min(3, 'must say what the court should check').max(2000),
})
const warrantSchema = z.object({
  kind: z.enum(HOLD_KINDS),
  issuingCourt: z.string().trim().min(2).max(200),
  reference: z.string().trim().min(1).max(100),
  dated: recordDate,
})
const answerSchema = z.object({
  version,
  court: z.string().trim().toUpperCase().max(10).nullish(),
  outcome: z.enum(ANSWER_OUTCOMES),
  details: z.string().trim().max(2000).default(''),
  warrant: warrantSchema.nullish(),
  changeCaseReference: z.string().trim().max(100).nullish(),
})
const orderSchema = z.object({
  prisonNumber: prisonNumberSchema,
  dateOfBirth: recordDate,
  court: z.string().trim().toUpperCase().min(1).max(10),
  kind: z.enum(ORDER_KINDS),
  caseReference: z.string().trim().min(1).max(100),
  orderDate: recordDate,
  orderedAt: instant.nullish(),
  notes: z.string().trim().max(2000).nullish(),
})
const lineSchema = z.object({
  lineSequence: z.number().int().min(1).max(10000),
  /** The sentence in the reference booking format (null for a quashed line). */
  sentence: sentenceSchema.nullable(),
})
const judgeSchema = z.object({
  judgeName: z.string().trim().min(2).max(200),
  confirmedAt: instant,
  method: z.enum(JUDGE_CONFIRMATION_METHODS),
})
const messageSchema = z.object({
  sequence: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  type: z.literal('ORDER'),
  order: orderSchema.extend({
    lines: z.array(lineSchema).max(100),
    judgeConfirmation: judgeSchema,
  }),
})

function queryJson(q: CourtQuery, user: User, now: string) {
  const left = timeLeft(q.dueBy, now)
  return {
    ...q,
    overdue: isOverdue(q, now),
    timeLeft: q.status === 'OPEN' ? left.text : null,
    pendingCourts: pendingCourts(q),
    youMayAnswerFor: answerableBy(q, courtActorOf(user)),
  }
}

function orderJson(o: CourtOrder, now: string) {
  return {
    ...o,
    overdue: isAcknowledgementOverdue(o, now),
    timeLeft: o.status === 'SENT' && o.dueBy ? timeLeft(o.dueBy, now).text : null,
    missingBeforeSending: o.status === 'DRAFT' ? sendProblems(o).map((p) => p.message) : [],
  }
}

export async function courtsApi(app: FastifyInstance): Promise<void> {
  const { courts, transfers } = app.services
  const now = () => courts.nowIso()
  const allRoles = { roles: ROLES, prison: 'none' } as const
  const readers = { roles: HOTLINE_READERS, prison: 'none' } as const
  const courtWork = { roles: COURT_WORK, prison: 'none' } as const
  const admin = { roles: ADMINISTER, prison: 'none' } as const

  // --- courts ------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/courts',
    access: allRoles,
    tag: 'courts',
    summary: 'Courts (reference data): code, name, kind, region',
    handler: async () => ({ courts: await courts.listCourts({ includeInactive: true }) }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/courts',
    access: admin,
    tag: 'courts',
    summary: 'Add a court (court cases already recorded with its name are linked to it)',
    body: courtSchema,
    handler: async (req, { body }, reply) =>
      reply.status(201).send(await courts.createCourt(actorOf(req), body)),
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/courts/:courtCode',
    access: admin,
    tag: 'courts',
    summary: 'Change a court (send the version you read; 409 if it changed)',
    params: courtParams,
    body: courtUpdateSchema,
    handler: async (req, { params, body }) => courts.updateCourt(actorOf(req), params.courtCode, body),
  })

  // --- queries -----------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/court-queries',
    access: readers,
    tag: 'court queries',
    summary:
      'Court staff: the queue for your courts, soonest deadline first. Prison staff: the queries from your prisons',
    query: z.object({ status: z.enum(['OPEN', 'ANSWERED']).default('OPEN') }),
    handler: async (req, { query }) => {
      const user = requireUser(req)
      const items = isCourtUser(user)
        ? await courts.queueFor(user, { status: query.status })
        : (await courts.queriesForPrisons(user.caseload.prisons)).filter(
            (i) => i.query.status === query.status,
          )
      return { queries: items.map((i) => ({ ...queryJson(i.query, user, now()), person: i.person })) }
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/court-queries',
    access: { roles: RAISE_QUERY, prison: 'person' },
    tag: 'court queries',
    summary: 'Raise a query with the court(s), or with all courts (["ALL"]: the national warrant query unit)',
    params: personParams,
    body: raiseQuerySchema,
    handler: async (req, { body }, reply) => {
      const user = requireUser(req)
      const q = await orHttpError(() => courts.raiseQuery(user, requirePerson(req), body))
      return reply.status(201).send(queryJson(q, user, now()))
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/court-queries',
    access: { roles: READ_PEOPLE, prison: 'person' },
    tag: 'court queries',
    summary: "The person's queries with the courts, newest first",
    params: personParams,
    handler: async (req) => {
      const user = requireUser(req)
      const list = await courts.queriesForPerson(requirePerson(req).id)
      const court = courtActorOf(user)
      return {
        queries: list
          .filter(
            (q) => !isCourtUser(user) || court.estateWide || q.courts.some((c) => court.courts.includes(c)),
          )
          .map((q) => queryJson(q, user, now())),
      }
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/court-queries/:queryId',
    access: readers,
    tag: 'court queries',
    summary: 'One query with every message and answer',
    params: queryParams,
    handler: async (req, { params }) =>
      queryJson((await visibleQuery(courts, req, params.queryId)).query, requireUser(req), now()),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-queries/:queryId/messages',
    access: readers,
    tag: 'court queries',
    summary: 'Write on a query: the prison replies, the court asks back (send the version you read)',
    params: queryParams,
    body: z.object({ version, text: z.string().trim().min(1, 'must not be empty').max(2000) }),
    handler: async (req, { params, body }, reply) => {
      await visibleQuery(courts, req, params.queryId)
      const user = requireUser(req)
      const q = await orHttpError(() =>
        courts.postQueryMessage(user, params.queryId, body.text, body.version),
      )
      return reply.status(201).send(queryJson(q, user, now()))
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-queries/:queryId/answer',
    access: courtWork,
    tag: 'court queries',
    summary:
      'Answer for one of your courts: NO_OUTSTANDING; WARRANT_OR_ORDER_EXISTS (with the warrant: opens a hold at the prison); RECORD_WRONG (opens a draft court change)',
    params: queryParams,
    body: answerSchema,
    handler: async (req, { params, body }) => {
      await visibleQuery(courts, req, params.queryId)
      const user = requireUser(req)
      const { version: v, ...answer } = body
      const result = await orHttpError(() => courts.answerQuery(user, params.queryId, answer, v))
      return { ...queryJson(result.query, user, now()), holdId: result.holdId, changeId: result.changeId }
    },
  })

  // --- orders and changes ------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/court-orders',
    access: readers,
    tag: 'court orders',
    summary:
      "Prison staff: your court changes inbox (waiting, or done). Court staff: your courts' drafts, or what they sent",
    query: z.object({ view: z.enum(['waiting', 'done', 'drafts', 'sent']).optional() }),
    handler: async (req, { query }) => {
      const user = requireUser(req)
      const items = isCourtUser(user)
        ? await courts.ordersAtCourts(user, { drafts: (query.view ?? 'drafts') === 'drafts' })
        : await courts.inboxFor(user.caseload.estateWide ? 'ALL' : user.caseload.prisons, {
            status: query.view === 'done' ? 'DONE' : 'WAITING',
          })
      return { orders: items.map((i) => ({ ...orderJson(i.order, now()), person: i.person })) }
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders',
    access: courtWork,
    tag: 'court orders',
    summary:
      'Record a court order or a late change as a draft (the prison number and date of birth must both match the person)',
    body: orderSchema,
    handler: async (req, { body }, reply) =>
      reply
        .status(201)
        .send(orderJson(await orHttpError(() => courts.recordOrder(requireUser(req), body)), now())),
  })
  apiRoute(app, {
    method: 'GET',
    url: '/court-orders/:orderId',
    access: readers,
    tag: 'court orders',
    summary: "One order or change, with the prison's record beside it field by field",
    params: orderParams,
    handler: async (req, { params }) => {
      const { order } = await visibleOrder(courts, req, params.orderId)
      const comparison = await courts.comparison(order)
      return {
        ...orderJson(order, now()),
        holdingPrisonId: comparison.person.prisonId,
        bookingVersion: comparison.bookingVersion,
        comparison: comparison.lines.map((l) => ({
          ...l,
          match: l.match && { id: l.match.id, identifier: l.match.identifier },
        })),
      }
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders/:orderId/lines',
    access: courtWork,
    tag: 'court orders',
    summary:
      'Add or replace a line of a draft order (the same sentence fields and checks as the prison records)',
    params: orderParams,
    body: lineSchema.extend({ version }),
    handler: async (req, { params, body }) => {
      await visibleOrder(courts, req, params.orderId)
      const { version: v, ...line } = body
      return orderJson(
        await orHttpError(() => courts.saveOrderLine(requireUser(req), params.orderId, line, v)),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'DELETE',
    url: '/court-orders/:orderId/lines/:lineSequence',
    access: courtWork,
    tag: 'court orders',
    summary: 'Remove a line from a draft order (?version= the version you read)',
    params: orderParams.extend({ lineSequence: z.coerce.number().int().min(1).max(10000) }),
    query: z.object({
      version: z.coerce
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    handler: async (req, { params, query }) => {
      await visibleOrder(courts, req, params.orderId)
      return orderJson(
        await orHttpError(() =>
          courts.removeOrderLine(requireUser(req), params.orderId, params.lineSequence, query.version),
        ),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders/:orderId/judge-confirmation',
    access: courtWork,
    tag: 'court orders',
    summary:
      'Record that the judge confirmed the order (who, when, how); any later change needs confirming again',
    params: orderParams,
    body: judgeSchema.extend({ version }),
    handler: async (req, { params, body }) => {
      await visibleOrder(courts, req, params.orderId)
      const { version: v, ...input } = body
      return orderJson(
        await orHttpError(() => courts.confirmWithJudge(requireUser(req), params.orderId, input, v)),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders/:orderId/send',
    access: courtWork,
    tag: 'court orders',
    summary: "Finalise and send to the person's holding prison (refused until confirmed with the judge)",
    params: orderParams,
    body: z.object({ version }),
    handler: async (req, { params, body }) => {
      await visibleOrder(courts, req, params.orderId)
      return orderJson(
        await orHttpError(() => courts.sendOrder(requireUser(req), params.orderId, body.version)),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders/:orderId/acknowledge',
    access: { roles: ACKNOWLEDGE, prison: 'none' },
    tag: 'court orders',
    summary: "Acknowledge at the holding prison: marks the person's current dates recalculation required",
    params: orderParams,
    body: z.object({ version }),
    handler: async (req, { params, body }) => {
      await visibleOrder(courts, req, params.orderId)
      return orderJson(
        await orHttpError(() => courts.acknowledgeOrder(requireUser(req), params.orderId, body.version)),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'POST',
    url: '/court-orders/:orderId/apply',
    access: { roles: APPLY_TO_RECORD, prison: 'none' },
    tag: 'court orders',
    summary:
      "Apply the order to the prison's record (send the order's version and the bookingVersion you compared against)",
    params: orderParams,
    body: z.object({ version, bookingVersion: version }),
    handler: async (req, { params, body }) => {
      await visibleOrder(courts, req, params.orderId)
      return orderJson(
        await orHttpError(() =>
          courts.applyOrder(requireUser(req), params.orderId, body.version, body.bookingVersion),
        ),
        now(),
      )
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/court-orders',
    access: { roles: READ_PEOPLE, prison: 'person' },
    tag: 'court orders',
    summary: 'Every order and change received for the person, and whether each was acknowledged',
    params: personParams,
    handler: async (req) => {
      const user = requireUser(req)
      const court = isCourtUser(user)
      const list = await courts.ordersForPerson(requirePerson(req).id, { includeDrafts: court })
      return {
        orders: list
          .filter((o) => !court || user.caseload.estateWide || (user.caseload.courts ?? []).includes(o.court))
          .map((o) => orderJson(o, now())),
      }
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/court-facts',
    access: { roles: READ_PEOPLE, prison: 'person' },
    tag: 'court orders',
    summary:
      'What the release gate reads from the courts: open queries, the warrant check, unacknowledged changes',
    params: personParams,
    handler: async (req) => courts.factsForRelease(requirePerson(req).id, now()),
  })

  // --- court systems -----------------------------------------------------------------------
  const worksAt = (req: FastifyRequest, court: string) => {
    const user = requireUser(req)
    if (!user.caseload.estateWide && !(user.caseload.courts ?? []).includes(court))
      throw new HttpError(403, `You do not work at court ${court}`)
    return user
  }
  apiRoute(app, {
    method: 'POST',
    url: '/courts/:courtCode/messages',
    access: courtWork,
    tag: 'court systems',
    summary:
      "A court system's numbered message: an order or change, confirmed with the judge, sent to the holding prison. 201 once stored; 200 for a repeat (applied once)",
    params: courtParams,
    body: messageSchema,
    handler: async (req, { params, body }, reply) => {
      const user = worksAt(req, params.courtCode)
      const receipt = await orHttpError(() => courts.receiveMessage(user, params.courtCode, body))
      return reply.status(receipt.status).send(receipt.body)
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/courts/:courtCode/messages',
    access: courtWork,
    tag: 'court systems',
    summary: 'The messages received from a court, newest first, and any missing sequence numbers',
    params: courtParams,
    handler: async (req, { params }) => {
      worksAt(req, params.courtCode)
      return {
        messages: await courts.messagesFrom(params.courtCode),
        missing: await courts.messageGaps(params.courtCode),
      }
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/court-message-gaps',
    access: { roles: [...HOTLINE_READERS, 'admin'], prison: 'none' },
    tag: 'court systems',
    summary: 'Every "message N from court X missing", until it arrives',
    handler: async () => ({ missing: await courts.messageGaps() }),
  })

  // --- transfers ---------------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/transfers',
    access: { roles: TRANSFER, prison: 'person' },
    tag: 'people',
    summary:
      "Move the person to another prison (send the person's version you read); court changes follow them",
    params: personParams,
    body: transferSchema,
    handler: async (req, { body }, reply) =>
      reply.status(201).send(await transfers.transfer(actorOf(req), requirePerson(req), body)),
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/transfers',
    access: { roles: READ_PEOPLE, prison: 'person' },
    tag: 'people',
    summary: "The person's moves between prisons, newest first",
    params: personParams,
    handler: async (req) => ({ transfers: await transfers.history(requirePerson(req)) }),
  })
}
