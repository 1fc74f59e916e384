/** What a court-text reader proposes: every field with the words it came from and a confidence. */
import type { Length, Span } from './grammar.js'

export type Confidence = 'high' | 'low'

export interface Proposed<T> {
  /** null: not found, or the text is unclear; the person must supply or reject it. */
  value: T | null
  /** The exact words the value came from (highlighted on the page). */
  evidence: Span[]
  confidence: Confidence
  /** Why the value is missing or low-confidence, in plain English. */
  note?: string
}

/**
 * Custodial kinds become records; a suspended sentence never does (it is not custody). The
 * reader keeps the two apart and leaves the field empty when the text could be either.
 */
export const SENTENCE_KINDS = ['IMPRISONMENT', 'EXTENDED', 'DTO', 'SUSPENDED'] as const
export type SentenceKind = (typeof SENTENCE_KINDS)[number]
export const SENTENCE_KIND_LABELS: Record<SentenceKind, string> = {
  IMPRISONMENT: 'Imprisonment or detention (standard determinate sentence)',
  EXTENDED: 'Extended determinate sentence',
  DTO: 'Detention and training order',
  SUSPENDED: 'Suspended sentence (not custody)',
}
export const isCustodial = (k: SentenceKind): boolean => k !== 'SUSPENDED'

export const RELATIONS = ['CONCURRENT', 'CONSECUTIVE'] as const
export type Relation = (typeof RELATIONS)[number]

export interface ProposedCount {
  /** The count (or offence) number the court used; 1 when the text has no numbers. */
  count: number
  offence: Proposed<string>
  offenceCode: Proposed<string>
  offenceDate: Proposed<string>
  sentenceKind: Proposed<SentenceKind>
  /** The term: the custodial term for an extended sentence, the term suspended for a suspended one. */
  length: Proposed<Length>
  /** Extended sentences only: the extension period. */
  extension: Proposed<Length>
  relation: Proposed<Relation>
  /** For a consecutive sentence: the count it follows, when the text names one in this document. */
  consecutiveTo: Proposed<number>
}

export interface CourtReading {
  reader: string
  court: Proposed<string>
  caseReference: Proposed<string>
  sentenceDate: Proposed<string>
  counts: ProposedCount[]
  remandDays: Proposed<number>
  taggedBailDays: Proposed<number>
  immediateRelease: Proposed<boolean>
}

/** Spans an outside tagger found (wink-nlp's DATE and DURATION entities), by character offset. */
export interface TaggedSpan {
  kind: 'DATE' | 'DURATION'
  start: number
  end: number
}

/** A court-text reader: the deterministic default, or a configured language-model service. */
export interface CourtTextReader {
  readonly name: string
  read(text: string): Promise<CourtReading>
}
