/**
 * Court orders and late changes as a decider. Court staff record a custodial result (or an
 * amendment to one: length varied, made consecutive, quashed or varied on appeal, immediate
 * release, slip-rule correction) as a draft, record that it was confirmed with the judge, and
 * send it to the person's holding prison, which acknowledges it (and may apply it to its record)
 * before its deadline. A change to a draft after the judge confirmed it needs confirming again.
 *
 * Pure: no I/O, no clock. The holding prison, the deadline's calendar and whether the person
 * has been discharged are inputs the service reads inside the writing transaction.
 */
import { Instant, LocalDate, ZoneId, ZonedDateTime } from '@js-joda/core'
import '@js-joda/timezone'
import type { SentenceInput } from '../../engine/input/reference-booking.js'
import type { CourtActor } from './actor.js'
import { ACKNOWLEDGE, APPLY_TO_RECORD, COURT_WORK, hasAnyRole, worksAtCourt, worksAtPrison } from './actor.js'
import { accept, refuse, reject, type CourtRefusal, type Decision } from './refusals.js'
import { dueBy, type SlaPolicy, type WorkingCalendar } from './sla.js'

export const ORDER_KINDS = [
  'NEW_ORDER',
  'LENGTH_VARIED',
  'MADE_CONSECUTIVE',
  'QUASHED',
  'VARIED_ON_APPEAL',
  'IMMEDIATE_RELEASE',
  'SLIP_RULE',
] as const
export type OrderKind = (typeof ORDER_KINDS)[number]

export const ORDER_KIND_LABELS: Record<OrderKind, string> = {
  NEW_ORDER: 'Custodial result (new order)',
  LENGTH_VARIED: 'Length of sentence varied',
  MADE_CONSECUTIVE: 'Made consecutive',
  QUASHED: 'Quashed',
  VARIED_ON_APPEAL: 'Varied on appeal',
  IMMEDIATE_RELEASE: 'Immediate release ordered',
  SLIP_RULE: 'Slip rule correction',
}

/** Kinds whose lines carry a whole sentence (the prison's own fields); QUASHED lines name one only. */
export const kindHasSentences = (kind: OrderKind): boolean =>
  kind !== 'QUASHED' && kind !== 'IMMEDIATE_RELEASE'
export const isChange = (kind: OrderKind): boolean => kind !== 'NEW_ORDER'

export const JUDGE_CONFIRMATION_METHODS = ['IN_COURT', 'BY_PHONE', 'IN_WRITING'] as const
export type JudgeConfirmationMethod = (typeof JUDGE_CONFIRMATION_METHODS)[number]
export const JUDGE_CONFIRMATION_LABELS: Record<JudgeConfirmationMethod, string> = {
  IN_COURT: 'In court',
  BY_PHONE: 'By phone',
  IN_WRITING: 'In writing',
}

/** One count of the order: a line number on the court case, and (except when quashed) the sentence. */
export interface OrderLine {
  lineSequence: number
  sentence: SentenceInput | null
}

export interface JudgeConfirmation {
  judgeName: string
  /** ISO instant. */
  confirmedAt: string
  method: JudgeConfirmationMethod
  recordedBy: string
  recordedAt: string
}

export type OrderStatus = 'DRAFT' | 'SENT' | 'ACKNOWLEDGED' | 'APPLIED'

export interface CourtOrder {
  id: string
  kind: OrderKind
  court: string
  caseReference: string
  personId: number
  prisonNumber: string
  /** YYYY-MM-DD: the day the court made the order. */
  orderDate: string
  /** Immediate release: when it was ordered (the person is due out from then). */
  orderedAt: string | null
  notes: string
  lines: OrderLine[]
  judge: JudgeConfirmation | null
  status: OrderStatus
  recordedBy: string
  recordedAt: string
  /** The query whose "record is wrong" answer opened this change. */
  fromQueryId: string | null
  /** The court system's message sequence number, when it came by API. */
  messageSequence: number | null
  sentAt: string | null
  sentBy: string | null
  /** The holding prison when it was sent (the inbox follows the person if they move). */
  sentToPrisonId: string | null
  dueBy: string | null
  /** When the person had already been discharged when it was sent (a possible release in error). */
  dischargedBeforeSent: string | null
  acknowledgedAt: string | null
  acknowledgedBy: string | null
  acknowledgedAtPrisonId: string | null
  appliedAt: string | null
  appliedBy: string | null
  appliedChanges: string[]
  escalatedAt: string | null
  version: number
}

