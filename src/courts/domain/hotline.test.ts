/** The query and order deciders, the facts the release gate reads, the comparison and sequencing. */
import { Instant } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { CourtActor } from './actor.js'
import { compareOrder, type PrisonSentence } from './comparison.js'
import { courtFactsFor } from './facts.js'
import { decideOrder, evolveOrder, type CourtOrder, type OrderCommand, type OrderEvent } from './order.js'
import { decideQuery, evolveQuery, type CourtQuery, type QueryCommand, type QueryEvent } from './query.js'
import { classifyMessage, describeGap, missingRanges } from './sequence.js'
import { DEFAULT_SLA_POLICY, DEFAULT_WORKING_HOURS } from './sla.js'
import type { SentenceInput } from '../../engine/input/reference-booking.js'

const calendar = { ...DEFAULT_WORKING_HOURS, bankHolidays: new Set<string>() }
const MON_10 = Instant.parse('2025-06-02T09:00:00Z') // Monday 10:00 BST
const person = { id: 7, prisonNumber: 'A1234BC', prisonId: 'MDI' }
const calculator: CourtActor = {
  id: 'calc',
  roles: ['calculator'],
  prisons: ['MDI'],
  courts: [],
  estateWide: false,
}
const manager: CourtActor = { id: 'mgr', roles: ['manager'], prisons: ['MDI'], courts: [], estateWide: false }
const leeds: CourtActor = {
  id: 'leeds',
  roles: ['court'],
  prisons: [],
  courts: ['LEEDCC'],
  estateWide: false,
}
const york: CourtActor = { id: 'york', roles: ['court'], prisons: [], courts: ['YORKCC'], estateWide: false }
const unit: CourtActor = { id: 'unit', roles: ['warrant_unit'], prisons: [], courts: [], estateWide: true }

function run<S, E, C>(
  decide: (
    c: C,
    s: S | undefined,
    now: Instant,
    a: CourtActor,
  ) => { ok: true; events: E[] } | { ok: false; refusal: { code: string } },
  evolve: (s: S | undefined, e: E) => S,
) {
  return (state: S | undefined, command: C, actor: CourtActor, now = MON_10): S => {
    const d = decide(command, state, now, actor)
    if (!d.ok) throw new Error(`refused: ${d.refusal.code}`)
    return d.events.reduce<S | undefined>((s, e) => evolve(s, e), state)!
  }
}
const q = run<CourtQuery, QueryEvent, QueryCommand>(decideQuery, evolveQuery)
const o = run<CourtOrder, OrderEvent, OrderCommand>(decideOrder, evolveOrder)
const refusal = (d: { ok: boolean; refusal?: { code: string } }) => (d.ok ? 'accepted' : d.refusal!.code)

const raise = (over: Partial<Extract<QueryCommand, { type: 'RaiseQuery' }>> = {}): QueryCommand => ({
  type: 'RaiseQuery',
  queryId: 'q1',
  person,
  kind: 'OUTSTANDING_WARRANTS',
  courts: ['LEEDCC'],
  releaseDate: '2025-06-10',
  question: 'Any outstanding warrants before release?',
  knownCourts: ['LEEDCC', 'YORKCC'],
  today: '2025-06-02',
  policy: DEFAULT_SLA_POLICY,
  calendar,
  ...over,
})

