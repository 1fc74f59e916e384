/**
 * A draft record read from a court document, as a decider. The machine proposes every field
 * (DraftProposed); a person confirms, corrects or rejects each one (FieldDecided); only when every
 * field that would reach a record has a person's decision may the draft be recorded
 * (DraftRecorded), and then only with the person's values. Pure: no I/O, no clock.
 */
import type { Instant } from '@js-joda/core'
import type { Actor } from './actor.js'
import { canWorkOn } from './actor.js'
import { lengthText, parseDate, parseLength, type Length, type Span } from './reader/grammar.js'
import {
  RELATIONS,
  SENTENCE_KINDS,
  SENTENCE_KIND_LABELS,
  isCustodial,
  type Confidence,
  type CourtReading,
  type Proposed,
  type Relation,
  type SentenceKind,
} from './reader/types.js'

export type FieldKind =
  'text' | 'offenceCode' | 'date' | 'length' | 'days' | 'sentenceKind' | 'relation' | 'countRef' | 'yesNo'

/** A count in this draft (its number), or an existing sentence ("sentence:<identifier>"). */
export type FieldValue = string | number | boolean | Length

export interface FieldDecision {
  outcome: 'confirmed' | 'corrected' | 'rejected'
  value: FieldValue | null
  by: string
  at: string
}

export interface DraftField {
  key: string
  label: string
  kind: FieldKind
  /** The count this field belongs to, or undefined for the case and the adjustments. */
  count?: number
  proposed: FieldValue | null
  evidence: Span[]
  confidence: Confidence
  note?: string
  /** Missing or low-confidence: shown marked for the person. */
  marked: boolean
  decision?: FieldDecision
}

export interface PlannedSentence {
  count: number
  identifier: string
  /** The sentence in the reference booking format, without its court case (the service adds it). */
  sentence: Record<string, unknown>
}

export interface RecordPlan {
  courtCase: { courtName: string; caseReference: string | null }
  sentences: PlannedSentence[]
  adjustments: Array<{ type: 'REMAND' | 'TAGGED_BAIL'; numberOfDays: number; appliesToSentencesFrom: string }>
  /** Counts the person kept out of the record, and why. */
  notRecorded: Array<{ count: number; reason: string }>
  immediateRelease: boolean
}

export interface DraftState {
  id: string
  prisonNumber: string
  prisonId: string
  status: 'open' | 'recorded' | 'discarded'
  reader: string
  sourceKind: 'pasted' | 'pdf' | 'text-file'
  sourceText: string
  fields: DraftField[]
  createdBy: string
  createdAt: string
  recorded?: { by: string; at: string; plan: RecordPlan }
}

export type DraftEvent =
  | {
      type: 'DraftProposed'
      draftId: string
      prisonNumber: string
      prisonId: string
      reader: string
      sourceKind: DraftState['sourceKind']
      sourceText: string
      fields: DraftField[]
      by: string
      at: string
    }
  | {
      type: 'FieldDecided'
      key: string
      outcome: FieldDecision['outcome']
      value: FieldValue | null
      by: string
      at: string
    }
  | { type: 'DraftRecorded'; plan: RecordPlan; by: string; at: string }
  | { type: 'DraftDiscarded'; by: string; at: string }

export interface PersonRef {
  prisonNumber: string
  prisonId: string
}

export interface DecisionInput {
  key: string
  outcome: 'confirm' | 'correct' | 'reject'
  /** For "correct": the value as the person typed or chose it. */
  input?: string
}

export type DraftCommand =
  | {
      type: 'ProposeDraft'
      draftId: string
      person: PersonRef
      reading: CourtReading
      sourceKind: DraftState['sourceKind']
      sourceText: string
    }
  | { type: 'DecideFields'; person: PersonRef; decisions: DecisionInput[] }
  | {
      type: 'RecordDraft'
      person: PersonRef
      /** A new identifier for each count that may become a sentence (the service supplies them). */
      identifiers: Record<number, string>
      /** Identifiers of the sentences the person already has (a count may follow one). */
      existingSentences: string[]
    }
  | { type: 'DiscardDraft'; person: PersonRef }

