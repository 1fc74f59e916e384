/**
 * Calculate release dates: reason → check the information → preliminary result with how each
 * date was worked out → "Are these dates correct?" → confirm (or override) → complete. Manual
 * entry for cases SafeRelease cannot calculate. A past calculation exactly as it was, and the
 * notification slip (HTML for printing, and PDF). Post/redirect/get throughout; no JavaScript
 * needed. Every rule is decided by src/calculation/domain on the server.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import PDFDocument from 'pdfkit'
import { READ_PEOPLE } from '../../../accounts/roles.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES, type ReleaseDateType } from '../../../engine/api.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  CALCULATION_REASONS,
  OVERRIDE_REASONS,
  SLIP_VARIANTS,
  calculationReasonSchema,
  calculationView,
  checkInformationView,
  historyEntries,
  historyEntry,
  overrideReasonSchema,
  preliminaryView,
  slipView,
  validateEnteredDates,
  type CalculationReason,
  type CalculationState,
  type ReleaseDates,
  type SlipVariant,
} from '../../../calculation/domain/index.js'
import { checkStatusLabel, sourceLabel } from '../../../calculation/domain/history.js'
import { formatDate, formatInstantDate } from '../../../calculation/domain/format.js'
import { bankHolidayCalendar, releaseDay } from '../../../calculation/domain/release-day.js'
import { checkEnteredDates, enteredDateFacts } from '../../../calculation/domain/entered-dates.js'
import type { BookingInput } from '../../../engine/input/reference-booking.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, dateParts, partsFromIso, readDate, str, type FormBody } from '../../forms.js'
import { personUrls } from '../person/urls.js'
import { calculationUrls, secondCheckUrls } from './urls.js'
import {
  awaitingBlindCheck,
  calculationIdOf,
  fixUrl,
  hiddenFromChecker,
  requireCalculationUser,
} from './shared.js'

declare module 'fastify' {
  interface Session {
    calculationReason?: { prisonNumber: string; reason: CalculationReason }
    /** Dates typed in (manual entry or an override), waiting on "Check your answers". */
    enteredDates?: {
      prisonNumber: string
      kind: 'manual' | 'override'
      /** The override's preliminary result. */
      preliminaryId?: string
      overrideReason?: { code: string; text?: string }
      types: ReleaseDateType[]
      dates: ReleaseDates
    }
  }
}

const CALCULATE = { roles: ['calculator'], prison: 'person' } as const
const READ = { roles: READ_PEOPLE, prison: 'person' } as const
const DIR = 'journeys/calculation'

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const reasonItems = (list: ReadonlyArray<{ code: string; label: string; needsText: boolean }>) =>
  list.map((r) => ({ value: r.code, text: r.label, needsText: r.needsText }))

/** Reads a reason (radios + text for the reasons that need it) with GOV.UK messages. */
function readReason(
  body: FormBody,
  schema: typeof calculationReasonSchema | typeof overrideReasonSchema,
  errors: FormErrors,
): { code: string; text?: string } | undefined {
  const code = str(body, 'reason', 60)
  const text = code ? str(body, `text-${code}`, 500) : ''
  const parsed = schema.safeParse({ code, text })
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) {
    if (issue.path[0] === 'text') errors.add(`text-${code}`, issue.message)
    else errors.add('reason', issue.message)
  }
  return undefined
}

/** Date inputs for release dates: only filled-in ones are read. */
function readDates(body: FormBody, types: ReadonlyArray<ReleaseDateType>, errors: FormErrors): ReleaseDates {
  const dates: ReleaseDates = {}
  for (const t of types) {
    const iso = readDate(body, `date-${t}`, `${RELEASE_DATE_NAMES[t].toLowerCase()} (${t})`, errors, false)
    if (iso) dates[t] = iso
  }
  return dates
}

const dateFields = (types: ReadonlyArray<ReleaseDateType>, values: Record<string, unknown>) =>
  types.map((t) => ({
    type: t,
    name: `date-${t}`,
    label: `${RELEASE_DATE_NAMES[t]} (${t})`,
    parts: values[`date-${t}`] ?? {},
  }))