export interface OrderHeader {
  kind: OrderKind
  court: string
  caseReference: string
  orderDate: string
  orderedAt: string | null
  notes: string
}

export type OrderEvent =
  | {
      type: 'OrderRecorded'
      orderId: string
      personId: number
      prisonNumber: string
      header: OrderHeader
      fromQueryId: string | null
      messageSequence: number | null
      by: string
      at: string
    }
  | { type: 'OrderLineSaved'; orderId: string; line: OrderLine; by: string; at: string }
  | { type: 'OrderLineRemoved'; orderId: string; lineSequence: number; by: string; at: string }
  | { type: 'JudgeConfirmed'; orderId: string; confirmation: JudgeConfirmation; by: string; at: string }
  | {
      type: 'OrderSent'
      orderId: string
      prisonId: string
      dueBy: string
      dischargedAt: string | null
      by: string
      at: string
    }
  | { type: 'OrderAcknowledged'; orderId: string; prisonId: string; by: string; at: string }
  | { type: 'OrderApplied'; orderId: string; prisonId: string; changes: string[]; by: string; at: string }
  | { type: 'OrderEscalated'; orderId: string; dueBy: string; by: string; at: string }

export type OrderCommand =
  | {
      type: 'RecordOrder'
      orderId: string
      person: { id: number; prisonNumber: string }
      kind: string
      court: string
      caseReference: string
      orderDate: string
      orderedAt?: string | null
      notes?: string | null
      fromQueryId?: string | null
      messageSequence?: number | null
      knownCourts: readonly string[]
    }
  | { type: 'SaveOrderLine'; line: OrderLine; expectedVersion: number }
  | { type: 'RemoveOrderLine'; lineSequence: number; expectedVersion: number }
  | {
      type: 'ConfirmWithJudge'
      judgeName: string
      confirmedAt: string
      method: string
      expectedVersion: number
    }
  | {
      type: 'SendOrder'
      /** The person's prison now (found from the prison number, not the court's guess). */
      holdingPrisonId: string
      /** When the person was last discharged, or null while in custody. */
      dischargedAt: string | null
      policy: SlaPolicy
      calendar: WorkingCalendar
      expectedVersion: number
    }
  | { type: 'AcknowledgeOrder'; holdingPrisonId: string; expectedVersion: number }
  | { type: 'ApplyOrder'; holdingPrisonId: string; changes: string[]; expectedVersion: number }
  | { type: 'EscalateOrder' }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function stale(state: CourtOrder, expected: number): CourtRefusal | undefined {
  return expected === state.version
    ? undefined
    : refuse('STALE', 'This record was changed by someone else. Reload and try again.')
}

function courtStaffAt(actor: CourtActor, court: string): CourtRefusal | undefined {
  if (!hasAnyRole(actor, COURT_WORK))
    return refuse('MISSING_ROLE', 'Only court staff can record, confirm or send a court order')
  if (!worksAtCourt(actor, court)) return refuse('NOT_AT_COURT', `You do not work at ${court}`)
  return undefined
}

function draftOnly(state: CourtOrder): CourtRefusal | undefined {
  return state.status === 'DRAFT'
    ? undefined
    : refuse('NOT_A_DRAFT', 'This order has been sent to the prison: send a court change instead')
}

function validInstant(s: string): boolean {
  try {
    Instant.parse(s)
    return true
  } catch {
    return false
  }
}

/** What is missing before an order may be sent: lines for its kind, and the judge's confirmation. */
export function sendProblems(state: CourtOrder): CourtRefusal[] {
  const problems: CourtRefusal[] = []
  if (state.kind !== 'IMMEDIATE_RELEASE' && state.lines.length === 0)
    problems.push(
      refuse(
        'NO_LINES',
        state.kind === 'QUASHED'
          ? 'Add the line or lines that were quashed'
          : 'Add at least one sentence to the order',
        'lines',
      ),
    )
  if (state.judge === null)
    problems.push(
      refuse(
        'NOT_CONFIRMED_WITH_JUDGE',
        'The order cannot be finalised until you record that it was confirmed with the judge',
        'judge',
      ),
    )
  return problems
}

