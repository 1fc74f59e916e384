/**
 * The court-text readers a deployment can use. The default is deterministic (patterns, grammar
 * and wink-nlp's tagger). A language-model service can be plugged in by configuration
 * (GUIDANCE_READER_URL; off by default, never used by the tests): its answer is checked with the
 * same schema, and on the two dangerous fields — sentence type and concurrent/consecutive — it is
 * kept only where the deterministic reader found the same; otherwise the field is left empty
 * and marked for the person. Whatever the reader, a person decides every field.
 */
import { z } from 'zod'
import { readCourtText } from '../domain/reader/court-text.js'
import {
  RELATIONS,
  SENTENCE_KINDS,
  type CourtReading,
  type CourtTextReader,
  type Proposed,
} from '../domain/reader/types.js'
import { tagDatesAndDurations } from './wink-tagger.js'

export const deterministicReader: CourtTextReader = {
  name: 'patterns-and-grammar',
  read: async (text) => readCourtText(text, tagDatesAndDurations(text)),
}

const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() })
const proposed = <T extends z.ZodType>(value: T) =>
  z.object({
    value: value.nullable(),
    evidence: z.array(span).max(20).default([]),
    confidence: z.enum(['high', 'low']).default('low'),
    note: z.string().max(300).optional(),
  })
const length = z.object({
  years: z.number().int().min(0).max(99).optional(),
  months: z.number().int().min(0).max(999).optional(),
  weeks: z.number().int().min(0).max(999).optional(),
  days: z.number().int().min(0).max(9999).optional(),
})
export const readingSchema = z.object({
  court: proposed(z.string().max(200)),
  caseReference: proposed(z.string().max(100)),
  sentenceDate: proposed(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  counts: z
    .array(
      z.object({
        count: z.number().int().min(1).max(999),
        offence: proposed(z.string().max(200)),
        offenceCode: proposed(z.string().max(40)),
        offenceDate: proposed(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
        sentenceKind: proposed(z.enum(SENTENCE_KINDS)),
        length: proposed(length),
        extension: proposed(length),
        relation: proposed(z.enum(RELATIONS)),
        consecutiveTo: proposed(z.number().int().min(1).max(999)),
      }),
    )
    .max(50),
  remandDays: proposed(z.number().int().min(0).max(10000)),
  taggedBailDays: proposed(z.number().int().min(0).max(10000)),
  immediateRelease: proposed(z.boolean()),
})

export interface LanguageModelConfig {
  url: string
  /** Sent as a bearer token when set. */
  token?: string
  timeoutMs?: number
}

/** Keeps a dangerous field's value only when the deterministic reading agrees. */
function agreed<T>(model: Proposed<T>, grammar: Proposed<T> | undefined, what: string): Proposed<T> {
  if (model.value !== null && grammar && grammar.value === model.value) return model
  if (model.value === null) return model
  return {
    value: null,
    evidence: model.evidence,
    confidence: 'low',
    note: `The reading service and the patterns disagree on ${what}: choose it yourself.`,
  }
}

export function languageModelReader(
  config: LanguageModelConfig,
  fetchImpl: typeof fetch = fetch,
): CourtTextReader {
  return {
    name: 'language-model',
    async read(text) {
      const grammar = await deterministicReader.read(text)
      const res = await fetchImpl(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
        },
        body: JSON.stringify({ task: 'court-result-fields', text }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 20_000),
      })
      if (!res.ok) throw new Error(`The reading service answered ${res.status}`)
      const parsed = readingSchema.safeParse(await res.json())
      if (!parsed.success)
        throw new Error('The reading service answered in a shape SafeRelease does not accept')
      const m = parsed.data as Omit<CourtReading, 'reader'>
      return {
        ...m,
        reader: 'language-model',
        counts: m.counts.map((c) => {
          const g = grammar.counts.find((x) => x.count === c.count)
          return {
            ...c,
            sentenceKind: agreed(c.sentenceKind, g?.sentenceKind, 'the sentence type'),
            relation: agreed(c.relation, g?.relation, 'concurrent or consecutive'),
          }
        }),
      }
    },
  }
}

/** The configured reader: the language-model service if GUIDANCE_READER_URL is set, else the deterministic one. */
export function configuredReader(env: NodeJS.ProcessEnv = process.env): CourtTextReader {
  const url = env.GUIDANCE_READER_URL
  if (!url) return deterministicReader
  return languageModelReader({
    url,
    ...(env.GUIDANCE_READER_TOKEN ? { token: env.GUIDANCE_READER_TOKEN } : {}),
  })
}
