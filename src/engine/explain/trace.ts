/**
 * Explanation records, written while a date is computed (never reconstructed afterwards).
 */
import type { Citation, ExplanationStep, ReleaseDateType } from '../api.js'

export interface DateTrace {
  rule: string
  summary: string
  sources: Citation[]
  steps: ExplanationStep[]
}

export type Traces = Partial<Record<ReleaseDateType, DateTrace>>

export function trace(rule: string, summary: string, sources: Citation[], steps: ExplanationStep[]): DateTrace {
  return { rule, summary, sources, steps }
}

export function step(says: string, value?: string, cites?: Citation): ExplanationStep {
  const s: ExplanationStep = { says }
  if (value !== undefined) s.value = value
  if (cites !== undefined) s.cites = cites
  return s
}