export function isAcknowledgementOverdue(state: Pick<CourtOrder, 'status' | 'dueBy'>, now: string): boolean {
  return (
    state.status === 'SENT' && state.dueBy !== null && Instant.parse(state.dueBy).isBefore(Instant.parse(now))
  )
}

function lineProblem(kind: OrderKind, line: OrderLine): CourtRefusal | undefined {
  if (!Number.isInteger(line.lineSequence) || line.lineSequence < 1 || line.lineSequence > 10000)
    return refuse(
      'INVALID_INPUT',
      'Enter the line number of the count on the court case (1 or more)',
      'lineSequence',
    )
  if (kindHasSentences(kind) && line.sentence === null)
    return refuse('INVALID_INPUT', 'Enter the sentence for this line', 'type')
  if (!kindHasSentences(kind) && line.sentence !== null)
    return refuse('INVALID_INPUT', 'A quashed line names the line only, with no new sentence', 'type')
  return undefined
}

export function decideOrder(
  command: OrderCommand,
  state: CourtOrder | undefined,
  now: Instant,
  actor: CourtActor,
): Decision<OrderEvent> {
  const at = now.toString()
  if (command.type === 'RecordOrder') {
    if (state !== undefined) return reject(refuse('DUPLICATE_ID', 'This order has already been recorded'))
    const court = command.court.trim().toUpperCase()
    if (!command.knownCourts.includes(court))
      return reject(refuse('UNKNOWN_COURT', 'Select the court that made the order', 'court'))
    const denied = courtStaffAt(actor, court)
    if (denied) return reject(denied)
    if (!(ORDER_KINDS as readonly string[]).includes(command.kind))
      return reject(refuse('INVALID_INPUT', 'Select what the court ordered', 'kind'))
    const kind = command.kind as OrderKind
    const caseReference = command.caseReference.trim()
    if (caseReference.length < 1 || caseReference.length > 100)
      return reject(
        refuse('INVALID_INPUT', 'Enter the court case reference (100 characters or fewer)', 'caseReference'),
      )
    if (!ISO_DATE.test(command.orderDate))
      return reject(refuse('INVALID_INPUT', 'Enter the date the order was made', 'orderDate'))
    if (LocalDate.parse(command.orderDate).isAfter(LocalDate.ofInstant(now, ZoneId.UTC).plusDays(1)))
      return reject(
        refuse('INVALID_INPUT', 'The date the order was made must be today or in the past', 'orderDate'),
      )
    let orderedAt: string | null = null
    if (kind === 'IMMEDIATE_RELEASE') {
      if (!command.orderedAt || !validInstant(command.orderedAt))
        return reject(
          refuse('INVALID_INPUT', 'Enter the time the immediate release was ordered', 'orderedAt'),
        )
      if (Instant.parse(command.orderedAt).isAfter(now))
        return reject(refuse('INVALID_INPUT', 'The time of the order must not be in the future', 'orderedAt'))
      orderedAt = Instant.parse(command.orderedAt).toString()
    }
    const notes = (command.notes ?? '').trim()
    if (notes.length > 2000)
      return reject(refuse('INVALID_INPUT', 'Notes must be 2000 characters or fewer', 'notes'))
    return accept({
      type: 'OrderRecorded',
      orderId: command.orderId,
      personId: command.person.id,
      prisonNumber: command.person.prisonNumber,
      header: { kind, court, caseReference, orderDate: command.orderDate, orderedAt, notes },
      fromQueryId: command.fromQueryId ?? null,
      messageSequence: command.messageSequence ?? null,
      by: actor.id,
      at,
    })
  }

  if (state === undefined) return reject(refuse('NOT_FOUND', 'There is no such court order'))

  switch (command.type) {
    case 'SaveOrderLine':
    case 'RemoveOrderLine': {
      const refused =
        courtStaffAt(actor, state.court) ?? draftOnly(state) ?? stale(state, command.expectedVersion)
      if (refused) return reject(refused)
      if (command.type === 'RemoveOrderLine') {
        if (!state.lines.some((l) => l.lineSequence === command.lineSequence))
          return reject(refuse('NOT_FOUND', 'There is no such line on this order'))
        return accept({
          type: 'OrderLineRemoved',
          orderId: state.id,
          lineSequence: command.lineSequence,
          by: actor.id,
          at,
        })
      }
      if (state.kind === 'IMMEDIATE_RELEASE')
        return reject(refuse('INVALID_INPUT', 'An immediate release order has no sentence lines'))
      const bad = lineProblem(state.kind, command.line)
      if (bad) return reject(bad)
      return accept({ type: 'OrderLineSaved', orderId: state.id, line: command.line, by: actor.id, at })
    }

    case 'ConfirmWithJudge': {
      const refused =
        courtStaffAt(actor, state.court) ?? draftOnly(state) ?? stale(state, command.expectedVersion)
      if (refused) return reject(refused)
      const judgeName = command.judgeName.trim()
      if (judgeName.length < 2 || judgeName.length > 200)
        return reject(refuse('INVALID_INPUT', "Enter the judge's name", 'judgeName'))
      if (!(JUDGE_CONFIRMATION_METHODS as readonly string[]).includes(command.method))
        return reject(refuse('INVALID_INPUT', 'Select how the judge confirmed the order', 'method'))
      if (!validInstant(command.confirmedAt))
        return reject(refuse('INVALID_INPUT', 'Enter when the judge confirmed the order', 'confirmedAt'))
      const confirmed = Instant.parse(command.confirmedAt)
      if (confirmed.isAfter(now))
        return reject(
          refuse('INVALID_INPUT', 'When the judge confirmed it must not be in the future', 'confirmedAt'),
        )
      const confirmedDay = ZonedDateTime.ofInstant(confirmed, ZoneId.of('Europe/London')).toLocalDate()
      if (confirmedDay.isBefore(LocalDate.parse(state.orderDate)))
        return reject(
          refuse(
            'INVALID_INPUT',
            'The judge cannot have confirmed the order before it was made',
            'confirmedAt',
          ),
        )
      return accept({
        type: 'JudgeConfirmed',
        orderId: state.id,
        confirmation: {
          judgeName,
          confirmedAt: confirmed.toString(),
          method: command.method as JudgeConfirmationMethod,
          recordedBy: actor.id,
          recordedAt: at,
        },
        by: actor.id,
        at,
      })
    }

    case 'SendOrder': {
      const refused =
        courtStaffAt(actor, state.court) ?? draftOnly(state) ?? stale(state, command.expectedVersion)
      if (refused) return reject(refused)
      const missing = sendProblems(state)
      if (missing.length > 0) return reject(missing[0]!)
      const rule =
        state.kind === 'IMMEDIATE_RELEASE'
          ? command.policy.acknowledgeImmediateRelease
          : command.policy.acknowledge
      return accept({
        type: 'OrderSent',
        orderId: state.id,
        prisonId: command.holdingPrisonId,
        dueBy: dueBy(at, rule, command.calendar),
        dischargedAt: command.dischargedAt,
        by: actor.id,
        at,
      })
    }

    case 'AcknowledgeOrder':
    case 'ApplyOrder': {
      const roles = command.type === 'ApplyOrder' ? APPLY_TO_RECORD : ACKNOWLEDGE
      if (!hasAnyRole(actor, roles))
        return reject(
          refuse(
            'MISSING_ROLE',
            command.type === 'ApplyOrder'
              ? 'Only a calculator can apply a court order to the record'
              : 'Only calculators and managers at the holding prison can acknowledge a court order',
          ),
        )
      if (!worksAtPrison(actor, command.holdingPrisonId))
        return reject(refuse('NOT_HOLDING_PRISON', 'Only the prison holding the person can acknowledge this'))
      const refusedStale = stale(state, command.expectedVersion)
      if (refusedStale) return reject(refusedStale)
      if (state.status === 'DRAFT') return reject(refuse('NOT_SENT', 'This order has not been sent yet'))
      if (command.type === 'AcknowledgeOrder') {
        if (state.status !== 'SENT')
          return reject(refuse('ALREADY_ACKNOWLEDGED', 'This order has already been acknowledged'))
        return accept({
          type: 'OrderAcknowledged',
          orderId: state.id,
          prisonId: command.holdingPrisonId,
          by: actor.id,
          at,
        })
      }
      if (state.status === 'APPLIED')
        return reject(refuse('ALREADY_APPLIED', 'This order has already been applied'))
      const events: OrderEvent[] = []
      if (state.status === 'SENT')
        events.push({
          type: 'OrderAcknowledged',
          orderId: state.id,
          prisonId: command.holdingPrisonId,
          by: actor.id,
          at,
        })
      events.push({
        type: 'OrderApplied',
        orderId: state.id,
        prisonId: command.holdingPrisonId,
        changes: command.changes,
        by: actor.id,
        at,
      })
      return accept(...events)
    }

    case 'EscalateOrder': {
      if (state.status !== 'SENT')
        return reject(refuse('ALREADY_ACKNOWLEDGED', 'This order has been acknowledged'))
      if (state.escalatedAt !== null)
        return reject(refuse('ALREADY_ESCALATED', 'This order has already been escalated'))
      if (!isAcknowledgementOverdue(state, at))
        return reject(refuse('NOT_OVERDUE', 'This order is not past its deadline yet'))
      return accept({ type: 'OrderEscalated', orderId: state.id, dueBy: state.dueBy!, by: actor.id, at })
    }

    default: {
      const never: never = command
      throw new Error(`unknown command ${JSON.stringify(never)}`)
    }
  }
}

