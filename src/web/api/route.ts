/**
 * Declares an API route: access, zod schemas for params/query/body (parsed in the handler so
 * every 4xx names its field) and the same schemas as JSON Schema for the OpenAPI document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { z } from 'zod'
import type { Access } from '../plugins/access.js'
import { parseInput } from '../plugins/errors.js'
import { jsonSchema } from '../plugins/openapi.js'

export interface ApiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: HTTPMethods
  url: string
  access: Access
  tag: string
  summary: string
  params?: P
  query?: Q
  body?: B
  handler: (
    req: FastifyRequest,
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> },
    reply: FastifyReply,
  ) => Promise<unknown>
}

const empty = z.object({})

export function apiRoute<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(
  app: FastifyInstance,
  def: ApiRoute<P, Q, B>,
): void {
  app.route({
    method: def.method,
    url: def.url,
    config: { access: def.access },
    schema: {
      tags: [def.tag],
      summary: def.summary,
      ...(def.params ? { params: jsonSchema(def.params) } : {}),
      ...(def.query ? { querystring: jsonSchema(def.query) } : {}),
      ...(def.body ? { body: jsonSchema(def.body) } : {}),
    },
    handler: async (req, reply) => {
      const params = parseInput(def.params ?? empty, req.params, 'path')
      const query = parseInput(def.query ?? empty, req.query ?? {}, 'query')
      const body = def.body ? parseInput(def.body, req.body, 'body') : {}
      return def.handler(req, { params, query, body } as never, reply)
    },
  })
}
