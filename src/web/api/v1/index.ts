/** JSON API, version 1. Bearer tokens only (service accounts); every route declares its roles. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { apiRoute } from '../route.js'
import { requirePerson, requireUser } from '../../plugins/access.js'
import { HttpError, integerRangeProblems } from '../../plugins/errors.js'
import { ADMINISTER, EDIT_SENTENCES, READ_PEOPLE, inCaseload } from '../../../accounts/roles.js'
import {
  createPersonSchema,
  prisonNumberSchema,
  updatePersonSchema,
  type Person,
} from '../../../db/repositories/people.js'
import {
  adjustmentBodySchema,
  adjustmentToReference,
  courtCaseBodySchema,
  sentenceBodySchema,
  sentenceToReference,
  type BookingRecords,
} from '../../../db/repositories/booking.js'
import { bookingSchema, plainMessages, problemsFromZod } from '../../../engine/input/reference-booking.js'
import { createUserSchema, updateUserSchema } from '../../../accounts/users.js'
import { bookingDateProblems, recordDate } from '../../../boundary/dates.js'
import type { Actor } from '../../../db/store.js'

const personParams = z.object({ prisonNumber: prisonNumberSchema })
const sentenceParams = personParams.extend({
  sentenceId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
const adjustmentParams = personParams.extend({
  adjustmentId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
const versionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})
const searchQuery = z.object({
  q: z.string().trim().min(1, 'must not be empty').max(100, 'must be 100 characters or fewer'),
})
const versioned = <T extends z.ZodType>(key: string, s: T) =>
  z.object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
    [key]: s,
  })

export function actorOf(req: FastifyRequest): Actor {
  return { username: requireUser(req).username, correlationId: req.id }
}

export function personJson(p: Person) {
  return {
    prisonNumber: p.prisonNumber,
    firstName: p.firstName,
    lastName: p.lastName,
    aliases: p.aliases,
    dateOfBirth: p.dateOfBirth,
    prisonId: p.prisonId,
    prisonName: p.prisonName,
    isActiveSexOffender: p.isActiveSexOffender,
    version: p.version,
  }
}

function recordsJson(r: BookingRecords) {
  const cases = new Map(r.courtCases.map((c) => [Number(c.id), c]))
  return {
    bookingVersion: Number(r.booking.version),
    courtCases: r.courtCases.map((c) => ({
      caseSequence: Number(c.case_sequence),
      caseReference: c.case_reference,
      courtName: c.court_name,
    })),
    sentences: r.sentences.map((s) => ({
      id: Number(s.id),
      version: Number(s.version),
      sentence: sentenceToReference(
        s,
        s.court_case_id === null ? undefined : cases.get(Number(s.court_case_id)),
      ),
    })),
    adjustments: r.adjustments.map((a) => ({
      id: Number(a.id),
      version: Number(a.version),
      type: a.type,
      ...adjustmentToReference(a),
    })),
  }
}

export async function apiV1(app: FastifyInstance): Promise<void> {
  const { people, bookings, users, calculations } = app.services
  const read = { roles: READ_PEOPLE, prison: 'person' } as const
  const write = { roles: EDIT_SENTENCES, prison: 'person' } as const

  // --- people ----------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/people',
    access: { roles: READ_PEOPLE, prison: 'none' },
    tag: 'people',
    summary: 'Find people by name, alias or prison number (only in your caseload)',
    query: searchQuery,
    handler: async (req, { query }) => ({
      people: (await people.search(query.q, requireUser(req).caseload)).map(personJson),
    }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/people',
    access: { roles: EDIT_SENTENCES, prison: 'none' },
    tag: 'people',
    summary: 'Record a person (with an empty booking) in one of your prisons',
    body: createPersonSchema,
    handler: async (req, { body }, reply) => {
      if (!inCaseload(requireUser(req).caseload, body.prisonId))
        throw new HttpError(403, 'prisonId is not in your caseload', [
          { path: 'prisonId', message: 'must be one of your prisons' },
        ])
      const person = await people.create(actorOf(req), body)
      return reply.status(201).send(personJson(person))
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber',
    access: read,
    tag: 'people',
    summary: 'A person with their court cases, sentences and adjustments',
    params: personParams,
    handler: async (req) => {
      const person = requirePerson(req)
      return { person: personJson(person), ...recordsJson(await bookings.load(person.bookingId)) }
    },
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/people/:prisonNumber',
    access: write,
    tag: 'people',
    summary: "Update a person's details (send the version you read; 409 if it changed)",
    params: personParams,
    body: updatePersonSchema,
    handler: async (req, { body }) => {
      if (!inCaseload(requireUser(req).caseload, body.prisonId))
        throw new HttpError(403, 'prisonId is not in your caseload', [
          { path: 'prisonId', message: 'must be one of your prisons' },
        ])
      return personJson(await people.update(actorOf(req), requirePerson(req), body))
    },
  })

  // --- court cases -----------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/court-cases',
    access: write,
    tag: 'court cases',
    summary: 'Add a court case (numbered after the last)',
    params: personParams,
    body: courtCaseBodySchema,
    handler: async (req, { body }, reply) => {
      const c = await bookings.createCourtCase(actorOf(req), requirePerson(req), body)
      return reply.status(201).send({
        caseSequence: Number(c.case_sequence),
        caseReference: c.case_reference,
        courtName: c.court_name,
      })
    },
  })

  // --- sentences -------------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/sentences',
    access: write,
    tag: 'sentences',
    summary: 'Add a sentence (reference booking format; caseSequence names an existing court case)',
    params: personParams,
    body: sentenceBodySchema,
    handler: async (req, { body }, reply) => {
      const person = requirePerson(req)
      const s = await bookings.createSentence(actorOf(req), person, body)
      return reply
        .status(201)
        .send({ id: Number(s.id), version: Number(s.version), identifier: s.identifier })
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/sentences/:sentenceId',
    access: read,
    tag: 'sentences',
    summary: 'One sentence',
    params: sentenceParams,
    handler: async (req, { params }) => {
      const person = requirePerson(req)
      const s = await bookings.getSentence(person, params.sentenceId)
      const r = await bookings.load(person.bookingId)
      const cc = r.courtCases.find((c) => Number(c.id) === Number(s.court_case_id))
      return { id: Number(s.id), version: Number(s.version), sentence: sentenceToReference(s, cc) }
    },
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/people/:prisonNumber/sentences/:sentenceId',
    access: write,
    tag: 'sentences',
    summary: 'Change a sentence (send the version you read; 409 if it changed)',
    params: sentenceParams,
    body: versioned('sentence', sentenceBodySchema),
    handler: async (req, { params, body }) => {
      const b = body as { version: number; sentence: z.infer<typeof sentenceBodySchema> }
      const s = await bookings.updateSentence(
        actorOf(req),
        requirePerson(req),
        params.sentenceId,
        b.version,
        b.sentence,
      )
      return { id: Number(s.id), version: Number(s.version) }
    },
  })
  apiRoute(app, {
    method: 'DELETE',
    url: '/people/:prisonNumber/sentences/:sentenceId',
    access: write,
    tag: 'sentences',
    summary: 'Remove a sentence (?version= the version you read)',
    params: sentenceParams,
    query: versionQuery,
    handler: async (req, { params, query }, reply) => {
      await bookings.deleteSentence(actorOf(req), requirePerson(req), params.sentenceId, query.version)
      return reply.status(204).send()
    },
  })

  // --- adjustments -----------------------------------------------------------------------
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/adjustments',
    access: write,
    tag: 'adjustments',
    summary: 'Add an adjustment (remand, tagged bail, UAL, ADA, RADA, ...)',
    params: personParams,
    body: adjustmentBodySchema,
    handler: async (req, { body }, reply) => {
      const a = await bookings.createAdjustment(actorOf(req), requirePerson(req), body)
      return reply.status(201).send({ id: Number(a.id), version: Number(a.version) })
    },
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/people/:prisonNumber/adjustments/:adjustmentId',
    access: write,
    tag: 'adjustments',
    summary: 'Change an adjustment (send the version you read; 409 if it changed)',
    params: adjustmentParams,
    body: versioned('adjustment', adjustmentBodySchema),
    handler: async (req, { params, body }) => {
      const b = body as { version: number; adjustment: z.infer<typeof adjustmentBodySchema> }
      const a = await bookings.updateAdjustment(
        actorOf(req),
        requirePerson(req),
        params.adjustmentId,
        b.version,
        b.adjustment,
      )
      return { id: Number(a.id), version: Number(a.version) }
    },
  })
  apiRoute(app, {
    method: 'DELETE',
    url: '/people/:prisonNumber/adjustments/:adjustmentId',
    access: write,
    tag: 'adjustments',
    summary: 'Remove an adjustment (?version= the version you read)',
    params: adjustmentParams,
    query: versionQuery,
    handler: async (req, { params, query }, reply) => {
      await bookings.deleteAdjustment(actorOf(req), requirePerson(req), params.adjustmentId, query.version)
      return reply.status(204).send()
    },
  })

  // --- bookings (reference format) -------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/booking',
    access: read,
    tag: 'bookings',
    summary: "The person's booking in the reference booking format: exactly the engine's input",
    params: personParams,
    handler: async (req) => bookings.export(requirePerson(req)),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/people/:prisonNumber/booking',
    access: write,
    tag: 'bookings',
    summary: "Replace the person's booking with one in the reference booking format",
    params: personParams,
    body: z.unknown(),
    handler: async (req, { body }) => {
      const parsed = bookingSchema.safeParse(body, { error: plainMessages })
      if (!parsed.success) throw new HttpError(400, 'The booking is not valid', problemsFromZod(parsed.error))
      const range = [...integerRangeProblems(parsed.data), ...bookingDateProblems(parsed.data)]
      if (range.length > 0) throw new HttpError(400, 'The booking is not valid', range)
      const person = requirePerson(req)
      await bookings.import(actorOf(req), person, parsed.data)
      return bookings.export(person)
    },
  })
  apiRoute(app, {
    method: 'GET',
    url: '/people/:prisonNumber/calculations',
    access: read,
    tag: 'calculations',
    summary: 'Calculations recorded for the person, newest first',
    params: personParams,
    handler: async (req) => ({ calculations: await calculations.listFor(requirePerson(req)) }),
  })

  // --- administration --------------------------------------------------------------------
  const admin = { roles: ADMINISTER, prison: 'none' } as const
  const userJson = (u: Awaited<ReturnType<typeof users.getById>>) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    roles: u.roles,
    prisons: u.caseload.prisons,
    courts: u.caseload.courts ?? [],
    estateWide: u.caseload.estateWide,
    locked: u.locked,
    active: u.active,
    version: u.version,
  })
  apiRoute(app, {
    method: 'GET',
    url: '/users',
    access: admin,
    tag: 'administration',
    summary: 'Every user and service account',
    handler: async () => ({ users: (await users.list()).map(userJson) }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/users',
    access: admin,
    tag: 'administration',
    summary: 'Create a local user or a service account',
    body: createUserSchema,
    handler: async (req, { body }, reply) =>
      reply.status(201).send(userJson(await users.create(actorOf(req), body))),
  })
  apiRoute(app, {
    method: 'PUT',
    url: '/users/:userId',
    access: admin,
    tag: 'administration',
    summary: "Change a user's roles, prisons or status (send the version you read)",
    params: z.object({
      userId: z.coerce
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    body: updateUserSchema,
    handler: async (req, { params, body }) => userJson(await users.update(actorOf(req), params.userId, body)),
  })
  apiRoute(app, {
    method: 'GET',
    url: '/tokens',
    access: admin,
    tag: 'administration',
    summary: 'API tokens (never the secret)',
    handler: async () => ({ tokens: await users.listTokens() }),
  })
  apiRoute(app, {
    method: 'POST',
    url: '/tokens',
    access: admin,
    tag: 'administration',
    summary:
      'Issue a bearer token for a service account (shown once); expiresOn (optional) is its last day, YYYY-MM-DD',
    body: z.object({
      userId: z
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
      name: z.string().trim().min(1, 'must not be empty').max(100),
      expiresOn: recordDate.optional(),
    }),
    handler: async (req, { body }, reply) =>
      reply.status(201).send(await users.createToken(actorOf(req), body.userId, body.name, body.expiresOn)),
  })
  apiRoute(app, {
    method: 'DELETE',
    url: '/tokens/:tokenId',
    access: admin,
    tag: 'administration',
    summary: 'Revoke a token',
    params: z.object({
      tokenId: z.coerce
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
    }),
    handler: async (req, { params }, reply) => {
      await users.revokeToken(actorOf(req), params.tokenId)
      return reply.status(204).send()
    },
  })
}