export function evolveOrder(state: CourtOrder | undefined, event: OrderEvent): CourtOrder {
  if (event.type === 'OrderRecorded')
    return {
      id: event.orderId,
      ...event.header,
      personId: event.personId,
      prisonNumber: event.prisonNumber,
      lines: [],
      judge: null,
      status: 'DRAFT',
      recordedBy: event.by,
      recordedAt: event.at,
      fromQueryId: event.fromQueryId,
      messageSequence: event.messageSequence,
      sentAt: null,
      sentBy: null,
      sentToPrisonId: null,
      dueBy: null,
      dischargedBeforeSent: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedAtPrisonId: null,
      appliedAt: null,
      appliedBy: null,
      appliedChanges: [],
      escalatedAt: null,
      version: 1,
    }
  if (state === undefined) throw new Error(`${event.type} before OrderRecorded`)
  const next = { ...state, version: state.version + 1 }
  switch (event.type) {
    case 'OrderLineSaved':
      // The judge confirmed what was recorded: a different order needs confirming again.
      return {
        ...next,
        judge: null,
        lines: [...state.lines.filter((l) => l.lineSequence !== event.line.lineSequence), event.line].sort(
          (a, b) => a.lineSequence - b.lineSequence,
        ),
      }
    case 'OrderLineRemoved':
      return { ...next, judge: null, lines: state.lines.filter((l) => l.lineSequence !== event.lineSequence) }
    case 'JudgeConfirmed':
      return { ...next, judge: event.confirmation }
    case 'OrderSent':
      return {
        ...next,
        status: 'SENT',
        sentAt: event.at,
        sentBy: event.by,
        sentToPrisonId: event.prisonId,
        dueBy: event.dueBy,
        dischargedBeforeSent: event.dischargedAt,
      }
    case 'OrderAcknowledged':
      return {
        ...next,
        status: 'ACKNOWLEDGED',
        acknowledgedAt: event.at,
        acknowledgedBy: event.by,
        acknowledgedAtPrisonId: event.prisonId,
      }
    case 'OrderApplied':
      return {
        ...next,
        status: 'APPLIED',
        appliedAt: event.at,
        appliedBy: event.by,
        appliedChanges: event.changes,
      }
    case 'OrderEscalated':
      return { ...next, escalatedAt: event.at }
  }
}

export function replayOrder(events: readonly OrderEvent[]): CourtOrder | undefined {
  let state: CourtOrder | undefined
  for (const e of events) state = evolveOrder(state, e)
  return state
}
