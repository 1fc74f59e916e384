/**
 * Court documents into draft records. Every change is one transaction: the draft's new state,
 * its audit row (with the decider's events) and, when recording, the court case, sentences and
 * adjustments created through the booking repository with the same checks as typed records.
 * Each change names the draft version the person loaded (stale → ConflictError), and recording
 * re-reads the person's sentences inside the writing transaction.
 */
import { randomUUID } from 'node:crypto'
import { Instant } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { ConflictError, NotFoundError, ValidationError, type Problem } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import type { Actor as StoreActor, ChangeContext, Store } from '../../db/store.js'
import type { BookingRepository } from '../../db/repositories/booking.js'
import {
  adjustmentBodySchema,
  courtCaseBodySchema,
  sentenceBodySchema,
} from '../../db/repositories/booking.js'
import type { Person } from '../../db/repositories/people.js'
import { plainMessages } from '../../engine/input/reference-booking.js'
import type { Actor } from '../domain/actor.js'
import {
  decideDraft,
  evolveDraft,
  type DecisionInput,
  type DraftCommand,
  type DraftEvent,
  type DraftRefusal,
  type DraftState,
} from '../domain/draft.js'
import type { CourtTextReader } from '../domain/reader/types.js'

export class DraftRefused extends Error {
  constructor(readonly refusal: DraftRefusal) {
    super(refusal.message)
  }
}

export interface StoredDraft {
  state: DraftState
  version: number
}

export class CourtDocumentService {
  constructor(
    private readonly store: Store,
    private readonly bookings: BookingRepository,
    private readonly reader: CourtTextReader,
  ) {}

  private now(): Instant {
    return Instant.parse(this.store.nowIso())
  }

  async get(person: Person, draftId: string, trx?: Transaction<DB>): Promise<StoredDraft> {
    const row = await (trx ?? this.store.db)
      .selectFrom('court_document_drafts')
      .selectAll()
      .where('id', '=', draftId)
      .where('person_id', '=', person.id)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('Draft')
    return { state: JSON.parse(row.state) as DraftState, version: Number(row.version) }
  }

