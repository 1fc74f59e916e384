/**
 * The blind, independent second check (checkers who took no part in the calculation) and the
 * manager's page of checks waiting. The checker never sees the first person's inputs or dates
 * before making their own entry: the entry form asks for each record's figures with nothing
 * filled in; the records mode shows one record at a time and asks whether it matches the
 * documents (no single "agree" for all). Every rule is decided by the workflow on the server.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  DURATION_UNITS,
  type BookingInput,
  type DurationInput,
} from '../../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES } from '../../../engine/input/reference-booking.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  checkComparisonView,
  checkerEngineInput,
  checkerView,
  managerView,
  recordsToCheck,
  type CalculationState,
} from '../../../calculation/domain/index.js'
import { ADJUSTMENT_NAMES, sentenceLabel } from '../../../calculation/domain/booking-diff.js'
import { formatInstantDate } from '../../../calculation/domain/format.js'
import { isUnsupported, type ReleaseDates } from '../../../calculation/domain/release-dates.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../../engine/api.js'
import { sourceLabel } from '../../../calculation/domain/history.js'
import { workflowActor } from '../../../calculation/service/journey-service.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, readCount, readDate, str, type FormBody } from '../../forms.js'
import { personUrls } from '../person/urls.js'
import { calculationUrls, secondCheckUrls } from '../calculation/urls.js'
import { calculationIdOf, refusalStatus, requireCalculationUser } from '../calculation/shared.js'

const CHECK = { roles: ['checker'], prison: 'person' } as const
const DIR = 'journeys/second-check'
const UNITS = DURATION_UNITS.map((u) => u.toLowerCase())

/** The blank entry form: one block per record, labelled but never filled in. */
export function entryFields(booking: BookingInput) {
  const sentences = booking.sentences.map((s, i) => ({
    index: i,
    label: sentenceLabel(s, i),
    extended: 'custodialDuration' in s && s.custodialDuration !== undefined,
  }))
  const adjustments = ADJUSTMENT_TYPES.flatMap((type) =>
    (booking.adjustments[type] ?? []).map((_, index) => ({
      type,
      index,
      label: `${ADJUSTMENT_NAMES[type]} (${index + 1})`,
      key: `${type}-${index}`,
    })),
  )
  return { sentences, adjustments }
}

function readDuration(
  body: FormBody,
  prefix: string,
  label: string,
  errors: FormErrors,
): DurationInput | undefined {
  const elements: Record<string, number> = {}
  DURATION_UNITS.forEach((unit, i) => {
    const v = readCount(body, `${prefix}-${UNITS[i]}`, `${label} ${UNITS[i]}`, errors, 1000)
    if (v !== undefined && v > 0) elements[unit] = v
  })
  if (Object.keys(elements).length === 0) {
    errors.add(prefix, `Enter the ${label}`, `${prefix}-years`)
    return undefined
  }
  return { durationElements: elements } as DurationInput
}

/** The checker's booking: the record structure of the first, with every figure as the checker entered it. */
export function readEntry(body: FormBody, first: BookingInput, errors: FormErrors): BookingInput {
  const booking = structuredClone(first) as BookingInput
  const fields = entryFields(first)
  for (const f of fields.sentences) {
    const s = booking.sentences[f.index]! as Record<string, unknown> & { sentencedAt: string }
    const date = readDate(body, `s${f.index}-date`, `sentence date for ${f.label}`, errors, true)
    if (date) s.sentencedAt = date
    if (f.extended) {
      const custodial = readDuration(body, `s${f.index}-custodial`, `custodial term for ${f.label}`, errors)
      const extension = readDuration(body, `s${f.index}-extension`, `extension period for ${f.label}`, errors)
      if (custodial) s.custodialDuration = custodial
      if (extension) s.extensionDuration = extension
    } else {
      const length = readDuration(body, `s${f.index}-length`, `sentence length for ${f.label}`, errors)
      if (length) s.duration = length
    }
  }
  for (const f of fields.adjustments) {
    const a = booking.adjustments[f.type]![f.index]!
    const days = readCount(body, `a-${f.key}-days`, `number of days for ${f.label}`, errors, 100_000)
    if (days === undefined && !errors.byField[`a-${f.key}-days`])
      errors.add(`a-${f.key}-days`, `Enter the number of days for ${f.label}`)
    if (days !== undefined) a.numberOfDays = days
    const from = readDate(body, `a-${f.key}-from`, `first day of ${f.label}`, errors, false)
    const to = readDate(body, `a-${f.key}-to`, `last day of ${f.label}`, errors, false)
    a.fromDate = from ?? (a.fromDate == null ? a.fromDate : null)
    a.toDate = to ?? (a.toDate == null ? a.toDate : null)
  }
  return booking
}

