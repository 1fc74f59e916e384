/**
 * Explanation records, written while a date is computed (never reconstructed afterwards).
 */
import type { Citation, ExplanationStep, ReleaseDateType } from '../api.js'
import type { DateBreakdown } from './breakdown.js'

export interface DateTrace {
  rule: string
  summary: string
  sources: Citation[]
  steps: ExplanationStep[]
  /** Reference breakdown rule codes that add a hint to the date (e.g. HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE). */
  hintRules?: string[]
  /**
   * The breakdown as the rule (or a booking-level choice) recorded it (see breakdown.ts). From
   * booking extraction on, the breakdowns the result reports live in `Extracted.breakdowns`, which
   * the merges label; this copy is where they are taken from.
   */
  breakdown?: DateBreakdown
}

export type Traces = Partial<Record<ReleaseDateType, DateTrace>>

export function trace(
  rule: string,
  summary: string,
  sources: Citation[],
  steps: ExplanationStep[],
): DateTrace {
  return { rule, summary, sources, steps }
}

export function step(says: string, value?: string, cites?: Citation): ExplanationStep {
  const s: ExplanationStep = { says }
  if (value !== undefined) s.value = value
  if (cites !== undefined) s.cites = cites
  return s
}

/** The trace with one more breakdown rule code recorded for the hints. */
export function withHintRule(t: DateTrace, rule: string): DateTrace {
  return { ...t, hintRules: [...(t.hintRules ?? []), rule] }
}
