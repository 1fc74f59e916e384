/**
 * Import a booking in the reference booking format (calculators, in their own prisons): the JSON
 * is pasted into a textarea (works without JavaScript and with @fastify/formbody), checked with
 * the engine's zod schema, and every problem is listed by its path in the error summary. The
 * import replaces the person's sentences, adjustments, recall details and movements in one
 * audited change, and only if the booking is still at the version the user loaded.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { integerRangeProblems, textProblems } from '../../plugins/errors.js'
import { bookingDateProblems } from '../../../boundary/dates.js'
import { ConflictError, ValidationError, type Problem } from '../../../db/errors.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  bookingSchema,
  plainMessages,
  problemsFromZod,
  type BookingInput,
} from '../../../engine/input/reference-booking.js'
import { formatDate } from '../../../calculation/domain/format.js'
import { FormErrors, readVersion, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'
import { actorOf } from '../../api/v1/index.js'

const TEMPLATE = 'journeys/booking-import/view.njk'
const access = { roles: EDIT_SENTENCES, prison: 'person' } as const
/** Well inside the 1 MB request limit once form-encoded. */
export const MAX_BOOKING_CHARACTERS = 300_000
/** Problems listed in the error summary; the rest are counted. */
const MAX_LISTED = 50

function rawBooking(body: FormBody): string {
  const v = body.booking
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}

/** The booking's problems, in order: text, JSON syntax, unstorable text, the schema, number range and dates. */
function checkBooking(raw: string): { ok: false; problems: Problem[] } | { ok: true; value: BookingInput } {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : 'it could not be read'
    return { ok: false, problems: [{ path: '', message: messages.bookingNotJson(detail) }] }
  }
  // JSON escapes such as \u0000 or \ud800 only become characters once parsed, after the request was checked.
  const nul = textProblems(json)
  if (nul.length > 0) return { ok: false, problems: nul }
  const parsed = bookingSchema.safeParse(json, { error: plainMessages })
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) }
  const range = [...integerRangeProblems(parsed.data), ...bookingDateProblems(parsed.data)]
  if (range.length > 0) return { ok: false, problems: range }
  return { ok: true, value: parsed.data }
}

function addProblems(errors: FormErrors, problems: Problem[]) {
  problems.slice(0, MAX_LISTED).forEach((p, i) => {
    const text = p.path === '' ? p.message : messages.bookingProblem(p.path, p.message)
    errors.add(`booking-${i}`, text, 'booking')
  })
  if (problems.length > MAX_LISTED)
    errors.add('booking-more', `And ${problems.length - MAX_LISTED} more problems`, 'booking')
}

function render(
  reply: FastifyReply,
  person: Person,
  opts: { booking: string; version: number; errors?: FormErrors; status?: number },
) {
  const list = opts.errors?.list ?? []
  const inline =
    list.length === 0
      ? undefined
      : list.length === 1
        ? list[0]!.text
        : `The booking has ${list.length} problems, listed at the top of the page`
  return reply.status(opts.status ?? 200).render(TEMPLATE, {
    pageTitle: 'Import a booking',
    person,
    dateOfBirth: formatDate(person.dateOfBirth),
    booking: opts.booking,
    version: opts.version,
    bookingError: inline,
    errorList: list,
    backLink: personUrls.person(person.prisonNumber),
    bookingJsonUrl: personUrls.bookingJson(person.prisonNumber),
  })
}

export function bookingImportJourney(app: FastifyInstance): void {
  const { bookings } = app.services

  app.get('/people/:prisonNumber/booking/import', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const records = await bookings.load(person.bookingId)
    return render(reply, person, { booking: '', version: Number(records.booking.version) })
  })

  app.post('/people/:prisonNumber/booking/import', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const raw = rawBooking(body)
    const version = readVersion(body)
    const errors = new FormErrors()
    let status = 400
    if (raw.trim() === '') errors.add('booking', messages.enterBooking)
    else if (raw.length > MAX_BOOKING_CHARACTERS)
      errors.add('booking', messages.bookingTooLong(MAX_BOOKING_CHARACTERS))
    else {
      const checked = checkBooking(raw)
      if (!checked.ok) addProblems(errors, checked.problems)
      else {
        try {
          if (version === 0) throw new ConflictError()
          const input = checked.value
          await bookings.import(actorOf(req), person, input, { bookingVersion: version })
          const adjustments = Object.values(input.adjustments).flat().length
          req.session.set(
            'flash',
            `Booking imported: ${input.sentences.length} ${input.sentences.length === 1 ? 'sentence' : 'sentences'}, ${adjustments} ${adjustments === 1 ? 'adjustment' : 'adjustments'}`,
          )
          return reply.redirect(personUrls.person(person.prisonNumber))
        } catch (e) {
          if (e instanceof ConflictError) {
            errors.add('booking', messages.conflict)
            status = 409
          } else if (e instanceof ValidationError) addProblems(errors, e.problems)
          else throw e
        }
      }
    }
    return render(reply, person, {
      booking: raw.length > MAX_BOOKING_CHARACTERS ? '' : raw,
      version,
      errors,
      status,
    })
  })
}
