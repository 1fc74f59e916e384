/** Add and change a sentence (calculators, in their own prisons). Post/redirect/get. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { ConflictError, ValidationError } from '../../../db/errors.js'
import { sentenceToReference, type BookingRecords } from '../../../db/repositories/booking.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  RECALL_TYPES,
  SDS_EARLY_RELEASE_EXCLUSIONS,
  SENTENCE_TYPES,
} from '../../../engine/input/reference-booking.js'
import { SENTENCE_TYPE_LABELS } from '../../labels.js'
import { FormErrors, readVersion, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'
import { courtCaseUrls } from '../court-case/urls.js'
import {
  keepUnshownFields,
  readSentenceForm,
  valuesFromBody,
  valuesFromSentence,
  type SentenceFormValues,
} from './form.js'
import { actorOf } from '../../api/v1/index.js'
import { sentenceSummaries } from './describe.js'
import { formatDate } from '../../../calculation/domain/format.js'

const TEMPLATE = 'journeys/sentence/view.njk'
const REMOVE_TEMPLATE = 'journeys/sentence/remove.njk'
const access = { roles: EDIT_SENTENCES, prison: 'person' } as const
const idParam = z.object({
  sentenceId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})

function sentenceIdOf(req: FastifyRequest): number {
  const p = idParam.safeParse(req.params)
  if (!p.success) throw new HttpError(404, 'Sentence not found')
  return p.data.sentenceId
}

function render(
  reply: FastifyReply,
  person: Person,
  records: BookingRecords,
  opts: {
    editing?: { id: number; version: number; identifier: string }
    values: SentenceFormValues
    errors?: FormErrors
    status?: number
  },
) {
  const cases = new Map(records.courtCases.map((c) => [Number(c.id), c]))
  const others = records.sentences
    .filter((s) => s.identifier !== opts.editing?.identifier)
    .map((s, i) => {
      const cc = s.court_case_id === null ? undefined : cases.get(Number(s.court_case_id))
      return {
        value: s.identifier,
        text: `${cc ? `Case ${cc.case_sequence}` : 'No case'}, line ${s.line_sequence ?? i + 1}: ${SENTENCE_TYPE_LABELS[s.type as keyof typeof SENTENCE_TYPE_LABELS] ?? s.type}, sentenced ${s.sentenced_at}`,
      }
    })
  return reply.status(opts.status ?? 200).render(TEMPLATE, {
    pageTitle: opts.editing ? 'Change a sentence' : 'Add a sentence',
    person,
    editing: opts.editing,
    values: opts.values,
    errors: opts.errors?.byField ?? {},
    errorList: opts.errors?.list ?? [],
    backLink: personUrls.person(person.prisonNumber),
    addCourtCaseUrl: courtCaseUrls.add(person.prisonNumber),
    typeItems: SENTENCE_TYPES.map((t) => ({ value: t, text: SENTENCE_TYPE_LABELS[t] })),
    noCaseAllowed:
      opts.editing !== undefined &&
      records.sentences.some((s) => s.identifier === opts.editing!.identifier && s.court_case_id === null),
    caseItems: records.courtCases.map((c) => ({
      value: String(c.case_sequence),
      text: `Court case ${c.case_sequence}${c.case_reference ? ` (${c.case_reference})` : ''}${c.court_name ? `, ${c.court_name}` : ''}`,
    })),
    consecutiveItems: [{ value: '', text: 'Not consecutive (concurrent)' }, ...others],
    exclusionItems: SDS_EARLY_RELEASE_EXCLUSIONS.map((e) => ({
      value: e,
      text: e === 'NO' ? 'None' : e.replace(/_/g, ' ').toLowerCase(),
    })),
    recallItems: [
      { value: '', text: 'Not a recall' },
      ...RECALL_TYPES.map((r) => ({ value: r, text: r.replace(/_/g, ' ').toLowerCase() })),
    ],
  })
}

export function sentenceJourney(app: FastifyInstance): void {
  const { bookings } = app.services

  app.get('/people/:prisonNumber/sentences/add', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const records = await bookings.load(person.bookingId)
    const onlyCase = records.courtCases.length === 1 ? String(records.courtCases[0]!.case_sequence) : ''
    return render(reply, person, records, {
      values: { type: 'StandardSentence', caseSequence: onlyCase, exclusion: 'NO' },
    })
  })

  app.post('/people/:prisonNumber/sentences/add', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const records = await bookings.load(person.bookingId)
    const { errors, sentence } = readSentenceForm(body, {
      caseSequences: records.courtCases.map((c) => Number(c.case_sequence)),
      identifiers: records.sentences.map((s) => s.identifier),
    })
    if (sentence) {
      try {
        await bookings.createSentence(actorOf(req), person, sentence)
        req.session.set('flash', 'Sentence added')
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        for (const p of e.problems)
          errors.add(
            p.path.startsWith('consecutive') ? 'consecutiveTo' : 'type',
            `Sentence ${p.path} ${p.message}`,
          )
      }
    }
    return render(reply, person, records, { values: valuesFromBody(body), errors, status: 400 })
  })

  app.get('/people/:prisonNumber/sentences/:sentenceId/edit', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const row = await bookings.getSentence(person, sentenceIdOf(req))
    const records = await bookings.load(person.bookingId)
    const cc = records.courtCases.find((c) => Number(c.id) === Number(row.court_case_id))
    return render(reply, person, records, {
      editing: { id: Number(row.id), version: Number(row.version), identifier: row.identifier },
      values: valuesFromSentence(sentenceToReference(row, cc)),
    })
  })

  app.post('/people/:prisonNumber/sentences/:sentenceId/edit', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const row = await bookings.getSentence(person, sentenceIdOf(req))
    const records = await bookings.load(person.bookingId)
    const version = Number(str(body, 'version', 12))
    const editing = {
      id: Number(row.id),
      // A missing or mangled version can never match, so the change is refused as stale (never applied blind).
      version: Number.isInteger(version) && version > 0 && version < 2 ** 31 ? version : 0,
      identifier: row.identifier,
    }
    const { errors, sentence } = readSentenceForm(body, {
      identifier: row.identifier,
      allowNoCase: row.court_case_id === null,
      caseSequences: records.courtCases.map((c) => Number(c.case_sequence)),
      identifiers: records.sentences.filter((s) => s.identifier !== row.identifier).map((s) => s.identifier),
    })
    if (sentence) {
      try {
        const cc = records.courtCases.find((c) => Number(c.id) === Number(row.court_case_id))
        const merged = keepUnshownFields(sentenceToReference(row, cc), sentence)
        await bookings.updateSentence(actorOf(req), person, Number(row.id), editing.version, merged)
        req.session.set('flash', 'Sentence changed')
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'type')
        else if (e instanceof ValidationError)
          for (const p of e.problems)
            errors.add(
              p.path.startsWith('consecutive') ? 'consecutiveTo' : 'type',
              `Sentence ${p.path} ${p.message}`,
            )
        else throw e
      }
    }
    return render(reply, person, records, {
      editing,
      values: valuesFromBody(body),
      errors,
      status: errors.byField.version ? 409 : 400,
    })
  })

  /** Confirmation, then removal; refused while another sentence is consecutive to this one. */
  app.get(
    '/people/:prisonNumber/sentences/:sentenceId/remove',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const row = await bookings.getSentence(person, sentenceIdOf(req))
      return renderRemove(reply, person, await bookings.load(person.bookingId), row.identifier, {
        version: Number(row.version),
      })
    },
  )

  app.post(
    '/people/:prisonNumber/sentences/:sentenceId/remove',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const body = (req.body ?? {}) as FormBody
      const row = await bookings.getSentence(person, sentenceIdOf(req))
      const records = await bookings.load(person.bookingId)
      const version = readVersion(body)
      const label = sentenceSummaries(records).find((x) => x.row.identifier === row.identifier)?.label
      const errors = new FormErrors()
      try {
        if (version === 0) throw new ConflictError()
        await bookings.deleteSentence(actorOf(req), person, Number(row.id), version)
        req.session.set('flash', label ? `Sentence removed: ${label}` : 'Sentence removed')
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'sentence')
        else if (e instanceof ValidationError) {
          const dependants = dependantsOf(records, row.identifier)
          errors.add(
            'sentence',
            dependants.length > 0
              ? messages.sentenceHasConsecutive(dependants)
              : e.problems.map((p) => `Sentence ${p.message}`).join('; '),
          )
        } else throw e
      }
      return renderRemove(reply, person, records, row.identifier, {
        version,
        errors,
        status: errors.byField.version ? 409 : 400,
      })
    },
  )
}

