/** What the draft pages show: the source with the evidence marked, and each field ready for a decision. */
import {
  displayValue,
  fieldsNeedingDecision,
  finalValue,
  type DraftField,
  type DraftState,
} from '../../../guidance/domain/draft.js'
import { RELATIONS, SENTENCE_KINDS, SENTENCE_KIND_LABELS } from '../../../guidance/domain/reader/types.js'
import type { Length } from '../../../guidance/domain/reader/grammar.js'
import { lengthText } from '../../../guidance/domain/reader/grammar.js'

export const fieldId = (key: string) => key.replace(/[^A-Za-z0-9]+/g, '-')

export interface SourcePart {
  text: string
  mark?: string
}

/** The source text cut into plain and marked parts (the first field to claim a span marks it). */
export function sourceParts(state: DraftState): SourcePart[] {
  const spans = state.fields
    .flatMap((f) => f.evidence.map((e) => ({ ...e, id: `ev-${fieldId(f.key)}` })))
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const out: SourcePart[] = []
  let at = 0
  const used = new Set<string>()
  for (const s of spans) {
    if (s.start < at || s.end <= s.start || s.end > state.sourceText.length) continue
    if (s.start > at) out.push({ text: state.sourceText.slice(at, s.start) })
    const id = used.has(s.id) ? undefined : s.id
    used.add(s.id)
    out.push({ text: state.sourceText.slice(s.start, s.end), ...(id ? { mark: id } : { mark: '' }) })
    at = s.end
  }
  if (at < state.sourceText.length) out.push({ text: state.sourceText.slice(at) })
  return out
}

function inputText(f: DraftField, v: unknown): string {
  if (v === null || v === undefined) return ''
  if (f.kind === 'length') return lengthText(v as Length)
  if (f.kind === 'yesNo') return v ? 'yes' : 'no'
  if (f.kind === 'date') {
    const [y, m, d] = String(v).split('-')
    return `${d}/${m}/${y}`
  }
  return String(v)
}

export interface FieldView {
  key: string
  id: string
  label: string
  kind: DraftField['kind']
  proposed: string
  found: boolean
  confidence: 'high' | 'low'
  marked: boolean
  note?: string
  evidence: string[]
  evidenceId: string
  needed: boolean
  decision?: string
  decisionText?: string
  correction: string
  choices?: Array<{ value: string; text: string }>
  error?: string
}

export interface FieldGroup {
  heading: string
  fields: FieldView[]
}

export function fieldGroups(
  state: DraftState,
  o: {
    values?: Record<string, string>
    decisions?: Record<string, string>
    errors?: Record<string, string>
    existing?: Array<{ value: string; text: string }>
  } = {},
): FieldGroup[] {
  const needed = new Set(fieldsNeedingDecision(state).map((f) => f.key))
  const counts = [...new Set(state.fields.flatMap((f) => (f.count === undefined ? [] : [f.count])))]
  const view = (f: DraftField): FieldView => {
    const choices =
      f.kind === 'sentenceKind'
        ? SENTENCE_KINDS.map((k) => ({ value: k, text: SENTENCE_KIND_LABELS[k] }))
        : f.kind === 'relation'
          ? RELATIONS.map((r) => ({ value: r, text: r === 'CONCURRENT' ? 'Concurrent' : 'Consecutive' }))
          : f.kind === 'countRef'
            ? [
                ...counts
                  .filter((n) => n !== f.count)
                  .map((n) => ({ value: String(n), text: `Count ${n} in this document` })),
                ...(o.existing ?? []),
              ]
            : f.kind === 'yesNo'
              ? [
                  { value: 'yes', text: 'Yes' },
                  { value: 'no', text: 'No' },
                ]
              : undefined
    const decided = f.decision
    const decision =
      o.decisions?.[f.key] ??
      (decided
        ? { confirmed: 'confirm', corrected: 'correct', rejected: 'reject' }[decided.outcome]
        : undefined)
    return {
      key: f.key,
      id: fieldId(f.key),
      label: f.label,
      kind: f.kind,
      proposed: displayValue(f, f.proposed),
      found: f.proposed !== null,
      confidence: f.confidence,
      marked: f.marked,
      ...(f.note ? { note: f.note } : {}),
      evidence: f.evidence.map((e) => e.text),
      evidenceId: `ev-${fieldId(f.key)}`,
      needed: needed.has(f.key),
      ...(decision ? { decision } : {}),
      ...(decided
        ? { decisionText: decided.outcome === 'rejected' ? 'Rejected' : displayValue(f, finalValue(f)) }
        : {}),
      correction: o.values?.[f.key] ?? (decided?.outcome === 'corrected' ? inputText(f, decided.value) : ''),
      ...(choices ? { choices } : {}),
      ...(o.errors?.[f.key] ? { error: o.errors[f.key] } : {}),
    }
  }
  const groups: FieldGroup[] = [
    {
      heading: 'The case',
      fields: state.fields
        .filter((f) => ['court', 'caseReference', 'sentenceDate'].includes(f.key))
        .map(view),
    },
  ]
  for (const n of counts)
    groups.push({ heading: `Count ${n}`, fields: state.fields.filter((f) => f.count === n).map(view) })
  groups.push({
    heading: 'Remand, tagged bail and orders',
    fields: state.fields
      .filter((f) => ['remandDays', 'taggedBailDays', 'immediateRelease'].includes(f.key))
      .map(view),
  })
  return groups
}