  async list(
    person: Person,
  ): Promise<Array<{ id: string; status: string; createdAt: string; createdBy: string }>> {
    const rows = await this.store.db
      .selectFrom('court_document_drafts')
      .select(['id', 'status', 'created_at', 'created_by'])
      .where('person_id', '=', person.id)
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at, createdBy: r.created_by }))
  }

  /** Reads the text and stores the proposal. Nothing reaches the person's records. */
  async propose(
    storeActor: StoreActor,
    actor: Actor,
    person: Person,
    text: string,
    sourceKind: DraftState['sourceKind'],
  ): Promise<StoredDraft> {
    const reading = await this.reader.read(text)
    const draftId = randomUUID()
    const command: DraftCommand = {
      type: 'ProposeDraft',
      draftId,
      person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
      reading,
      sourceKind,
      sourceText: text,
    }
    const decision = decideDraft(command, undefined, this.now(), actor)
    if (!decision.ok) throw new DraftRefused(decision.refusal)
    return this.store.change(storeActor, async (ctx) => {
      const state = decision.events.reduce<DraftState | undefined>(evolveDraft, undefined)!
      await ctx.trx
        .insertInto('court_document_drafts')
        .values({
          id: draftId,
          person_id: person.id,
          prison_id: person.prisonId,
          status: state.status,
          state: JSON.stringify(state),
          version: 1,
          created_at: ctx.at,
          created_by: storeActor.username,
          updated_at: ctx.at,
        })
        .execute()
      await this.auditEvents(ctx, person, draftId, decision.events)
      return { state, version: 1 }
    })
  }

  async decide(
    storeActor: StoreActor,
    actor: Actor,
    person: Person,
    draftId: string,
    version: number,
    decisions: DecisionInput[],
  ): Promise<StoredDraft> {
    return this.apply(storeActor, actor, person, draftId, version, () => ({
      type: 'DecideFields',
      person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
      decisions,
    }))
  }

  async discard(
    storeActor: StoreActor,
    actor: Actor,
    person: Person,
    draftId: string,
    version: number,
  ): Promise<StoredDraft> {
    return this.apply(storeActor, actor, person, draftId, version, () => ({
      type: 'DiscardDraft',
      person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
    }))
  }

  /**
   * Creates the records, only from a draft every field of which a person decided. The court case,
   * sentences and adjustments go through the booking repository's own create methods, inside this
   * transaction: one failure (a sentence the schema or the repository refuses) and nothing is kept.
   */
  async record(
    storeActor: StoreActor,
    actor: Actor,
    person: Person,
    draftId: string,
    version: number,
  ): Promise<StoredDraft> {
    return this.apply(
      storeActor,
      actor,
      person,
      draftId,
      version,
      async (state, trx) => {
        const existing = await trx
          .selectFrom('sentences')
          .select('identifier')
          .where('booking_id', '=', person.bookingId)
          .execute()
        const counts = [...new Set(state.fields.flatMap((f) => (f.count === undefined ? [] : [f.count])))]
        return {
          type: 'RecordDraft',
          person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
          identifiers: Object.fromEntries(counts.map((n) => [n, randomUUID()])),
          existingSentences: existing.map((e) => e.identifier),
        }
      },
      async (ctx, events) => {
        for (const e of events) if (e.type === 'DraftRecorded') await this.createRecords(ctx, person, e.plan)
      },
    )
  }

  private async createRecords(
    ctx: ChangeContext,
    person: Person,
    plan: Extract<DraftEvent, { type: 'DraftRecorded' }>['plan'],
  ) {
    const problems: Problem[] = []
    const caseBody = courtCaseBodySchema.safeParse(plan.courtCase, { error: plainMessages })
    if (!caseBody.success)
      throw new ValidationError(
        caseBody.error.issues.map((i) => ({ path: String(i.path[0] ?? 'court'), message: i.message })),
      )
    const courtCase = await this.bookings.createCourtCaseIn(ctx, person, caseBody.data)
    for (const p of plan.sentences) {
      // The same schema the sentence form and the API end in.
      const parsed = sentenceBodySchema.safeParse(
        { ...p.sentence, caseSequence: Number(courtCase.case_sequence) },
        { error: plainMessages },
      )
      if (!parsed.success) {
        problems.push(
          ...parsed.error.issues.map((i) => ({
            path: `count.${p.count}.${i.path.join('.')}`,
            message: i.message,
          })),
        )
        continue
      }
      await this.bookings.createSentenceIn(ctx, person, parsed.data)
    }
    for (const a of plan.adjustments) {
      const parsed = adjustmentBodySchema.safeParse(a, { error: plainMessages })
      if (!parsed.success) {
        problems.push(
          ...parsed.error.issues.map((i) => ({ path: `${a.type}.${i.path.join('.')}`, message: i.message })),
        )
        continue
      }
      await this.bookings.createAdjustmentIn(ctx, person, parsed.data)
    }
    if (problems.length > 0) throw new ValidationError(problems)
  }

  private async apply(
    storeActor: StoreActor,
    actor: Actor,
    person: Person,
    draftId: string,
    version: number,
    command: (state: DraftState, trx: Transaction<DB>) => DraftCommand | Promise<DraftCommand>,
    alsoDo?: (ctx: ChangeContext, events: DraftEvent[]) => Promise<void>,
  ): Promise<StoredDraft> {
    return this.store.change(storeActor, async (ctx) => {
      // Read inside the writing transaction: the decision is made on the state being replaced.
      const current = await this.get(person, draftId, ctx.trx)
      if (current.version !== version) throw new ConflictError()
      const decision = decideDraft(await command(current.state, ctx.trx), current.state, this.now(), actor)
      if (!decision.ok) throw new DraftRefused(decision.refusal)
      const state = decision.events.reduce<DraftState>((s, e) => evolveDraft(s, e), current.state)
      const res = await ctx.trx
        .updateTable('court_document_drafts')
        .set({ state: JSON.stringify(state), status: state.status, version: version + 1, updated_at: ctx.at })
        .where('id', '=', draftId)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      await this.auditEvents(ctx, person, draftId, decision.events)
      if (alsoDo) await alsoDo(ctx, decision.events)
      return { state, version: version + 1 }
    })
  }

  private async auditEvents(ctx: ChangeContext, person: Person, draftId: string, events: DraftEvent[]) {
    for (const e of events)
      await ctx.audit({
        action: 'COURT_DOCUMENT_EVENT',
        prisonId: person.prisonId,
        subjectType: 'court-document-draft',
        subjectId: `${person.prisonNumber}/${draftId}`,
        // The source text stays in the draft row; the audit names the event and its values.
        after:
          e.type === 'DraftProposed'
            ? { type: e.type, reader: e.reader, sourceKind: e.sourceKind, fields: e.fields.length }
            : e,
      })
  }
}
