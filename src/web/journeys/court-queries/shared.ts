/**
 * What the hotline's pages and its JSON API share: who may see a query or an order (checked on
 * the server for every request, beyond the route's roles), refusals as HTTP errors, and labels.
 */
import type { FastifyRequest } from 'fastify'
import { isCourtUser } from '../../../accounts/roles.js'
import type { User } from '../../../accounts/users.js'
import {
  refusalStatus,
  visibleToCourtActor,
  type CourtOrder,
  type CourtQuery,
  type CourtQueryKind,
  type AnswerOutcome,
  type HoldKind,
  type Urgency,
} from '../../../courts/domain/index.js'
import {
  CourtRefusalError,
  courtActorOf,
  type CourtsService,
} from '../../../courts/service/courts-service.js'
import { HttpError } from '../../plugins/errors.js'

export const QUERY_KIND_LABELS: Record<CourtQueryKind, string> = {
  OUTSTANDING_WARRANTS: 'Any outstanding warrants or unrecorded orders before release',
  ORDER_FINAL_AND_CORRECT: 'Is this order final and correctly recorded',
  MISSING_WARRANT_OR_ORDER: 'Missing warrant or order',
  RESULT_DIFFERS: 'Result differs from what we hold',
  OTHER: 'Something else',
}

export const OUTCOME_LABELS: Record<AnswerOutcome, string> = {
  NO_OUTSTANDING: 'No outstanding warrants or orders',
  WARRANT_OR_ORDER_EXISTS: 'A warrant or order exists',
  RECORD_WRONG: 'The record is wrong',
}

export const HOLD_KIND_LABELS: Record<HoldKind, string> = {
  OUTSTANDING_WARRANT: 'Outstanding warrant',
  REMAND_OTHER_MATTER: 'Remand on another matter',
  SENTENCE_OTHER_MATTER: 'Sentence on another matter',
  PRODUCTION_ORDER: 'Production order',
  OTHER: 'Other order',
}

export const URGENCY_LABELS: Record<Urgency, string> = {
  URGENT: 'Urgent',
  HIGH: 'High',
  STANDARD: 'Standard',
}

export const URGENCY_TAGS: Record<Urgency, string> = {
  URGENT: 'govuk-tag--red',
  HIGH: 'govuk-tag--orange',
  STANDARD: 'govuk-tag--grey',
}

/** Court staff see queries to their courts; prison staff those raised there or about someone held there now. */
export function canSeeQuery(user: User, query: CourtQuery, personPrisonId: string): boolean {
  if (isCourtUser(user)) return visibleToCourtActor(query, courtActorOf(user))
  return (
    user.caseload.estateWide ||
    user.caseload.prisons.includes(query.prisonId) ||
    user.caseload.prisons.includes(personPrisonId)
  )
}

/** Court staff see their courts' orders; prison staff what was sent to them or concerns someone held there now. */
export function canSeeOrder(user: User, order: CourtOrder, personPrisonId: string): boolean {
  if (isCourtUser(user)) return user.caseload.estateWide || (user.caseload.courts ?? []).includes(order.court)
  if (order.status === 'DRAFT') return false
  return (
    user.caseload.estateWide ||
    user.caseload.prisons.includes(personPrisonId) ||
    (order.sentToPrisonId !== null && user.caseload.prisons.includes(order.sentToPrisonId))
  )
}

/** The query, if this user may see it (404 otherwise: never say what exists elsewhere). */
export async function visibleQuery(courts: CourtsService, req: FastifyRequest, id: string) {
  const user = req.user!
  const query = await courts.getQuery(id).catch(() => undefined)
  if (!query) throw new HttpError(404, 'Query not found')
  const person = await req.server.services.people.findByPrisonNumber(query.prisonNumber)
  if (!person || !canSeeQuery(user, query, person.prisonId)) throw new HttpError(404, 'Query not found')
  return { query, person }
}

export async function visibleOrder(courts: CourtsService, req: FastifyRequest, id: string) {
  const user = req.user!
  const order = await courts.getOrder(id).catch(() => undefined)
  if (!order) throw new HttpError(404, 'Court order not found')
  const person = await req.server.services.people.findByPrisonNumber(order.prisonNumber)
  if (!person || !canSeeOrder(user, order, person.prisonId)) throw new HttpError(404, 'Court order not found')
  return { order, person }
}

/** A refusal as the HTTP error the API and the error page show. */
export function asHttpError(e: unknown): unknown {
  if (e instanceof CourtRefusalError)
    return new HttpError(
      refusalStatus(e.refusal.code),
      e.refusal.message,
      e.refusal.field ? [{ path: e.refusal.field, message: e.refusal.message }] : [],
    )
  return e
}

export async function orHttpError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    throw asHttpError(e)
  }
}

export const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
