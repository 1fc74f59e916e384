/**
 * Court documents into draft records (calculators, in their own prisons): paste the text or
 * upload a text-based PDF; SafeRelease proposes each field with the words it came from; the
 * person confirms, corrects or rejects every field; then checks and creates the records. Nothing
 * is saved to the person's records on the machine's word alone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../db/errors.js'
import type { Person } from '../../../db/repositories/people.js'
import type { Actor } from '../../../guidance/domain/actor.js'
import {
  displayValue,
  fieldsNeedingDecision,
  finalValue,
  undecided,
  type DecisionInput,
  type DraftState,
} from '../../../guidance/domain/draft.js'
import { DraftRefused, type StoredDraft } from '../../../guidance/service/court-document-service.js'
import { PdfTextError, pdfText } from '../../../guidance/service/pdf-text.js'
import { requirePerson, requireUser } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, readVersion, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { actorOf } from '../../api/v1/index.js'
import { personUrls } from '../person/urls.js'
import { sentenceSummaries } from '../sentence/describe.js'
import { courtDocumentUrls } from './urls.js'
import { fieldGroups, fieldId, sourceParts } from './view-model.js'

const access = { roles: EDIT_SENTENCES, prison: 'person' } as const
const T = (name: string) => `journeys/court-document/${name}.njk`
const MAX_TEXT = 50_000

export function guidanceActor(req: FastifyRequest): Actor {
  const user = requireUser(req)
  return {
    id: user.username,
    roles: user.roles,
    caseload: user.caseload.prisons,
    estateWide: user.caseload.estateWide,
  }
}

function draftIdOf(req: FastifyRequest): string {
  const id = String((req.params as { draftId?: unknown }).draftId ?? '')
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new HttpError(404, 'There is no such draft')
  return id
}

export function courtDocumentJourney(app: FastifyInstance): void {
  const { courtDocuments, bookings } = app.services

  const load = async (person: Person, id: string): Promise<StoredDraft> => {
    try {
      return await courtDocuments.get(person, id)
    } catch (e) {
      if (e instanceof NotFoundError) throw new HttpError(404, 'There is no such draft')
      throw e
    }
  }

  const existingSentences = async (person: Person) =>
    sentenceSummaries(await bookings.load(person.bookingId)).map((x) => ({
      value: `sentence:${x.row.identifier}`,
      text: `Existing sentence: ${x.longLabel}`,
    }))

  const renderNew = (
    reply: FastifyReply,
    person: Person,
    o: { text?: string; errors?: FormErrors; status?: number } = {},
  ) =>
    reply.status(o.status ?? 200).render(T('new'), {
      pageTitle: 'Read a court document',
      person,
      text: o.text ?? '',
      errors: o.errors?.byField ?? {},
      errorList: o.errors?.list ?? [],
      backLink: personUrls.person(person.prisonNumber),
    })

  app.get('/people/:prisonNumber/court-documents/new', { config: { access } }, async (req, reply) =>
    renderNew(reply, requirePerson(req)),
  )

  app.post('/people/:prisonNumber/court-documents/new', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as Record<string, unknown>
    const errors = new FormErrors()
    const pasted = typeof body.text === 'string' ? body.text.replace(/\r\n?/g, '\n').trim() : ''
    const file = body.file
    let text = pasted
    let sourceKind: DraftState['sourceKind'] = 'pasted'
    if (Buffer.isBuffer(file) && file.length > 0) {
      if (pasted !== '') errors.add('text', 'Paste the text or choose a file, not both')
      else if (file.subarray(0, 5).toString('latin1') === '%PDF-') {
        try {
          text = await pdfText(new Uint8Array(file))
          sourceKind = 'pdf'
        } catch (e) {
          if (!(e instanceof PdfTextError)) throw e
          errors.add('file', e.message)
        }
      } else if (file.includes(0)) errors.add('file', 'The file must be a PDF or a text file')
      else {
        text = file.toString('utf8').replace(/\r\n?/g, '\n').trim()
        sourceKind = 'text-file'
      }
    }
    if (!errors.any && text === '')
      errors.add('text', 'Paste the text of the court result, warrant or register entry, or choose a file')
    if (!errors.any && text.length > MAX_TEXT)
      errors.add('text', `The text must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`)
    if (errors.any) return renderNew(reply, person, { text: pasted, errors, status: 400 })
    try {
      const draft = await courtDocuments.propose(actorOf(req), guidanceActor(req), person, text, sourceKind)
      return reply.redirect(courtDocumentUrls.draft(person.prisonNumber, draft.state.id))
    } catch (e) {
      if (!(e instanceof DraftRefused)) throw e
      errors.add('text', e.refusal.message)
      return renderNew(reply, person, { text: pasted, errors, status: 400 })
    }
  })

  const renderDraft = async (
    reply: FastifyReply,
    person: Person,
    draft: StoredDraft,
    o: {
      errors?: FormErrors
      values?: Record<string, string>
      decisions?: Record<string, string>
      status?: number
    } = {},
  ) => {
    const fieldErrors = Object.fromEntries(Object.entries(o.errors?.byField ?? {}))
    return reply.status(o.status ?? 200).render(T('draft'), {
      pageTitle: 'Check what SafeRelease read',
      person,
      draft: draft.state,
      version: draft.version,
      open: draft.state.status === 'open',
      source: sourceParts(draft.state),
      groups: fieldGroups(draft.state, {
        ...(o.values ? { values: o.values } : {}),
        ...(o.decisions ? { decisions: o.decisions } : {}),
        errors: fieldErrors,
        existing: await existingSentences(person),
      }),
      remaining: undecided(draft.state).length,
      checkUrl: courtDocumentUrls.check(person.prisonNumber, draft.state.id),
      discardUrl: courtDocumentUrls.discard(person.prisonNumber, draft.state.id),
      errors: o.errors?.byField ?? {},
      errorList: o.errors?.list ?? [],
      backLink: personUrls.person(person.prisonNumber),
    })
  }

  app.get('/people/:prisonNumber/court-documents/:draftId', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    return renderDraft(reply, person, await load(person, draftIdOf(req)))
  })

  app.post('/people/:prisonNumber/court-documents/:draftId', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const draft = await load(person, draftIdOf(req))
    const body = (req.body ?? {}) as FormBody
    const version = readVersion(body)
    const decisions: DecisionInput[] = []
    const values: Record<string, string> = {}
    const chosen: Record<string, string> = {}
    for (const f of draft.state.fields) {
      const d = str(body, `decision-${f.key}`, 20)
      const v = str(body, `value-${f.key}`, 300)
      values[f.key] = v
      if (d === 'confirm' || d === 'correct' || d === 'reject') {
        chosen[f.key] = d
        decisions.push({ key: f.key, outcome: d, ...(d === 'correct' ? { input: v } : {}) })
      }
    }
    const errors = new FormErrors()
    if (decisions.length === 0)
      errors.add(
        fieldId(draft.state.fields[0]!.key),
        'Confirm, correct or reject at least one field',
        `field-${fieldId(draft.state.fields[0]!.key)}`,
      )
    else
      try {
        const saved = await courtDocuments.decide(
          actorOf(req),
          guidanceActor(req),
          person,
          draft.state.id,
          version,
          decisions,
        )
        return reply.redirect(
          undecided(saved.state).length === 0
            ? courtDocumentUrls.check(person.prisonNumber, saved.state.id)
            : courtDocumentUrls.draft(person.prisonNumber, saved.state.id),
        )
      } catch (e) {
        if (e instanceof ConflictError)
          errors.add('version', messages.conflict, `field-${fieldId(draft.state.fields[0]!.key)}`)
        else if (e instanceof DraftRefused) {
          if (e.refusal.fields)
            for (const f of e.refusal.fields) errors.add(f.key, f.message, `field-${fieldId(f.key)}`)
          else errors.add('draft', e.refusal.message, 'source')
        } else throw e
      }
    const fresh = errors.byField.version ? await load(person, draft.state.id) : draft
    return renderDraft(reply, person, fresh, {
      errors,
      values,
      decisions: chosen,
      status: errors.byField.version ? 409 : 400,
    })
  })

  const renderCheck = (
    reply: FastifyReply,
    person: Person,
    draft: StoredDraft,
    o: { errors?: FormErrors; status?: number } = {},
  ) => {
    const needed = fieldsNeedingDecision(draft.state)
    const rows = needed.map((f) => ({
      key: f.key,
      id: fieldId(f.key),
      label: f.label,
      value:
        f.decision === undefined
          ? 'Not decided yet'
          : f.decision.outcome === 'rejected'
            ? 'Rejected (not recorded)'
            : displayValue(f, finalValue(f)),
      how:
        f.decision === undefined
          ? ''
          : { confirmed: 'Confirmed as read', corrected: 'Corrected by you', rejected: 'Rejected by you' }[
              f.decision.outcome
            ],
    }))
    return reply.status(o.status ?? 200).render(T('check'), {
      pageTitle: 'Check the records before they are created',
      person,
      draft: draft.state,
      version: draft.version,
      rows,
      remaining: undecided(draft.state).length,
      draftUrl: courtDocumentUrls.draft(person.prisonNumber, draft.state.id),
      errors: o.errors?.byField ?? {},
      errorList: o.errors?.list ?? [],
      backLink: courtDocumentUrls.draft(person.prisonNumber, draft.state.id),
    })
  }

  app.get(
    '/people/:prisonNumber/court-documents/:draftId/check',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      return renderCheck(reply, person, await load(person, draftIdOf(req)))
    },
  )

  app.post(
    '/people/:prisonNumber/court-documents/:draftId/check',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const draft = await load(person, draftIdOf(req))
      const version = readVersion((req.body ?? {}) as FormBody)
      const errors = new FormErrors()
      try {
        const saved = await courtDocuments.record(
          actorOf(req),
          guidanceActor(req),
          person,
          draft.state.id,
          version,
        )
        const plan = saved.state.recorded!.plan
        req.session.set(
          'flash',
          `Records created from the court document: a court case with ${plan.sentences.length} sentence${plan.sentences.length === 1 ? '' : 's'}${plan.adjustments.length ? ` and ${plan.adjustments.length} adjustment${plan.adjustments.length === 1 ? '' : 's'}` : ''}${plan.immediateRelease ? '. The court ordered immediate release: act on it now' : ''}`,
        )
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'records')
        else if (e instanceof DraftRefused) {
          errors.add('records', e.refusal.message, 'records')
          for (const f of e.refusal.fields ?? []) errors.add(f.key, f.message, `row-${fieldId(f.key)}`)
        } else if (e instanceof ValidationError)
          for (const p of e.problems)
            errors.add(p.path, `The records could not be created: ${p.path} ${p.message}`, 'records')
        else throw e
      }
      return renderCheck(reply, person, await load(person, draft.state.id), {
        errors,
        status: errors.byField.version ? 409 : 400,
      })
    },
  )

  app.post(
    '/people/:prisonNumber/court-documents/:draftId/discard',
    { config: { access } },
    async (req, reply) => {
      const person = requirePerson(req)
      const draft = await load(person, draftIdOf(req))
      try {
        await courtDocuments.discard(
          actorOf(req),
          guidanceActor(req),
          person,
          draft.state.id,
          readVersion((req.body ?? {}) as FormBody),
        )
        req.session.set('flash', 'Draft discarded: nothing was recorded')
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        const errors = new FormErrors()
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'source')
        else if (e instanceof DraftRefused) errors.add('draft', e.refusal.message, 'source')
        else throw e
        return renderDraft(reply, person, await load(person, draft.state.id), { errors, status: 400 })
      }
    },
  )
}
