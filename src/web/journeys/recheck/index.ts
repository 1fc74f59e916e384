import type { FastifyInstance } from 'fastify'
export function recheckJourney(_app: FastifyInstance): void {}