export const DRAFT_REFUSALS = [
  'MISSING_ROLE',
  'NOT_IN_CASELOAD',
  'WRONG_PERSON',
  'DRAFT_EXISTS',
  'DRAFT_NOT_FOUND',
  'DRAFT_NOT_OPEN',
  'NO_TEXT',
  'UNKNOWN_FIELD',
  'CANNOT_CONFIRM_EMPTY',
  'INVALID_VALUE',
  'FIELDS_UNDECIDED',
  'REQUIRED_VALUE_MISSING',
  'BAD_CONSECUTIVE',
  'NOTHING_TO_RECORD',
] as const
export type DraftRefusalCode = (typeof DRAFT_REFUSALS)[number]

export interface DraftRefusal {
  code: DraftRefusalCode
  message: string
  /** Field errors: key → message, in the order of the page. */
  fields?: Array<{ key: string; message: string }>
}

export type DraftDecision = { ok: true; events: DraftEvent[] } | { ok: false; refusal: DraftRefusal }

const refuse = (code: DraftRefusalCode, message: string, fields?: DraftRefusal['fields']): DraftDecision => ({
  ok: false,
  refusal: fields ? { code, message, fields } : { code, message },
})

// ---- the fields of a reading -----------------------------------------------------------------

function field<T extends FieldValue>(
  key: string,
  label: string,
  kind: FieldKind,
  p: Proposed<T>,
  count?: number,
): DraftField {
  return {
    key,
    label,
    kind,
    ...(count === undefined ? {} : { count }),
    proposed: p.value,
    evidence: p.evidence,
    confidence: p.confidence,
    ...(p.note ? { note: p.note } : {}),
    marked: p.value === null || p.confidence === 'low',
  }
}

/** The reading as the fields a person decides, in page order. */
export function fieldsOf(r: CourtReading): DraftField[] {
  const out: DraftField[] = [
    field('court', 'Court', 'text', r.court),
    field('caseReference', 'Case reference', 'text', r.caseReference),
    field('sentenceDate', 'Date of sentence', 'date', r.sentenceDate),
  ]
  for (const c of r.counts) {
    const n = c.count
    const at = (name: string) => `count.${n}.${name}`
    out.push(
      field(at('offence'), `Count ${n}: offence`, 'text', c.offence, n),
      field(at('offenceCode'), `Count ${n}: offence code`, 'offenceCode', c.offenceCode, n),
      field(at('offenceDate'), `Count ${n}: offence date`, 'date', c.offenceDate, n),
      field(at('kind'), `Count ${n}: sentence type`, 'sentenceKind', c.sentenceKind, n),
      field(at('length'), `Count ${n}: length (custodial term)`, 'length', c.length, n),
      field(
        at('extension'),
        `Count ${n}: extension period (extended sentences only)`,
        'length',
        c.extension,
        n,
      ),
      field(at('relation'), `Count ${n}: concurrent or consecutive`, 'relation', c.relation, n),
      field(at('consecutiveTo'), `Count ${n}: consecutive to`, 'countRef', c.consecutiveTo, n),
    )
  }
  out.push(
    field('remandDays', 'Days on remand stated', 'days', r.remandDays),
    field('taggedBailDays', 'Tagged bail credit stated (days)', 'days', r.taggedBailDays),
    field('immediateRelease', 'Immediate release ordered', 'yesNo', r.immediateRelease),
  )
  return out
}

// ---- reading a person's correction -----------------------------------------------------------

