/**
 * How a person's calculation events are stored and loaded so that the cost of a request does not
 * grow with the person's history (issue 15):
 *
 * - `calculation_snapshots` holds each person's folded state up to an event, written in the same
 *   transaction as the events it covers (every write). A load folds only the events after it. A
 *   snapshot written by another fold (`STATE_VERSION`) is never used: the events are replayed in
 *   full and a new snapshot written.
 * - A preliminary result's engine input and outcome (~8 KB) are stored once, in
 *   `calculation_preliminaries`; its `PreliminaryCalculated` event keeps everything else and names
 *   it by calculation id. The snapshot's state holds no preliminaries at all ("lean"): a command or
 *   page loads the ones it names (`hydrate`). Results never confirmed or overridden expire
 *   (`purgeExpired`); confirmed and overridden ones are kept for ever.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import { canonicalJson } from '../../audit/audit.js'
import { ConflictError } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import {
  evolve,
  initialState,
  replayFrom,
  type CalculationEvent,
  type CalculationState,
} from '../domain/index.js'

type Db = Kysely<DB> | Transaction<DB>

/**
 * The fold a snapshot was written by. Raise the number when the meaning of the state changes
 * without `evolve`'s own text changing (a helper it calls); a change to `evolve` or to the initial
 * state changes the hash by itself. Either way old snapshots are ignored and rebuilt by replay.
 */
export const STATE_VERSION = `1:${createHash('sha256')
  // Whitespace aside, so the same code compiled by another tool (tsc, esbuild) agrees more often.
  .update(evolve.toString().replace(/\s+/g, ''))
  .update(initialState.toString().replace(/\s+/g, ''))
  .digest('hex')
  .slice(0, 16)}`

export type PreliminaryEvent = Extract<CalculationEvent, { type: 'PreliminaryCalculated' }>

/** The engine's input and outcome of a preliminary result: what `calculation_preliminaries` holds. */
export type PreliminaryPayload = Pick<PreliminaryEvent, 'input' | 'outcome'>

/** A `PreliminaryCalculated` event as `calculation_events` holds it: input and outcome stored apart. */
export type StoredPreliminary = Omit<PreliminaryEvent, 'input' | 'outcome'> & {
  stored: 'calculation_preliminaries'
}

/** An event as stored (events written before migration 0012 carry their input and outcome inline). */
export type StoredEvent = CalculationEvent | StoredPreliminary

export const isStoredApart = (e: StoredEvent): e is StoredPreliminary =>
  e.type === 'PreliminaryCalculated' && 'stored' in e

/** The event's row in `calculation_events`, and for a preliminary result what is stored apart. */
export function forStorage(event: CalculationEvent): { stored: StoredEvent; payload?: PreliminaryPayload } {
  if (event.type !== 'PreliminaryCalculated') return { stored: event }
  const { input, outcome, ...rest } = event
  return { stored: { ...rest, stored: 'calculation_preliminaries' }, payload: { input, outcome } }
}

export function restore(stored: StoredPreliminary, payload: PreliminaryPayload): PreliminaryEvent {
  const { stored: _apart, ...rest } = stored
  return { ...rest, input: payload.input, outcome: payload.outcome }
}

/** The state a snapshot holds: everything but the preliminary results. */
export function leanState(state: CalculationState): CalculationState {
  return { ...state, preliminaries: {} }
}

const isUse = (e: StoredEvent) => e.type === 'CalculationConfirmed' || e.type === 'DatesOverridden'

/**
 * Adds preliminary results to a lean state exactly as a full replay would have them: `evolve`
 * makes each one, and it is "used" when it became a calculation (only a confirm or an override
 * makes a calculation with a preliminary's id).
 */