export function secondCheckJourney(app: FastifyInstance): void {
  const { calculationJourney: journey } = app.services

  async function load(req: FastifyRequest) {
    const person = requirePerson(req)
    const id = calculationIdOf(req)
    const state = await journey.state(person)
    const user = requireCalculationUser(req)
    const view = checkerView(state, id, workflowActor(user, person))
    if (!view) throw new HttpError(404, 'Calculation not found')
    return { person, id, state, user, view }
  }

  const personTitle = (p: Person) => `${p.firstName} ${p.lastName}`

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/check',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, view, state } = await load(req)
      const calc = state.calculations[id]!
      return reply.render(`${DIR}/start.njk`, {
        pageTitle: 'Check a calculation independently',
        person,
        view,
        started: calc.check.mode !== undefined,
        verified: calc.check.status === 'verified',
        entryUrl: secondCheckUrls.entry(person.prisonNumber, id),
        recordsUrl: secondCheckUrls.records(person.prisonNumber, id),
        comparisonUrl: secondCheckUrls.comparison(person.prisonNumber, id),
        backLink: personUrls.person(person.prisonNumber),
      })
    },
  )

  // --- Entry mode ------------------------------------------------------------------------------
  function renderEntry(
    reply: FastifyReply,
    person: Person,
    state: CalculationState,
    id: string,
    values: FormBody,
    errors?: FormErrors,
    status = 200,
    withDates = false,
  ) {
    const calc = state.calculations[id]!
    return reply.status(status).render(`${DIR}/entry.njk`, {
      withDates,
      dateFields: withDates
        ? RELEASE_DATE_TYPES.map((t) => ({
            type: t,
            name: `date-${t}`,
            label: `${RELEASE_DATE_NAMES[t]} (${t})`,
          }))
        : [],
      pageTitle: 'Enter the sentences and adjustments from the court documents',
      person,
      fields: entryFields(calc.input.booking),
      units: UNITS,
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: secondCheckUrls.start(person.prisonNumber, id),
    })
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/check/entry',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, view } = await load(req)
      if (!view.task.canCheck)
        throw new HttpError(403, view.task.cannotCheckBecause ?? 'You cannot check this calculation')
      if (state.calculations[id]!.check.entry)
        return reply.redirect(secondCheckUrls.comparison(person.prisonNumber, id))
      return renderEntry(reply, person, state, id, {})
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/check/entry',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, user } = await load(req)
      const body = (req.body ?? {}) as FormBody
      const calc = state.calculations[id]!
      const errors = new FormErrors()
      const booking = readEntry(body, calc.input.booking, errors)
      if (errors.any) return renderEntry(reply, person, state, id, body, errors, 400)
      const input = checkerEngineInput(state, id, booking)!
      const outcome = journey.engine.outcome(input, journey.today())
      // SafeRelease cannot calculate the checker's entry either: the checker enters their own dates.
      let manualDates: ReleaseDates | undefined
      if (isUnsupported(outcome)) {
        if (str(body, 'withDates', 2) !== '1') {
          errors.add(
            'entry',
            'SafeRelease cannot calculate this case from your entry. Enter the release dates you worked out from the documents.',
            'date-SED-day',
          )
          return renderEntry(reply, person, state, id, body, errors, 422, true)
        }
        manualDates = {}
        for (const t of RELEASE_DATE_TYPES) {
          const iso = readDate(
            body,
            `date-${t}`,
            `${RELEASE_DATE_NAMES[t].toLowerCase()} (${t})`,
            errors,
            false,
          )
          if (iso) manualDates[t] = iso
        }
        if (errors.any) return renderEntry(reply, person, state, id, body, errors, 400, true)
      }
      const result = await journey.execute(user, person, () => ({
        type: 'SubmitCheckEntry',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        calculationId: id,
        booking,
        outcome,
        ...(manualDates ? { manualDates } : {}),
      }))
      if (!result.ok) {
        if (refusalStatus(result.refusal.code) === 403) throw new HttpError(403, result.refusal.message)
        errors.add('entry', result.refusal.message, manualDates ? 'date-SED-day' : 's0-date-day')
        return renderEntry(
          reply,
          person,
          state,
          id,
          body,
          errors,
          refusalStatus(result.refusal.code),
          manualDates !== undefined,
        )
      }
      return reply.redirect(secondCheckUrls.comparison(person.prisonNumber, id))
    },
  )

  // --- Records mode: one record at a time ---------------------------------------------------------
  function renderRecord(
    reply: FastifyReply,
    person: Person,
    state: CalculationState,
    id: string,
    errors?: FormErrors,
    values: FormBody = {},
    status = 200,
  ) {
    const records = recordsToCheck(state, id)
    const next = records.find((r) => r.checked === 'not checked')
    if (!next) return reply.redirect(secondCheckUrls.comparison(person.prisonNumber, id))
    return reply.status(status).render(`${DIR}/record.njk`, {
      pageTitle: 'Does this record match the court documents?',
      person,
      record: next,
      position: records.indexOf(next) + 1,
      total: records.length,
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: secondCheckUrls.start(person.prisonNumber, id),
    })
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/check/records',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, view } = await load(req)
      if (!view.task.canCheck && view.task.status !== 'differences-found')
        throw new HttpError(403, view.task.cannotCheckBecause ?? 'You cannot check this calculation')
      if (state.calculations[id]!.check.mode === 'entry')
        return reply.redirect(secondCheckUrls.comparison(person.prisonNumber, id))
      return renderRecord(reply, person, state, id)
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/check/records',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, user } = await load(req)
      const body = (req.body ?? {}) as FormBody
      const recordId = str(body, 'recordId', 200)
      const answer = str(body, 'matches', 5)
      const note = str(body, 'note', 1000)
      const errors = new FormErrors()
      if (answer !== 'yes' && answer !== 'no')
        errors.add('matches', 'Select yes if the record matches the court documents', 'matches')
      else if (answer === 'no' && note === '')
        errors.add('note', 'Enter what does not match the court documents')
      if (errors.any) return renderRecord(reply, person, state, id, errors, body, 400)
      const result = await journey.execute(user, person, () =>
        answer === 'yes'
          ? {
              type: 'ConfirmRecord',
              person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
              calculationId: id,
              recordId,
            }
          : {
              type: 'FlagRecord',
              person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
              calculationId: id,
              recordId,
              note,
            },
      )
      if (!result.ok) {
        if (refusalStatus(result.refusal.code) === 403) throw new HttpError(403, result.refusal.message)
        errors.add(result.refusal.code === 'NOTE_TOO_SHORT' ? 'note' : 'matches', result.refusal.message)
        return renderRecord(reply, person, state, id, errors, body, refusalStatus(result.refusal.code))
      }
      return reply.redirect(secondCheckUrls.records(person.prisonNumber, id))
    },
  )

  // --- Comparison and resolving differences --------------------------------------------------------
  function renderComparison(
    reply: FastifyReply,
    person: Person,
    state: CalculationState,
    id: string,
    errors?: FormErrors,
    values: FormBody = {},
    status = 200,
  ) {
    const comparison = checkComparisonView(state, id)
    const calc = state.calculations[id]!
    const records = recordsToCheck(state, id)
    if (!comparison) {
      if (calc.check.status === 'verified')
        return reply.render(`${DIR}/comparison.njk`, {
          pageTitle: 'Calculation verified',
          person,
          verified: true,
          differences: [],
          personUrl: personUrls.person(person.prisonNumber),
        })
      return reply.redirect(secondCheckUrls.start(person.prisonNumber, id))
    }
    const newer = state.currentCalculationId !== id ? state.currentCalculationId : undefined
    return reply.status(status).render(`${DIR}/comparison.njk`, {
      pageTitle:
        comparison.status === 'verified' ? 'Calculation verified' : 'Differences found by the second check',
      person,
      verified: comparison.status === 'verified',
      differences: comparison.differences.map((d, i) => ({
        ...d,
        index: i,
        resolution: d.resolution
          ? d.resolution.kind === 'first-was-right'
            ? `The first calculation was right: ${d.resolution.reason} (${d.resolution.by})`
            : `Corrected and recalculated (${d.resolution.by})`
          : undefined,
      })),
      open: comparison.open,
      recordsLeft:
        calc.check.mode === 'records' ? records.filter((r) => r.checked === 'not checked').length : 0,
      recordsUrl: secondCheckUrls.records(person.prisonNumber, id),
      newer,
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      personUrl: personUrls.person(person.prisonNumber),
      backLink: personUrls.person(person.prisonNumber),
    })
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/check/comparison',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, user } = await load(req)
      const calc = state.calculations[id]!
      if (calc.calculatedBy.includes(user.username))
        throw new HttpError(403, 'You cannot check a calculation you made or confirmed')
      return renderComparison(reply, person, state, id)
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/check/comparison',
    { config: { access: CHECK } },
    async (req, reply) => {
      const { person, id, state, user } = await load(req)
      const body = (req.body ?? {}) as FormBody
      const differenceId = str(body, 'differenceId', 300)
      const how = str(body, 'how', 40)
      const reason = str(body, 'reason', 1000)
      const errors = new FormErrors()
      if (how !== 'first-was-right' && how !== 'corrected-and-recalculated')
        errors.add('how', 'Select how this difference was resolved', 'how')
      if (errors.any) return renderComparison(reply, person, state, id, errors, body, 400)
      const newer = state.currentCalculationId
      const result = await journey.execute(user, person, () => ({
        type: 'ResolveDifference',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        calculationId: id,
        differenceId,
        resolution:
          how === 'first-was-right'
            ? { kind: 'first-was-right', reason }
            : { kind: 'corrected-and-recalculated', newCalculationId: newer ?? '' },
      }))
      if (!result.ok) {
        if (refusalStatus(result.refusal.code) === 403) throw new HttpError(403, result.refusal.message)
        errors.add(
          result.refusal.code === 'REASON_TOO_SHORT' ? 'reason' : 'how',
          result.refusal.message,
          result.refusal.code === 'REASON_TOO_SHORT' ? 'reason' : 'how',
        )
        return renderComparison(reply, person, state, id, errors, body, refusalStatus(result.refusal.code))
      }
      return reply.redirect(secondCheckUrls.comparison(person.prisonNumber, id))
    },
  )

  // --- Manager: checks waiting in my prison -------------------------------------------------------
  app.get(
    '/calculations/checks',
    { config: { access: { roles: ['manager'], prison: 'none' } } },
    async (req, reply) => {
      const user = requireCalculationUser(req)
      const q = z
        .object({
          prison: z
            .string()
            .regex(/^[A-Z0-9]{2,10}$/)
            .optional(),
        })
        .safeParse(req.query ?? {})
      const prisons = user.caseload.prisons
      const prisonId = (q.success ? q.data.prison : undefined) ?? prisons[0]
      if (!prisonId) throw new HttpError(403, 'You have no prisons in your caseload')
      const states = await journey.statesInPrison(prisonId)
      const result = managerView(states, prisonId, journey.now(), workflowActor(user))
      if (!result.ok) throw new HttpError(refusalStatus(result.refusal.code), result.refusal.message)
      const row = (w: (typeof result.view.awaitingCheck)[number]) => ({
        ...w,
        confirmedOn: formatInstantDate(w.confirmedAt),
        source: sourceLabel(w.source),
        url: personUrls.person(w.prisonNumber),
        viewUrl: calculationUrls.view(w.prisonNumber, w.calculationId),
      })
      return reply.render(`${DIR}/manager.njk`, {
        pageTitle: `Calculation checks for ${prisonId}`,
        prisonId,
        prisons: prisons.map((p) => ({ id: p, url: `${secondCheckUrls.managerChecks()}?prison=${p}` })),
        awaiting: result.view.awaitingCheck.map(row),
        differences: result.view.differencesFound.map((w) => ({
          ...row(w),
          openDifferences: w.openDifferences,
        })),
      })
    },
  )

  void personTitle
}
