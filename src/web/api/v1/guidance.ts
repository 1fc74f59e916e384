/**
 * Guidance and court documents over the JSON API: search and "guidance for this" (any signed-in
 * client), guidance documents (administrators), and court documents into draft records
 * (calculators, for people in their caseload). A draft's records are created only after every
 * field has a person's decision, exactly as on the pages.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ADMINISTER, EDIT_SENTENCES } from '../../../accounts/roles.js'
import { prisonNumberSchema } from '../../../db/repositories/people.js'
import { RELEASE_DATE_TYPES } from '../../../engine/api.js'
import { displayValue, undecided, type DraftState } from '../../../guidance/domain/draft.js'
import type { SearchHit } from '../../../guidance/domain/search.js'
import { DraftRefused, type StoredDraft } from '../../../guidance/service/court-document-service.js'
import { documentIdSchema, documentInputSchema } from '../../../guidance/service/guidance-service.js'
import { guidanceActor } from '../../journeys/court-document/index.js'
import { guidanceUrls } from '../../journeys/guidance/urls.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { apiRoute } from '../route.js'
import { actorOf } from './index.js'

const code = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,99}$/, 'must be a code of letters, digits and underscores')
const searchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be 200 characters or fewer'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})
const forQuery = z
  .object({ date: z.enum(RELEASE_DATE_TYPES).optional(), rule: code.optional(), code: code.optional() })
  .refine((q) => q.date !== undefined || q.code !== undefined, {
    message: 'give date (with rule) or code',
    path: ['date'],
  })
const personParams = z.object({ prisonNumber: prisonNumberSchema })
const draftParams = personParams.extend({ draftId: z.string().uuid('must be a draft id') })
const versioned = z.object({
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})

function hitJson(h: SearchHit) {
  return {
    passageId: h.passage.id,
    heading: h.passage.heading,
    text: h.passage.text,
    snippet: h.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join(''),
    score: h.score,
    source: { id: h.source.id, title: h.source.title, citation: h.source.citation },
    link: guidanceUrls.source(h.source.id, h.passage.anchor),
    ...(h.passage.provision ? { provision: h.passage.provision } : {}),
    ...(h.passage.url ? { legislationUrl: h.passage.url } : {}),
  }
}

function draftJson(d: StoredDraft) {
  const s: DraftState = d.state
  return {
    id: s.id,
    version: d.version,
    status: s.status,
    reader: s.reader,
    sourceKind: s.sourceKind,
    sourceText: s.sourceText,
    undecided: undecided(s).map((f) => f.key),
    fields: s.fields.map((f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      proposed: f.proposed,
      proposedText: displayValue(f, f.proposed),
      evidence: f.evidence,
      confidence: f.confidence,
      marked: f.marked,
      ...(f.note ? { note: f.note } : {}),
      ...(f.decision ? { decision: f.decision } : {}),
    })),
    ...(s.recorded ? { recorded: s.recorded } : {}),
  }
}

const refused = (e: unknown): never => {
  if (e instanceof DraftRefused)
    throw new HttpError(
      422,
      e.refusal.message,
      (e.refusal.fields ?? [{ key: e.refusal.code, message: e.refusal.message }]).map((f) => ({
        path: f.key,
        message: f.message,
      })),
    )
  throw e
}

export async function guidanceApi(app: FastifyInstance): Promise<void> {
  const { guidance, courtDocuments } = app.services
  const admin = { roles: ADMINISTER, prison: 'none' } as const
  const write = { roles: EDIT_SENTENCES, prison: 'person' } as const

  apiRoute(app, {
    method: 'GET',
    url: '/guidance/search',
    access: { roles: 'signed-in' },
    tag: 'guidance',
    summary: 'Passages that answer a question, best first, each with its source and link',
    query: searchQuery,
    handler: async (_req, { query }) => ({
      question: query.q,
      passages: (await guidance.search(query.q, query.limit)).map(hitJson),
    }),
  })
  apiRoute(app, {
    method: 'GET',
    url: '/guidance/for',
    access: { roles: 'signed-in' },
    tag: 'guidance',
    summary:
      'Guidance for a date (date and the rule code from its explanation) or for a validation message (code)',
    query: forQuery,
    handler: async (_req, { query }) => {
      const r = query.code
        ? await guidance.forCode(query.code)
        : await guidance.forDate(query.date!, query.rule)
      return { title: r.title, passages: r.hits.map(hitJson) }
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/guidance/documents',
    access: admin,
    tag: 'guidance',
    summary: 'Guidance documents administrators have added',
    handler: async () => ({ documents: await guidance.listDocuments() }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/guidance/documents',
    access: admin,
    tag: 'guidance',
    summary: 'Add a guidance document (Markdown or text, with title, source and date)',
    body: documentInputSchema,
    handler: async (req, { body }, reply) =>
      reply.status(201).send(await guidance.addDocument(actorOf(req), body)),
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/guidance/documents/:documentId',
    access: admin,
    tag: 'guidance',
    summary: 'A new version of a guidance document (send the version you read; 409 if it changed)',
    params: z.object({ documentId: documentIdSchema }),
    body: documentInputSchema.extend({
      version: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    handler: async (req, { params, body }) => {
      const { version, ...input } = body
      return guidance.reviseDocument(actorOf(req), params.documentId, version, input)
    },
  })

  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/court-documents',
    access: write,
    tag: 'court documents',
    summary: 'Read the text of a court result, warrant or register entry into a draft (nothing is recorded)',
    params: personParams,
    body: z.object({
      text: z.string().trim().min(1, 'must not be empty').max(50_000, 'must be 50,000 characters or fewer'),
    }),
    handler: async (req, { body }, reply) => {
      const d = await courtDocuments
        .propose(actorOf(req), guidanceActor(req), requirePerson(req), body.text, 'pasted')
        .catch(refused)
      return reply.status(201).send(draftJson(d))
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/court-documents/:draftId',
    access: write,
    tag: 'court documents',
    summary: 'A draft: each proposed field with its evidence, confidence and decision',
    params: draftParams,
    handler: async (req, { params }) =>
      draftJson(await courtDocuments.get(requirePerson(req), params.draftId)),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/court-documents/:draftId/decisions',
    access: write,
    tag: 'court documents',
    summary: "Confirm, correct or reject fields (send the draft's version; 409 if it changed)",
    params: draftParams,
    body: versioned.extend({
      decisions: z
        .array(
          z.object({
            key: z.string().max(60),
            outcome: z.enum(['confirm', 'correct', 'reject']),
            input: z.string().max(300).optional(),
          }),
        )
        .min(1)
        .max(500),
    }),
    handler: async (req, { params, body }) =>
      draftJson(
        await courtDocuments
          .decide(
            actorOf(req),
            guidanceActor(req),
            requirePerson(req),
            params.draftId,
            body.version,
            body.decisions,
          )
          .catch(refused),
      ),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/court-documents/:draftId/record',
    access: write,
    tag: 'court documents',
    summary: 'Create the records from a draft whose every field a person has decided (422 otherwise)',
    params: draftParams,
    body: versioned,
    handler: async (req, { params, body }) =>
      draftJson(
        await courtDocuments
          .record(actorOf(req), guidanceActor(req), requirePerson(req), params.draftId, body.version)
          .catch(refused),
      ),
  })
}
