/**
 * One error handler: 4xx with messages that name the field, never a stack trace; 5xx only for
 * real faults, logged with the request id and shown as a plain apology.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { plainMessages, problemsFromZod } from '../../engine/input/reference-booking.js'
import { ConflictError, NotFoundError, ValidationError, type Problem } from '../../db/errors.js'
import { isApiRequest } from './access.js'

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message)
  }
}

/** Parses untrusted input with zod; failures become a 400 listing every field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value, { error: plainMessages })
  if (result.success) return result.data as z.infer<T>
  throw new HttpError(400, `The request ${where} is not valid`, problemsFromZod(result.error))
}

interface Described {
  status: number
  error: string
  problems: Problem[]
}

export function describeError(error: unknown): Described {
  if (error instanceof HttpError) return { status: error.statusCode, error: error.message, problems: error.problems }
  if (error instanceof ValidationError) return { status: 422, error: 'The request breaks a rule', problems: error.problems }
  if (error instanceof ConflictError) return { status: 409, error: error.message, problems: [] }
  if (error instanceof NotFoundError) return { status: 404, error: error.message, problems: [] }
  const fe = error as FastifyError
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const path = fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET' ? '_csrf' : '(body)'
    return { status: fe.statusCode, error: fe.message, problems: [{ path, message: fe.message }] }
  }
  return { status: 500, error: 'Sorry, there is a problem with the service', problems: [] }
}

export function errorsPlugin(app: FastifyInstance): void {
  app.setErrorHandler(async (error: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const d = describeError(error)
    if (d.status >= 500) req.log.error({ err: error }, 'request failed')
    else req.log.info({ status: d.status }, 'request refused')
    if (isApiRequest(req) || !reply.render) return reply.status(d.status).send({ error: d.error, problems: d.problems })
    return reply.status(d.status).render('views/error.njk', { status: d.status, message: d.error })
  })
  app.setNotFoundHandler(async (req, reply) => {
    if (isApiRequest(req)) return reply.status(404).send({ error: 'Not found', problems: [] })
    return reply.status(404).render('views/error.njk', { status: 404, message: 'Page not found' })
  })
}