export function withPreliminaries(
  state: CalculationState,
  events: ReadonlyArray<PreliminaryEvent>,
): CalculationState {
  const missing = events.filter((e) => !Object.hasOwn(state.preliminaries, e.calculationId))
  if (missing.length === 0) return state
  const preliminaries = { ...state.preliminaries }
  for (const e of missing) {
    const made = evolve(initialState(), e).preliminaries[e.calculationId]!
    preliminaries[e.calculationId] = { ...made, used: Object.hasOwn(state.calculations, e.calculationId) }
  }
  return { ...state, preliminaries }
}

/**
 * Folds stored events onto `start` (a lean state) and returns the lean state after them.
 * `preliminaries` must hold, whole, every preliminary result the events confirm or override; one
 * that is missing makes `evolve` throw (the stream is inconsistent) rather than fold a wrong state.
 */
export function foldStored(
  start: CalculationState,
  events: ReadonlyArray<StoredEvent>,
  preliminaries: ReadonlyMap<string, PreliminaryEvent>,
): CalculationState {
  let state = start
  for (const e of events) {
    if (isStoredApart(e)) {
      const whole = preliminaries.get(e.calculationId)
      if (whole) state = evolve(state, whole)
      else {
        // Never confirmed here (or expired): only its effect on the person matters.
        const { stored: _apart, ...rest } = e
        const placeholder = { ...rest, input: undefined, outcome: undefined } as unknown as PreliminaryEvent
        const after = evolve(state, placeholder)
        const { [e.calculationId]: _dropped, ...kept } = after.preliminaries
        state = { ...after, preliminaries: kept }
      }
      continue
    }
    if (isUse(e) && !Object.hasOwn(state.preliminaries, e.calculationId)) {
      const whole = preliminaries.get(e.calculationId)
      if (whole) state = withPreliminaries(state, [whole])
    }
    state = replayFrom(state, [e])
  }
  return leanState(state)
}

/** Ids of the preliminary results these events confirm or override. */
export const usedPreliminaryIds = (events: ReadonlyArray<StoredEvent>): string[] => [
  ...new Set(events.filter(isUse).map((e) => e.calculationId)),
]

export interface Loaded {
  /** Lean: no preliminary results (see `hydrate`). */
  state: CalculationState
  /** The last event folded (0: none). */
  sequence: number
}

export class CalculationEventStore {
  constructor(private readonly now: () => string) {}

  /**
   * The person's lean state: the snapshot and the events after it. A missing or other-version
   * snapshot means a full replay; outside a transaction, a new snapshot is then written (never
   * over a newer one).
   */
  async load(db: Db, personId: number, write = true): Promise<Loaded> {
    const snapshot = await db
      .selectFrom('calculation_snapshots')
      .select(['sequence', 'state_version', 'state'])
      .where('person_id', '=', personId)
      .executeTakeFirst()
    const usable = snapshot !== undefined && snapshot.state_version === STATE_VERSION
    const start: CalculationState = usable ? (JSON.parse(snapshot.state) as CalculationState) : initialState()
    const after = usable ? Number(snapshot.sequence) : 0
    const rows = await db
      .selectFrom('calculation_events')
      .select(['sequence', 'payload'])
      .where('person_id', '=', personId)
      .where('sequence', '>', after)
      .orderBy('sequence')
      .execute()
    if (rows.length === 0) return { state: start, sequence: after }
    const events = rows.map((r) => JSON.parse(r.payload) as StoredEvent)
    const state = foldStored(
      start,
      events,
      await this.preliminaryEvents(db, personId, usedPreliminaryIds(events)),
    )
    const sequence = Number(rows[rows.length - 1]!.sequence)
    if (write) await this.writeSnapshot(db, personId, sequence, state)
    return { state, sequence }
  }

  /** `state` with the named preliminary results (those that exist and have not expired). */
  async hydrate(db: Db, personId: number, state: CalculationState, ids: ReadonlyArray<string>) {
    const wanted = ids.filter((id) => id !== '' && !Object.hasOwn(state.preliminaries, id))
    if (wanted.length === 0) return state
    return withPreliminaries(state, [...(await this.preliminaryEvents(db, personId, wanted)).values()])
  }