/** The labels of the sentences consecutive to this one (the repository refuses removal while there are any). */
function dependantsOf(records: BookingRecords, identifier: string): string[] {
  return sentenceSummaries(records)
    .filter((x) => x.row.consecutive_to === identifier)
    .map((x) => x.label)
}

function renderRemove(
  reply: FastifyReply,
  person: Person,
  records: BookingRecords,
  identifier: string,
  opts: { version: number; errors?: FormErrors; status?: number },
) {
  const x = sentenceSummaries(records).find((s) => s.row.identifier === identifier)
  if (!x) throw new HttpError(404, 'Sentence not found') // removed meanwhile
  const dependants = dependantsOf(records, identifier)
  return reply.status(opts.status ?? 200).render(REMOVE_TEMPLATE, {
    pageTitle: `Are you sure you want to remove the sentence for ${x.longLabel}?`,
    person,
    version: opts.version,
    sentence: {
      type: x.type,
      length: x.length,
      sentencedAt: formatDate(x.sentencedAt),
      offence: x.offence || 'Not recorded',
      consecutiveTo: x.consecutiveTo ?? 'Concurrent',
    },
    blockedBy: dependants.length > 0 ? messages.sentenceHasConsecutive(dependants) : undefined,
    errors: opts.errors?.byField ?? {},
    errorList: opts.errors?.list ?? [],
    backLink: personUrls.person(person.prisonNumber),
    cancelUrl: personUrls.person(person.prisonNumber),
  })
}
