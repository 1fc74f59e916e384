/**
 * The courts hotline's storage and command handling. Each query and each court order has its
 * own append-only event stream (`court_events`); a command is decided by the pure deciders
 * (src/courts/domain) against the state read INSIDE the writing transaction, and the events,
 * their audit rows, the read rows (`court_queries`, `court_orders`) and whatever the decision
 * causes elsewhere — a hold at the release gate, a recalculation mark, a sentence applied to the
 * prison's record — commit together or not at all. A concurrent writer is caught by the
 * (stream, sequence) unique key and told to reload.
 */
import { createHash, randomUUID } from 'node:crypto'
import { Instant } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import { canonicalJson } from '../../audit/audit.js'
import type { User } from '../../accounts/users.js'
import { ConflictError, NotFoundError } from '../../db/errors.js'
import type { BookingRecords, BookingRepository } from '../../db/repositories/booking.js'
import { sentenceToReference } from '../../db/repositories/booking.js'
import type { PeopleRepository, Person } from '../../db/repositories/people.js'
import type { DB } from '../../db/schema.js'
import type { Actor, ChangeContext, Store } from '../../db/store.js'
import type { CalculationJourneyService } from '../../calculation/service/journey-service.js'
import type { SentenceInput } from '../../engine/input/reference-booking.js'
import {
  ALL_COURTS,
  SYSTEM_ACTOR,
  compareOrder,
  courtFactsFor,
  decideOrder,
  decideQuery,
  describeGap,
  evolveOrder,
  evolveQuery,
  isChange,
  kindHasSentences,
  localDateOf,
  missingRanges,
  classifyMessage,
  ORDER_KIND_LABELS,
  sentenceToStore,
  type CourtActor,
  type CourtFactsForRelease,
  type CourtFactsReader,
  type CourtOrder,
  type CourtQuery,
  type CourtRefusal,
  type JudgeConfirmationMethod,
  type LineComparison,
  type OrderCommand,
  type OrderEvent,
  type OrderLine,
  type PrisonSentence,
  type QueryCommand,
  type QueryEvent,
  type SlaPolicy,
  type WarrantDetails,
  type WorkingCalendar,
  type WorkingHours,
} from '../domain/index.js'
import type { ReleaseGatePort } from './ports.js'
import { hasCaseAtCourts } from './visibility.js'

/** A command the deciders refused: the web layer shows its message (beside its field). */
export class CourtRefusalError extends Error {
  constructor(readonly refusal: CourtRefusal) {
    super(refusal.message)
  }
}

export interface CourtsSettings {
  policy: SlaPolicy
  workingHours: WorkingHours
}

export const COURT_KINDS = ['CROWN', 'MAGISTRATES', 'YOUTH', 'OTHER'] as const
export const COURT_KIND_LABELS: Record<(typeof COURT_KINDS)[number], string> = {
  CROWN: 'Crown Court',
  MAGISTRATES: 'Magistrates’ court',
  YOUTH: 'Youth court',
  OTHER: 'Other court',
}

export const courtSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,10}$/, 'must be 2 to 10 letters or numbers'),
  name: z.string().trim().min(2, 'must be 2 characters or more').max(200, 'must be 200 characters or fewer'),
  kind: z.enum(COURT_KINDS),
  region: z
    .string()
    .trim()
    .min(2, 'must be 2 characters or more')
    .max(100, 'must be 100 characters or fewer'),
  active: z.boolean().default(true),
})
export type CourtInput = z.infer<typeof courtSchema>
export const courtUpdateSchema = courtSchema.omit({ code: true }).extend({
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})

export interface Court {
  code: string
  name: string
  kind: (typeof COURT_KINDS)[number]
  region: string
  active: boolean
  version: number
}

/** The hotline's view of a signed-in user or service account. */
export function courtActorOf(user: User): CourtActor {
  return {
    id: user.username,
    roles: user.roles,
    prisons: user.caseload.prisons,
    courts: user.caseload.courts ?? [],
    estateWide: user.caseload.estateWide,
  }
}

/** One row of the court queue or a prison's list of queries. */
export interface QueryListItem {
  query: CourtQuery
  person: { prisonNumber: string; firstName: string; lastName: string; prisonId: string }
}

export interface OrderListItem {
  order: CourtOrder
  person: { prisonNumber: string; firstName: string; lastName: string; prisonId: string }
}

export interface MessageGap {
  court: string
  courtName: string
  from: number
  to: number
  text: string
}

export interface AnswerInput {
  court?: string | null
  outcome: string
  details: string
  warrant?: WarrantDetails | null
  /** For a wrong record: the court case the correction is for (the query's, when not given). */
  changeCaseReference?: string | null
}

export interface RecordOrderInput {
  prisonNumber: string
  dateOfBirth: string
  court: string
  kind: string
  caseReference: string
  orderDate: string
  orderedAt?: string | null
  notes?: string | null
}

export interface CourtMessageInput {
  sequence: number
  type: 'ORDER'
  order: RecordOrderInput & {
    lines: OrderLine[]
    judgeConfirmation: { judgeName: string; confirmedAt: string; method: JudgeConfirmationMethod }
  }
}

export interface MessageReceipt {
  status: 200 | 201
  body: { court: string; sequence: number; orderId: string; receivedAt: string; repeat: boolean }
}

const UNIQUE_VIOLATION = /unique|23505/i
const isUniqueViolation = (e: unknown) =>
  UNIQUE_VIOLATION.test(`${(e as { code?: string }).code ?? ''} ${e instanceof Error ? e.message : ''}`)

type StreamType = 'QUERY' | 'ORDER'

export class CourtsService implements CourtFactsReader {
  constructor(
    private readonly store: Store,
    private readonly people: PeopleRepository,
    private readonly bookings: BookingRepository,
    private readonly calculations: CalculationJourneyService,
    private readonly gate: ReleaseGatePort,
    readonly settings: CourtsSettings,
    private readonly onEscalated: (kind: 'query' | 'order') => void = () => undefined,
  ) {}

  now(): Instant {
    return Instant.ofEpochMilli(this.store.clock.now().getTime())
  }

  nowIso(): string {
    return this.now().toString()
  }

  today(): string {
    return localDateOf(this.nowIso(), this.settings.workingHours.zone)
  }