function firstDateAnchor(dates: ReadonlyArray<ReleaseDateType>): string {
  return `date-${dates[0] ?? 'CRD'}-day`
}

/**
 * The sanity rules, before "Check your answers" (the decider applies them again when the dates
 * are saved): each impossible date is an error on its own field. True when refused.
 */
function enteredDatesRefusal(dates: ReleaseDates, booking: BookingInput, errors: FormErrors): boolean {
  const facts = enteredDateFacts(booking)
  const problems = facts ? checkEnteredDates(dates, facts) : []
  for (const p of problems) errors.add(`date-${p.date}`, `${p.message}`, `date-${p.date}-day`)
  if (problems.length > 0) return true
  const refusal = validateEnteredDates(dates, booking)
  if (!refusal) return false
  errors.add('dates', refusal.message, firstDateAnchor(RELEASE_DATE_TYPES.filter((t) => dates[t])))
  return true
}

export function calculationJourney(app: FastifyInstance): void {
  const { calculationJourney: journey, bookings, bankHolidays } = app.services

  async function currentInputOrProblems(person: Person) {
    return journey.engine.currentInput(person)
  }

  function chosenReason(req: FastifyRequest, person: Person): CalculationReason | undefined {
    const saved = req.session.get('calculationReason')
    return saved && saved.prisonNumber === person.prisonNumber ? saved.reason : undefined
  }

  // --- 1. Why are you calculating? ---------------------------------------------------------
  function renderReason(
    reply: FastifyReply,
    person: Person,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) {
    return reply.status(status).render(`${DIR}/reason.njk`, {
      pageTitle: 'Why are you calculating release dates?',
      person,
      reasons: reasonItems(CALCULATION_REASONS),
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: personUrls.person(person.prisonNumber),
    })
  }

  app.get('/people/:prisonNumber/calculate', { config: { access: CALCULATE } }, async (req, reply) => {
    const person = requirePerson(req)
    const saved = chosenReason(req, person)
    return renderReason(
      reply,
      person,
      saved ? { reason: saved.code, [`text-${saved.code}`]: saved.text ?? '' } : {},
    )
  })

  app.post('/people/:prisonNumber/calculate', { config: { access: CALCULATE } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const reason = readReason(body, calculationReasonSchema, errors) as CalculationReason | undefined
    if (!reason) {
      const code = str(body, 'reason', 60)
      return renderReason(
        reply,
        person,
        { reason: code, [`text-${code}`]: str(body, `text-${code}`, 500) },
        errors,
        400,
      )
    }
    req.session.set('calculationReason', { prisonNumber: person.prisonNumber, reason })
    return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
  })

  // --- 2. Check the information ------------------------------------------------------------
  app.get(
    '/people/:prisonNumber/calculate/check-information',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const reason = chosenReason(req, person)
      if (!reason) return reply.redirect(calculationUrls.reason(person.prisonNumber))
      const current = await currentInputOrProblems(person)
      const records = await bookings.load(person.bookingId)
      if (!current.ok) {
        return reply.render(`${DIR}/check-information.njk`, {
          pageTitle: 'Check the information',
          person,
          unreadable: current.problems,
          backLink: calculationUrls.reason(person.prisonNumber),
        })
      }
      const outcome = journey.engine.outcome(current.input, journey.today())
      const view = checkInformationView(current.input, outcome)
      const withFix = <T extends { fix?: Parameters<typeof fixUrl>[2] }>(m: T) => ({
        ...m,
        fixUrl: fixUrl(person, records, m.fix),
      })
      return reply.render(`${DIR}/check-information.njk`, {
        pageTitle: 'Check the information',
        person,
        reasonLabel: CALCULATION_REASONS.find((r) => r.code === reason.code)?.label,
        courtCases: view.courtCases.map((c) => ({
          ...c,
          sentences: c.sentences.map((s) => ({
            ...s,
            sentenceType: capitalise(s.sentenceType),
            messages: s.messages.map(withFix),
            fixUrl: fixUrl(person, records, { kind: 'sentence', index: s.index }),
          })),
        })),
        adjustments: view.adjustments.map((a) => ({
          ...a,
          messages: a.messages.map(withFix),
          fixUrl: fixUrl(person, records, { kind: 'adjustment', type: a.type, index: a.index }),
        })),
        otherMessages: view.otherMessages.map(withFix),
        next: view.next,
        manualUrl: calculationUrls.manual(person.prisonNumber),
        backLink: calculationUrls.reason(person.prisonNumber),
      })
    },
  )

  app.post(
    '/people/:prisonNumber/calculate/check-information',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const reason = chosenReason(req, person)
      if (!reason) return reply.redirect(calculationUrls.reason(person.prisonNumber))
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      const outcome = journey.engine.outcome(current.input, journey.today())
      const calculationId = randomUUID()
      const result = await journey.execute(requireCalculationUser(req), person, () => ({
        type: 'RequestCalculation',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        calculationId,
        reason,
        input: current.input,
        outcome,
      }))
      if (!result.ok) throw new HttpError(422, result.refusal.message)
      return reply.redirect(calculationUrls.result(person.prisonNumber, calculationId))
    },
  )

  // --- 3. The preliminary result: are these dates correct? ---------------------------------
  async function renderResult(
    req: FastifyRequest,
    reply: FastifyReply,
    person: Person,
    state: CalculationState,
    id: string,
    extra: { errors?: FormErrors; refusal?: { message: string; changes?: string[] }; status?: number } = {},
  ) {
    const view = preliminaryView(state, id)
    if (!view) throw new HttpError(404, 'Calculation not found')
    const preliminary = state.preliminaries[id]!
    if (preliminary.used) return reply.redirect(calculationUrls.complete(person.prisonNumber, id))
    return reply.status(extra.status ?? 200).render(`${DIR}/result.njk`, {
      pageTitle: extra.refusal ? 'The information has changed' : 'Check the release dates',
      person,
      view,
      refusal: extra.refusal,
      errors: extra.errors?.byField ?? {},
      errorList: extra.errors?.list ?? [],
      checkInformationUrl: calculationUrls.checkInformation(person.prisonNumber),
      manualUrl: calculationUrls.manual(person.prisonNumber),
      backLink: calculationUrls.checkInformation(person.prisonNumber),
    })
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/result',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      return renderResult(req, reply, person, await journey.state(person, id), id)
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/result',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const body = (req.body ?? {}) as FormBody
      const answer = str(body, 'correct', 5)
      const state = await journey.state(person, id)
      if (!state.preliminaries[id]) throw new HttpError(404, 'Calculation not found')
      if (answer !== 'yes' && answer !== 'no') {
        const errors = new FormErrors()
        errors.add('correct', 'Select yes if the release dates are correct', 'correct')
        return renderResult(req, reply, person, state, id, { errors, status: 400 })
      }
      if (answer === 'no') return reply.redirect(calculationUrls.override(person.prisonNumber, id))
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      const result = await journey.execute(requireCalculationUser(req), person, () => ({
        type: 'ConfirmCalculation',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        preliminaryId: id,
        currentInput: current.input,
      }))
      if (!result.ok) {
        const status =
          result.refusal.code === 'INPUTS_CHANGED' || result.refusal.code === 'SUPERSEDED' ? 409 : 422
        return renderResult(req, reply, person, result.state, id, { refusal: result.refusal, status })
      }
      req.session.set('calculationReason', undefined)
      return reply.redirect(calculationUrls.complete(person.prisonNumber, id))
    },
  )

  // --- Override: the dates are not correct --------------------------------------------------
  function renderOverride(
    reply: FastifyReply,
    person: Person,
    id: string,
    values: Record<string, unknown>,
    extra: { errors?: FormErrors; refusal?: { message: string; changes?: string[] }; status?: number } = {},
  ) {
    return reply.status(extra.status ?? 200).render(`${DIR}/override.njk`, {
      pageTitle: 'Enter the correct release dates',
      person,
      reasons: reasonItems(OVERRIDE_REASONS),
      dateFields: dateFields(RELEASE_DATE_TYPES, values),
      values,
      refusal: extra.refusal,
      errors: extra.errors?.byField ?? {},
      errorList: extra.errors?.list ?? [],
      checkInformationUrl: calculationUrls.checkInformation(person.prisonNumber),
      backLink: calculationUrls.result(person.prisonNumber, id),
    })
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/override',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const state = await journey.state(person, id)
      const p = state.preliminaries[id]
      if (!p) throw new HttpError(404, 'Calculation not found')
      if (p.used) return reply.redirect(calculationUrls.complete(person.prisonNumber, id))
      const engineDates = p.outcome.status === 'calculated' ? p.outcome.result.dates : {}
      const values: Record<string, unknown> = {}
      for (const t of RELEASE_DATE_TYPES) values[`date-${t}`] = partsFromIso(engineDates[t])
      return renderOverride(reply, person, id, values)
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/override',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const body = (req.body ?? {}) as FormBody
      const errors = new FormErrors()
      const reason = readReason(body, overrideReasonSchema, errors)
      const dates = readDates(body, RELEASE_DATE_TYPES, errors)
      const code = str(body, 'reason', 60)
      const values: Record<string, unknown> = {
        reason: code,
        [`text-${code}`]: str(body, `text-${code}`, 500),
      }
      for (const t of RELEASE_DATE_TYPES) values[`date-${t}`] = dateParts(body, `date-${t}`)
      if (errors.any || !reason) return renderOverride(reply, person, id, values, { errors, status: 400 })
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      if (enteredDatesRefusal(dates, current.input.booking, errors))
        return renderOverride(reply, person, id, values, { errors, status: 422 })
      req.session.set('enteredDates', {
        prisonNumber: person.prisonNumber,
        kind: 'override',
        preliminaryId: id,
        overrideReason: reason,
        types: RELEASE_DATE_TYPES.filter((t) => dates[t] !== undefined),
        dates,
      })
      return reply.redirect(calculationUrls.overrideCheck(person.prisonNumber, id))
    },
  )

  // --- Manual entry (SafeRelease cannot calculate this case) ---------------------------------
  app.get('/people/:prisonNumber/calculate/manual', { config: { access: CALCULATE } }, async (req, reply) => {
    const person = requirePerson(req)
    if (!chosenReason(req, person)) return reply.redirect(calculationUrls.reason(person.prisonNumber))
    return reply.render(`${DIR}/manual-select.njk`, {
      pageTitle: 'Which release dates do you need to enter?',
      person,
      types: RELEASE_DATE_TYPES.map((t) => ({ value: t, text: `${RELEASE_DATE_NAMES[t]} (${t})` })),
      errors: {},
      errorList: [],
      backLink: calculationUrls.checkInformation(person.prisonNumber),
    })
  })

  app.post(
    '/people/:prisonNumber/calculate/manual',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const body = (req.body ?? {}) as FormBody
      const raw = body.dateTypes
      const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
        (t): t is ReleaseDateType => (RELEASE_DATE_TYPES as readonly unknown[]).includes(t),
      )
      if (chosen.length === 0) {
        const errors = new FormErrors()
        errors.add('dateTypes', 'Select the release dates you need to enter', 'dateTypes')
        return reply.status(400).render(`${DIR}/manual-select.njk`, {
          pageTitle: 'Which release dates do you need to enter?',
          person,
          types: RELEASE_DATE_TYPES.map((t) => ({ value: t, text: `${RELEASE_DATE_NAMES[t]} (${t})` })),
          errors: errors.byField,
          errorList: errors.list,
          backLink: calculationUrls.checkInformation(person.prisonNumber),
        })
      }
      return reply.redirect(`${calculationUrls.manualDates(person.prisonNumber)}?types=${chosen.join(',')}`)
    },
  )

  const typesFrom = (q: unknown): ReleaseDateType[] =>
    String((q as Record<string, unknown>)?.types ?? '')
      .split(',')
      .filter((t): t is ReleaseDateType => (RELEASE_DATE_TYPES as readonly string[]).includes(t))

  function renderManualDates(
    reply: FastifyReply,
    person: Person,
    types: ReleaseDateType[],
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) {
    return reply.status(status).render(`${DIR}/manual-dates.njk`, {
      pageTitle: 'Enter the release dates',
      person,
      types: types.join(','),
      dateFields: dateFields(types, values),
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: calculationUrls.manual(person.prisonNumber),
    })
  }

  app.get(
    '/people/:prisonNumber/calculate/manual/dates',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const types = typesFrom(req.query)
      if (types.length === 0) return reply.redirect(calculationUrls.manual(person.prisonNumber))
      return renderManualDates(reply, person, types, {})
    },
  )

  app.post(
    '/people/:prisonNumber/calculate/manual/dates',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const body = (req.body ?? {}) as FormBody
      const types = typesFrom({ types: str(body, 'types', 200) })
      const reason = chosenReason(req, person)
      if (!reason) return reply.redirect(calculationUrls.reason(person.prisonNumber))
      if (types.length === 0) return reply.redirect(calculationUrls.manual(person.prisonNumber))
      const errors = new FormErrors()
      const dates = readDates(body, types, errors)
      const values: Record<string, unknown> = {}
      for (const t of types) values[`date-${t}`] = dateParts(body, `date-${t}`)
      if (errors.any) return renderManualDates(reply, person, types, values, errors, 400)
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      const refused = enteredDatesRefusal(dates, current.input.booking, errors)
      if (refused) return renderManualDates(reply, person, types, values, errors, 422)
      req.session.set('enteredDates', { prisonNumber: person.prisonNumber, kind: 'manual', types, dates })
      return reply.redirect(calculationUrls.manualCheck(person.prisonNumber))
    },
  )

  // --- Check your answers: hand-entered or overridden dates, before they become the person's ---
  function pendingDates(req: FastifyRequest, person: Person, kind: 'manual' | 'override', id?: string) {
    const saved = req.session.get('enteredDates')
    if (!saved || saved.prisonNumber !== person.prisonNumber || saved.kind !== kind) return undefined
    if (kind === 'override' && saved.preliminaryId !== id) return undefined
    return saved
  }

  async function renderCheckAnswers(
    reply: FastifyReply,
    person: Person,
    pending: NonNullable<ReturnType<typeof pendingDates>>,
    changeUrl: string,
    extra: { error?: string; refusal?: { message: string; changes?: string[] }; status?: number } = {},
  ) {
    const calendar = bankHolidayCalendar(await bankHolidays.dates())
    const rows = pending.types.flatMap((t) => {
      const iso = pending.dates[t]
      if (!iso) return []
      const day = releaseDay(t, iso, calendar)
      return [
        {
          type: t,
          name: `${RELEASE_DATE_NAMES[t]} (${t})`,
          date: formatDate(iso),
          releaseDay: day.kind === 'not-a-release-day' ? undefined : day.text,
          calendarUnknown: day.kind === 'calendar-unknown',
          changeUrl: `${changeUrl}#date-${t}-day`,
        },
      ]
    })
    const reasonText =
      pending.overrideReason &&
      (OVERRIDE_REASONS.find((r) => r.code === pending.overrideReason!.code)?.label ?? '') +
        (pending.overrideReason.text ? `: ${pending.overrideReason.text}` : '')
    return reply.status(extra.status ?? 200).render(`${DIR}/check-answers.njk`, {
      pageTitle: 'Check your answers before saving the dates',
      person,
      kind: pending.kind,
      rows,
      overrideReason: reasonText,
      changeUrl,
      refusal: extra.refusal,
      errorList: extra.error ? [{ text: extra.error, href: '#dates' }] : [],
      checkInformationUrl: calculationUrls.checkInformation(person.prisonNumber),
      backLink: changeUrl,
    })
  }

  app.get(
    '/people/:prisonNumber/calculate/manual/check-your-answers',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const pending = pendingDates(req, person, 'manual')
      if (!pending) return reply.redirect(calculationUrls.manual(person.prisonNumber))
      return renderCheckAnswers(
        reply,
        person,
        pending,
        `${calculationUrls.manualDates(person.prisonNumber)}?types=${pending.types.join(',')}`,
      )
    },
  )

  app.post(
    '/people/:prisonNumber/calculate/manual/check-your-answers',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const pending = pendingDates(req, person, 'manual')
      const reason = chosenReason(req, person)
      if (!reason) return reply.redirect(calculationUrls.reason(person.prisonNumber))
      if (!pending) return reply.redirect(calculationUrls.manual(person.prisonNumber))
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      const outcome = journey.engine.outcome(current.input, journey.today())
      const calculationId = randomUUID()
      const result = await journey.execute(requireCalculationUser(req), person, () => ({
        type: 'EnterManualDates',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        calculationId,
        reason,
        currentInput: current.input,
        currentOutcome: outcome,
        dates: pending.dates,
      }))
      const changeUrl = `${calculationUrls.manualDates(person.prisonNumber)}?types=${pending.types.join(',')}`
      if (!result.ok)
        return result.refusal.code === 'INPUTS_CHANGED'
          ? renderCheckAnswers(reply, person, pending, changeUrl, { refusal: result.refusal, status: 409 })
          : renderCheckAnswers(reply, person, pending, changeUrl, {
              error: result.refusal.message,
              status: 422,
            })
      req.session.set('calculationReason', undefined)
      req.session.set('enteredDates', undefined)
      return reply.redirect(calculationUrls.complete(person.prisonNumber, calculationId))
    },
  )

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/override/check-your-answers',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const pending = pendingDates(req, person, 'override', id)
      if (!pending) return reply.redirect(calculationUrls.override(person.prisonNumber, id))
      return renderCheckAnswers(reply, person, pending, calculationUrls.override(person.prisonNumber, id))
    },
  )

  app.post(
    '/people/:prisonNumber/calculations/:calculationId/override/check-your-answers',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const pending = pendingDates(req, person, 'override', id)
      if (!pending?.overrideReason) return reply.redirect(calculationUrls.override(person.prisonNumber, id))
      const current = await currentInputOrProblems(person)
      if (!current.ok) return reply.redirect(calculationUrls.checkInformation(person.prisonNumber))
      const result = await journey.execute(requireCalculationUser(req), person, () => ({
        type: 'OverrideDates',
        person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
        preliminaryId: id,
        currentInput: current.input,
        overrideReason: pending.overrideReason as never,
        dates: pending.dates,
      }))
      const changeUrl = calculationUrls.override(person.prisonNumber, id)
      if (!result.ok)
        return result.refusal.code === 'INPUTS_CHANGED' || result.refusal.code === 'SUPERSEDED'
          ? renderCheckAnswers(reply, person, pending, changeUrl, { refusal: result.refusal, status: 409 })
          : renderCheckAnswers(reply, person, pending, changeUrl, {
              error: result.refusal.message,
              status: 422,
            })
      req.session.set('calculationReason', undefined)
      req.session.set('enteredDates', undefined)
      return reply.redirect(calculationUrls.complete(person.prisonNumber, id))
    },
  )

  // --- Complete ------------------------------------------------------------------------------
  app.get(
    '/people/:prisonNumber/calculations/:calculationId/complete',
    { config: { access: CALCULATE } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const state = await journey.state(person)
      const entry = historyEntry(state, id)
      if (!entry) throw new HttpError(404, 'Calculation not found')
      const view = calculationView(entry, await bankHolidays.dates())
      return reply.render(`${DIR}/complete.njk`, {
        pageTitle: 'Calculation complete',
        person,
        view,
        slipPrisoner: calculationUrls.slip(person.prisonNumber, id, 'prisoner'),
        slipEstablishment: calculationUrls.slip(person.prisonNumber, id, 'establishment'),
        viewUrl: calculationUrls.view(person.prisonNumber, id),
        personUrl: personUrls.person(person.prisonNumber),
      })
    },
  )

  // --- A past calculation, exactly as it was --------------------------------------------------
  async function visibleEntry(req: FastifyRequest, person: Person, id: string) {
    const state = await journey.state(person)
    const entry = historyEntry(state, id)
    if (!entry) throw new HttpError(404, 'Calculation not found')
    if (hiddenFromChecker(requireCalculationUser(req), state, id))
      throw new HttpError(
        403,
        'You cannot see this calculation until you have checked it independently. Start the second check instead.',
      )
    return { state, entry }
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId',
    { config: { access: READ } },
    async (req, reply) => {
      const person = requirePerson(req)
      const id = calculationIdOf(req)
      const { state, entry } = await visibleEntry(req, person, id)
      const calc = state.calculations[id]!
      const outcome = entry.outcome
      const explanations = outcome.status === 'calculated' ? outcome.result.explanations : []
      const view = calculationView(entry, await bankHolidays.dates())
      const current = entry.isCurrent ? await journey.current(person) : null
      return reply.render(`${DIR}/view.njk`, {
        pageTitle: view.title,
        person,
        view,
        recalculationRequired: current?.recalculationRequired?.reasons,
        explanations: explanations.map((e) => ({
          ...e,
          name: RELEASE_DATE_NAMES[e.type],
          date: formatDate(e.date),
        })),
        check: calc.check,
        slipPrisoner: calculationUrls.slip(person.prisonNumber, id, 'prisoner'),
        slipEstablishment: calculationUrls.slip(person.prisonNumber, id, 'establishment'),
        checkUrl: secondCheckUrls.start(person.prisonNumber, id),
        backLink: personUrls.person(person.prisonNumber),
      })
    },
  )

  // --- Notification slip ----------------------------------------------------------------------
  async function slipFor(req: FastifyRequest) {
    const person = requirePerson(req)
    const id = calculationIdOf(req)
    const variant = String((req.query as Record<string, unknown>)?.variant ?? 'prisoner') as SlipVariant
    if (!(SLIP_VARIANTS as readonly string[]).includes(variant))
      throw new HttpError(404, 'There is no such slip')
    const { entry } = await visibleEntry(req, person, id)
    const view = slipView({
      variant,
      prison: { id: person.prisonId, name: person.prisonName },
      person: {
        name: `${person.firstName} ${person.lastName}`,
        prisonNumber: person.prisonNumber,
        dateOfBirth: person.dateOfBirth,
      },
      entry,
      bankHolidays: await bankHolidays.dates(),
    })
    return { person, id, variant, view }
  }

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/slip',
    { config: { access: READ } },
    async (req, reply) => {
      const { person, id, variant, view } = await slipFor(req)
      return reply.render(`${DIR}/slip.njk`, {
        pageTitle: `${view.title}: ${view.copy.toLowerCase()}`,
        person,
        slip: view,
        pdfUrl: calculationUrls.slipPdf(person.prisonNumber, id, variant),
        otherUrl: calculationUrls.slip(
          person.prisonNumber,
          id,
          variant === 'prisoner' ? 'establishment' : 'prisoner',
        ),
        otherName: variant === 'prisoner' ? 'establishment copy' : 'prisoner copy',
        backLink: calculationUrls.view(person.prisonNumber, id),
      })
    },
  )

  app.get(
    '/people/:prisonNumber/calculations/:calculationId/slip.pdf',
    { config: { access: READ } },
    async (req, reply) => {
      const { person, variant, view } = await slipFor(req)
      const pdf = await slipPdf(view)
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="release-dates-${person.prisonNumber}-${variant}.pdf"`,
        )
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )
}

/** The slip as a PDF (pdfkit's built-in Helvetica; no external fonts). */
export function slipPdf(slip: ReturnType<typeof slipView>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${slip.title} (${slip.copy})` } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.font('Helvetica-Bold').fontSize(18).text(slip.title)
    doc.font('Helvetica').fontSize(11).text(`${slip.copy} — ${slip.prison}`).moveDown()
    doc.text(`Name: ${slip.person.name}`)
    doc.text(`Prison number: ${slip.person.prisonNumber}`)
    doc.text(`Date of birth: ${slip.person.dateOfBirth}`)
    doc.text(`Calculated on: ${slip.calculation.date}`)
    doc.text(`Reason: ${slip.calculation.reason}`)
    doc.text(`How the dates were set: ${slip.calculation.howSet}`).moveDown()
    doc.font('Helvetica-Bold').fontSize(13).text('Release dates')
    doc.font('Helvetica').fontSize(11)
    for (const d of slip.dates)
      doc.text(`${d.name} (${d.type}): ${d.date}${d.releaseDay ? `. Day of release: ${d.releaseDay}` : ''}`)
    doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Sentences')
    doc.font('Helvetica').fontSize(11)
    for (const s of slip.sentences)
      doc.text(`${s.label}: ${s.sentenceType}, ${s.length}, sentenced ${s.sentenceDate}`)
    if (slip.adjustments.length) {
      doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Adjustments')
      doc.font('Helvetica').fontSize(11)
      for (const a of slip.adjustments)
        doc.text(`${a.name}: ${a.days} days${a.from ? ` (${a.from} to ${a.to})` : ''}`)
    }
    if (slip.disputing) {
      doc.moveDown().font('Helvetica-Bold').fontSize(13).text(slip.disputing.heading)
      doc.font('Helvetica').fontSize(11)
      for (const p of slip.disputing.paragraphs) doc.text(p).moveDown(0.5)
    }
    if (slip.establishment) {
      doc.moveDown().font('Helvetica-Bold').fontSize(13).text('For the establishment')
      doc.font('Helvetica').fontSize(11)
      doc.text(`Calculation reference: ${slip.establishment.calculationId}`)
      doc.text(`Reason in full: ${slip.establishment.reasonInFull}`)
      if (slip.establishment.overrideReason) doc.text(`Override reason: ${slip.establishment.overrideReason}`)
      doc.text(`Calculated by: ${slip.establishment.calculatedBy.join(', ')}`)
      doc.text(`Confirmed by: ${slip.establishment.confirmedBy}`)
      doc.text(`Second check: ${slip.establishment.secondCheck}`)
    }
    doc.end()
  })
}