describe('a hotline query', () => {
  it('is raised by prison staff with a deadline from its urgency', () => {
    const standard = q(undefined, raise(), calculator)
    expect(standard).toMatchObject({ urgency: 'STANDARD', status: 'OPEN', dueBy: '2025-06-03T09:00:00Z' })
    const urgent = q(undefined, raise({ releaseDate: '2025-06-02' }), calculator)
    expect(urgent).toMatchObject({ urgency: 'URGENT', dueBy: '2025-06-02T10:00:00Z' })
  })

  it('refuses court staff raising one, an unknown court, and a prison outside the caseload', () => {
    expect(refusal(decideQuery(raise(), undefined, MON_10, leeds))).toBe('MISSING_ROLE')
    expect(refusal(decideQuery(raise({ courts: ['NOPE'] }), undefined, MON_10, calculator))).toBe(
      'UNKNOWN_COURT',
    )
    expect(
      refusal(decideQuery(raise({ person: { ...person, prisonId: 'LEI' } }), undefined, MON_10, calculator)),
    ).toBe('NOT_IN_CASELOAD')
    expect(refusal(decideQuery(raise({ question: '' }), undefined, MON_10, calculator))).toBe('INVALID_INPUT')
  })

  it('cannot be answered by prison staff, nor by a court it was not sent to', () => {
    const s = q(undefined, raise(), calculator)
    const answer: QueryCommand = {
      type: 'AnswerQuery',
      outcome: 'NO_OUTSTANDING',
      details: '',
      expectedVersion: 1,
    }
    expect(refusal(decideQuery(answer, s, MON_10, manager))).toBe('PRISON_CANNOT_ANSWER')
    expect(refusal(decideQuery(answer, s, MON_10, york))).toBe('NOT_AT_COURT')
    expect(q(s, answer, leeds)).toMatchObject({
      status: 'ANSWERED',
      answers: [{ court: 'LEEDCC', outcome: 'NO_OUTSTANDING' }],
    })
  })

  it('keeps every message, refuses a stale version, and needs warrant details when one is found', () => {
    let s = q(undefined, raise(), calculator)
    s = q(s, { type: 'PostQueryMessage', text: 'Which case number?', expectedVersion: 1 }, leeds)
    expect(s.awaiting).toBe('PRISON')
    s = q(s, { type: 'PostQueryMessage', text: 'T20230001', expectedVersion: 2 }, calculator)
    expect(s.messages.map((m) => m.from)).toEqual(['COURT', 'PRISON'])
    const stale: QueryCommand = {
      type: 'AnswerQuery',
      outcome: 'NO_OUTSTANDING',
      details: '',
      expectedVersion: 1,
    }
    expect(refusal(decideQuery(stale, s, MON_10, leeds))).toBe('STALE')
    const noDetails: QueryCommand = {
      type: 'AnswerQuery',
      outcome: 'WARRANT_OR_ORDER_EXISTS',
      details: 'Warrant for failing to appear',
      expectedVersion: 3,
    }
    expect(refusal(decideQuery(noDetails, s, MON_10, leeds))).toBe('INVALID_INPUT')
    s = q(
      s,
      {
        ...noDetails,
        warrant: {
          kind: 'OUTSTANDING_WARRANT',
          issuingCourt: 'Leeds Crown Court',
          reference: 'W123',
          dated: '2025-05-01',
        },
      },
      leeds,
    )
    expect(s.answers[0]!.warrant?.reference).toBe('W123')
  })

  it('to several courts is answered when each has answered, the worst outcome standing', () => {
    let s = q(undefined, raise({ courts: ['LEEDCC', 'YORKCC'] }), calculator)
    s = q(s, { type: 'AnswerQuery', outcome: 'NO_OUTSTANDING', details: '', expectedVersion: 1 }, leeds)
    expect(s.status).toBe('OPEN')
    s = q(
      s,
      {
        type: 'AnswerQuery',
        outcome: 'WARRANT_OR_ORDER_EXISTS',
        details: 'Bench warrant',
        warrant: {
          kind: 'OUTSTANDING_WARRANT',
          issuingCourt: 'York Crown Court',
          reference: 'Y1',
          dated: '2025-04-01',
        },
        expectedVersion: 2,
      },
      york,
    )
    expect(s.status).toBe('ANSWERED')
    const facts = courtFactsFor([s], [], MON_10.toString(), null)
    expect(facts.latestWarrantCheck?.outcome).toBe('WARRANT_OR_ORDER_EXISTS')
  })

  it('to all courts goes to the national warrant query unit only', () => {
    const s = q(undefined, raise({ courts: ['ALL'] }), calculator)
    const answer: QueryCommand = {
      type: 'AnswerQuery',
      outcome: 'NO_OUTSTANDING',
      details: '',
      expectedVersion: 1,
    }
    expect(refusal(decideQuery(answer, s, MON_10, leeds))).toBe('NOT_AT_COURT')
    expect(q(s, answer, unit).status).toBe('ANSWERED')
  })

  it('escalates once, and only when past its deadline', () => {
    const s = q(undefined, raise({ releaseDate: '2025-06-02' }), calculator)
    const esc: QueryCommand = { type: 'EscalateQuery' }
    expect(refusal(decideQuery(esc, s, MON_10.plusSeconds(3599), unit))).toBe('NOT_OVERDUE')
    const late = MON_10.plusSeconds(3601)
    const escalated = q(s, esc, unit, late)
    expect(escalated.escalatedAt).toBe(late.toString())
    expect(refusal(decideQuery(esc, escalated, late, unit))).toBe('ALREADY_ESCALATED')
    expect(courtFactsFor([escalated], [], late.toString(), null).openQueries[0]).toMatchObject({
      overdue: true,
    })
  })
})