  /** The whole `PreliminaryCalculated` events of these results (expired ones are left out). */
  async preliminaryEvents(
    db: Db,
    personId: number,
    ids: ReadonlyArray<string>,
  ): Promise<Map<string, PreliminaryEvent>> {
    const found = new Map<string, PreliminaryEvent>()
    if (ids.length === 0) return found
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('calculation_events as e')
        .leftJoin('calculation_preliminaries as p', (j) =>
          j.onRef('p.calculation_id', '=', 'e.calculation_id').onRef('p.person_id', '=', 'e.person_id'),
        )
        .select(['e.calculation_id', 'e.payload as event', 'p.payload as payload'])
        .where('e.person_id', '=', personId)
        .where('e.event_type', '=', 'PreliminaryCalculated')
        .where('e.calculation_id', 'in', ids.slice(i, i + 500))
        .execute()
      for (const r of rows) {
        const event = JSON.parse(r.event) as StoredEvent
        if (!isStoredApart(event)) found.set(r.calculation_id, event as PreliminaryEvent)
        else if (r.payload !== null)
          found.set(r.calculation_id, restore(event, JSON.parse(r.payload) as PreliminaryPayload))
      }
    }
    return found
  }

  /** Every event of the person, whole (the audit trail and tests; not the hot path). */
  async allEvents(db: Db, personId: number): Promise<CalculationEvent[]> {
    const rows = await db
      .selectFrom('calculation_events as e')
      .leftJoin('calculation_preliminaries as p', (j) =>
        j.onRef('p.calculation_id', '=', 'e.calculation_id').onRef('p.person_id', '=', 'e.person_id'),
      )
      .select(['e.payload as event', 'p.payload as payload'])
      .where('e.person_id', '=', personId)
      .orderBy('e.sequence')
      .execute()
    return rows.map((r) => {
      const event = JSON.parse(r.event) as StoredEvent
      if (!isStoredApart(event)) return event
      // An expired result keeps its event; its input and outcome are gone.
      return r.payload === null
        ? ({ ...event, input: undefined, outcome: undefined } as unknown as CalculationEvent)
        : restore(event, JSON.parse(r.payload) as PreliminaryPayload)
    })
  }

  /** Writes one event (inside the caller's transaction). */
  async insert(trx: Transaction<DB>, personId: number, sequence: number, event: CalculationEvent) {
    const { stored, payload } = forStorage(event)
    await trx
      .insertInto('calculation_events')
      .values({
        person_id: personId,
        sequence,
        calculation_id: event.calculationId,
        event_type: event.type,
        payload: canonicalJson(stored),
        actor: event.by,
        prison_id: event.prisonId,
        at: event.at,
      })
      .execute()
    if (payload)
      await trx
        .insertInto('calculation_preliminaries')
        .values({
          calculation_id: event.calculationId,
          person_id: personId,
          sequence,
          requested_at: event.at,
          kept_at: null,
          payload: canonicalJson(payload),
        })
        .execute()
    if (event.type === 'CalculationConfirmed' || event.type === 'DatesOverridden')
      await this.keep(trx, personId, event.calculationId, event.at)
  }

  /**
   * A confirmed or overridden result is kept for ever. If it expired after the decision was
   * made from it (the purge ran meanwhile), the write is refused and the command decided again.
   */
  private async keep(trx: Transaction<DB>, personId: number, calculationId: string, at: string) {
    const kept = await trx
      .updateTable('calculation_preliminaries')
      .set({ kept_at: at })
      .where('calculation_id', '=', calculationId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    if (Number(kept.numUpdatedRows) > 0) return
    const event = await trx
      .selectFrom('calculation_events')
      .select('payload')
      .where('person_id', '=', personId)
      .where('calculation_id', '=', calculationId)
      .where('event_type', '=', 'PreliminaryCalculated')
      .executeTakeFirst()
    // Written before migration 0012: input and outcome are in the event itself.
    if (event && !isStoredApart(JSON.parse(event.payload) as StoredEvent)) return
    throw new ConflictError('This calculation has expired. Calculate again.')
  }

  /** The lean state after `sequence`; never replaces a newer snapshot. */
  async writeSnapshot(db: Db, personId: number, sequence: number, state: CalculationState) {
    const row = {
      person_id: personId,
      sequence,
      state_version: STATE_VERSION,
      state: JSON.stringify(leanState(state)),
      written_at: this.now(),
    }
    await db
      .insertInto('calculation_snapshots')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('person_id')
          .doUpdateSet({
            sequence: (eb) => eb.ref('excluded.sequence'),
            state_version: (eb) => eb.ref('excluded.state_version'),
            state: (eb) => eb.ref('excluded.state'),
            written_at: (eb) => eb.ref('excluded.written_at'),
          })
          .where((eb) =>
            eb.or([
              eb('calculation_snapshots.sequence', '<', eb.ref('excluded.sequence')),
              eb.and([
                eb('calculation_snapshots.sequence', '=', eb.ref('excluded.sequence')),
                eb('calculation_snapshots.state_version', '!=', eb.ref('excluded.state_version')),
              ]),
            ]),
          ),
      )
      .execute()
  }

  /** The lean states of everyone in a prison with calculation events (the manager's page). */
  async statesInPrison(db: Db, prisonId: string): Promise<CalculationState[]> {
    const heads = await db
      .selectFrom('calculation_events')
      .innerJoin('people', 'people.id', 'calculation_events.person_id')
      .leftJoin('calculation_snapshots', 'calculation_snapshots.person_id', 'calculation_events.person_id')
      .select((eb) => [
        'calculation_events.person_id as personId',
        eb.fn.max('calculation_events.sequence').as('head'),
        eb.fn.max('calculation_snapshots.sequence').as('snapshotAt'),
        eb.fn.max('calculation_snapshots.state_version').as('version'),
      ])
      .where('people.prison_id', '=', prisonId)
      .groupBy('calculation_events.person_id')
      .orderBy('calculation_events.person_id')
      .execute()
    const current = heads.filter(
      (h) => h.version === STATE_VERSION && Number(h.snapshotAt) === Number(h.head),
    )
    const snapshots = new Map<number, CalculationState>()
    for (let i = 0; i < current.length; i += 500) {
      const rows = await db
        .selectFrom('calculation_snapshots')
        .select(['person_id', 'state'])
        .where(
          'person_id',
          'in',
          current.slice(i, i + 500).map((h) => Number(h.personId)),
        )
        .execute()
      for (const r of rows) snapshots.set(Number(r.person_id), JSON.parse(r.state) as CalculationState)
    }
    const states: CalculationState[] = []
    for (const h of heads) {
      const id = Number(h.personId)
      states.push(snapshots.get(id) ?? (await this.load(db, id)).state)
    }
    return states
  }

  /**
   * Deletes the input and outcome of preliminary results requested before `cutoff` that were
   * never confirmed or overridden. Their events stay (who asked, when, why, the fingerprint).
   */
  async purgeExpired(trx: Transaction<DB>, cutoff: string): Promise<number> {
    const deleted = await trx
      .deleteFrom('calculation_preliminaries')
      .where('kept_at', 'is', null)
      .where('requested_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('calculation_events as e')
              .select(sql<number>`1`.as('one'))
              .whereRef('e.calculation_id', '=', 'calculation_preliminaries.calculation_id')
              .where('e.event_type', 'in', ['CalculationConfirmed', 'DatesOverridden']),
          ),
        ),
      )
      .executeTakeFirst()
    return Number(deleted.numDeletedRows)
  }
}
