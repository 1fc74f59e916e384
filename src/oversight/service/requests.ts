/** What starting a run and a triage action accept (pages and API share these). */
import { z } from 'zod'
import { lawChangeSchema, REASON_MAX } from '../domain/index.js'

const prisonNumbers = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,12}$/, 'must be prison numbers'),
  )
  .min(1, 'enter at least one prison number')
  .max(10_000)

export const runScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('prison'), prisonId: z.string().trim().min(1, 'choose a prison').max(10) }),
  z.object({ kind: z.literal('people'), prisonNumbers }),
  z.object({ kind: z.literal('estate') }),
])

export const startRunSchema = z
  .object({
    kind: z.enum(['RECHECK', 'LAW_CHANGE']).default('RECHECK'),
    scope: runScopeSchema,
    lawChange: lawChangeSchema.optional(),
  })
  .refine((r) => r.kind !== 'LAW_CHANGE' || r.lawChange !== undefined, {
    message: 'describe the law change',
    path: ['lawChange'],
  })

export const triageCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), assignTo: z.string().trim().min(1, 'enter a username').max(100) }),
  z.object({ action: z.literal('investigate'), note: z.string().trim().max(REASON_MAX).optional() }),
  z.object({ action: z.literal('recalculate'), note: z.string().trim().max(REASON_MAX).optional() }),
  z.object({ action: z.literal('date-stands'), reason: z.string().trim().max(REASON_MAX) }),
])
export type TriageRequest = z.infer<typeof triageCommandSchema>

export function toTriageCommand(r: TriageRequest) {
  switch (r.action) {
    case 'assign':
      return { type: 'Assign', to: r.assignTo } as const
    case 'investigate':
      return { type: 'Investigate', ...(r.note ? { note: r.note } : {}) } as const
    case 'recalculate':
      return { type: 'Resolve', resolution: 'RECALCULATE', ...(r.note ? { note: r.note } : {}) } as const
    case 'date-stands':
      return { type: 'Resolve', resolution: 'DATE_STANDS', reason: r.reason } as const
  }
}