  async calendar(db: Transaction<DB> | Store['db'] = this.store.db): Promise<WorkingCalendar> {
    const rows = await db.selectFrom('bank_holidays').select('date').execute()
    return { ...this.settings.workingHours, bankHolidays: new Set(rows.map((r) => r.date)) }
  }

  // --- courts (reference data) -----------------------------------------------------------

  async listCourts(options: { includeInactive?: boolean } = {}): Promise<Court[]> {
    const rows = await this.store.db
      .selectFrom('courts')
      .selectAll()
      .$if(!options.includeInactive, (q) => q.where('active', '=', 1))
      .orderBy('name')
      .execute()
    return rows.map(toCourt)
  }

  async getCourt(code: string): Promise<Court> {
    const row = await this.store.db
      .selectFrom('courts')
      .selectAll()
      .where('code', '=', code.toUpperCase())
      .executeTakeFirst()
    if (!row) throw new NotFoundError('Court')
    return toCourt(row)
  }

  async courtNames(): Promise<Map<string, string>> {
    const rows = await this.store.db.selectFrom('courts').select(['code', 'name']).execute()
    return new Map([
      [ALL_COURTS, 'All courts (national warrant query unit)'],
      ...rows.map((r) => [r.code, r.name] as const),
    ])
  }

  /**
   * Adds a court. Court cases already recorded with its name (and no court) are linked to it,
   * so its staff can see the people with a case there.
   */
  async createCourt(actor: Actor, input: CourtInput): Promise<Court> {
    await this.store.change(actor, async ({ trx, audit }) => {
      const existing = await trx
        .selectFrom('courts')
        .select('code')
        .where('code', '=', input.code)
        .executeTakeFirst()
      if (existing) throw new ConflictError(`There is already a court with the code ${input.code}`)
      await trx
        .insertInto('courts')
        .values({
          code: input.code,
          name: input.name,
          kind: input.kind,
          region: input.region,
          active: input.active ? 1 : 0,
          version: 1,
        })
        .execute()
      const linked = await trx
        .updateTable('court_cases')
        .set({ court_code: input.code })
        .where('court_code', 'is', null)
        .where('court_name', '=', input.name)
        .executeTakeFirst()
      await audit({
        action: 'COURT_CREATED',
        subjectType: 'court',
        subjectId: input.code,
        after: { ...input, courtCasesLinked: Number(linked.numUpdatedRows) },
      })
    })
    return this.getCourt(input.code)
  }

  async updateCourt(actor: Actor, code: string, input: z.infer<typeof courtUpdateSchema>): Promise<Court> {
    const current = await this.getCourt(code)
    await this.store.change(actor, async ({ trx, audit }) => {
      const res = await trx
        .updateTable('courts')
        .set({
          name: input.name,
          kind: input.kind,
          region: input.region,
          active: input.active ? 1 : 0,
          version: input.version + 1,
        })
        .where('code', '=', current.code)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      const { version: _v, ...after } = input
      await audit({
        action: 'COURT_UPDATED',
        subjectType: 'court',
        subjectId: current.code,
        before: current,
        after,
      })
    })
    return this.getCourt(code)
  }

  private async knownCourts(trx: Transaction<DB>): Promise<string[]> {
    return (await trx.selectFrom('courts').select('code').where('active', '=', 1).execute()).map(
      (r) => r.code,
    )
  }

  // --- who may see whom ------------------------------------------------------------------

  /** Court staff see only people with a case at their courts (the national unit: everyone). */
  async courtUserCanSee(user: User, person: Pick<Person, 'id'>): Promise<boolean> {
    if (user.caseload.estateWide) return true
    const courts = user.caseload.courts ?? []
    if (courts.length === 0) return false
    const row = await this.store.db
      .selectFrom('people')
      .select('people.id')
      .where('people.id', '=', person.id)
      .where((eb) => hasCaseAtCourts(eb, courts))
      .executeTakeFirst()
    return row !== undefined
  }

  // --- event streams ---------------------------------------------------------------------

  private async loadQuery(db: Transaction<DB> | Store['db'], id: string): Promise<CourtQuery | undefined> {
    const row = await db.selectFrom('court_queries').select('state').where('id', '=', id).executeTakeFirst()
    return row ? (JSON.parse(row.state) as CourtQuery) : undefined
  }

  private async loadOrder(db: Transaction<DB> | Store['db'], id: string): Promise<CourtOrder | undefined> {
    const row = await db.selectFrom('court_orders').select('state').where('id', '=', id).executeTakeFirst()
    return row ? (JSON.parse(row.state) as CourtOrder) : undefined
  }

  private async append(
    ctx: ChangeContext,
    type: StreamType,
    streamId: string,
    fromVersion: number,
    events: (QueryEvent | OrderEvent)[],
    prisonId: string,
    prisonNumber: string,
  ): Promise<void> {
    let sequence = fromVersion
    for (const event of events) {
      sequence += 1
      await ctx.trx
        .insertInto('court_events')
        .values({
          stream_id: streamId,
          stream_type: type,
          sequence,
          event_type: event.type,
          payload: canonicalJson(event),
          actor: event.by,
          at: event.at,
        })
        .execute()
      await ctx.audit({
        action: type === 'QUERY' ? 'COURT_QUERY_EVENT' : 'COURT_ORDER_EVENT',
        prisonId,
        subjectType: type === 'QUERY' ? 'court-query' : 'court-order',
        subjectId: `${prisonNumber}/${streamId}`,
        after: { event: event.type, sequence },
      })
    }
  }

  private async projectQuery(trx: Transaction<DB>, state: CourtQuery, created: boolean) {
    const row = {
      person_id: state.personId,
      prison_id: state.prisonId,
      kind: state.kind,
      urgency: state.urgency,
      status: state.status,
      raised_at: state.raisedAt,
      due_by: state.dueBy,
      answered_at: state.answeredAt,
      escalated_at: state.escalatedAt,
      state: JSON.stringify(state),
      version: state.version,
    }
    if (created) {
      await trx
        .insertInto('court_queries')
        .values({ id: state.id, ...row })
        .execute()
      for (const court of state.courts)
        await trx.insertInto('court_query_courts').values({ query_id: state.id, court_code: court }).execute()
    } else await trx.updateTable('court_queries').set(row).where('id', '=', state.id).execute()
  }

