import type { FastifyInstance } from 'fastify'
export function boardJourney(_app: FastifyInstance): void {}
