/**
 * The calculation journey's storage and command handling. Each person has one append-only event
 * stream; a command is decided by the pure deciders (src/calculation/domain) against the
 * replayed state, and the events, the audit rows and the `calculations` read rows are written in
 * ONE transaction. A concurrent writer is caught by the (person, sequence) unique key; that
 * transaction first locks the person's booking and re-checks the inputs the decision relied on,
 * so a booking edit committed meanwhile refuses it (INPUTS_CHANGED) instead of going unseen.
 */
import { Instant } from '@js-joda/core'
import { canonicalJson } from '../../audit/audit.js'
import type { User } from '../../accounts/users.js'
import { ConflictError } from '../../db/errors.js'
import type { Person } from '../../db/repositories/people.js'
import type { ChangeContext, Store } from '../../db/store.js'
import {
  ROLES as WORKFLOW_ROLES,
  decide,
  evolve,
  type Actor,
  type CalculationCommand,
  type CalculationEvent,
  type CalculationState,
  type CurrentCalculation,
  type RecalculationMark,
  type Refusal,
  currentCalculation,
  staleInputRefusal,
} from '../domain/index.js'
import type { EngineService } from './engine-service.js'
import { CalculationEventStore } from './event-store.js'
import type { DB } from '../../db/schema.js'
import type { Transaction } from 'kysely'

export type CommandResult =
  | { ok: true; events: CalculationEvent[]; state: CalculationState }
  | { ok: false; refusal: Refusal; state: CalculationState }

const SOURCE = { engine: 'ENGINE', manual: 'MANUAL', override: 'OVERRIDE' } as const

/** The workflow's view of a signed-in user, for this person. */
export function workflowActor(user: User, person?: Pick<Person, 'prisonId'>): Actor {
  return {
    id: user.username,
    // Roles other parts added (court staff, …) mean nothing to the calculation workflow.
    roles: user.roles.filter((r): r is (typeof WORKFLOW_ROLES)[number] =>
      (WORKFLOW_ROLES as readonly string[]).includes(r),
    ),
    caseload: user.caseload.estateWide && person ? [person.prisonId] : user.caseload.prisons,
  }
}

/** Thrown inside the writing transaction (so nothing is written) when the inputs moved on. */
class StaleInputs extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message)
  }
}

/** The calculation ids a command names: the preliminary result it uses, or the id it claims. */
function namedIds(command: CalculationCommand): string[] {
  if ('preliminaryId' in command) return [command.preliminaryId]
  return 'calculationId' in command ? [command.calculationId] : []
}

export class CalculationJourneyService {
  private readonly stored: CalculationEventStore

  constructor(
    private readonly store: Store,
    readonly engine: EngineService,
  ) {
    this.stored = new CalculationEventStore(() => store.nowIso())
  }

  now(): Instant {
    return Instant.ofEpochMilli(this.store.clock.now().getTime())
  }