  private async projectOrder(trx: Transaction<DB>, state: CourtOrder, created: boolean) {
    const row = {
      person_id: state.personId,
      court_code: state.court,
      kind: state.kind,
      status: state.status,
      recorded_at: state.recordedAt,
      sent_at: state.sentAt,
      sent_to_prison_id: state.sentToPrisonId,
      due_by: state.dueBy,
      escalated_at: state.escalatedAt,
      state: JSON.stringify(state),
      version: state.version,
    }
    if (created)
      await trx
        .insertInto('court_orders')
        .values({ id: state.id, ...row })
        .execute()
    else await trx.updateTable('court_orders').set(row).where('id', '=', state.id).execute()
  }

  /** Runs `fn` in one transaction; a concurrent writer on the same stream becomes a 409. */
  private async change<T>(actor: Actor, fn: (ctx: ChangeContext) => Promise<T>): Promise<T> {
    try {
      return await this.store.change(actor, fn)
    } catch (e) {
      if (isUniqueViolation(e) && !(e instanceof CourtRefusalError))
        throw new ConflictError('Someone else changed this at the same time. Reload and try again.')
      throw e
    }
  }

  private async personIn(trx: Transaction<DB>, prisonNumber: string): Promise<Person> {
    const person = await this.people.findByPrisonNumberIn(trx, prisonNumber)
    if (!person) throw new NotFoundError('Person')
    return person
  }

  /** Decides a query command against the state read inside the transaction and stores its events. */
  private async queryIn(
    ctx: ChangeContext,
    actor: CourtActor,
    queryId: string,
    command: QueryCommand,
  ): Promise<{ before: CourtQuery | undefined; after: CourtQuery; events: QueryEvent[] }> {
    const before = await this.loadQuery(ctx.trx, queryId)
    const decision = decideQuery(command, before, Instant.parse(ctx.at), actor)
    if (!decision.ok) throw new CourtRefusalError(decision.refusal)
    const after = decision.events.reduce<CourtQuery | undefined>((s, e) => evolveQuery(s, e), before)!
    await this.append(
      ctx,
      'QUERY',
      queryId,
      before?.version ?? 0,
      decision.events,
      after.prisonId,
      after.prisonNumber,
    )
    await this.projectQuery(ctx.trx, after, before === undefined)
    return { before, after, events: decision.events }
  }

  /** Decides a sequence of order commands in turn (all or nothing) and stores their events. */
  private async orderIn(
    ctx: ChangeContext,
    actor: CourtActor,
    orderId: string,
    commands: ((state: CourtOrder | undefined) => OrderCommand)[],
    prisonId: string,
  ): Promise<{ before: CourtOrder | undefined; after: CourtOrder; events: OrderEvent[] }> {
    const before = await this.loadOrder(ctx.trx, orderId)
    let state = before
    const events: OrderEvent[] = []
    for (const build of commands) {
      const decision = decideOrder(build(state), state, Instant.parse(ctx.at), actor)
      if (!decision.ok) throw new CourtRefusalError(decision.refusal)
      for (const e of decision.events) {
        state = evolveOrder(state, e)
        events.push(e)
      }
    }
    const after = state!
    await this.append(ctx, 'ORDER', orderId, before?.version ?? 0, events, prisonId, after.prisonNumber)
    await this.projectOrder(ctx.trx, after, before === undefined)
    return { before, after, events }
  }

  private actorFor(user: User): Actor {
    return { username: user.username }
  }

  // --- queries -----------------------------------------------------------------------------

  async raiseQuery(
    user: User,
    person: Person,
    input: {
      kind: string
      courts: string[]
      caseReference?: string | null
      sentence?: string | null
      releaseDate?: string | null
      question: string
    },
  ): Promise<CourtQuery> {
    const queryId = randomUUID()
    return this.change(this.actorFor(user), async (ctx) => {
      const current = await this.personIn(ctx.trx, person.prisonNumber)
      const { after } = await this.queryIn(ctx, courtActorOf(user), queryId, {
        type: 'RaiseQuery',
        queryId,
        person: { id: current.id, prisonNumber: current.prisonNumber, prisonId: current.prisonId },
        ...input,
        knownCourts: await this.knownCourts(ctx.trx),
        today: localDateOf(ctx.at, this.settings.workingHours.zone),
        policy: this.settings.policy,
        calendar: await this.calendar(ctx.trx),
      })
      return after
    })
  }

  async postQueryMessage(
    user: User,
    queryId: string,
    text: string,
    expectedVersion: number,
  ): Promise<CourtQuery> {
    return this.change(this.actorFor(user), async (ctx) => {
      const state = await this.loadQuery(ctx.trx, queryId)
      const person = state ? await this.personIn(ctx.trx, state.prisonNumber) : undefined
      return (
        await this.queryIn(ctx, courtActorOf(user), queryId, {
          type: 'PostQueryMessage',
          text,
          expectedVersion,
          currentPrisonId: person?.prisonId,
        })
      ).after
    })
  }

