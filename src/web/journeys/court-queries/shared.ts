/**
 * What the hotline's pages and its JSON API share: who may see a query or an order (checked on
 * the server for every request, beyond the route's roles), refusals as HTTP errors, and labels.
 */
import '@js-joda/timezone'
import { Instant, LocalDateTime, ZoneId, ZonedDateTime } from '@js-joda/core'
import type { FastifyRequest } from 'fastify'
import { ConflictError, ValidationError } from '../../../db/errors.js'
import { FormErrors, str, type FormBody } from '../../forms.js'
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

/** "Monday 2 June 2025, 10:30am" in the working calendar's zone (GOV.UK style times). */
export function formatWhen(iso: string | null | undefined, zone = 'Europe/London'): string {
  if (!iso) return ''
  const z = ZonedDateTime.ofInstant(Instant.parse(iso), ZoneId.of(zone))
  const day = z.dayOfWeek().name()
  const month = z.month().name()
  const hour = z.hour() % 12 === 0 ? 12 : z.hour() % 12
  const minutes = String(z.minute()).padStart(2, '0')
  const time =
    z.hour() === 12 && z.minute() === 0 ? 'midday' : `${hour}:${minutes}${z.hour() < 12 ? 'am' : 'pm'}`
  const cap = (s: string) => s.charAt(0) + s.slice(1).toLowerCase()
  return `${cap(day)} ${z.dayOfMonth()} ${cap(month)} ${z.year()}, ${time}`
}

/** A time typed as hours and minutes (24-hour clock) → "HH:MM", with GOV.UK wording for mistakes. */
export function readTime(
  body: FormBody,
  name: string,
  label: string,
  errors: FormErrors,
): string | undefined {
  const h = str(body, `${name}-hour`, 4)
  const m = str(body, `${name}-minute`, 4)
  if (h === '' && m === '') {
    errors.add(name, `Enter the time ${label}`, `${name}-hour`)
    return undefined
  }
  if (!/^\d{1,2}$/.test(h) || Number(h) > 23 || !/^\d{1,2}$/.test(m) || Number(m) > 59) {
    errors.add(name, `The time ${label} must be a real time, such as 14 and 30`, `${name}-hour`)
    return undefined
  }
  return `${h.padStart(2, '0')}:${m.padStart(2, '0')}`
}

/** A local date and time in the zone → an ISO instant. */
export function instantOf(date: string, time: string, zone = 'Europe/London'): string {
  return LocalDateTime.parse(`${date}T${time}`).atZone(ZoneId.of(zone)).toInstant().toString()
}

export function timeParts(iso: string | null | undefined, zone = 'Europe/London') {
  if (!iso) return { hour: '', minute: '' }
  const z = ZonedDateTime.ofInstant(Instant.parse(iso), ZoneId.of(zone))
  return { hour: String(z.hour()), minute: String(z.minute()).padStart(2, '0') }
}

/** A refusal on a form: beside its field when it names one, else at the top. */
export function addRefusal(
  errors: FormErrors,
  e: unknown,
  fields: Record<string, string> = {},
  fallback = 'version',
) {
  if (e instanceof CourtRefusalError) {
    const field = e.refusal.field ? (fields[e.refusal.field] ?? e.refusal.field) : fallback
    errors.add(field, e.refusal.message)
    return refusalStatus(e.refusal.code)
  }
  if (e instanceof ConflictError) {
    errors.add(fallback, e.message)
    return 409
  }
  if (e instanceof ValidationError) {
    for (const p of e.problems) errors.add(fields[p.path] ?? p.path, `${p.path} ${p.message}`)
    return 422
  }
  throw e
}