export function parseFieldInput(kind: FieldKind, raw: string): { value: FieldValue } | { error: string } {
  const input = raw.trim()
  if (input === '') return { error: 'Enter the correct value, or reject the field' }
  switch (kind) {
    case 'text':
      return input.length > 200 ? { error: 'Enter 200 characters or fewer' } : { value: input }
    case 'offenceCode': {
      const code = input.toUpperCase()
      return /^[A-Z0-9]{1,40}$/.test(code)
        ? { value: code }
        : { error: 'Enter the offence code in letters and numbers only, for example TH68010' }
    }
    case 'date': {
      const iso = parseDate(input)
      return iso ? { value: iso } : { error: 'Enter a real date, for example 3 March 2024 or 03/03/2024' }
    }
    case 'length': {
      const l = parseLength(input)
      return l && lengthText(l) !== ''
        ? { value: l }
        : { error: 'Enter a length like 2 years 6 months, 18 months or 16 weeks' }
    }
    case 'days':
      return /^\d{1,5}$/.test(input) && Number(input) <= 10000
        ? { value: Number(input) }
        : { error: 'Enter a whole number of days, 0 to 10000' }
    case 'sentenceKind':
      return (SENTENCE_KINDS as readonly string[]).includes(input)
        ? { value: input }
        : { error: 'Choose the sentence type' }
    case 'relation':
      return (RELATIONS as readonly string[]).includes(input)
        ? { value: input }
        : { error: 'Choose concurrent or consecutive' }
    case 'countRef':
      if (/^\d{1,3}$/.test(input)) return { value: Number(input) }
      return /^sentence:[\w-]{1,100}$/.test(input)
        ? { value: input }
        : { error: 'Choose the sentence this follows' }
    case 'yesNo':
      return input === 'yes' || input === 'no' ? { value: input === 'yes' } : { error: 'Choose yes or no' }
  }
}

/** The value a field has after the person's decision (undefined: not decided yet). */
export function finalValue(f: DraftField): FieldValue | null | undefined {
  return f.decision === undefined ? undefined : f.decision.value
}

export function displayValue(f: Pick<DraftField, 'kind'>, v: FieldValue | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (f.kind === 'length') return lengthText(v as Length)
  if (f.kind === 'sentenceKind') return SENTENCE_KIND_LABELS[v as SentenceKind] ?? String(v)
  if (f.kind === 'relation') return v === 'CONCURRENT' ? 'Concurrent' : 'Consecutive'
  if (f.kind === 'countRef')
    return typeof v === 'number' ? `Count ${v}` : `Existing sentence ${String(v).slice(9)}`
  if (f.kind === 'yesNo') return v ? 'Yes' : 'No'
  return String(v)
}

/**
 * Which fields must have a person's decision before recording: the case fields, and for each
 * count its type; the rest of a count only when it is custodial (a suspended or rejected count
 * never becomes a record); the extension only for an extended sentence; "consecutive to" only
 * for a consecutive one. A field's decision counts from the person's value, not the proposal.
 */
export function fieldsNeedingDecision(state: DraftState): DraftField[] {
  const byKey = new Map(state.fields.map((f) => [f.key, f]))
  const decidedAs = (key: string) => finalValue(byKey.get(key)!)
  return state.fields.filter((f) => {
    if (f.count === undefined) return true
    if (f.key.endsWith('.kind')) return true
    const kind = decidedAs(`count.${f.count}.kind`)
    if (kind === undefined) return true // the type is not decided yet: everything is still open
    if (kind === null || !isCustodial(kind as SentenceKind)) return false
    if (f.key.endsWith('.extension')) return kind === 'EXTENDED'
    if (f.key.endsWith('.consecutiveTo')) {
      const rel = decidedAs(`count.${f.count}.relation`)
      return rel === undefined || rel === 'CONSECUTIVE'
    }
    return true
  })
}

export function undecided(state: DraftState): DraftField[] {
  return fieldsNeedingDecision(state).filter((f) => f.decision === undefined)
}

// ---- the decider -----------------------------------------------------------------------------

