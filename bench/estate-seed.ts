/**
 * Loads a synthetic estate for `bench/estate.ts` in bulk: people, their bookings (court cases,
 * sentences, adjustments, movements) in multi-row inserts, then a calculation each, confirmed,
 * decided by the calculation journey's own deciders from the engine input the service itself
 * reads back (`EngineService.currentInput`), so the person page, history and confirm see what
 * they would after the journey. Rows are laid out as the repositories write them (the same
 * column helpers); it bypasses `store.change`, so the seeded records have no audit rows (the
 * log starts with the benchmark's own changes), like a bulk migration from an older system.
 */
import { randomUUID } from 'node:crypto'
import { Instant } from '@js-joda/core'
import { sql, type Kysely, type Transaction } from 'kysely'
import { canonicalJson } from '../src/audit/audit.js'
import type { User } from '../src/accounts/users.js'
import type { Database } from '../src/db/database.js'
import type { DB } from '../src/db/schema.js'
import { adjustmentColumns, sentenceColumns } from '../src/db/repositories/booking.js'
import { searchText, type Person } from '../src/db/repositories/people.js'
import { ADJUSTMENT_TYPES, parseBooking } from '../src/engine/input/reference-booking.js'
import {
  decide,
  evolve,
  initialState,
  type CalculationEvent,
  type CalculationState,
} from '../src/calculation/domain/index.js'
import { workflowActor, type CalculationJourneyService } from '../src/calculation/service/journey-service.js'
import { generatePeople, type SyntheticPrison } from '../src/synthetic/index.js'

export interface SeedOptions {
  count: number
  seed: number
  prisons: SyntheticPrison[]
  /** "Today" for the estate and the calculations (ISO date). */
  today: string
  /** The calculator who calculated and confirmed (their username goes in the events). */
  calculator: User
  onProgress?: (done: number) => void
}

export interface SeedResult {
  people: number
  sentences: number
  confirmed: number
  /** Calculated but not confirmable (the engine does not support the case): a preliminary only. */
  preliminaryOnly: number
  seconds: number
}

type Row = Record<string, unknown>
const BATCH = 500
// Well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
const MAX_PARAMETERS = 20_000

async function insertMany(trx: Transaction<DB>, table: keyof DB, rows: Row[]): Promise<void> {
  if (rows.length === 0) return
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length))
  for (let i = 0; i < rows.length; i += perStatement)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute()
}

async function nextId(db: Kysely<DB>, table: 'people' | 'bookings' | 'court_cases'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst()
  return Number(r?.m ?? 0) + 1
}

