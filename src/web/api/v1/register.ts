import type { FastifyInstance } from 'fastify'
export async function registerApi(_app: FastifyInstance): Promise<void> {}
