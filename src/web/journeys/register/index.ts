import type { FastifyInstance } from 'fastify'
export function registerJourney(_app: FastifyInstance): void {}
