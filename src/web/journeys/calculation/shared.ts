/** What the calculation pages, the second-check pages and the JSON API share. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../../../accounts/users.js'
import type { BookingRecords } from '../../../db/repositories/booking.js'
import type { Person } from '../../../db/repositories/people.js'
import { ADJUSTMENT_TYPES } from '../../../engine/input/reference-booking.js'
import type { CalculationState, FixTarget, Refusal, RefusalCode } from '../../../calculation/domain/index.js'
import { HttpError } from '../../plugins/errors.js'
import { sentenceUrls } from '../sentence/urls.js'
import { adjustmentUrls } from '../adjustment/urls.js'
import { personUrls } from '../person/urls.js'

const STATUS: Partial<Record<RefusalCode, number>> = {
  MISSING_ROLE: 403,
  NOT_IN_CASELOAD: 403,
  SELF_CHECK: 403,
  WRONG_PERSON: 409,
  PRELIMINARY_NOT_FOUND: 404,
  CALCULATION_NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  DIFFERENCE_NOT_FOUND: 404,
  CORRECTION_NOT_FOUND: 422,
  ALREADY_CONFIRMED: 409,
  SUPERSEDED: 409,
  INPUTS_CHANGED: 409,
  ALREADY_VERIFIED: 409,
  CHECK_ALREADY_SUBMITTED: 409,
  CHECK_MODE_CONFLICT: 409,
  RECORD_ALREADY_CHECKED: 409,
  DIFFERENCE_ALREADY_RESOLVED: 409,
  NOT_CURRENT: 409,
  DUPLICATE_ID: 409,
}

/** The HTTP status for a refusal: 403 for who you are, 404 for what is missing, 409 for a stale or repeated action, otherwise 422. */
export function refusalStatus(code: RefusalCode): number {
  return STATUS[code] ?? 422
}

export function refusalError(refusal: Refusal): HttpError {
  return new HttpError(refusalStatus(refusal.code), refusal.message, [
    { path: refusal.code, message: refusal.message },
    ...(refusal.changes ?? []).map((c) => ({ path: 'changes', message: c })),
  ])
}

/** Calculation ids are UUIDs made by the service; anything else is simply not found. */
export const CALCULATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function calculationIdOf(req: FastifyRequest): string {
  const id = String((req.params as Record<string, unknown>).calculationId ?? '')
  if (!CALCULATION_ID.test(id)) throw new HttpError(404, 'Calculation not found')
  return id
}

/**
 * The blind second check: a checker who took no part in a calculation may not see its inputs or
 * dates until they have made their own entry (or the check is finished).
 */
export function hiddenFromChecker(user: User, state: CalculationState, calculationId: string): boolean {
  const calc = state.calculations[calculationId]
  if (!calc || !user.roles.includes('checker')) return false
  if (calc.calculatedBy.includes(user.username)) return false
  return calc.check.status === 'unverified'
}

/** The current calculation awaits this checker's blind check: the person's records are hidden too. */
export function awaitingBlindCheck(user: User, state: CalculationState): boolean {
  const id = state.currentCalculationId
  return id !== undefined && hiddenFromChecker(user, state, id)
}

/** The form that fixes the record a message names. */
export function fixUrl(
  person: Person,
  records: BookingRecords,
  fix: FixTarget | undefined,
): string | undefined {
  if (!fix) return undefined
  switch (fix.kind) {
    case 'sentence': {
      const row = records.sentences[fix.index]
      return row ? sentenceUrls.edit(person.prisonNumber, Number(row.id)) : undefined
    }
    case 'adjustment': {
      if (!(ADJUSTMENT_TYPES as readonly string[]).includes(fix.type)) return undefined
      const row = records.adjustments.filter((a) => a.type === fix.type)[fix.index]
      return row ? adjustmentUrls.edit(person.prisonNumber, Number(row.id)) : undefined
    }
    case 'booking':
      return personUrls.person(person.prisonNumber)
    default:
      return undefined
  }
}

export function requireCalculationUser(req: FastifyRequest): User {
  if (!req.user) throw new HttpError(401, 'Sign in to continue')
  return req.user
}

export type { FastifyInstance }

/** The foundation's API routes that show a person's records or recorded calculations. */
const RECORD_ROUTES = new Set([
  '/api/v1/people/:prisonNumber',
  '/api/v1/people/:prisonNumber/booking',
  '/api/v1/people/:prisonNumber/calculations',
  '/api/v1/people/:prisonNumber/current-release-dates',
  '/api/v1/people/:prisonNumber/sentences/:sentenceId',
  '/people/:prisonNumber/booking.json',
])

/**
 * The blind second check across the whole API: while a checker's independent check of a
 * person's current calculation is pending, the routes that show that person's records or
 * recorded calculations refuse them (the journey's own routes apply the same rule themselves).
 */
export function blindCheckGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    if (req.method !== 'GET' || !req.person || !req.user || !req.user.roles.includes('checker')) return
    if (!RECORD_ROUTES.has(req.routeOptions.url ?? '')) return
    const state = await app.services.calculationJourney.state(req.person)
    if (awaitingBlindCheck(req.user, state))
      throw new HttpError(
        403,
        "This person's records are hidden from you until you have made your independent second check of their current calculation",
      )
  })
}