  /** "Today" for validation hints: the clock's date in the UK. */
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(this.store.clock.now())
  }

  /** Every event of the person, whole (each preliminary result with its input and outcome). */
  async events(person: Pick<Person, 'id'>): Promise<CalculationEvent[]> {
    return this.stored.allEvents(this.store.db, person.id)
  }

  /**
   * The person's state: the stored snapshot and the events after it (see event-store.ts). It
   * holds the preliminary results named in `preliminaryIds` (those that exist and have not
   * expired), not every one the person ever had; confirmed calculations are all there.
   */
  async state(person: Pick<Person, 'id'>, ...preliminaryIds: string[]): Promise<CalculationState> {
    const { state } = await this.stored.load(this.store.db, person.id)
    return this.stored.hydrate(this.store.db, person.id, state, preliminaryIds)
  }

  /** The states of everyone in a prison who has calculations (for the manager's page). */
  async statesInPrison(prisonId: string): Promise<CalculationState[]> {
    // The person is in this prison now, whatever prison the last event was in.
    return (await this.stored.statesInPrison(this.store.db, prisonId)).map((s) => ({ ...s, prisonId }))
  }

  /**
   * Decides `build(state)` and stores the events. `build` may return a refusal of its own
   * (e.g. the web layer could not read the inputs).
   */
  async execute(
    user: User,
    person: Person,
    build: (state: CalculationState) => CalculationCommand,
  ): Promise<CommandResult> {
    const actor = workflowActor(user, person)
    for (let attempt = 0; attempt < 3; attempt++) {
      const loaded = await this.stored.load(this.store.db, person.id)
      const command = build(loaded.state)
      const state = await this.stored.hydrate(this.store.db, person.id, loaded.state, namedIds(command))
      const decision = decide(command, state, this.now(), actor)
      if (!decision.ok) return { ok: false, refusal: decision.refusal, state }
      try {
        const after = await this.store.change({ username: user.username }, async (ctx) => {
          // The input check and the write are one step: with the booking locked, the inputs
          // the decision relied on must still be the stored ones (see domain/stale-input.ts).
          const stored = await this.engine.lockedInput(ctx.trx, person)
          const stale = staleInputRefusal(command, state, stored.ok ? stored.input : undefined)
          if (stale) throw new StaleInputs(stale)
          return this.appendIn(ctx, person, loaded.sequence, state, decision.events)
        })
        return { ok: true, events: decision.events, state: after }
      } catch (e) {
        if (e instanceof StaleInputs) return { ok: false, refusal: e.refusal, state }
        const unique = /unique|23505/i.test(
          `${(e as { code?: string }).code ?? ''} ${e instanceof Error ? e.message : ''}`,
        )
        if (!(e instanceof ConflictError || unique) || attempt === 2) throw e
      }
    }
    throw new ConflictError()
  }

  /** Appends inside the caller's transaction; refused if anyone appended since `lastSequence`. */
  private async appendIn(
    { trx: db, audit }: ChangeContext,
    person: Person,
    lastSequence: number,
    before: CalculationState,
    events: CalculationEvent[],
  ): Promise<CalculationState> {
    const head = await db
      .selectFrom('calculation_events')
      .select((eb) => eb.fn.max('sequence').as('seq'))
      .where('person_id', '=', person.id)
      .executeTakeFirst()
    if (Number(head?.seq ?? 0) !== lastSequence)
      throw new ConflictError('Someone else changed these calculations. Try again.')
    let state = before
    let sequence = lastSequence
    for (const event of events) {
      sequence += 1
      await this.stored.insert(db, person.id, sequence, event)
      await audit({
        action: 'CALCULATION_EVENT',
        prisonId: event.prisonId,
        subjectType: 'calculation',
        subjectId: `${person.prisonNumber}/${event.calculationId}`,
        after: { event: event.type, sequence },
      })
      state = evolve(state, event)
      await this.project(db, person, state, event)
    }
    await this.stored.writeSnapshot(db, person.id, sequence, state)
    return state
  }

  /**
   * The person's current dates and whether they are still true (see domain/current-calculation.ts):
   * what the release gate, the courts and oversight read.
   */
  async current(person: Person): Promise<CurrentCalculation | null> {
    const state = await this.state(person)
    if (state.currentCalculationId === undefined) return null
    const input = await this.engine.currentInput(person)
    return currentCalculation(state, input.ok ? input.input : undefined)
  }

  /**
   * Marks the person's current dates "recalculation required" inside another part's transaction
   * (e.g. acknowledging a court change), so the mark and that part's own record commit together.
   * A person with no confirmed dates needs a first calculation anyway: that refusal is returned,
   * not thrown.
   */
  async requireRecalculationIn(
    ctx: ChangeContext,
    user: User,
    person: Person,
    reason: string,
    source: RecalculationMark['source'],
  ): Promise<CommandResult> {
    const { state, sequence } = await this.stored.load(ctx.trx, person.id, false)
    const command: CalculationCommand = {
      type: 'RequireRecalculation',
      person: { prisonNumber: person.prisonNumber, prisonId: person.prisonId },
      reason,
      source,
    }
    const decision = decide(command, state, this.now(), workflowActor(user, person))
    if (!decision.ok) return { ok: false, refusal: decision.refusal, state }
    const after = await this.appendIn(ctx, person, sequence, state, decision.events)
    return { ok: true, events: decision.events, state: after }
  }

  /**
   * Expires preliminary results requested more than `retentionDays` ago that were never
   * confirmed or overridden: their input and outcome are deleted (their events, saying who asked,
   * when and why, stay). Confirmed, overridden and checked calculations keep everything. One
   * audited change; returns how many expired.
   */
  async expirePreliminaries(retentionDays: number): Promise<number> {
    const cutoff = this.now()
      .minusSeconds(retentionDays * 86_400)
      .toString()
    return this.store.change({ username: 'system:calculation-storage' }, async (ctx) => {
      const expired = await this.stored.purgeExpired(ctx.trx, cutoff)
      if (expired > 0)
        await ctx.audit({
          action: 'CALCULATION_PRELIMINARIES_EXPIRED',
          subjectType: 'calculation',
          subjectId: 'preliminaries',
          after: { expired, requestedBefore: cutoff, retentionDays },
        })
      return expired
    })
  }

  /** Keeps the foundation's `calculations` read rows in step with the events. */
  private async project(
    db: Transaction<DB>,
    person: Person,
    state: CalculationState,
    event: CalculationEvent,
  ) {
    const calc = state.calculations[event.calculationId]
    switch (event.type) {
      case 'CalculationConfirmed':
      case 'DatesOverridden':
      case 'ManualDatesEntered': {
        if (!calc) return
        await db
          .updateTable('calculations')
          .set({ status: 'SUPERSEDED' })
          .where('person_id', '=', person.id)
          .where('status', 'in', ['CONFIRMED', 'CHECKED'])
          .execute()
        await db
          .insertInto('calculations')
          .values({
            person_id: person.id,
            booking_id: person.bookingId,
            prison_id: calc.prisonId,
            reason: calc.reason.code,
            status: 'CONFIRMED',
            source: SOURCE[calc.source],
            input_snapshot: canonicalJson(calc.input),
            result: canonicalJson({ dates: calc.dates, outcome: calc.outcome }),
            calculated_by: calc.calculatedBy.join(', '),
            calculated_at: calc.confirmedAt,
            version: 1,
            calculation_ref: calc.id,
            check_status: calc.check.status,
          })
          .execute()
        return
      }
      case 'CheckEntrySubmitted':
      case 'RecordFlagged':
      case 'CalculationVerified':
      case 'DifferenceResolved':
      case 'RecordConfirmed': {
        if (!calc) return
        await db
          .updateTable('calculations')
          .set((eb) => ({
            check_status: calc.check.status,
            version: eb('version', '+', 1),
            ...(calc.check.status === 'verified' ? { status: 'CHECKED' } : {}),
          }))
          .where('calculation_ref', '=', calc.id)
          .where('status', '!=', 'SUPERSEDED')
          .execute()
        return
      }
      case 'PreliminaryCalculated':
      case 'RecalculationRequired':
        return
      default: {
        const never: never = event
        throw new Error(`Unknown event ${JSON.stringify(never)}`)
      }
    }
  }
}
