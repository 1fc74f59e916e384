/** Add and change an adjustment (calculators, in their own prisons). Post/redirect/get. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { ConflictError } from '../../../db/errors.js'
import {
  adjustmentBodySchema,
  type AdjustmentBody,
  type AdjustmentRow,
} from '../../../db/repositories/booking.js'
import type { Person } from '../../../db/repositories/people.js'
import { ADJUSTMENT_TYPES, UAL_REASONS } from '../../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPE_LABELS, UAL_REASON_LABELS } from '../../labels.js'
import {
  FormErrors,
  dateParts,
  partsFromIso,
  readCount,
  readDate,
  readVersion,
  str,
  type FormBody,
} from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'
import { actorOf } from '../../api/v1/index.js'
import { formatDate } from '../../../calculation/domain/format.js'
import { adjustmentDaysProblem } from '../../../boundary/adjustment-days.js'

const TEMPLATE = 'journeys/adjustment/view.njk'
const REMOVE_TEMPLATE = 'journeys/adjustment/remove.njk'
const access = { roles: EDIT_SENTENCES, prison: 'person' } as const
const idParam = z.object({
  adjustmentId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})

function adjustmentIdOf(req: FastifyRequest): number {
  const p = idParam.safeParse(req.params)
  if (!p.success) throw new HttpError(404, 'Adjustment not found')
  return p.data.adjustmentId
}

/** What the stored adjustment carried that the form does not show (kept on change). */
interface Stored {
  infoType: string | null
  ualReason: string | null
}

function readForm(body: FormBody, stored?: Stored): { errors: FormErrors; adjustment?: AdjustmentBody } {
  const errors = new FormErrors()
  const type = str(body, 'type', 60)
  if (!(ADJUSTMENT_TYPES as readonly string[]).includes(type))
    errors.add('type', messages.chooseAdjustmentType)
  const days = readCount(body, 'numberOfDays', 'number of days', errors, 100_000)
  if (days === undefined && !errors.byField.numberOfDays) errors.add('numberOfDays', messages.adjustmentDays)
  const appliesFrom = readDate(body, 'appliesFrom', 'date of the first sentence it applies to', errors, true)
  const fromDate = readDate(body, 'fromDate', 'first day', errors, false)
  const toDate = readDate(body, 'toDate', 'last day', errors, false)
  if (fromDate && toDate && toDate < fromDate) errors.add('toDate', messages.toBeforeFrom, 'toDate-day')
  const daysDifferReason = str(body, 'daysDifferReason', 500)
  if (days !== undefined && !errors.any) {
    const problem = adjustmentDaysProblem({ type, numberOfDays: days, fromDate, toDate, daysDifferReason })
    if (problem) errors.add('numberOfDays', problem.message)
  }
  const reason = str(body, 'ualReason', 60)
  if (type === 'UNLAWFULLY_AT_LARGE' && !(UAL_REASONS as readonly string[]).includes(reason))
    errors.add('ualReason', messages.chooseUalReason)
  if (errors.any) return { errors }
  const parsed = adjustmentBodySchema.safeParse({
    type,
    numberOfDays: days,
    appliesToSentencesFrom: appliesFrom,
    fromDate,
    toDate,
    daysDifferReason: daysDifferReason || null,
    additionalInfo:
      type === 'UNLAWFULLY_AT_LARGE'
        ? { type: stored?.infoType ?? 'UAL', reason }
        : stored?.infoType
          ? { type: stored.infoType, ...(stored.ualReason ? { reason: stored.ualReason } : {}) }
          : undefined,
  })
  if (!parsed.success) {
    errors.add('type', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))
    return { errors }
  }
  return { errors, adjustment: parsed.data }
}

function render(
  reply: FastifyReply,
  person: Person,
  opts: {
    editing?: { id: number; version: number }
    values: Record<string, unknown>
    errors?: FormErrors
    status?: number
  },
) {
  return reply.status(opts.status ?? 200).render(TEMPLATE, {
    pageTitle: opts.editing ? 'Change an adjustment' : 'Add an adjustment',
    person,
    editing: opts.editing,
    values: opts.values,
    errors: opts.errors?.byField ?? {},
    errorList: opts.errors?.list ?? [],
    backLink: personUrls.person(person.prisonNumber),
    typeItems: [
      { value: '', text: 'Select the type' },
      ...ADJUSTMENT_TYPES.map((t) => ({ value: t, text: ADJUSTMENT_TYPE_LABELS[t] })),
    ],
    reasonItems: [
      { value: '', text: 'Not unlawfully at large' },
      ...UAL_REASONS.map((r) => ({ value: r, text: UAL_REASON_LABELS[r] ?? r })),
    ],
  })
}

function valuesFromBody(body: FormBody) {
  return {
    type: str(body, 'type', 60),
    numberOfDays: str(body, 'numberOfDays', 20),
    ualReason: str(body, 'ualReason', 60),
    appliesFrom: dateParts(body, 'appliesFrom'),
    fromDate: dateParts(body, 'fromDate'),
    toDate: dateParts(body, 'toDate'),
    daysDifferReason: str(body, 'daysDifferReason', 500),
  }
}

