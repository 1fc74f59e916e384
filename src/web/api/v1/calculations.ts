/**
 * The calculation journey over the JSON API: calculate (→ the preliminary result and its
 * version), confirm with that version (409 with what changed when the inputs changed; 412 when
 * the version sent is not the result's), override, manual entry, history, one calculation, and
 * the blind second check. The same deciders as the pages; the same access hook.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { READ_PEOPLE } from '../../../accounts/roles.js'
import { prisonNumberSchema } from '../../../db/repositories/people.js'
import { bookingSchema, parseBooking } from '../../../engine/input/reference-booking.js'
import {
  calculationReasonSchema,
  calculationView,
  checkComparisonView,
  checkerEngineInput,
  checkerView,
  historyEntries,
  historyEntry,
  managerView,
  overrideReasonSchema,
  preliminaryView,
  recordsToCheck,
  releaseDatesSchema,
  resolutionSchema,
  type CalculationCommand,
  type CalculationState,
  type Refusal,
} from '../../../calculation/domain/index.js'
import { workflowActor } from '../../../calculation/service/journey-service.js'
import { requirePerson, requireUser } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { apiRoute } from '../route.js'
import { CALCULATION_ID, hiddenFromChecker, refusalStatus } from '../../journeys/calculation/shared.js'
import type { Person } from '../../../db/repositories/people.js'

const personParams = z.object({ prisonNumber: prisonNumberSchema })
const calcParams = personParams.extend({
  calculationId: z.string().regex(CALCULATION_ID, 'must be a calculation id (a UUID)'),
})
const recordParams = calcParams.extend({ recordId: z.string().min(1).max(200) })
const version = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'must be the version of the preliminary result (sha256:…)')

const CALC = { roles: ['calculator'], prison: 'person' } as const
const CHECK = { roles: ['checker'], prison: 'person' } as const
const READ = { roles: READ_PEOPLE, prison: 'person' } as const

/** Per date: the day of release (ISO) and its words, or that the calendar cannot say. */
function releaseDaysJson(lines: ReturnType<typeof calculationView>['dates']) {
  return Object.fromEntries(
    lines
      .filter((l) => l.releaseDay !== undefined)
      .map((l) => [
        l.type,
        { releaseOn: l.releaseOn ?? null, text: l.releaseDay, checkByHand: l.calendarUnknown },
      ]),
  )
}

function sendRefusal(reply: FastifyReply, refusal: Refusal, status = refusalStatus(refusal.code)) {
  return reply.status(status).send({
    error: refusal.message,
    code: refusal.code,
    ...(refusal.changes ? { changes: refusal.changes } : {}),
    problems: [{ path: refusal.code, message: refusal.message }],
  })
}

