/**
 * The hotline query as a decider: prison staff raise a query about a person to one or more
 * courts (or to the national warrant query unit), the court answers with a structured outcome,
 * either side may write on it meanwhile, and a query past its deadline escalates.
 *
 * `decideQuery(command, state, now, actor)` returns events or a coded refusal;
 * `evolveQuery(state, event)` folds one event in. Pure: no I/O, no clock.
 */
import { Instant } from '@js-joda/core'
import type { CourtActor } from './actor.js'
import { COURT_WORK, RAISE_QUERY, hasAnyRole, isCourtStaff, worksAtCourt, worksAtPrison } from './actor.js'
import { COURT_QUERY_KINDS, type CourtQueryKind } from './release-facts.js'
import { accept, refuse, reject, type CourtRefusal, type Decision } from './refusals.js'
import {
  dueBy as dueByRule,
  ruleFor,
  urgencyFor,
  type SlaPolicy,
  type Urgency,
  type WorkingCalendar,
} from './sla.js'

/** A query to every court, worked by the national warrant query unit. */
export const ALL_COURTS = 'ALL'

export const ANSWER_OUTCOMES = ['NO_OUTSTANDING', 'WARRANT_OR_ORDER_EXISTS', 'RECORD_WRONG'] as const
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number]

export const HOLD_KINDS = [
  'OUTSTANDING_WARRANT',
  'REMAND_OTHER_MATTER',
  'SENTENCE_OTHER_MATTER',
  'PRODUCTION_ORDER',
  'OTHER',
] as const
/** The same kinds as the release gate's HoldFromCourt (src/courts/service/ports.ts). */
export type HoldKind = (typeof HOLD_KINDS)[number]

export interface WarrantDetails {
  kind: HoldKind
  /** Name of the court that issued the warrant or made the order. */
  issuingCourt: string
  reference: string
  /** YYYY-MM-DD */
  dated: string
}

export interface QueryMessage {
  from: 'PRISON' | 'COURT'
  by: string
  at: string
  text: string
}

export interface CourtAnswer {
  /** The court answering, or ALL for the national warrant query unit. */
  court: string
  outcome: AnswerOutcome
  details: string
  warrant: WarrantDetails | null
  /** For RECORD_WRONG: the draft court change it opened. */
  changeId: string | null
  by: string
  at: string
}

export interface CourtQuery {
  id: string
  personId: number
  prisonNumber: string
  /** The prison that raised it. */
  prisonId: string
  kind: CourtQueryKind
  /** Court codes, or [ALL]. */
  courts: string[]
  caseReference: string | null
  sentence: string | null
  releaseDate: string | null
  question: string
  urgency: Urgency
  raisedBy: string
  raisedAt: string
  dueBy: string
  messages: QueryMessage[]
  answers: CourtAnswer[]
  status: 'OPEN' | 'ANSWERED'
  /** Whose turn it is: a court that asks back waits for the prison (the deadline still runs). */
  awaiting: 'COURT' | 'PRISON'
  answeredAt: string | null
  escalatedAt: string | null
  /** Number of events: the version a page or client sends back. */
  version: number
}

export type QueryEvent =
  | {
      type: 'QueryRaised'
      queryId: string
      personId: number
      prisonNumber: string
      prisonId: string
      kind: CourtQueryKind
      courts: string[]
      caseReference: string | null
      sentence: string | null
      releaseDate: string | null
      question: string
      urgency: Urgency
      dueBy: string
      by: string
      at: string
    }
  | {
      type: 'QueryMessagePosted'
      queryId: string
      from: 'PRISON' | 'COURT'
      text: string
      by: string
      at: string
    }
  | { type: 'QueryAnswered'; queryId: string; answer: CourtAnswer; by: string; at: string }
  | { type: 'QueryEscalated'; queryId: string; dueBy: string; by: string; at: string }