  /**
   * The court's answer. A warrant or order found opens a hold at the person's prison; a wrong
   * record opens a draft court change for the court to complete, confirm with the judge and
   * send — each in the same transaction as the answer.
   */
  async answerQuery(
    user: User,
    queryId: string,
    input: AnswerInput,
    expectedVersion: number,
  ): Promise<{ query: CourtQuery; holdId: string | null; changeId: string | null }> {
    return this.change(this.actorFor(user), async (ctx) => {
      const actor = courtActorOf(user)
      const changeId = input.outcome === 'RECORD_WRONG' ? randomUUID() : null
      const { after, events } = await this.queryIn(ctx, actor, queryId, {
        type: 'AnswerQuery',
        court: input.court ?? null,
        outcome: input.outcome,
        details: input.details,
        warrant: input.warrant ?? null,
        changeId,
        expectedVersion,
      })
      const answer = (
        events.find((e) => e.type === 'QueryAnswered') as Extract<QueryEvent, { type: 'QueryAnswered' }>
      ).answer
      const person = await this.personIn(ctx.trx, after.prisonNumber)
      let holdId: string | null = null
      if (answer.outcome === 'WARRANT_OR_ORDER_EXISTS' && answer.warrant) {
        const opened = await this.gate.openHoldIn(ctx, user, person, {
          kind: answer.warrant.kind,
          source: answer.warrant.issuingCourt,
          reference: answer.warrant.reference,
          dated: answer.warrant.dated,
          details: answer.details,
          queryId,
        })
        holdId = opened.holdId
      }
      if (answer.outcome === 'RECORD_WRONG' && changeId) {
        const court =
          answer.court !== ALL_COURTS
            ? answer.court
            : await this.courtOfCase(ctx.trx, person, after.caseReference)
        const caseReference = (input.changeCaseReference ?? after.caseReference ?? '').trim()
        if (!court)
          throw new CourtRefusalError({
            code: 'INVALID_INPUT',
            message:
              'Say which court’s record is wrong: answer as that court, or name a court case on the query',
            field: 'court',
          })
        if (!caseReference)
          throw new CourtRefusalError({
            code: 'INVALID_INPUT',
            message: 'Enter the court case the correction is for',
            field: 'changeCaseReference',
          })
        await this.orderIn(
          ctx,
          actor,
          changeId,
          [
            () => ({
              type: 'RecordOrder',
              orderId: changeId,
              person: { id: person.id, prisonNumber: person.prisonNumber },
              kind: 'SLIP_RULE',
              court,
              caseReference,
              orderDate: localDateOf(ctx.at, this.settings.workingHours.zone),
              notes: `Opened from query ${queryId.slice(0, 8)}: ${answer.details}`.slice(0, 2000),
              fromQueryId: queryId,
              knownCourts: [court],
            }),
          ],
          person.prisonId,
        )
      }
      return { query: after, holdId, changeId }
    })
  }

  private async courtOfCase(trx: Transaction<DB>, person: Person, caseReference: string | null) {
    if (!caseReference) return null
    const row = await trx
      .selectFrom('court_cases')
      .select('court_code')
      .where('booking_id', '=', person.bookingId)
      .where('case_reference', '=', caseReference)
      .executeTakeFirst()
    return row?.court_code ?? null
  }

  async getQuery(id: string): Promise<CourtQuery> {
    const q = await this.loadQuery(this.store.db, id)
    if (!q) throw new NotFoundError('Query')
    return q
  }

  private listSelect() {
    return this.store.db
      .selectFrom('court_queries')
      .innerJoin('people', 'people.id', 'court_queries.person_id')
      .select([
        'court_queries.state',
        'people.prison_number',
        'people.first_name',
        'people.last_name',
        'people.prison_id',
      ])
  }

  private toQueryItems(
    rows: {
      state: string
      prison_number: string
      first_name: string
      last_name: string
      prison_id: string
    }[],
  ): QueryListItem[] {
    return rows.map((r) => ({
      query: JSON.parse(r.state) as CourtQuery,
      person: {
        prisonNumber: r.prison_number,
        firstName: r.first_name,
        lastName: r.last_name,
        prisonId: r.prison_id,
      },
    }))
  }