export async function seedEstate(
  database: Database,
  journey: CalculationJourneyService,
  options: SeedOptions,
): Promise<SeedResult> {
  const started = performance.now()
  const { db } = database
  const prisonNames = new Map(options.prisons.map((p) => [p.id, p.name]))
  let personId = await nextId(db, 'people')
  let bookingId = await nextId(db, 'bookings')
  let courtCaseId = await nextId(db, 'court_cases')
  const result: SeedResult = { people: 0, sentences: 0, confirmed: 0, preliminaryOnly: 0, seconds: 0 }
  const at = new Date().toISOString()
  let batch: Person[] = []
  let rows = emptyRows()

  const flush = async () => {
    if (batch.length === 0) return
    await db.transaction().execute(async (trx) => {
      for (const [table, list] of Object.entries(rows)) await insertMany(trx, table as keyof DB, list)
    })
    await calculateAndConfirm(database, journey, batch, options, result)
    result.people += batch.length
    options.onProgress?.(result.people)
    batch = []
    rows = emptyRows()
  }

  for (const p of generatePeople({
    seed: options.seed,
    count: options.count,
    prisons: options.prisons,
    referenceDate: options.today,
  })) {
    const parsed = parseBooking(p.booking)
    if (!parsed.ok) throw new Error(`synthetic booking for ${p.prisonNumber} is invalid`)
    const input = parsed.value
    const person: Person = {
      id: personId++,
      prisonNumber: p.prisonNumber,
      firstName: p.firstName,
      lastName: p.lastName,
      aliases: p.aliases,
      dateOfBirth: p.dateOfBirth,
      prisonId: p.prisonId,
      prisonName: prisonNames.get(p.prisonId) ?? p.prisonId,
      isActiveSexOffender: input.offender.isActiveSexOffender === true,
      version: 1,
      bookingId: bookingId++,
    }
    rows.people.push({
      id: person.id,
      prison_number: person.prisonNumber,
      first_name: person.firstName,
      last_name: person.lastName,
      aliases: JSON.stringify(person.aliases),
      search_text: searchText(person),
      date_of_birth: person.dateOfBirth,
      prison_id: person.prisonId,
      is_active_sex_offender: person.isActiveSexOffender ? 1 : 0,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    rows.bookings.push({
      id: person.bookingId,
      person_id: person.id,
      active: 1,
      external_booking_id: input.bookingId ?? null,
      return_to_custody_date: input.returnToCustodyDate ?? null,
      has_ftr_details: input.fixedTermRecallDetails ? 1 : 0,
      ftr_booking_id: input.fixedTermRecallDetails?.bookingId ?? null,
      ftr_return_to_custody_date: input.fixedTermRecallDetails?.returnToCustodyDate ?? null,
      ftr_recall_length: input.fixedTermRecallDetails?.recallLength ?? null,
      has_historical_tused: input.historicalTusedData ? 1 : 0,
      historical_tused: input.historicalTusedData?.tused ?? null,
      historical_tused_source: input.historicalTusedData?.historicalTusedSource ?? null,
      version: 1,
    })
    // Court cases as the demo seed defines them, then any a sentence names that is not listed.
    const cases = new Map<number, number>()
    const addCase = (sequence: number, reference: string | null, courtName: string | null) => {
      const id = courtCaseId++
      cases.set(sequence, id)
      rows.court_cases.push({
        id,
        booking_id: person.bookingId,
        case_sequence: sequence,
        case_reference: reference,
        court_name: courtName,
        court_code: null,
        version: 1,
      })
      return id
    }
    for (const c of p.courtCases) addCase(c.caseSequence, c.caseReference, c.courtName)
    let nextSequence = Math.max(0, ...cases.keys(), ...input.sentences.map((s) => s.caseSequence ?? 0)) + 1
    const byReference = new Map<string, number>()
    input.sentences.forEach((s, i) => {
      let sequence = s.caseSequence ?? null
      if (sequence === null && s.caseReference) {
        sequence = byReference.get(s.caseReference) ?? nextSequence++
        byReference.set(s.caseReference, sequence)
      }
      const caseId =
        sequence === null ? null : (cases.get(sequence) ?? addCase(sequence, s.caseReference ?? null, null))
      rows.sentences.push({
        ...sentenceColumns(s),
        booking_id: person.bookingId,
        court_case_id: caseId,
        ordinal: i,
        identifier: s.identifier ?? randomUUID(),
        version: 1,
      })
    })
    result.sentences += input.sentences.length
    for (const type of ADJUSTMENT_TYPES)
      for (const a of input.adjustments[type] ?? [])
        rows.adjustments.push({
          ...adjustmentColumns({ ...a, type }),
          booking_id: person.bookingId,
          version: 1,
        })
    input.externalMovements.forEach((m, i) =>
      rows.external_movements.push({
        booking_id: person.bookingId,
        ordinal: i,
        movement_date: m.movementDate,
        movement_reason: m.movementReason,
        direction: m.direction,
      }),
    )
    batch.push(person)
    if (batch.length >= BATCH) await flush()
  }
  await flush()
  if (database.dialect === 'postgres') {
    // Explicit ids were inserted: move the sequences past them.
    for (const table of ['people', 'bookings', 'court_cases'])
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      )
  }
  await sql`analyze`.execute(db)
  result.seconds = (performance.now() - started) / 1000
  return result
}

function emptyRows() {
  return {
    people: [] as Row[],
    bookings: [] as Row[],
    court_cases: [] as Row[],
    sentences: [] as Row[],
    adjustments: [] as Row[],
    external_movements: [] as Row[],
  }
}

/**
 * A calculation for each person, confirmed: the engine input read back from storage as the
 * service reads it, the deciders' events stored as the journey stores them, and the
 * `calculations` read row the journey projects for a confirmation.
 */
async function calculateAndConfirm(
  database: Database,
  journey: CalculationJourneyService,
  people: Person[],
  options: SeedOptions,
  result: SeedResult,
): Promise<void> {
  const now = Instant.now()
  // PostgreSQL answers several people's reads at once; SQLite is one connection anyway.
  const parallel = database.dialect === 'postgres' ? 8 : 1
  const decided: { person: Person; events: CalculationEvent[]; state: CalculationState }[] = []
  for (let i = 0; i < people.length; i += parallel) {
    const slice = people.slice(i, i + parallel)
    const inputs = await Promise.all(slice.map((p) => journey.engine.currentInput(p)))
    slice.forEach((person, k) => {
      const input = inputs[k]!
      if (!input.ok) throw new Error(`seeded booking for ${person.prisonNumber} cannot be read back`)
      const actor = workflowActor(options.calculator, person)
      const ref = { prisonNumber: person.prisonNumber, prisonId: person.prisonId }
      const calculationId = randomUUID()
      const requested = decide(
        {
          type: 'RequestCalculation',
          person: ref,
          calculationId,
          reason: { code: 'INITIAL_CALCULATION' },
          input: input.input,
          outcome: journey.engine.outcome(input.input, options.today),
        },
        initialState(),
        now,
        actor,
      )
      if (!requested.ok) throw new Error(`seed calculation refused: ${requested.refusal.code}`)
      let state = requested.events.reduce(evolve, initialState())
      const events = [...requested.events]
      const confirmed = decide(
        {
          type: 'ConfirmCalculation',
          person: ref,
          preliminaryId: calculationId,
          currentInput: input.input,
          version: state.preliminaries[calculationId]!.fingerprint,
        },
        state,
        now,
        actor,
      )
      if (confirmed.ok) {
        events.push(...confirmed.events)
        state = confirmed.events.reduce(evolve, state)
        result.confirmed++
      } else result.preliminaryOnly++
      decided.push({ person, events, state })
    })
  }
  await database.db.transaction().execute(async (trx) => {
    const eventRows: Row[] = []
    const calculationRows: Row[] = []
    for (const { person, events, state } of decided) {
      events.forEach((event, i) =>
        eventRows.push({
          person_id: person.id,
          sequence: i + 1,
          calculation_id: event.calculationId,
          event_type: event.type,
          payload: canonicalJson(event),
          actor: event.by,
          prison_id: event.prisonId,
          at: event.at,
        }),
      )
      const calc = state.currentCalculationId ? state.calculations[state.currentCalculationId] : undefined
      if (calc)
        calculationRows.push({
          person_id: person.id,
          booking_id: person.bookingId,
          prison_id: calc.prisonId,
          reason: calc.reason.code,
          status: 'CONFIRMED',
          source: 'ENGINE',
          input_snapshot: canonicalJson(calc.input),
          result: canonicalJson({ dates: calc.dates, outcome: calc.outcome }),
          calculated_by: calc.calculatedBy.join(', '),
          calculated_at: calc.confirmedAt,
          version: 1,
          calculation_ref: calc.id,
          check_status: calc.check.status,
        })
    }
    await insertMany(trx, 'calculation_events', eventRows)
    await insertMany(trx, 'calculations', calculationRows)
  })
}