export type QueryCommand =
  | {
      type: 'RaiseQuery'
      queryId: string
      person: { id: number; prisonNumber: string; prisonId: string }
      kind: string
      courts: string[]
      caseReference?: string | null
      sentence?: string | null
      releaseDate?: string | null
      question: string
      /** Court codes that exist. */
      knownCourts: readonly string[]
      /** Today in the working calendar's zone. */
      today: string
      policy: SlaPolicy
      calendar: WorkingCalendar
    }
  | {
      type: 'PostQueryMessage'
      text: string
      expectedVersion: number
      /** The person's prison now: staff there may write on it too, if they moved. */
      currentPrisonId?: string
    }
  | {
      type: 'AnswerQuery'
      /** The court answering for (defaults to the actor's court on the query). */
      court?: string | null
      outcome: string
      details: string
      warrant?: WarrantDetails | null
      /** For RECORD_WRONG: the id to give the draft court change. */
      changeId?: string | null
      expectedVersion: number
    }
  | { type: 'EscalateQuery' }

export const MAX_TEXT = 2000

function textProblem(text: string, field: string, what: string, min = 3): CourtRefusal | undefined {
  const t = text.trim()
  if (t.length < min) return refuse('INVALID_INPUT', `Enter ${what}`, field)
  if (t.length > MAX_TEXT)
    return refuse(
      'INVALID_INPUT',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${MAX_TEXT} characters or fewer`,
      field,
    )
  return undefined
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function stale(state: CourtQuery, expected: number): CourtRefusal | undefined {
  return expected === state.version
    ? undefined
    : refuse('STALE', 'This record was changed by someone else. Reload and try again.')
}

/** The courts on the query this actor may answer for (every pending one, for the national unit). */
export function pendingCourts(state: CourtQuery): string[] {
  if (state.courts.includes(ALL_COURTS)) return state.answers.length > 0 ? [] : [ALL_COURTS]
  if (state.answers.some((a) => a.court === ALL_COURTS)) return []
  const answered = new Set(state.answers.map((a) => a.court))
  return state.courts.filter((c) => !answered.has(c))
}

export function answerableBy(state: CourtQuery, actor: CourtActor): string[] {
  if (!isCourtStaff(actor)) return []
  const pending = pendingCourts(state)
  if (actor.estateWide) return pending
  return pending.filter((c) => c !== ALL_COURTS && actor.courts.includes(c))
}

/** Whether a court user may see the query at all. */
export function visibleToCourtActor(state: CourtQuery, actor: CourtActor): boolean {
  return actor.estateWide || state.courts.some((c) => c !== ALL_COURTS && worksAtCourt(actor, c))
}

/** The worst outcome wins: a warrant found outranks a wrong record, which outranks "none". */
export function combinedOutcome(answers: readonly CourtAnswer[]): AnswerOutcome | null {
  if (answers.length === 0) return null
  if (answers.some((a) => a.outcome === 'WARRANT_OR_ORDER_EXISTS')) return 'WARRANT_OR_ORDER_EXISTS'
  if (answers.some((a) => a.outcome === 'RECORD_WRONG')) return 'RECORD_WRONG'
  return 'NO_OUTSTANDING'
}

export function isOverdue(state: Pick<CourtQuery, 'status' | 'dueBy'>, now: string): boolean {
  return state.status === 'OPEN' && Instant.parse(state.dueBy).isBefore(Instant.parse(now))
}

function warrantProblem(w: WarrantDetails | null | undefined): CourtRefusal | undefined {
  if (!w) return refuse('INVALID_INPUT', 'Enter the details of the warrant or order', 'warrant')
  if (!(HOLD_KINDS as readonly string[]).includes(w.kind))
    return refuse('INVALID_INPUT', 'Select what kind of warrant or order it is', 'warrant.kind')
  if (w.issuingCourt.trim().length < 2 || w.issuingCourt.length > 200)
    return refuse('INVALID_INPUT', 'Enter the court that issued it', 'warrant.issuingCourt')
  if (w.reference.trim().length < 1 || w.reference.length > 100)
    return refuse('INVALID_INPUT', 'Enter the reference of the warrant or order', 'warrant.reference')
  if (!ISO_DATE.test(w.dated)) return refuse('INVALID_INPUT', 'Enter the date it was made', 'warrant.dated')
  return undefined
}

export function decideQuery(
  command: QueryCommand,
  state: CourtQuery | undefined,
  now: Instant,
  actor: CourtActor,
): Decision<QueryEvent> {
  const at = now.toString()
  if (command.type === 'RaiseQuery') {
    if (state !== undefined) return reject(refuse('DUPLICATE_ID', 'This query has already been raised'))
    if (!hasAnyRole(actor, RAISE_QUERY))
      return reject(refuse('MISSING_ROLE', 'Only prison staff can raise a query with the courts'))
    if (!worksAtPrison(actor, command.person.prisonId))
      return reject(
        refuse('NOT_IN_CASELOAD', `You cannot raise queries for people in ${command.person.prisonId}`),
      )
    if (!(COURT_QUERY_KINDS as readonly string[]).includes(command.kind))
      return reject(refuse('INVALID_INPUT', 'Select what the query is about', 'kind'))
    const courts = [...new Set(command.courts.map((c) => c.trim().toUpperCase()).filter(Boolean))]
    if (courts.length === 0)
      return reject(refuse('INVALID_INPUT', 'Select the court or courts to ask, or all courts', 'courts'))
    if (courts.includes(ALL_COURTS) && courts.length > 1)
      return reject(refuse('INVALID_INPUT', 'Ask all courts, or name the courts: not both', 'courts'))
    if (courts.length > 20) return reject(refuse('INVALID_INPUT', 'Name 20 courts or fewer', 'courts'))
    const unknown = courts.find((c) => c !== ALL_COURTS && !command.knownCourts.includes(c))
    if (unknown)
      return reject(refuse('UNKNOWN_COURT', `There is no court with the code ${unknown}`, 'courts'))
    const releaseDate = command.releaseDate ?? null
    if (releaseDate !== null && !ISO_DATE.test(releaseDate))
      return reject(refuse('INVALID_INPUT', 'Enter the release date as a real date', 'releaseDate'))
    const caseReference = command.caseReference?.trim() || null
    if (caseReference && caseReference.length > 100)
      return reject(
        refuse('INVALID_INPUT', 'The case reference must be 100 characters or fewer', 'caseReference'),
      )
    const sentence = command.sentence?.trim() || null
    if (sentence && sentence.length > 500)
      return reject(
        refuse('INVALID_INPUT', 'The sentence concerned must be 500 characters or fewer', 'sentence'),
      )
    const bad = textProblem(command.question, 'question', 'what you need the court to check')
    if (bad) return reject(bad)
    const urgency = urgencyFor(releaseDate, command.today, command.policy)
    return accept({
      type: 'QueryRaised',
      queryId: command.queryId,
      personId: command.person.id,
      prisonNumber: command.person.prisonNumber,
      prisonId: command.person.prisonId,
      kind: command.kind as CourtQueryKind,
      courts,
      caseReference,
      sentence,
      releaseDate,
      question: command.question.trim(),
      urgency,
      dueBy: dueByRule(at, ruleFor(urgency, command.policy), command.calendar),
      by: actor.id,
      at,
    })
  }

  if (state === undefined) return reject(refuse('NOT_FOUND', 'There is no such query'))

  switch (command.type) {
    case 'PostQueryMessage': {
      const court = isCourtStaff(actor)
      if (court) {
        if (!visibleToCourtActor(state, actor))
          return reject(refuse('NOT_AT_COURT', 'This query is not for your courts'))
      } else if (
        !hasAnyRole(actor, RAISE_QUERY) ||
        !(
          worksAtPrison(actor, state.prisonId) ||
          (command.currentPrisonId !== undefined && worksAtPrison(actor, command.currentPrisonId))
        )
      )
        return reject(refuse('NOT_IN_CASELOAD', 'You cannot write on queries from this prison'))
      const refused =
        stale(state, command.expectedVersion) ?? textProblem(command.text, 'text', 'your message', 1)
      if (refused) return reject(refused)
      return accept({
        type: 'QueryMessagePosted',
        queryId: state.id,
        from: court ? 'COURT' : 'PRISON',
        text: command.text.trim(),
        by: actor.id,
        at,
      })
    }

    case 'AnswerQuery': {
      if (!hasAnyRole(actor, COURT_WORK))
        return reject(
          refuse(
            'PRISON_CANNOT_ANSWER',
            'Only court staff can answer a query. Prison staff can reply to it.',
          ),
        )
      if (!visibleToCourtActor(state, actor))
        return reject(refuse('NOT_AT_COURT', 'This query is not for your courts'))
      if (state.status === 'ANSWERED')
        return reject(refuse('QUERY_ANSWERED', 'This query has already been answered'))
      const refusedStale = stale(state, command.expectedVersion)
      if (refusedStale) return reject(refusedStale)
      const mine = answerableBy(state, actor)
      const court = command.court?.trim().toUpperCase() || mine[0]
      if (court === undefined || !mine.includes(court))
        return reject(
          refuse(
            'ALREADY_ANSWERED_BY_COURT',
            mine.length === 0
              ? 'Your courts have already answered this query'
              : `Answer for one of your courts still to answer: ${mine.join(', ')}`,
            'court',
          ),
        )
      if (!(ANSWER_OUTCOMES as readonly string[]).includes(command.outcome))
        return reject(refuse('INVALID_INPUT', 'Select the answer', 'outcome'))
      const outcome = command.outcome as AnswerOutcome
      const details = command.details.trim()
      if (outcome !== 'NO_OUTSTANDING') {
        const bad = textProblem(
          details,
          'details',
          outcome === 'RECORD_WRONG' ? 'what is wrong in the record' : 'what the warrant or order says',
        )
        if (bad) return reject(bad)
      } else if (details.length > MAX_TEXT)
        return reject(refuse('INVALID_INPUT', `Details must be ${MAX_TEXT} characters or fewer`, 'details'))
      let warrant: WarrantDetails | null = null
      if (outcome === 'WARRANT_OR_ORDER_EXISTS') {
        const bad = warrantProblem(command.warrant)
        if (bad) return reject(bad)
        const w = command.warrant!
        warrant = {
          kind: w.kind,
          issuingCourt: w.issuingCourt.trim(),
          reference: w.reference.trim(),
          dated: w.dated,
        }
      }
      const changeId = outcome === 'RECORD_WRONG' ? (command.changeId ?? null) : null
      if (outcome === 'RECORD_WRONG' && !changeId)
        return reject(refuse('INVALID_INPUT', 'A wrong record needs a court change to correct it'))
      return accept({
        type: 'QueryAnswered',
        queryId: state.id,
        answer: { court, outcome, details, warrant, changeId, by: actor.id, at },
        by: actor.id,
        at,
      })
    }

    case 'EscalateQuery': {
      if (state.status !== 'OPEN') return reject(refuse('QUERY_ANSWERED', 'This query has been answered'))
      if (state.escalatedAt !== null)
        return reject(refuse('ALREADY_ESCALATED', 'This query has already been escalated'))
      if (!isOverdue(state, at))
        return reject(refuse('NOT_OVERDUE', 'This query is not past its deadline yet'))
      return accept({ type: 'QueryEscalated', queryId: state.id, dueBy: state.dueBy, by: actor.id, at })
    }

    default: {
      const never: never = command
      throw new Error(`unknown command ${JSON.stringify(never)}`)
    }
  }
}

export function evolveQuery(state: CourtQuery | undefined, event: QueryEvent): CourtQuery {
  if (event.type === 'QueryRaised')
    return {
      id: event.queryId,
      personId: event.personId,
      prisonNumber: event.prisonNumber,
      prisonId: event.prisonId,
      kind: event.kind,
      courts: event.courts,
      caseReference: event.caseReference,
      sentence: event.sentence,
      releaseDate: event.releaseDate,
      question: event.question,
      urgency: event.urgency,
      raisedBy: event.by,
      raisedAt: event.at,
      dueBy: event.dueBy,
      messages: [],
      answers: [],
      status: 'OPEN',
      awaiting: 'COURT',
      answeredAt: null,
      escalatedAt: null,
      version: 1,
    }
  if (state === undefined) throw new Error(`${event.type} before QueryRaised`)
  const next = { ...state, version: state.version + 1 }
  switch (event.type) {
    case 'QueryMessagePosted':
      return {
        ...next,
        messages: [...state.messages, { from: event.from, by: event.by, at: event.at, text: event.text }],
        awaiting: event.from === 'COURT' ? 'PRISON' : 'COURT',
      }
    case 'QueryAnswered': {
      const answered = { ...next, answers: [...state.answers, event.answer] }
      return pendingCourts(answered).length === 0
        ? { ...answered, status: 'ANSWERED', answeredAt: event.at, awaiting: 'COURT' }
        : answered
    }
    case 'QueryEscalated':
      return { ...next, escalatedAt: event.at }
  }
}

export function replayQuery(events: readonly QueryEvent[]): CourtQuery | undefined {
  let state: CourtQuery | undefined
  for (const e of events) state = evolveQuery(state, e)
  return state
}
