/**
 * One error handler: 4xx with messages that name the field, never a stack trace; 5xx only for
 * real faults, logged with the request id and shown as a plain apology.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { formatPath, plainMessages, problemsFromZod } from '../../engine/input/reference-booking.js'
import { ConflictError, NotFoundError, ValidationError, type Problem } from '../../db/errors.js'
import { isApiRequest } from './access.js'
import { bookingDateProblems } from '../../boundary/dates.js'

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message)
  }
}

const INT32_MAX = 2 ** 31 - 1

const MAX_DEPTH = 32

/** Whole numbers must fit the database's integer columns (PostgreSQL `integer`); nesting is bounded. */
export function integerRangeProblems(value: unknown, path: (string | number)[] = []): Problem[] {
  if (path.length > MAX_DEPTH) return [{ path: formatPath(path), message: 'is nested too deeply' }]
  if (typeof value === 'number')
    return Number.isInteger(value) && (value > INT32_MAX || value < -INT32_MAX - 1)
      ? [{ path: formatPath(path), message: 'is too large' }]
      : []
  const problems: Problem[] = []
  if (Array.isArray(value)) value.forEach((v, i) => problems.push(...integerRangeProblems(v, [...path, i])))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) problems.push(...integerRangeProblems(v, [...path, k]))
  return problems.slice(0, 100)
}

/**
 * Parses untrusted input with zod; failures become a 400 listing every field. Whole numbers must
 * fit the database, and every booking date (sentences, adjustments, bookings, a check entry)
 * must pass the one date rule, which the engine's own schema does not apply.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value, { error: plainMessages })
  if (!result.success)
    throw new HttpError(400, `The request ${where} is not valid`, problemsFromZod(result.error))
  const range = integerRangeProblems(result.data)
  if (range.length > 0) throw new HttpError(400, `The request ${where} is not valid`, range)
  const dates = bookingDateProblems(result.data)
  if (dates.length > 0) throw new HttpError(400, `The request ${where} is not valid`, dates)
  return result.data as z.infer<T>
}

interface Described {
  status: number
  error: string
  problems: Problem[]
}

export function describeError(error: unknown): Described {
  if (error instanceof HttpError)
    return { status: error.statusCode, error: error.message, problems: error.problems }
  if (error instanceof ValidationError)
    return { status: 422, error: 'The request breaks a rule', problems: error.problems }
  if (error instanceof ConflictError) return { status: 409, error: error.message, problems: [] }
  if (error instanceof NotFoundError) return { status: 404, error: error.message, problems: [] }
  const fe = error as FastifyError
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const path =
      fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET' ? '_csrf' : '(body)'
    return { status: fe.statusCode, error: fe.message, problems: [{ path, message: fe.message }] }
  }
  return { status: 500, error: 'Sorry, there is a problem with the service', problems: [] }
}

/** Half of a UTF-16 surrogate pair without its other half (matched by code unit, not code point). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Text that cannot be stored as it was sent: a NUL character (PostgreSQL refuses it, and no real
 * field needs one) or a lone surrogate (half of a UTF-16 pair, e.g. a JSON "\ud800" escape),
 * which the databases would silently store as U+FFFD. Each is refused, naming the field.
 */
export function textProblems(value: unknown, path: (string | number)[] = []): Problem[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      return [{ path: formatPath(path), message: 'must not contain a null character' }]
    if (LONE_SURROGATE.test(value))
      return [
        {
          path: formatPath(path),
          message: 'must not contain a lone surrogate (text that is not valid Unicode)',
        },
      ]
    return []
  }
  if (path.length > MAX_DEPTH) return []
  const problems: Problem[] = []
  if (Array.isArray(value)) value.forEach((v, i) => problems.push(...textProblems(v, [...path, i])))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) problems.push(...textProblems(v, [...path, k]))
  return problems.slice(0, 100)
}

export function errorsPlugin(app: FastifyInstance): void {
  // Runs after the access check (registered after it), before any handler reads the input.
  app.addHook('preHandler', async (req) => {
    const problems = [
      ...textProblems(req.params, ['params']),
      ...textProblems(req.query, ['query']),
      ...textProblems(req.body, ['body']),
    ]
    if (problems.length > 0) throw new HttpError(400, 'The request is not valid', problems)
  })
  app.setErrorHandler(async (error: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const d = describeError(error)
    if (d.status >= 500) req.log.error({ err: error }, 'request failed')
    else req.log.info({ status: d.status }, 'request refused')
    if (isApiRequest(req) || !reply.render)
      return reply.status(d.status).send({ error: d.error, problems: d.problems })
    return reply
      .status(d.status)
      .render('views/error.njk', { status: d.status, message: d.error, problems: d.problems })
  })
  app.setNotFoundHandler(async (req, reply) => {
    if (isApiRequest(req)) return reply.status(404).send({ error: 'Not found', problems: [] })
    return reply.status(404).render('views/error.njk', { status: 404, message: 'Page not found' })
  })
}