function guard(actor: Actor, person: PersonRef, state: DraftState | undefined): DraftDecision | undefined {
  if (!actor.roles.includes('calculator'))
    return refuse('MISSING_ROLE', 'You do not have permission to record sentences')
  if (!canWorkOn(actor, person.prisonId))
    return refuse(
      'NOT_IN_CASELOAD',
      `You cannot work on people in ${person.prisonId}: it is not in your caseload`,
    )
  if (state && state.prisonNumber !== person.prisonNumber)
    return refuse('WRONG_PERSON', `This draft belongs to ${state.prisonNumber}, not ${person.prisonNumber}`)
  return undefined
}

function openDraft(state: DraftState | undefined): DraftDecision | undefined {
  if (!state)
    return refuse('DRAFT_NOT_FOUND', 'There is no draft with this reference. Read the document again.')
  if (state.status !== 'open')
    return refuse(
      'DRAFT_NOT_OPEN',
      state.status === 'recorded'
        ? 'The records from this document have already been created'
        : 'This draft was discarded',
    )
  return undefined
}

const durationOf = (l: Length) => ({
  durationElements: {
    ...(l.years ? { YEARS: l.years } : {}),
    ...(l.months ? { MONTHS: l.months } : {}),
    ...(l.weeks ? { WEEKS: l.weeks } : {}),
    ...(l.days ? { DAYS: l.days } : {}),
  },
})