export function adjustmentJourney(app: FastifyInstance): void {
  const { bookings } = app.services

  app.get('/people/:prisonNumber/adjustments/add', { config: { access } }, async (req, reply) =>
    render(reply, requirePerson(req), { values: {} }),
  )

  app.post('/people/:prisonNumber/adjustments/add', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const { errors, adjustment } = readForm(body)
    if (adjustment) {
      await bookings.createAdjustment(actorOf(req), person, adjustment)
      req.session.set('flash', 'Adjustment added')
      return reply.redirect(personUrls.person(person.prisonNumber))
    }
    return render(reply, person, { values: valuesFromBody(body), errors, status: 400 })
  })

  app.get(
    '/people/:prisonNumber/adjustments/:adjustmentId/edit',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const a = await bookings.getAdjustment(person, adjustmentIdOf(req))
      return render(reply, person, {
        editing: { id: Number(a.id), version: Number(a.version) },
        values: {
          type: a.type,
          numberOfDays: String(a.number_of_days),
          ualReason: a.ual_reason ?? '',
          appliesFrom: partsFromIso(a.applies_to_sentences_from),
          fromDate: partsFromIso(a.from_date),
          toDate: partsFromIso(a.to_date),
          daysDifferReason: a.days_differ_reason ?? '',
        },
      })
    },
  )

  app.post(
    '/people/:prisonNumber/adjustments/:adjustmentId/edit',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const body = (req.body ?? {}) as FormBody
      const a = await bookings.getAdjustment(person, adjustmentIdOf(req))
      const version = Number(str(body, 'version', 12))
      const editing = {
        id: Number(a.id),
        // A missing or mangled version can never match, so the change is refused as stale (never applied blind).
        version: Number.isInteger(version) && version > 0 && version < 2 ** 31 ? version : 0,
      }
      const { errors, adjustment } = readForm(body)
      if (adjustment) {
        try {
          await bookings.updateAdjustment(actorOf(req), person, editing.id, editing.version, adjustment)
          req.session.set('flash', 'Adjustment changed')
          return reply.redirect(personUrls.person(person.prisonNumber))
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e
          errors.add('version', messages.conflict, 'type')
        }
      }
      return render(reply, person, {
        editing,
        values: valuesFromBody(body),
        errors,
        status: errors.byField.version ? 409 : 400,
      })
    },
  )

  /** Confirmation, then removal (the version the user saw; stale → reload). */
  app.get(
    '/people/:prisonNumber/adjustments/:adjustmentId/remove',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const a = await bookings.getAdjustment(person, adjustmentIdOf(req))
      return renderRemove(reply, person, a, { version: Number(a.version) })
    },
  )

  app.post(
    '/people/:prisonNumber/adjustments/:adjustmentId/remove',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const a = await bookings.getAdjustment(person, adjustmentIdOf(req))
      const version = readVersion((req.body ?? {}) as FormBody)
      try {
        if (version === 0) throw new ConflictError()
        await bookings.deleteAdjustment(actorOf(req), person, Number(a.id), version)
        req.session.set('flash', `Adjustment removed: ${describeAdjustment(a)}`)
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e
        const errors = new FormErrors()
        errors.add('version', messages.conflict, 'adjustment')
        return renderRemove(reply, person, a, { version, errors, status: 409 })
      }
    },
  )
}

/** "remand of 20 days from 10 January 2023" (or "applying to sentences from ..." when it has no first day). */
export function describeAdjustment(a: AdjustmentRow): string {
  const type = ADJUSTMENT_TYPE_LABELS[a.type as keyof typeof ADJUSTMENT_TYPE_LABELS] ?? a.type
  const days = Number(a.number_of_days)
  const when = a.from_date
    ? `from ${formatDate(a.from_date)}`
    : `applying to sentences from ${formatDate(a.applies_to_sentences_from)}`
  return `${type} of ${days} ${days === 1 ? 'day' : 'days'} ${when}`
}

function renderRemove(
  reply: FastifyReply,
  person: Person,
  a: AdjustmentRow,
  opts: { version: number; errors?: FormErrors; status?: number },
) {
  const description = describeAdjustment(a)
  return reply.status(opts.status ?? 200).render(REMOVE_TEMPLATE, {
    pageTitle: `Are you sure you want to remove the adjustment: ${description}?`,
    person,
    version: opts.version,
    adjustment: {
      type: ADJUSTMENT_TYPE_LABELS[a.type as keyof typeof ADJUSTMENT_TYPE_LABELS] ?? a.type,
      reason: a.ual_reason ? (UAL_REASON_LABELS[a.ual_reason] ?? a.ual_reason) : undefined,
      days: String(a.number_of_days),
      from: a.from_date ? formatDate(a.from_date) : 'Not recorded',
      to: a.to_date ? formatDate(a.to_date) : 'Not recorded',
      appliesFrom: formatDate(a.applies_to_sentences_from),
    },
    errors: opts.errors?.byField ?? {},
    errorList: opts.errors?.list ?? [],
    backLink: personUrls.person(person.prisonNumber),
    cancelUrl: personUrls.person(person.prisonNumber),
  })
}