const sds = (over: Partial<Record<string, unknown>> = {}): SentenceInput =>
  ({
    type: 'StandardSentence',
    identifier: 'court-line-1',
    offence: { offenceCode: 'TH68010', committedAt: '2025-01-05' },
    sentencedAt: '2025-05-30',
    duration: { durationElements: { YEARS: 2 } },
    releaseArrangements: {
      isSDSPlus: false,
      isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
      sdsEarlyReleaseExclusions: [],
      isSection250: false,
    },
    consecutiveSentenceUUIDs: [],
    ...over,
  }) as unknown as SentenceInput

const record = (kind = 'NEW_ORDER', over: Record<string, unknown> = {}): OrderCommand => ({
  type: 'RecordOrder',
  orderId: 'o1',
  person,
  kind,
  court: 'LEEDCC',
  caseReference: 'T20250001',
  orderDate: '2025-05-30',
  knownCourts: ['LEEDCC'],
  ...over,
})
const send = (version: number, over: Record<string, unknown> = {}): OrderCommand => ({
  type: 'SendOrder',
  holdingPrisonId: 'MDI',
  dischargedAt: null,
  policy: DEFAULT_SLA_POLICY,
  calendar,
  expectedVersion: version,
  ...over,
})
const judge = (version: number): OrderCommand => ({
  type: 'ConfirmWithJudge',
  judgeName: 'HHJ Example',
  confirmedAt: '2025-06-02T08:30:00Z',
  method: 'BY_PHONE',
  expectedVersion: version,
})

describe('a court order', () => {
  it('cannot be finalised without the judge’s confirmation', () => {
    let s = o(undefined, record(), leeds)
    s = o(s, { type: 'SaveOrderLine', line: { lineSequence: 1, sentence: sds() }, expectedVersion: 1 }, leeds)
    const d = decideOrder(send(2), s, MON_10, leeds)
    expect(d.ok ? null : d.refusal).toMatchObject({ code: 'NOT_CONFIRMED_WITH_JUDGE', field: 'judge' })
    s = o(s, judge(2), leeds)
    s = o(s, send(3), leeds)
    expect(s).toMatchObject({ status: 'SENT', sentToPrisonId: 'MDI', dueBy: '2025-06-02T11:00:00Z' })
  })

  it('needs confirming again when a line changes after the judge confirmed it', () => {
    let s = o(undefined, record(), leeds)
    s = o(s, { type: 'SaveOrderLine', line: { lineSequence: 1, sentence: sds() }, expectedVersion: 1 }, leeds)
    s = o(s, judge(2), leeds)
    s = o(
      s,
      {
        type: 'SaveOrderLine',
        line: { lineSequence: 2, sentence: sds({ identifier: 'court-line-2' }) },
        expectedVersion: 3,
      },
      leeds,
    )
    expect(s.judge).toBeNull()
    expect(refusal(decideOrder(send(4), s, MON_10, leeds))).toBe('NOT_CONFIRMED_WITH_JUDGE')
  })

  it('refuses a judge confirmation in the future or before the order was made, and prison staff recording one', () => {
    const s = o(undefined, record(), leeds)
    expect(
      refusal(
        decideOrder({ ...judge(1), confirmedAt: '2025-06-03T08:00:00Z' } as OrderCommand, s, MON_10, leeds),
      ),
    ).toBe('INVALID_INPUT')
    expect(
      refusal(
        decideOrder({ ...judge(1), confirmedAt: '2025-05-29T08:00:00Z' } as OrderCommand, s, MON_10, leeds),
      ),
    ).toBe('INVALID_INPUT')
    expect(refusal(decideOrder(record(), undefined, MON_10, calculator))).toBe('MISSING_ROLE')
    expect(refusal(decideOrder(record(), undefined, MON_10, york))).toBe('NOT_AT_COURT')
  })

  it('is acknowledged only at the holding prison; an immediate release has 30 minutes and is due out now', () => {
    let s = o(undefined, record('IMMEDIATE_RELEASE', { orderedAt: '2025-06-02T08:45:00Z' }), leeds)
    s = o(s, judge(1), leeds)
    s = o(s, send(2), leeds)
    expect(s.dueBy).toBe('2025-06-02T09:30:00Z')
    const facts = courtFactsFor([], [s], MON_10.toString(), null)
    expect(facts.immediateRelease).toEqual({
      changeId: 'o1',
      court: 'LEEDCC',
      orderedAt: '2025-06-02T08:45:00Z',
    })
    expect(facts.unacknowledgedChanges).toHaveLength(1)
    const other: CourtActor = { ...calculator, prisons: ['LEI'] }
    expect(
      refusal(
        decideOrder(
          { type: 'AcknowledgeOrder', holdingPrisonId: 'MDI', expectedVersion: 3 },
          s,
          MON_10,
          other,
        ),
      ),
    ).toBe('NOT_HOLDING_PRISON')
    s = o(s, { type: 'AcknowledgeOrder', holdingPrisonId: 'MDI', expectedVersion: 3 }, manager)
    expect(courtFactsFor([], [s], MON_10.toString(), null).unacknowledgedChanges).toEqual([])
    // Once discharged after the order, the immediate release has been acted on.
    expect(courtFactsFor([], [s], MON_10.toString(), '2025-06-02T09:10:00Z').immediateRelease).toBeNull()
  })

  it('escalates when not acknowledged in time', () => {
    let s = o(undefined, record('LENGTH_VARIED'), leeds)
    s = o(s, { type: 'SaveOrderLine', line: { lineSequence: 1, sentence: sds() }, expectedVersion: 1 }, leeds)
    s = o(s, judge(2), leeds)
    s = o(s, send(3), leeds)
    expect(refusal(decideOrder({ type: 'EscalateOrder' }, s, MON_10.plusSeconds(7199), unit))).toBe(
      'NOT_OVERDUE',
    )
    s = o(s, { type: 'EscalateOrder' }, unit, MON_10.plusSeconds(7201))
    expect(s.escalatedAt).not.toBeNull()
  })
})