export async function calculationsApi(app: FastifyInstance): Promise<void> {
  const { calculationJourney: journey, bankHolidays } = app.services
  const ref = (p: Person) => ({ prisonNumber: p.prisonNumber, prisonId: p.prisonId })

  async function currentInput(person: Person) {
    const current = await journey.engine.currentInput(person)
    if (!current.ok)
      throw new HttpError(
        422,
        "The person's booking cannot be read, so it cannot be calculated",
        current.problems,
      )
    return current.input
  }

  function preliminaryJson(state: CalculationState, id: string) {
    const view = preliminaryView(state, id)
    if (!view) return undefined
    const p = state.preliminaries[id]!
    return { ...view, status: p.used ? 'used' : 'preliminary', outcome: p.outcome }
  }

  const run = async (
    reply: FastifyReply,
    req: Parameters<typeof requireUser>[0],
    person: Person,
    build: (s: CalculationState) => CalculationCommand,
    ok: (s: CalculationState) => unknown,
    status = 200,
  ) => {
    const result = await journey.execute(requireUser(req), person, build)
    if (!result.ok) {
      // A confirm/override whose version is not the result's version: the client's precondition failed.
      if (result.refusal.code === 'INPUTS_CHANGED' && result.refusal.changes?.length === 0)
        return sendRefusal(reply, result.refusal, 412)
      return sendRefusal(reply, result.refusal)
    }
    return reply.status(status).send(ok(result.state))
  }

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations',
    access: CALC,
    tag: 'calculation journey',
    summary:
      'Calculate release dates (preliminary): returns every date, how it was worked out, messages and the version to confirm',
    params: personParams,
    body: z.object({ reason: calculationReasonSchema }),
    handler: async (req, { body }, reply) => {
      const person = requirePerson(req)
      const input = await currentInput(person)
      const outcome = journey.engine.outcome(input, journey.today())
      const calculationId = randomUUID()
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'RequestCalculation',
          person: ref(person),
          calculationId,
          reason: body.reason as never,
          input,
          outcome,
        }),
        (s) => preliminaryJson(s, calculationId),
        201,
      )
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/:calculationId/confirm',
    access: CALC,
    tag: 'calculation journey',
    summary:
      "Confirm a preliminary result: send its version. 409 (with what changed) if the inputs changed since; 412 if the version is not the result's",
    params: calcParams,
    body: z.object({ version }),
    handler: async (req, { params, body }, reply) => {
      const person = requirePerson(req)
      const input = await currentInput(person)
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'ConfirmCalculation',
          person: ref(person),
          preliminaryId: params.calculationId,
          currentInput: input,
          version: body.version,
        }),
        (s) => calculationView(historyEntry(s, params.calculationId)!),
      )
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/:calculationId/override',
    access: CALC,
    tag: 'calculation journey',
    summary:
      'Replace the calculated dates with the dates you believe right, with a reason from the fixed list',
    params: calcParams,
    body: z.object({ version, reason: overrideReasonSchema, dates: releaseDatesSchema }),
    handler: async (req, { params, body }, reply) => {
      const person = requirePerson(req)
      const input = await currentInput(person)
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'OverrideDates',
          person: ref(person),
          preliminaryId: params.calculationId,
          currentInput: input,
          overrideReason: body.reason as never,
          dates: body.dates,
          version: body.version,
        }),
        (s) => calculationView(historyEntry(s, params.calculationId)!),
      )
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/manual',
    access: CALC,
    tag: 'calculation journey',
    summary: 'Enter dates by hand: only while SafeRelease says it cannot calculate the case',
    params: personParams,
    body: z.object({ reason: calculationReasonSchema, dates: releaseDatesSchema }),
    handler: async (req, { body }, reply) => {
      const person = requirePerson(req)
      const input = await currentInput(person)
      const outcome = journey.engine.outcome(input, journey.today())
      const calculationId = randomUUID()
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'EnterManualDates',
          person: ref(person),
          calculationId,
          reason: body.reason as never,
          currentInput: input,
          currentOutcome: outcome,
          dates: body.dates,
        }),
        (s) => calculationView(historyEntry(s, calculationId)!),
        201,
      )
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/calculation-history',
    access: READ,
    tag: 'calculation journey',
    summary:
      'Every confirmed calculation, newest first: reason, who, when, prison, source and second-check status',
    params: personParams,
    handler: async (req) => {
      const person = requirePerson(req)
      const user = requireUser(req)
      const state = await journey.state(person)
      const holidays = await bankHolidays.dates()
      const current = await journey.current(person)
      return {
        calculations: historyEntries(state).map((e) => {
          const base = {
            calculationId: e.calculationId,
            reason: e.reason,
            calculatedBy: e.calculatedBy,
            confirmedBy: e.confirmedBy,
            confirmedAt: e.confirmedAt,
            prisonId: e.prisonId,
            source: e.source,
            overrideReason: e.overrideReason,
            status: e.status,
            isCurrent: e.isCurrent,
          }
          const hidden = hiddenFromChecker(user, state, e.calculationId)
          const stale =
            e.isCurrent && current?.recalculationRequired
              ? { recalculationRequired: hidden ? true : current.recalculationRequired }
              : { recalculationRequired: false }
          return hidden
            ? { ...base, ...stale }
            : {
                ...base,
                ...stale,
                dates: e.dates,
                releaseDays: releaseDaysJson(calculationView(e, holidays).dates),
                version: e.fingerprint,
              }
        }),
      }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/current-release-dates',
    access: READ,
    tag: 'calculation journey',
    summary:
      "The person's current release dates: each date in law with the day of release, verified or not, by whom and when, and whether recalculation is required (with why)",
    params: personParams,
    handler: async (req) => {
      const person = requirePerson(req)
      const current = await journey.current(person)
      if (!current) return { current: null }
      const entry = historyEntry(await journey.state(person), current.calculationId)!
      return {
        current: {
          ...current,
          releaseDays: releaseDaysJson(calculationView(entry, await bankHolidays.dates()).dates),
        },
      }
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/calculations/:calculationId',
    access: READ,
    tag: 'calculation journey',
    summary:
      'One calculation exactly as it was (inputs, dates, explanations), or a preliminary result with its version',
    params: calcParams,
    handler: async (req, { params }) => {
      const person = requirePerson(req)
      const state = await journey.state(person, params.calculationId)
      const entry = historyEntry(state, params.calculationId)
      if (entry) {
        if (hiddenFromChecker(requireUser(req), state, params.calculationId))
          throw new HttpError(403, 'You cannot see this calculation until you have checked it independently')
        const current = entry.isCurrent ? await journey.current(person) : null
        return {
          status: 'confirmed',
          recalculationRequired: current?.recalculationRequired ?? false,
          calculation: calculationView(entry, await bankHolidays.dates()),
          input: entry.input,
          outcome: entry.outcome,
        }
      }
      const preliminary = preliminaryJson(state, params.calculationId)
      if (!preliminary || !requireUser(req).roles.includes('calculator'))
        throw new HttpError(404, 'Calculation not found')
      return preliminary
    },
  })

  // --- second check ---------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/calculations/:calculationId/check',
    access: CHECK,
    tag: 'second check',
    summary:
      "The second-check task: never the first person's inputs or dates; the comparison once you have entered yours",
    params: calcParams,
    handler: async (req, { params }) => {
      const person = requirePerson(req)
      const state = await journey.state(person)
      const view = checkerView(state, params.calculationId, workflowActor(requireUser(req), person))
      if (!view) throw new HttpError(404, 'Calculation not found')
      const calc = state.calculations[params.calculationId]!
      const self = calc.calculatedBy.includes(requireUser(req).username)
      return {
        ...view,
        records:
          calc.check.mode === 'records' && !self ? recordsToCheck(state, params.calculationId) : undefined,
        comparison: self ? undefined : checkComparisonView(state, params.calculationId),
      }
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/:calculationId/check/entry',
    access: CHECK,
    tag: 'second check',
    summary:
      'Submit your own entry of the sentences and adjustments (reference booking format); returns every difference',
    params: calcParams,
    body: z.object({ booking: bookingSchema, manualDates: releaseDatesSchema.optional() }),
    handler: async (req, { params, body }, reply) => {
      const person = requirePerson(req)
      const parsed = parseBooking(body.booking)
      if (!parsed.ok) throw new HttpError(400, 'The request body is not valid', parsed.problems)
      const state = await journey.state(person)
      const input = checkerEngineInput(state, params.calculationId, parsed.value)
      if (!input) throw new HttpError(404, 'Calculation not found')
      const outcome = journey.engine.outcome(input, journey.today())
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'SubmitCheckEntry',
          person: ref(person),
          calculationId: params.calculationId,
          booking: parsed.value,
          outcome,
          ...(body.manualDates ? { manualDates: body.manualDates } : {}),
        }),
        (s) => checkComparisonView(s, params.calculationId),
      )
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/:calculationId/check/records/:recordId',
    access: CHECK,
    tag: 'second check',
    summary: 'Check one record against the documents: matches, or does not match (with a note)',
    params: recordParams,
    body: z.discriminatedUnion('matches', [
      z.object({ matches: z.literal(true) }),
      z.object({ matches: z.literal(false), note: z.string().max(1000) }),
    ]),
    handler: async (req, { params, body }, reply) => {
      const person = requirePerson(req)
      return run(
        reply,
        req,
        person,
        () =>
          body.matches
            ? {
                type: 'ConfirmRecord',
                person: ref(person),
                calculationId: params.calculationId,
                recordId: params.recordId,
              }
            : {
                type: 'FlagRecord',
                person: ref(person),
                calculationId: params.calculationId,
                recordId: params.recordId,
                note: body.note,
              },
        (s) => ({
          records: recordsToCheck(s, params.calculationId),
          comparison: checkComparisonView(s, params.calculationId) ?? null,
          status: s.calculations[params.calculationId]!.check.status,
        }),
      )
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/calculations/:calculationId/check/resolutions',
    access: CHECK,
    tag: 'second check',
    summary:
      'Resolve a difference: the record was corrected and recalculated (the new calculation id), or why the first was right',
    params: calcParams,
    body: z.object({ differenceId: z.string().min(1).max(300), resolution: resolutionSchema }),
    handler: async (req, { params, body }, reply) => {
      const person = requirePerson(req)
      return run(
        reply,
        req,
        person,
        () => ({
          type: 'ResolveDifference',
          person: ref(person),
          calculationId: params.calculationId,
          differenceId: body.differenceId,
          resolution: body.resolution,
        }),
        (s) => checkComparisonView(s, params.calculationId),
      )
    },
  })

  apiRoute(app, {
    method: 'GET',
    url: '/calculation-checks',
    access: { roles: ['manager'], prison: 'none' },
    tag: 'second check',
    summary:
      'For a manager: calculations in a prison awaiting a check, and checks with differences, with days waited',
    query: z.object({ prison: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a prison code') }),
    handler: async (req, { query }, reply) => {
      const user = requireUser(req)
      const result = managerView(
        await journey.statesInPrison(query.prison),
        query.prison,
        journey.now(),
        workflowActor(user),
      )
      if (!result.ok) return sendRefusal(reply, result.refusal)
      return result.view
    },
  })
}
