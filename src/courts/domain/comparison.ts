/**
 * The prison's record beside the court's order, field by field: for each line of the order, the
 * prison's sentence with the same case reference and line number (if any), what applying the
 * order would do to it, and each field that differs. Pure.
 */
import type { SentenceInput } from '../../engine/input/reference-booking.js'
import type { CourtOrder, OrderLine } from './order.js'
import { kindHasSentences } from './order.js'

/** A sentence as the prison records it (reference booking format), with where it sits. */
export interface PrisonSentence {
  id: number
  version: number
  identifier: string
  caseReference: string | null
  lineSequence: number | null
  sentence: Record<string, unknown>
}

export interface FieldComparison {
  field: 'type' | 'sentencedAt' | 'length' | 'consecutiveTo' | 'offenceCode' | 'offenceDate'
  label: string
  prison: string | null
  court: string | null
  differs: boolean
}

export type LineAction = 'ADD' | 'CHANGE' | 'REMOVE' | 'NONE'

export interface LineComparison {
  lineSequence: number
  match: PrisonSentence | null
  action: LineAction
  /** Plain English: what applying this line would do. */
  summary: string
  fields: FieldComparison[]
}

const sameCase = (a: string | null, b: string) => (a ?? '').trim().toUpperCase() === b.trim().toUpperCase()

export function findPrisonSentence(
  sentences: readonly PrisonSentence[],
  caseReference: string,
  lineSequence: number,
): PrisonSentence | null {
  return (
    sentences.find((s) => sameCase(s.caseReference, caseReference) && s.lineSequence === lineSequence) ?? null
  )
}

type Elements = Partial<Record<'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS', number>>

function durationText(d: unknown): string | null {
  const e = (d as { durationElements?: Elements } | undefined)?.durationElements
  if (!e) return null
  const parts = (
    [
      ['YEARS', 'year'],
      ['MONTHS', 'month'],
      ['WEEKS', 'week'],
      ['DAYS', 'day'],
    ] as const
  )
    .filter(([k]) => (e[k] ?? 0) > 0)
    .map(([k, unit]) => `${e[k]} ${unit}${e[k] === 1 ? '' : 's'}`)
  return parts.length > 0 ? parts.join(' ') : null
}

/** "2 years 6 months", or "4 years custodial term, 3 years extension" for EDS and SOPC. */
export function lengthText(s: Record<string, unknown>): string | null {
  if (s.custodialDuration !== undefined || s.extensionDuration !== undefined) {
    const c = durationText(s.custodialDuration)
    const x = durationText(s.extensionDuration)
    return [c ? `${c} custodial term` : null, x ? `${x} extension` : null].filter(Boolean).join(', ') || null
  }
  return durationText(s.duration)
}

function offence(s: Record<string, unknown>): { code: string | null; date: string | null } {
  const o = (s.offence ?? {}) as { offenceCode?: string; committedAt?: string }
  return { code: o.offenceCode ?? null, date: o.committedAt ?? null }
}

function fieldsOf(
  s: Record<string, unknown> | null,
  describeConsecutive: (identifier: string) => string,
  typeLabel: (type: string) => string,
) {
  if (s === null) return null
  const consecutive = (s.consecutiveSentenceUUIDs as string[] | undefined)?.[0]
  const o = offence(s)
  return {
    type: typeLabel(String(s.type)),
    sentencedAt: (s.sentencedAt as string | undefined) ?? null,
    length: lengthText(s),
    consecutiveTo: consecutive ? describeConsecutive(consecutive) : 'Concurrent',
    offenceCode: o.code,
    offenceDate: o.date,
  }
}

const LABELS: Record<FieldComparison['field'], string> = {
  type: 'Sentence type',
  sentencedAt: 'Sentence date',
  length: 'Length',
  consecutiveTo: 'Consecutive to',
  offenceCode: 'Offence code',
  offenceDate: 'Offence date',
}

export function compareOrder(
  order: Pick<CourtOrder, 'kind' | 'caseReference' | 'lines'>,
  prison: readonly PrisonSentence[],
  typeLabel: (type: string) => string = (t) => t,
): LineComparison[] {
  const byIdentifier = new Map(prison.map((p) => [p.identifier, p]))
  const lineByIdentifier = new Map(
    order.lines.filter((l) => l.sentence?.identifier).map((l) => [l.sentence!.identifier!, l]),
  )
  const describeConsecutive = (identifier: string): string => {
    const line = lineByIdentifier.get(identifier)
    if (line) return `Line ${line.lineSequence} of case ${order.caseReference}`
    const p = byIdentifier.get(identifier)
    if (p) return `Line ${p.lineSequence ?? '?'} of case ${p.caseReference ?? '(no reference)'}`
    return 'Another sentence (not in the prison record)'
  }
  return order.lines.map((line: OrderLine) => {
    const match = findPrisonSentence(prison, order.caseReference, line.lineSequence)
    const court = kindHasSentences(order.kind)
      ? fieldsOf(line.sentence as unknown as Record<string, unknown>, describeConsecutive, typeLabel)
      : null
    const mine = fieldsOf(match?.sentence ?? null, describeConsecutive, typeLabel)
    const fields = (Object.keys(LABELS) as FieldComparison['field'][]).map((field) => {
      const p = mine ? mine[field] : null
      const c = court ? court[field] : order.kind === 'QUASHED' ? 'Quashed' : null
      return { field, label: LABELS[field], prison: p, court: c, differs: (p ?? '') !== (c ?? '') }
    })
    let action: LineAction
    let summary: string
    if (order.kind === 'QUASHED') {
      action = match ? 'REMOVE' : 'NONE'
      summary = match
        ? `Remove line ${line.lineSequence}: the court quashed it`
        : `Line ${line.lineSequence} is not in the prison's record: nothing to remove`
    } else if (!match) {
      action = 'ADD'
      summary = `Add line ${line.lineSequence}: the prison has no sentence for it`
    } else if (fields.some((f) => f.differs)) {
      action = 'CHANGE'
      summary = `Change line ${line.lineSequence}: ${fields
        .filter((f) => f.differs)
        .map((f) => f.label.toLowerCase())
        .join(', ')} differ`
    } else {
      action = 'NONE'
      summary = `Line ${line.lineSequence} already matches the prison's record`
    }
    return { lineSequence: line.lineSequence, match, action, summary, fields }
  })
}

/**
 * The sentence to store for a line: the court's sentence, with its consecutive-to link pointing
 * at the prison's identifier for the line it names, and the prison's identifier kept when the
 * line changes a sentence already recorded.
 */
export function sentenceToStore(
  line: OrderLine,
  match: PrisonSentence | null,
  identifierFor: (courtIdentifier: string) => string | undefined,
): SentenceInput {
  const s = line.sentence!
  const consecutive = s.consecutiveSentenceUUIDs[0]
  const link = consecutive === undefined ? [] : [identifierFor(consecutive) ?? consecutive]
  return {
    ...s,
    lineSequence: line.lineSequence,
    identifier: match?.identifier ?? s.identifier,
    consecutiveSentenceUUIDs: link,
  } as SentenceInput
}