describe('the prison record beside the court order', () => {
  const prison: PrisonSentence[] = [
    {
      id: 1,
      version: 1,
      identifier: 'p1',
      caseReference: 't20250001',
      lineSequence: 1,
      sentence: sds({
        identifier: 'p1',
        duration: { durationElements: { MONTHS: 18 } },
      }) as unknown as Record<string, unknown>,
    },
  ]
  it('names each field that differs, and what applying would do', () => {
    const rows = compareOrder(
      {
        kind: 'LENGTH_VARIED',
        caseReference: 'T20250001',
        lines: [
          { lineSequence: 1, sentence: sds() },
          { lineSequence: 2, sentence: sds({ identifier: 'c2' }) },
        ],
      },
      prison,
    )
    expect(rows[0]).toMatchObject({ action: 'CHANGE', match: { identifier: 'p1' } })
    expect(rows[0]!.fields.filter((f) => f.differs)).toEqual([
      { field: 'length', label: 'Length', prison: '18 months', court: '2 years', differs: true },
    ])
    expect(rows[1]).toMatchObject({ action: 'ADD', match: null })
    const quashed = compareOrder(
      { kind: 'QUASHED', caseReference: 'T20250001', lines: [{ lineSequence: 1, sentence: null }] },
      prison,
    )
    expect(quashed[0]).toMatchObject({ action: 'REMOVE' })
  })
})

describe('court message sequence numbers', () => {
  it('finds the gaps below the highest number received', () => {
    expect(missingRanges([1, 2, 3])).toEqual([])
    expect(missingRanges([1, 2, 5, 6, 9])).toEqual([
      { from: 3, to: 4 },
      { from: 7, to: 8 },
    ])
    expect(missingRanges([2])).toEqual([{ from: 1, to: 1 }])
    expect(describeGap({ from: 4, to: 4 }, 'Leeds Crown Court')).toBe(
      'Message 4 from Leeds Crown Court missing',
    )
  })
  it('treats a repeat with the same content as the same message, and different content as a conflict', () => {
    expect(classifyMessage('LEEDCC', 3, 'h1', undefined).kind).toBe('NEW')
    expect(classifyMessage('LEEDCC', 3, 'h1', { contentHash: 'h1' }).kind).toBe('REPEAT')
    expect(classifyMessage('LEEDCC', 3, 'h2', { contentHash: 'h1' }).kind).toBe('CONFLICT')
  })
})