/** For the person's page: the calculation history (and whether their records are hidden from a blind checker). */
export async function calculationSection(app: FastifyInstance, req: FastifyRequest, person: Person) {
  const user = requireCalculationUser(req)
  const state = await app.services.calculationJourney.state(person)
  const hideRecords = awaitingBlindCheck(user, state)
  const current = await app.services.calculationJourney.current(person)
  const history = historyEntries(state).map((e) => {
    const hidden = hiddenFromChecker(user, state, e.calculationId)
    return {
      date: formatInstantDate(e.confirmedAt),
      reason: CALCULATION_REASONS.find((r) => r.code === e.reason.code)?.label ?? e.reason.code,
      by: e.calculatedBy.join(', '),
      prison: e.prisonId,
      source: sourceLabel(e.source),
      sourceCode: e.source,
      status: checkStatusLabel(e.status),
      statusCode: e.status,
      isCurrent: e.isCurrent,
      recalculationRequired: e.isCurrent && current?.recalculationRequired != null,
      viewUrl: hidden ? undefined : calculationUrls.view(person.prisonNumber, e.calculationId),
      checkUrl:
        user.roles.includes('checker') &&
        !e.calculatedBy.includes(user.username) &&
        e.status !== 'verified' &&
        e.isCurrent
          ? secondCheckUrls.start(person.prisonNumber, e.calculationId)
          : undefined,
    }
  })
  return {
    calculationHistory: history,
    currentDates: hideRecords ? undefined : await currentDatesSummary(app, person, state),
    hideRecords,
    canCalculate: user.roles.includes('calculator'),
    calculateUrl: calculationUrls.reason(person.prisonNumber),
  }
}

/**
 * "Current release dates" at the top of the person's page: the confirmed dates with the day of
 * release, verified or not, when and by whom, and "recalculation required" (with why) once
 * anything the engine reads has changed since.
 */
async function currentDatesSummary(app: FastifyInstance, person: Person, state: CalculationState) {
  const current = await app.services.calculationJourney.current(person)
  if (!current) return { empty: true }
  const entry = historyEntry(state, current.calculationId)
  if (!entry) return { empty: true }
  const view = calculationView(entry, await app.services.bankHolidays.dates())
  return {
    empty: false,
    dates: view.dates,
    source: view.source,
    sourceCode: current.source,
    verified: current.checkStatus === 'verified',
    status: checkStatusLabel(current.checkStatus),
    confirmed: `Confirmed by ${current.confirmedBy} on ${formatInstantDate(current.confirmedAt)}`,
    verifiedBy: current.verified
      ? `Verified by ${current.verified.by} on ${formatInstantDate(current.verified.at)}`
      : undefined,
    recalculationRequired: current.recalculationRequired?.reasons,
    viewUrl: calculationUrls.view(person.prisonNumber, current.calculationId),
  }
}
