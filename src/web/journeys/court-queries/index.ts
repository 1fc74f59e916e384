import type { FastifyInstance } from 'fastify'
export function courtJourneys(_app: FastifyInstance): void {}