  /** The court queue: open queries first, soonest deadline first; then the answered ones, newest first. */
  async queueFor(
    user: User,
    options: { status?: 'OPEN' | 'ANSWERED'; limit?: number } = {},
  ): Promise<QueryListItem[]> {
    const courts = user.caseload.courts ?? []
    if (!user.caseload.estateWide && courts.length === 0) return []
    let q = this.listSelect()
    if (!user.caseload.estateWide)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('court_query_courts')
            .select('court_query_courts.query_id')
            .whereRef('court_query_courts.query_id', '=', 'court_queries.id')
            .where('court_query_courts.court_code', 'in', courts),
        ),
      )
    const status = options.status ?? 'OPEN'
    const rows = await q
      .where('court_queries.status', '=', status)
      .$if(status === 'OPEN', (x) => x.orderBy('court_queries.due_by', 'asc'))
      .$if(status === 'ANSWERED', (x) => x.orderBy('court_queries.answered_at', 'desc'))
      .orderBy('court_queries.id')
      .limit(options.limit ?? 200)
      .execute()
    return this.toQueryItems(rows)
  }

  /** A prison's queries: raised there, or about someone held there now. */
  async queriesForPrisons(prisons: string[], options: { limit?: number } = {}): Promise<QueryListItem[]> {
    if (prisons.length === 0) return []
    const rows = await this.listSelect()
      .where((eb) =>
        eb.or([eb('court_queries.prison_id', 'in', prisons), eb('people.prison_id', 'in', prisons)]),
      )
      .orderBy('court_queries.status', 'desc')
      .orderBy('court_queries.due_by', 'asc')
      .limit(options.limit ?? 200)
      .execute()
    return this.toQueryItems(rows)
  }

  async queriesForPerson(personId: number): Promise<CourtQuery[]> {
    const rows = await this.store.db
      .selectFrom('court_queries')
      .select('state')
      .where('person_id', '=', personId)
      .orderBy('raised_at', 'desc')
      .execute()
    return rows.map((r) => JSON.parse(r.state) as CourtQuery)
  }

  // --- orders and changes -----------------------------------------------------------------

  /**
   * Court staff record an order for the person with this prison number AND date of birth (the
   * court has both on its papers); a mismatch is refused without saying whether the number exists.
   */
  async recordOrder(user: User, input: RecordOrderInput): Promise<CourtOrder> {
    const orderId = randomUUID()
    return this.change(this.actorFor(user), async (ctx) => {
      const person = await this.matchPerson(ctx.trx, input.prisonNumber, input.dateOfBirth)
      return (
        await this.orderIn(
          ctx,
          courtActorOf(user),
          orderId,
          [this.recordCommand(orderId, person, input, await this.knownCourts(ctx.trx))],
          person.prisonId,
        )
      ).after
    })
  }

  private recordCommand(
    orderId: string,
    person: Person,
    input: RecordOrderInput,
    knownCourts: string[],
    extra: { fromQueryId?: string; messageSequence?: number } = {},
  ) {
    return (): OrderCommand => ({
      type: 'RecordOrder',
      orderId,
      person: { id: person.id, prisonNumber: person.prisonNumber },
      kind: input.kind,
      court: input.court,
      caseReference: input.caseReference,
      orderDate: input.orderDate,
      orderedAt: input.orderedAt ?? null,
      notes: input.notes ?? null,
      knownCourts,
      ...extra,
    })
  }

  private async matchPerson(
    trx: Transaction<DB>,
    prisonNumber: string,
    dateOfBirth: string,
  ): Promise<Person> {
    const person = await this.people.findByPrisonNumberIn(trx, prisonNumber)
    if (!person || person.dateOfBirth !== dateOfBirth)
      throw new CourtRefusalError({
        code: 'INVALID_INPUT',
        message:
          'No one in custody has this prison number and date of birth. Check both against the court record.',
        field: 'prisonNumber',
      })
    return person
  }

  private async orderCommand(
    user: User,
    orderId: string,
    build: (state: CourtOrder | undefined) => OrderCommand,
  ) {
    return this.change(this.actorFor(user), async (ctx) => {
      const existing = await this.loadOrder(ctx.trx, orderId)
      if (!existing) throw new NotFoundError('Court order')
      const person = await this.personIn(ctx.trx, existing.prisonNumber)
      return (await this.orderIn(ctx, courtActorOf(user), orderId, [build], person.prisonId)).after
    })
  }

  async saveOrderLine(
    user: User,
    orderId: string,
    line: OrderLine,
    expectedVersion: number,
  ): Promise<CourtOrder> {
    return this.orderCommand(user, orderId, () => ({ type: 'SaveOrderLine', line, expectedVersion }))
  }

  async removeOrderLine(
    user: User,
    orderId: string,
    lineSequence: number,
    expectedVersion: number,
  ): Promise<CourtOrder> {
    return this.orderCommand(user, orderId, () => ({
      type: 'RemoveOrderLine',
      lineSequence,
      expectedVersion,
    }))
  }

  async confirmWithJudge(
    user: User,
    orderId: string,
    input: { judgeName: string; confirmedAt: string; method: string },
    expectedVersion: number,
  ): Promise<CourtOrder> {
    return this.orderCommand(user, orderId, () => ({ type: 'ConfirmWithJudge', ...input, expectedVersion }))
  }

  /**
   * Finalises the order and sends it to the prison holding the person NOW (read inside this
   * transaction from the prison number). A change for someone already discharged is reported to
   * the release gate as a possible release in error, in the same transaction.
   */
  async sendOrder(user: User, orderId: string, expectedVersion: number): Promise<CourtOrder> {
    return this.change(this.actorFor(user), (ctx) => this.sendIn(ctx, user, orderId, [], expectedVersion))
  }

  private async sendIn(
    ctx: ChangeContext,
    user: User,
    orderId: string,
    before: ((state: CourtOrder | undefined) => OrderCommand)[],
    expectedVersion: number | null,
    personOverride?: Person,
  ): Promise<CourtOrder> {
    const existing = await this.loadOrder(ctx.trx, orderId)
    const person = personOverride ?? (await this.personIn(ctx.trx, existing!.prisonNumber))
    const dischargedAt = await this.gate.dischargedAt(ctx, person)
    const calendar = await this.calendar(ctx.trx)
    const { after } = await this.orderIn(
      ctx,
      courtActorOf(user),
      orderId,
      [
        ...before,
        (state) => ({
          type: 'SendOrder',
          holdingPrisonId: person.prisonId,
          dischargedAt,
          policy: this.settings.policy,
          calendar,
          expectedVersion: expectedVersion ?? state?.version ?? 0,
        }),
      ],
      person.prisonId,
    )
    if (dischargedAt !== null && isChange(after.kind))
      await this.gate.reportChangeAfterDischargeIn(ctx, user, person, {
        changeId: after.id,
        court: after.court,
        kind: after.kind,
        receivedAt: ctx.at,
        summary:
          `${ORDER_KIND_LABELS[after.kind]} on case ${after.caseReference}${after.notes ? `: ${after.notes}` : ''}`.slice(
            0,
            500,
          ),
      })
    return after
  }

  /**
   * The holding prison acknowledges the order or change: in the same transaction the person's
   * current dates are marked "recalculation required" (the gate stays closed until they are
   * recalculated and verified).
   */
  async acknowledgeOrder(user: User, orderId: string, expectedVersion: number): Promise<CourtOrder> {
    return this.change(this.actorFor(user), async (ctx) => {
      const existing = await this.loadOrder(ctx.trx, orderId)
      if (!existing) throw new NotFoundError('Court order')
      const person = await this.personIn(ctx.trx, existing.prisonNumber)
      const { after } = await this.orderIn(
        ctx,
        courtActorOf(user),
        orderId,
        [() => ({ type: 'AcknowledgeOrder', holdingPrisonId: person.prisonId, expectedVersion })],
        person.prisonId,
      )
      await this.markRecalculation(ctx, user, person, after)
      return after
    })
  }

  private async markRecalculation(ctx: ChangeContext, user: User, person: Person, order: CourtOrder) {
    const result = await this.calculations.requireRecalculationIn(
      ctx,
      user,
      person,
      `${ORDER_KIND_LABELS[order.kind]} from ${order.court} (case ${order.caseReference}) acknowledged`,
      { kind: 'court-change', reference: order.id },
    )
    // Someone with no confirmed dates needs a first calculation anyway.
    if (!result.ok && result.refusal.code !== 'NO_CURRENT_CALCULATION')
      throw new Error(result.refusal.message)
  }

  /** The prison's record (reference format, with where each sentence sits) for the comparison. */
  prisonSentences(records: BookingRecords): PrisonSentence[] {
    const cases = new Map(records.courtCases.map((c) => [Number(c.id), c]))
    return records.sentences.map((s) => {
      const cc = s.court_case_id === null ? undefined : cases.get(Number(s.court_case_id))
      return {
        id: Number(s.id),
        version: Number(s.version),
        identifier: s.identifier,
        caseReference: cc?.case_reference ?? null,
        lineSequence: s.line_sequence === null ? null : Number(s.line_sequence),
        sentence: sentenceToReference(s, cc),
      }
    })
  }

  async comparison(
    order: CourtOrder,
    typeLabel?: (type: string) => string,
  ): Promise<{ person: Person; bookingVersion: number; lines: LineComparison[] }> {
    const person = await this.people.getByPrisonNumber(order.prisonNumber)
    const records = await this.bookings.load(person.bookingId)
    return {
      person,
      bookingVersion: Number(records.booking.version),
      lines: compareOrder(order, this.prisonSentences(records), typeLabel),
    }
  }

  /**
   * Applies the order to the prison's record through the booking repository — the same checks as
   * the prison's own sentence form — acknowledging it first if need be, all in one transaction.
   * Refused if the record changed since the member of staff compared it (`bookingVersion`).
   */
  async applyOrder(
    user: User,
    orderId: string,
    expectedVersion: number,
    bookingVersion: number,
  ): Promise<CourtOrder> {
    return this.change(this.actorFor(user), async (ctx) => {
      const order = await this.loadOrder(ctx.trx, orderId)
      if (!order) throw new NotFoundError('Court order')
      const person = await this.personIn(ctx.trx, order.prisonNumber)
      // Locked (FOR UPDATE on PostgreSQL) so the record compared is the record changed.
      await this.bookings.lockForDecision(ctx.trx, person.bookingId)
      const records = await this.bookings.load(person.bookingId, ctx.trx)
      const lines = compareOrder(order, this.prisonSentences(records))
      // Decide first (role, holding prison, state), so nothing is written for a refused command.
      const decision = decideOrder(
        {
          type: 'ApplyOrder',
          holdingPrisonId: person.prisonId,
          changes: lines.map((l) => l.summary),
          expectedVersion,
        },
        order,
        Instant.parse(ctx.at),
        courtActorOf(user),
      )
      if (!decision.ok) throw new CourtRefusalError(decision.refusal)
      if (Number(records.booking.version) !== bookingVersion)
        throw new ConflictError(
          'The prison record changed after you compared it with the court order. Look at the comparison again.',
        )
      if (kindHasSentences(order.kind)) await this.applySentences(ctx, person, records, order, lines)
      else if (order.kind === 'QUASHED')
        for (const l of lines)
          if (l.action === 'REMOVE')
            await this.bookings.deleteSentenceIn(ctx, person, l.match!.id, l.match!.version)
      const { after } = await this.orderIn(
        ctx,
        courtActorOf(user),
        orderId,
        [
          () => ({
            type: 'ApplyOrder',
            holdingPrisonId: person.prisonId,
            changes: lines.map((l) => l.summary),
            expectedVersion,
          }),
        ],
        person.prisonId,
      )
      if (order.status === 'SENT') await this.markRecalculation(ctx, user, person, after)
      return after
    })
  }

  private async applySentences(
    ctx: ChangeContext,
    person: Person,
    records: BookingRecords,
    order: CourtOrder,
    lines: LineComparison[],
  ) {
    let courtCase = records.courtCases.find(
      (c) => (c.case_reference ?? '').trim().toUpperCase() === order.caseReference.trim().toUpperCase(),
    )
    if (!courtCase && lines.some((l) => l.action === 'ADD')) {
      const court = await ctx.trx
        .selectFrom('courts')
        .select('name')
        .where('code', '=', order.court)
        .executeTakeFirst()
      courtCase = await this.bookings.createCourtCaseIn(ctx, person, {
        caseReference: order.caseReference,
        courtName: court?.name ?? order.court,
        courtCode: order.court,
      })
    }
    // A court line's identifier becomes the prison's for a new sentence; a changed one keeps the prison's.
    const identifiers = new Map<string, string>()
    for (const l of lines) {
      const line = order.lines.find((x) => x.lineSequence === l.lineSequence)!
      if (line.sentence?.identifier)
        identifiers.set(line.sentence.identifier, l.match?.identifier ?? line.sentence.identifier)
    }
    // New lines consecutive to another new line go after it.
    const pending = lines.filter((l) => l.action === 'ADD' || l.action === 'CHANGE')
    const done = new Set<string>(records.sentences.map((s) => s.identifier))
    for (let pass = 0; pending.length > 0 && pass < 100; pass++) {
      const index = pending.findIndex((l) => {
        const s = order.lines.find((x) => x.lineSequence === l.lineSequence)!.sentence!
        const link = s.consecutiveSentenceUUIDs[0]
        return link === undefined || done.has(identifiers.get(link) ?? link)
      })
      const next = pending.splice(index === -1 ? 0 : index, 1)[0]!
      const line = order.lines.find((x) => x.lineSequence === next.lineSequence)!
      const sentence = {
        ...sentenceToStore(line, next.match, (id) => identifiers.get(id)),
        caseSequence: Number(courtCase!.case_sequence),
        caseReference: courtCase!.case_reference ?? order.caseReference,
      } as SentenceInput
      if (next.action === 'CHANGE')
        await this.bookings.updateSentenceIn(ctx, person, next.match!.id, next.match!.version, sentence)
      else await this.bookings.createSentenceIn(ctx, person, sentence)
      done.add(sentence.identifier!)
    }
  }

  async getOrder(id: string): Promise<CourtOrder> {
    const o = await this.loadOrder(this.store.db, id)
    if (!o) throw new NotFoundError('Court order')
    return o
  }

  private orderSelect() {
    return this.store.db
      .selectFrom('court_orders')
      .innerJoin('people', 'people.id', 'court_orders.person_id')
      .select([
        'court_orders.state',
        'people.prison_number',
        'people.first_name',
        'people.last_name',
        'people.prison_id',
      ])
  }

  private toOrderItems(
    rows: {
      state: string
      prison_number: string
      first_name: string
      last_name: string
      prison_id: string
    }[],
  ): OrderListItem[] {
    return rows.map((r) => ({
      order: JSON.parse(r.state) as CourtOrder,
      person: {
        prisonNumber: r.prison_number,
        firstName: r.first_name,
        lastName: r.last_name,
        prisonId: r.prison_id,
      },
    }))
  }

  /**
   * The court changes inbox of the prisons given: orders and changes sent for people held there
   * NOW (so a change follows a person who moved), waiting ones first by deadline, then the rest.
   */
  async inboxFor(
    prisons: string[] | 'ALL',
    options: { status?: 'WAITING' | 'DONE'; limit?: number } = {},
  ): Promise<OrderListItem[]> {
    if (prisons !== 'ALL' && prisons.length === 0) return []
    const waiting = (options.status ?? 'WAITING') === 'WAITING'
    const rows = await this.orderSelect()
      .$if(prisons !== 'ALL', (q) => q.where('people.prison_id', 'in', prisons as string[]))
      .where('court_orders.status', waiting ? '=' : 'in', waiting ? 'SENT' : ['ACKNOWLEDGED', 'APPLIED'])
      .$if(waiting, (q) => q.orderBy('court_orders.due_by', 'asc'))
      .$if(!waiting, (q) => q.orderBy('court_orders.sent_at', 'desc'))
      .orderBy('court_orders.id')
      .limit(options.limit ?? 200)
      .execute()
    return this.toOrderItems(rows)
  }

  /** Orders a court has recorded: drafts (to finish) or sent ones, newest first. */
  async ordersAtCourts(user: User, options: { drafts: boolean; limit?: number }): Promise<OrderListItem[]> {
    const courts = user.caseload.courts ?? []
    if (!user.caseload.estateWide && courts.length === 0) return []
    const rows = await this.orderSelect()
      .$if(!user.caseload.estateWide, (q) => q.where('court_orders.court_code', 'in', courts))
      .where('court_orders.status', options.drafts ? '=' : '!=', 'DRAFT')
      .orderBy('court_orders.recorded_at', 'desc')
      .limit(options.limit ?? 100)
      .execute()
    return this.toOrderItems(rows)
  }

  async ordersForPerson(personId: number, options: { includeDrafts: boolean }): Promise<CourtOrder[]> {
    const rows = await this.store.db
      .selectFrom('court_orders')
      .select('state')
      .where('person_id', '=', personId)
      .$if(!options.includeDrafts, (q) => q.where('status', '!=', 'DRAFT'))
      .orderBy('recorded_at', 'desc')
      .execute()
    return rows.map((r) => JSON.parse(r.state) as CourtOrder)
  }

  // --- court systems: numbered messages -----------------------------------------------------

  /**
   * A court system's message: stored, with the order it carries recorded, confirmed and sent, in
   * ONE transaction before the caller is answered. A repeat of an accepted sequence number with
   * the same content returns the first answer (applied once); with other content it is refused.
   */
  async receiveMessage(user: User, court: string, message: CourtMessageInput): Promise<MessageReceipt> {
    const code = court.toUpperCase()
    const hash = createHash('sha256').update(canonicalJson(message)).digest('hex')
    for (let attempt = 0; attempt < 2; attempt++) {
      const existing = await this.store.db
        .selectFrom('court_messages')
        .select(['content_hash', 'result', 'received_at'])
        .where('court_code', '=', code)
        .where('sequence', '=', message.sequence)
        .executeTakeFirst()
      const receipt = classifyMessage(
        code,
        message.sequence,
        hash,
        existing && { contentHash: existing.content_hash },
      )
      if (receipt.kind === 'CONFLICT') throw new ConflictError(receipt.message)
      if (receipt.kind === 'REPEAT') {
        const result = JSON.parse(existing!.result) as { orderId: string }
        return {
          status: 200,
          body: {
            court: code,
            sequence: message.sequence,
            orderId: result.orderId,
            receivedAt: existing!.received_at,
            repeat: true,
          },
        }
      }
      try {
        return await this.store.change(this.actorFor(user), async (ctx) => {
          if (message.order.court.toUpperCase() !== code)
            throw new CourtRefusalError({
              code: 'INVALID_INPUT',
              message: `order.court must be ${code}, the court sending the message`,
              field: 'order.court',
            })
          const person = await this.matchPerson(
            ctx.trx,
            message.order.prisonNumber,
            message.order.dateOfBirth,
          )
          const orderId = randomUUID()
          await ctx.trx
            .insertInto('court_messages')
            .values({
              court_code: code,
              sequence: message.sequence,
              message_type: message.type,
              content_hash: hash,
              payload: canonicalJson(message),
              result: JSON.stringify({ orderId }),
              received_by: user.username,
              received_at: ctx.at,
            })
            .execute()
          await ctx.audit({
            action: 'COURT_MESSAGE_RECEIVED',
            prisonId: person.prisonId,
            subjectType: 'court-message',
            subjectId: `${code}/${message.sequence}`,
            after: { type: message.type, orderId },
          })
          const known = await this.knownCourts(ctx.trx)
          const j = message.order.judgeConfirmation
          const commands: ((s: CourtOrder | undefined) => OrderCommand)[] = [
            this.recordCommand(orderId, person, message.order, known, { messageSequence: message.sequence }),
            ...message.order.lines.map((line) => (s: CourtOrder | undefined) => ({
              type: 'SaveOrderLine' as const,
              line,
              expectedVersion: s!.version,
            })),
            (s) => ({ type: 'ConfirmWithJudge', ...j, expectedVersion: s!.version }),
          ]
          await this.sendIn(ctx, user, orderId, commands, null, person)
          return {
            status: 201 as const,
            body: { court: code, sequence: message.sequence, orderId, receivedAt: ctx.at, repeat: false },
          }
        })
      } catch (e) {
        // The same message sent twice at once: the second finds the first on the next pass.
        if (isUniqueViolation(e) && !(e instanceof CourtRefusalError) && attempt === 0) continue
        throw e
      }
    }
    throw new ConflictError()
  }

  /** Every sequence number missing below a court's highest, as "message N from court X missing". */
  async messageGaps(court?: string): Promise<MessageGap[]> {
    const rows = await this.store.db
      .selectFrom('court_messages')
      .innerJoin('courts', 'courts.code', 'court_messages.court_code')
      .select(['court_messages.court_code', 'court_messages.sequence', 'courts.name'])
      .$if(court !== undefined, (q) => q.where('court_messages.court_code', '=', court!.toUpperCase()))
      .orderBy('court_messages.court_code')
      .orderBy('court_messages.sequence')
      .execute()
    const byCourt = new Map<string, { name: string; sequences: number[] }>()
    for (const r of rows) {
      const entry = byCourt.get(r.court_code) ?? { name: r.name, sequences: [] }
      entry.sequences.push(Number(r.sequence))
      byCourt.set(r.court_code, entry)
    }
    return [...byCourt.entries()].flatMap(([code, { name, sequences }]) =>
      missingRanges(sequences).map((range) => ({
        court: code,
        courtName: name,
        ...range,
        text: describeGap(range, name),
      })),
    )
  }

  async messagesFrom(court: string, limit = 100) {
    const rows = await this.store.db
      .selectFrom('court_messages')
      .select(['sequence', 'message_type', 'result', 'received_at', 'received_by'])
      .where('court_code', '=', court.toUpperCase())
      .orderBy('sequence', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      sequence: Number(r.sequence),
      type: r.message_type,
      orderId: (JSON.parse(r.result) as { orderId: string }).orderId,
      receivedAt: r.received_at,
      receivedBy: r.received_by,
    }))
  }

  // --- escalation ---------------------------------------------------------------------------

  /**
   * Escalates every query not answered and every order not acknowledged by its deadline (once
   * each). Driven by the app's clock; the scheduler calls it, and so can tests.
   */
  async runEscalations(): Promise<{ queries: number; orders: number }> {
    const now = this.nowIso()
    const system = { username: SYSTEM_ACTOR.id }
    const queries = await this.store.db
      .selectFrom('court_queries')
      .select('id')
      .where('status', '=', 'OPEN')
      .where('escalated_at', 'is', null)
      .where('due_by', '<', now)
      .execute()
    const orders = await this.store.db
      .selectFrom('court_orders')
      .innerJoin('people', 'people.id', 'court_orders.person_id')
      .select(['court_orders.id', 'people.prison_id'])
      .where('court_orders.status', '=', 'SENT')
      .where('court_orders.escalated_at', 'is', null)
      .where('court_orders.due_by', '<', now)
      .execute()
    let escalatedQueries = 0
    let escalatedOrders = 0
    for (const { id } of queries) {
      if (
        await this.tryEscalate(() =>
          this.change(system, (ctx) => this.queryIn(ctx, SYSTEM_ACTOR, id, { type: 'EscalateQuery' })),
        )
      ) {
        escalatedQueries++
        this.onEscalated('query')
      }
    }
    for (const { id, prison_id } of orders) {
      if (
        await this.tryEscalate(() =>
          this.change(system, (ctx) =>
            this.orderIn(ctx, SYSTEM_ACTOR, id, [() => ({ type: 'EscalateOrder' })], prison_id),
          ),
        )
      ) {
        escalatedOrders++
        this.onEscalated('order')
      }
    }
    return { queries: escalatedQueries, orders: escalatedOrders }
  }

  /** Someone answered (or another run escalated) meanwhile: nothing to do. */
  private async tryEscalate(run: () => Promise<unknown>): Promise<boolean> {
    try {
      await run()
      return true
    } catch (e) {
      if (e instanceof CourtRefusalError || e instanceof ConflictError) return false
      throw e
    }
  }

  /** Counts for /metrics and the managers' pages. */
  async counts(): Promise<{
    openQueries: Record<string, number>
    overdueQueries: number
    escalatedQueries: number
    unacknowledgedOrders: number
    overdueOrders: number
    messageGaps: number
  }> {
    const now = this.nowIso()
    const byUrgency = await this.store.db
      .selectFrom('court_queries')
      .select(['urgency', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'OPEN')
      .groupBy('urgency')
      .execute()
    const one = async (q: Promise<{ n: string | number | bigint } | undefined>) => Number((await q)?.n ?? 0)
    return {
      openQueries: Object.fromEntries(byUrgency.map((r) => [r.urgency, Number(r.n)])),
      overdueQueries: await one(
        this.store.db
          .selectFrom('court_queries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'OPEN')
          .where('due_by', '<', now)
          .executeTakeFirst(),
      ),
      escalatedQueries: await one(
        this.store.db
          .selectFrom('court_queries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'OPEN')
          .where('escalated_at', 'is not', null)
          .executeTakeFirst(),
      ),
      unacknowledgedOrders: await one(
        this.store.db
          .selectFrom('court_orders')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'SENT')
          .executeTakeFirst(),
      ),
      overdueOrders: await one(
        this.store.db
          .selectFrom('court_orders')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'SENT')
          .where('due_by', '<', now)
          .executeTakeFirst(),
      ),
      messageGaps: (await this.messageGaps()).reduce((n, g) => n + g.to - g.from + 1, 0),
    }
  }

  // --- what the release gate reads -----------------------------------------------------------

  /** For the release gate outside a transaction. Inside one, use factsForReleaseIn. */
  async factsForRelease(personId: number, at: string): Promise<CourtFactsForRelease> {
    return this.store.db.transaction().execute((trx) =>
      this.factsForReleaseIn(
        {
          trx,
          at: this.nowIso(),
          audit: async () => {
            throw new Error('reading the court facts writes nothing')
          },
        },
        personId,
        at,
      ),
    )
  }

  /** The same, inside the caller's transaction (a discharge re-checks them before it writes). */
  async factsForReleaseIn(ctx: ChangeContext, personId: number, at: string): Promise<CourtFactsForRelease> {
    const [queries, orders, person] = await Promise.all([
      ctx.trx.selectFrom('court_queries').select('state').where('person_id', '=', personId).execute(),
      ctx.trx
        .selectFrom('court_orders')
        .select('state')
        .where('person_id', '=', personId)
        .where('status', '!=', 'DRAFT')
        .execute(),
      ctx.trx.selectFrom('people').select('prison_number').where('id', '=', personId).executeTakeFirst(),
    ])
    if (!person) throw new NotFoundError('Person')
    const full = await this.people.findByPrisonNumberIn(ctx.trx, person.prison_number)
    const dischargedAt = full ? await this.gate.dischargedAt(ctx, full) : null
    return courtFactsFor(
      queries.map((r) => JSON.parse(r.state) as CourtQuery),
      orders.map((r) => JSON.parse(r.state) as CourtOrder),
      at,
      dischargedAt,
    )
  }
}

function toCourt(r: DB['courts']): Court {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as Court['kind'],
    region: r.region,
    active: Number(r.active) === 1,
    version: Number(r.version),
  }
}

/** Until the release gate lands: reports everyone as in custody and records nothing else. */
export const notYetWiredGate: ReleaseGatePort = {
  openHoldIn: async () => ({ holdId: 'not-recorded' }),
  dischargedAt: async () => null,
  reportChangeAfterDischargeIn: async () => undefined,
}