function plan(
  state: DraftState,
  identifiers: Record<number, string>,
  existing: readonly string[],
): { plan: RecordPlan } | { refusal: DraftRefusal } {
  const value = (key: string) => {
    const f = state.fields.find((x) => x.key === key)
    return f ? finalValue(f) : undefined
  }
  const missing: Array<{ key: string; message: string }> = []
  const need = <T extends FieldValue>(key: string, message: string): T | undefined => {
    const v = value(key)
    if (v === null || v === undefined) {
      missing.push({ key, message })
      return undefined
    }
    return v as T
  }
  const counts = [...new Set(state.fields.flatMap((f) => (f.count === undefined ? [] : [f.count])))]
  const custodial = counts.filter((n) => {
    const k = value(`count.${n}.kind`)
    return k !== null && k !== undefined && isCustodial(k as SentenceKind)
  })
  const notRecorded = counts
    .filter((n) => !custodial.includes(n))
    .map((n) => ({
      count: n,
      reason:
        value(`count.${n}.kind`) === 'SUSPENDED'
          ? 'Suspended sentence: not custody, so not recorded as a sentence'
          : 'Rejected: no sentence recorded',
    }))
  if (custodial.length === 0)
    return {
      refusal: {
        code: 'NOTHING_TO_RECORD',
        message:
          'Nothing in this document becomes a sentence record (no custodial sentence was kept). Discard the draft instead.',
      },
    }
  const courtName = need<string>('court', 'Enter the court, or the records cannot be created')
  const sentenceDate = need<string>('sentenceDate', 'Enter the date of sentence')
  const bad: Array<{ key: string; message: string }> = []
  const sentences: PlannedSentence[] = []
  for (const n of custodial) {
    const kind = value(`count.${n}.kind`) as SentenceKind
    const length = need<Length>(`count.${n}.length`, `Enter the length of the sentence on count ${n}`)
    const relation = need<Relation>(
      `count.${n}.relation`,
      `Say whether count ${n} is concurrent or consecutive`,
    )
    const extension =
      kind === 'EXTENDED'
        ? need<Length>(`count.${n}.extension`, `Enter the extension period of count ${n}`)
        : undefined
    let consecutiveTo: string | undefined
    if (relation === 'CONSECUTIVE') {
      const to = need<FieldValue>(
        `count.${n}.consecutiveTo`,
        `Choose the sentence count ${n} is consecutive to`,
      )
      if (typeof to === 'number') {
        if (to === n)
          bad.push({ key: `count.${n}.consecutiveTo`, message: `Count ${n} cannot be consecutive to itself` })
        else if (!custodial.includes(to))
          bad.push({
            key: `count.${n}.consecutiveTo`,
            message: `Count ${n} is consecutive to count ${to}, which is not being recorded as a custodial sentence: choose another sentence`,
          })
        else consecutiveTo = identifiers[to]
      } else if (typeof to === 'string') {
        const id = to.slice('sentence:'.length)
        if (!existing.includes(id))
          bad.push({
            key: `count.${n}.consecutiveTo`,
            message: `Count ${n} is consecutive to a sentence this person does not have: choose another`,
          })
        else consecutiveTo = id
      }
    }
    const identifier = identifiers[n]
    if (!identifier || !length || !relation || (kind === 'EXTENDED' && !extension)) continue
    const offenceCode = value(`count.${n}.offenceCode`)
    const committedAt = value(`count.${n}.offenceDate`)
    const common = {
      offence: {
        ...(typeof offenceCode === 'string' ? { offenceCode } : {}),
        ...(typeof committedAt === 'string' ? { committedAt } : {}),
      },
      sentencedAt: sentenceDate,
      identifier,
      lineSequence: n,
      consecutiveSentenceUUIDs: consecutiveTo ? [consecutiveTo] : [],
    }
    // The release arrangements (SDS+, early-release exclusions) are not read from court text: they
    // start unset, exactly as on the typed sentence form, and the person sets them on each sentence.
    const sentence =
      kind === 'EXTENDED'
        ? {
            ...common,
            type: 'ExtendedDeterminateSentence',
            custodialDuration: durationOf(length),
            extensionDuration: durationOf(extension!),
            automaticRelease: false,
          }
        : kind === 'DTO'
          ? { ...common, type: 'DetentionAndTrainingOrderSentence', duration: durationOf(length) }
          : {
              ...common,
              type: 'StandardSentence',
              duration: durationOf(length),
              releaseArrangements: {
                isSDSPlus: false,
                isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
                sdsEarlyReleaseExclusions: [],
                isSection250: false,
              },
            }
    sentences.push({ count: n, identifier, sentence })
  }
  if (missing.length > 0 || bad.length > 0)
    return {
      refusal: {
        code: missing.length > 0 ? 'REQUIRED_VALUE_MISSING' : 'BAD_CONSECUTIVE',
        message: 'Some values the records need are missing or cannot be used. Correct them and try again.',
        fields: [...missing, ...bad],
      },
    }
  const adjustments: RecordPlan['adjustments'] = []
  const remand = value('remandDays')
  const tagged = value('taggedBailDays')
  if (typeof remand === 'number' && remand > 0)
    adjustments.push({ type: 'REMAND', numberOfDays: remand, appliesToSentencesFrom: sentenceDate! })
  if (typeof tagged === 'number' && tagged > 0)
    adjustments.push({ type: 'TAGGED_BAIL', numberOfDays: tagged, appliesToSentencesFrom: sentenceDate! })
  const caseReference = value('caseReference')
  return {
    plan: {
      courtCase: {
        courtName: courtName!,
        caseReference: typeof caseReference === 'string' ? caseReference : null,
      },
      sentences,
      adjustments,
      notRecorded,
      immediateRelease: value('immediateRelease') === true,
    },
  }
}

