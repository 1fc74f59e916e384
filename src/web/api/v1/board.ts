import type { FastifyInstance } from 'fastify'
export async function boardApi(_app: FastifyInstance): Promise<void> {}
