/** The OpenAPI document for /api/v1, served at /api/docs (JSON at /api/docs/json). */
import type { FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { z } from 'zod'

export async function openApiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'SafeRelease API',
        version: '1',
        description:
          'People, court cases, sentences, adjustments and bookings (in the reference booking format). ' +
          'Authenticate with a service-account bearer token issued by an administrator.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })
}

/** A zod schema as JSON Schema for the document (input side, before defaults). */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-07' }) as Record<string, unknown>
  delete out.$schema
  return out
}