export function decideDraft(
  command: DraftCommand,
  state: DraftState | undefined,
  now: Instant,
  actor: Actor,
): DraftDecision {
  const at = now.toString()
  const by = actor.id
  const denied = guard(actor, command.person, state)
  if (denied) return denied
  switch (command.type) {
    case 'ProposeDraft': {
      if (state)
        return refuse('DRAFT_EXISTS', 'This draft reference is already in use. Read the document again.')
      if (command.sourceText.trim() === '') return refuse('NO_TEXT', 'The document has no text to read')
      return {
        ok: true,
        events: [
          {
            type: 'DraftProposed',
            draftId: command.draftId,
            prisonNumber: command.person.prisonNumber,
            prisonId: command.person.prisonId,
            reader: command.reading.reader,
            sourceKind: command.sourceKind,
            sourceText: command.sourceText,
            fields: fieldsOf(command.reading),
            by,
            at,
          },
        ],
      }
    }
    case 'DecideFields': {
      const closed = openDraft(state)
      if (closed) return closed
      const errors: Array<{ key: string; message: string }> = []
      const events: DraftEvent[] = []
      for (const d of command.decisions) {
        const f = state!.fields.find((x) => x.key === d.key)
        if (!f) {
          errors.push({ key: d.key, message: 'This field is not part of the draft' })
          continue
        }
        if (d.outcome === 'confirm') {
          if (f.proposed === null)
            errors.push({
              key: f.key,
              message: `${f.label}: nothing was found to confirm. Enter the value or reject the field`,
            })
          else
            events.push({ type: 'FieldDecided', key: f.key, outcome: 'confirmed', value: f.proposed, by, at })
        } else if (d.outcome === 'reject')
          events.push({ type: 'FieldDecided', key: f.key, outcome: 'rejected', value: null, by, at })
        else {
          const parsed = parseFieldInput(f.kind, d.input ?? '')
          if ('error' in parsed) errors.push({ key: f.key, message: `${f.label}: ${parsed.error}` })
          else
            events.push({
              type: 'FieldDecided',
              key: f.key,
              outcome: 'corrected',
              value: parsed.value,
              by,
              at,
            })
        }
      }
      if (errors.length > 0)
        return refuse(
          errors.some((e) => e.message.endsWith('part of the draft'))
            ? 'UNKNOWN_FIELD'
            : errors.some((e) => e.message.includes('nothing was found'))
              ? 'CANNOT_CONFIRM_EMPTY'
              : 'INVALID_VALUE',
          'Some decisions could not be saved. Correct them and save again.',
          errors,
        )
      return { ok: true, events }
    }
    case 'RecordDraft': {
      const closed = openDraft(state)
      if (closed) return closed
      const open = undecided(state!)
      if (open.length > 0)
        return refuse(
          'FIELDS_UNDECIDED',
          `Confirm, correct or reject every field before the records are created (${open.length} still to decide).`,
          open.map((f) => ({ key: f.key, message: `${f.label}: confirm, correct or reject this` })),
        )
      const planned = plan(state!, command.identifiers, command.existingSentences)
      if ('refusal' in planned) return { ok: false, refusal: planned.refusal }
      return { ok: true, events: [{ type: 'DraftRecorded', plan: planned.plan, by, at }] }
    }
    case 'DiscardDraft': {
      const closed = openDraft(state)
      if (closed) return closed
      return { ok: true, events: [{ type: 'DraftDiscarded', by, at }] }
    }
  }
}

export function evolveDraft(state: DraftState | undefined, event: DraftEvent): DraftState {
  if (event.type === 'DraftProposed')
    return {
      id: event.draftId,
      prisonNumber: event.prisonNumber,
      prisonId: event.prisonId,
      status: 'open',
      reader: event.reader,
      sourceKind: event.sourceKind,
      sourceText: event.sourceText,
      fields: event.fields,
      createdBy: event.by,
      createdAt: event.at,
    }
  if (!state) throw new Error('Draft event stream is inconsistent: no DraftProposed')
  switch (event.type) {
    case 'FieldDecided':
      return {
        ...state,
        fields: state.fields.map((f) =>
          f.key === event.key
            ? { ...f, decision: { outcome: event.outcome, value: event.value, by: event.by, at: event.at } }
            : f,
        ),
      }
    case 'DraftRecorded':
      return { ...state, status: 'recorded', recorded: { by: event.by, at: event.at, plan: event.plan } }
    case 'DraftDiscarded':
      return { ...state, status: 'discarded' }
  }
}
