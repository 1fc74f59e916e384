/**
 * A person's custody booking: court cases, sentences (every field the engine reads), adjustments,
 * recall and return-to-custody details and external movements. Export produces the reference
 * booking format (the engine's input); import replaces the booking with one in that format.
 * Export → import → export is the identity.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Transaction } from 'kysely'
import {
  ADJUSTMENT_TYPES,
  adjustmentSchema,
  sentenceSchema,
  type AdjustmentType,
  type BookingInput,
  type BookingInputRaw,
  type DurationInput,
  type SentenceInput,
} from '../../engine/input/reference-booking.js'
import type { DB, SentenceTable, AdjustmentTable, CourtCaseTable } from '../schema.js'
import type { Actor, ChangeContext, Store } from '../store.js'
import { ConflictError, NotFoundError, ValidationError, type Problem } from '../errors.js'
import type { Person } from './people.js'
import { bookingDateProblems } from '../../boundary/dates.js'

type Row<T> = { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] }
export type SentenceRow = Row<SentenceTable>
export type AdjustmentRow = Row<AdjustmentTable>
export type CourtCaseRow = Row<CourtCaseTable>

export const adjustmentBodySchema = adjustmentSchema.extend({ type: z.enum(ADJUSTMENT_TYPES) })
export type AdjustmentBody = z.infer<typeof adjustmentBodySchema>
export const sentenceBodySchema = sentenceSchema
export const courtCaseBodySchema = z.object({
  caseReference: z.string().trim().max(100).nullish(),
  courtName: z.string().trim().max(200).nullish(),
  /** The court's code in the courts reference data, when known. */
  courtCode: z.string().trim().toUpperCase().min(1).max(10).nullish(),
})

export interface BookingRecords {
  booking: Row<DB['bookings']>
  courtCases: CourtCaseRow[]
  sentences: SentenceRow[]
  adjustments: AdjustmentRow[]
  movements: Row<DB['external_movements']>[]
}

const b = (v: boolean | null | undefined): number | null => (v === null || v === undefined ? null : v ? 1 : 0)
const bool = (v: number | null): boolean => Number(v) === 1

function durationColumns(prefix: 'duration' | 'custodial' | 'extension', d: DurationInput | undefined) {
  const e = d?.durationElements ?? {}
  return {
    [`${prefix}_years`]: e.YEARS ?? null,
    [`${prefix}_months`]: e.MONTHS ?? null,
    [`${prefix}_weeks`]: e.WEEKS ?? null,
    [`${prefix}_days`]: e.DAYS ?? null,
  } as Record<string, number | null>
}

function durationFrom(row: SentenceRow, prefix: 'duration' | 'custodial' | 'extension'): DurationInput {
  const r = row as unknown as Record<string, number | null>
  const out: DurationInput['durationElements'] = {}
  const y = r[`${prefix}_years`]
  const m = r[`${prefix}_months`]
  const w = r[`${prefix}_weeks`]
  const d = r[`${prefix}_days`]
  if (y !== null && y !== undefined) out.YEARS = Number(y)
  if (m !== null && m !== undefined) out.MONTHS = Number(m)
  if (w !== null && w !== undefined) out.WEEKS = Number(w)
  if (d !== null && d !== undefined) out.DAYS = Number(d)
  return { durationElements: out }
}

/** The columns for a sentence (not booking, court case, ordinal, identifier or version). */
export function sentenceColumns(s: SentenceInput) {
  const cols = {
    type: s.type,
    sentenced_at: s.sentencedAt,
    line_sequence: s.lineSequence ?? null,
    consecutive_to: s.consecutiveSentenceUUIDs[0] ?? null,
    offence_code: s.offence.offenceCode ?? null,
    offence_committed_at: s.offence.committedAt ?? null,
    recall_type: s.recall?.recallType ?? null,
    revocation_date: s.recall?.revocationDate ?? null,
    recall_return_to_custody_date: s.recall?.returnToCustodyDate ?? null,
    external_sentence_sequence: s.externalSentenceId?.sentenceSequence ?? null,
    external_booking_id: s.externalSentenceId?.bookingId ?? null,
    ...durationColumns('duration', undefined),
    ...durationColumns('custodial', undefined),
    ...durationColumns('extension', undefined),
    is_sds_plus: null as number | null,
    is_sds_plus_eligible: null as number | null,
    sds_exclusions: null as string | null,
    is_section_250: null as number | null,
    automatic_release: null as number | null,
    sdopcu18: null as number | null,
    fine_amount: null as number | null,
    latest_tused_date: null as string | null,
    latest_tused_source: null as string | null,
  }
  switch (s.type) {
    case 'StandardSentence':
      Object.assign(cols, durationColumns('duration', s.duration))
      cols.is_sds_plus = b(s.releaseArrangements.isSDSPlus)
      cols.is_sds_plus_eligible = b(s.releaseArrangements.isSDSPlusEligibleSentenceTypeLengthAndOffence)
      cols.sds_exclusions = JSON.stringify(s.releaseArrangements.sdsEarlyReleaseExclusions)
      cols.is_section_250 = b(s.releaseArrangements.isSection250)
      break
    case 'ExtendedDeterminateSentence':
      Object.assign(
        cols,
        durationColumns('custodial', s.custodialDuration),
        durationColumns('extension', s.extensionDuration),
      )
      cols.automatic_release = b(s.automaticRelease)
      break
    case 'SopcSentence':
      Object.assign(
        cols,
        durationColumns('custodial', s.custodialDuration),
        durationColumns('extension', s.extensionDuration),
      )
      cols.sdopcu18 = b(s.sdopcu18)
      break
    case 'AFineSentence':
      Object.assign(cols, durationColumns('duration', s.duration))
      cols.fine_amount = s.fineAmount ?? null
      break
    case 'DetentionAndTrainingOrderSentence':
      Object.assign(cols, durationColumns('duration', s.duration))
      break
    case 'BotusSentence':
      Object.assign(cols, durationColumns('duration', s.duration))
      cols.latest_tused_date = s.latestTusedDate ?? null
      cols.latest_tused_source = s.latestTusedSource ?? null
      break
    default: {
      const never: never = s
      throw new Error(`unknown sentence type ${String(never)}`)
    }
  }
  return cols
}

/** A stored sentence in the reference format. */
export function sentenceToReference(
  row: SentenceRow,
  courtCase: CourtCaseRow | undefined,
): Record<string, unknown> {
  const offence: Record<string, unknown> = {}
  if (row.offence_committed_at !== null) offence.committedAt = row.offence_committed_at
  if (row.offence_code !== null) offence.offenceCode = row.offence_code
  const out: Record<string, unknown> = {
    type: row.type,
    offence,
    sentencedAt: row.sentenced_at,
    identifier: row.identifier,
    consecutiveSentenceUUIDs: row.consecutive_to === null ? [] : [row.consecutive_to],
  }
  if (courtCase) {
    out.caseSequence = Number(courtCase.case_sequence)
    if (courtCase.case_reference !== null) out.caseReference = courtCase.case_reference
  }
  if (row.line_sequence !== null) out.lineSequence = Number(row.line_sequence)
  if (row.external_sentence_sequence !== null || row.external_booking_id !== null)
    out.externalSentenceId = {
      sentenceSequence: Number(row.external_sentence_sequence ?? 0),
      bookingId: Number(row.external_booking_id ?? 0),
    }
  if (row.recall_type !== null) {
    const recall: Record<string, unknown> = { recallType: row.recall_type }
    if (row.revocation_date !== null) recall.revocationDate = row.revocation_date
    if (row.recall_return_to_custody_date !== null)
      recall.returnToCustodyDate = row.recall_return_to_custody_date
    out.recall = recall
  }
  switch (row.type) {
    case 'StandardSentence':
      out.duration = durationFrom(row, 'duration')
      out.releaseArrangements = {
        isSDSPlus: bool(row.is_sds_plus),
        isSDSPlusEligibleSentenceTypeLengthAndOffence: bool(row.is_sds_plus_eligible),
        sdsEarlyReleaseExclusions: JSON.parse(row.sds_exclusions ?? '[]') as string[],
        isSection250: bool(row.is_section_250),
      }
      break
    case 'ExtendedDeterminateSentence':
      out.custodialDuration = durationFrom(row, 'custodial')
      out.extensionDuration = durationFrom(row, 'extension')
      out.automaticRelease = bool(row.automatic_release)
      break
    case 'SopcSentence':
      out.custodialDuration = durationFrom(row, 'custodial')
      out.extensionDuration = durationFrom(row, 'extension')
      out.sdopcu18 = bool(row.sdopcu18)
      break
    case 'AFineSentence':
      out.duration = durationFrom(row, 'duration')
      if (row.fine_amount !== null) out.fineAmount = Number(row.fine_amount)
      break
    case 'DetentionAndTrainingOrderSentence':
      out.duration = durationFrom(row, 'duration')
      break
    case 'BotusSentence':
      out.duration = durationFrom(row, 'duration')
      if (row.latest_tused_date !== null) out.latestTusedDate = row.latest_tused_date
      if (row.latest_tused_source !== null) out.latestTusedSource = row.latest_tused_source
      break
  }
  return out
}

export function adjustmentToReference(row: AdjustmentRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    appliesToSentencesFrom: row.applies_to_sentences_from,
    numberOfDays: Number(row.number_of_days),
  }
  if (row.from_date !== null) out.fromDate = row.from_date
  if (row.to_date !== null) out.toDate = row.to_date
  if (row.info_type !== null) {
    const info: Record<string, unknown> = { type: row.info_type }
    if (row.ual_reason !== null) info.reason = row.ual_reason
    out.additionalInfo = info
  }
  return out
}

export function adjustmentColumns(a: AdjustmentBody) {
  return {
    type: a.type,
    number_of_days: a.numberOfDays,
    applies_to_sentences_from: a.appliesToSentencesFrom,
    from_date: a.fromDate ?? null,
    to_date: a.toDate ?? null,
    info_type: a.additionalInfo?.type ?? null,
    ual_reason: a.additionalInfo?.reason ?? null,
  }
}

/** The one date rule (src/boundary/dates.ts) for a booking, sentence or adjustment about to be stored. */
function refuseBadDates(value: unknown, path: (string | number)[] = []): void {
  const problems = bookingDateProblems(value, path)
  if (problems.length > 0) throw new ValidationError(problems)
}

/** Consecutive-to links must point at a sentence in the booking, never at itself or round a loop. */
export function checkConsecutiveLinks(
  sentences: { identifier: string; consecutiveTo: string | null }[],
  pathOf: (index: number) => string,
): Problem[] {
  const problems: Problem[] = []
  const byId = new Map(sentences.map((s) => [s.identifier, s]))
  const seen = new Set<string>()
  sentences.forEach((s, i) => {
    if (seen.has(s.identifier))
      problems.push({ path: `${pathOf(i)}.identifier`, message: 'must be unique in the booking' })
    seen.add(s.identifier)
    if (s.consecutiveTo === null) return
    if (!byId.has(s.consecutiveTo)) {
      problems.push({
        path: `${pathOf(i)}.consecutiveSentenceUUIDs[0]`,
        message: 'must be the identifier of another sentence in the booking',
      })
      return
    }
    const visited = new Set<string>([s.identifier])
    let next: string | null = s.consecutiveTo
    while (next !== null) {
      if (visited.has(next)) {
        problems.push({
          path: `${pathOf(i)}.consecutiveSentenceUUIDs[0]`,
          message: 'must not make a loop of consecutive sentences',
        })
        return
      }
      visited.add(next)
      next = byId.get(next)?.consecutiveTo ?? null
    }
  })
  return problems
}

/** The booking changed after the user's decision was made from it (409). */
export class BookingChangedError extends ConflictError {
  constructor(
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      "This person's sentences, adjustments or details changed while you were working. Check them again and try again.",
    )
  }
}

export class BookingRepository {
  constructor(private readonly store: Store) {}

  async load(bookingId: number, trx: Transaction<DB> | undefined = undefined): Promise<BookingRecords> {
    const db = trx ?? this.store.db
    const booking = await db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst()
    if (!booking) throw new NotFoundError('Booking')
    const [courtCases, sentences, adjustments, movements] = await Promise.all([
      db
        .selectFrom('court_cases')
        .selectAll()
        .where('booking_id', '=', bookingId)
        .orderBy('case_sequence')
        .execute(),
      db
        .selectFrom('sentences')
        .selectAll()
        .where('booking_id', '=', bookingId)
        .orderBy('ordinal')
        .orderBy('id')
        .execute(),
      db.selectFrom('adjustments').selectAll().where('booking_id', '=', bookingId).orderBy('id').execute(),
      db
        .selectFrom('external_movements')
        .selectAll()
        .where('booking_id', '=', bookingId)
        .orderBy('ordinal')
        .execute(),
    ])
    return { booking, courtCases, sentences, adjustments, movements } as BookingRecords
  }

  /** The booking in the reference format: exactly what the engine is given. */
  async export(person: Person): Promise<BookingInputRaw> {
    const r = await this.load(person.bookingId)
    return this.toReference(person, r)
  }

  toReference(person: Person, r: BookingRecords): BookingInputRaw {
    const cases = new Map(r.courtCases.map((c) => [Number(c.id), c]))
    const adjustments: Record<string, unknown[]> = {}
    for (const type of ADJUSTMENT_TYPES) {
      const list = r.adjustments.filter((a) => a.type === type).map(adjustmentToReference)
      if (list.length > 0) adjustments[type] = list
    }
    const out: Record<string, unknown> = {
      offender: {
        reference: person.prisonNumber,
        dateOfBirth: person.dateOfBirth,
        isActiveSexOffender: person.isActiveSexOffender,
      },
      sentences: r.sentences.map((s) =>
        sentenceToReference(s, s.court_case_id === null ? undefined : cases.get(Number(s.court_case_id))),
      ),
      adjustments,
      externalMovements: r.movements.map((m) => ({
        movementDate: m.movement_date,
        movementReason: m.movement_reason,
        direction: m.direction,
      })),
    }
    const bk = r.booking
    if (bk.return_to_custody_date !== null) out.returnToCustodyDate = bk.return_to_custody_date
    if (bool(bk.has_ftr_details)) {
      const ftr: Record<string, unknown> = {
        bookingId: Number(bk.ftr_booking_id ?? 0),
        recallLength: Number(bk.ftr_recall_length ?? 0),
      }
      if (bk.ftr_return_to_custody_date !== null) ftr.returnToCustodyDate = bk.ftr_return_to_custody_date
      out.fixedTermRecallDetails = ftr
    }
    if (bool(bk.has_historical_tused)) {
      const h: Record<string, unknown> = {}
      if (bk.historical_tused !== null) h.tused = bk.historical_tused
      if (bk.historical_tused_source !== null) h.historicalTusedSource = bk.historical_tused_source
      out.historicalTusedData = h
    }
    if (bk.external_booking_id !== null) out.bookingId = Number(bk.external_booking_id)
    return out as unknown as BookingInputRaw
  }

  /**
   * Replaces the person's booking with `input` (already parsed with `parseBooking`). When
   * `bookingVersion` is given (the version the user loaded), a booking changed since is refused
   * with a ConflictError and nothing is replaced.
   */
  async import(
    actor: Actor,
    person: Person,
    input: BookingInput,
    options: { bookingVersion?: number } = {},
  ): Promise<void> {
    const problems: Problem[] = bookingDateProblems(input)
    if (input.offender.dateOfBirth !== person.dateOfBirth)
      problems.push({ path: 'offender.dateOfBirth', message: "must match the person's date of birth" })
    if (input.offender.reference !== '' && input.offender.reference.toUpperCase() !== person.prisonNumber)
      problems.push({ path: 'offender.reference', message: "must be the person's prison number, or empty" })
    const identifiers = input.sentences.map((s) => s.identifier ?? randomUUID())
    problems.push(
      ...checkConsecutiveLinks(
        input.sentences.map((s, i) => ({
          identifier: identifiers[i]!,
          consecutiveTo: s.consecutiveSentenceUUIDs[0] ?? null,
        })),
        (i) => `sentences[${i}]`,
      ),
    )
    if (problems.length > 0) throw new ValidationError(problems)
    const before = await this.export(person)

    await this.store.change(actor, async ({ trx, audit }) => {
      const bookingId = person.bookingId
      await this.touch(trx, bookingId, options.bookingVersion, {
        external_booking_id: input.bookingId ?? null,
        return_to_custody_date: input.returnToCustodyDate ?? null,
        has_ftr_details: input.fixedTermRecallDetails ? 1 : 0,
        ftr_booking_id: input.fixedTermRecallDetails?.bookingId ?? null,
        ftr_return_to_custody_date: input.fixedTermRecallDetails?.returnToCustodyDate ?? null,
        ftr_recall_length: input.fixedTermRecallDetails?.recallLength ?? null,
        has_historical_tused: input.historicalTusedData ? 1 : 0,
        historical_tused: input.historicalTusedData?.tused ?? null,
        historical_tused_source: input.historicalTusedData?.historicalTusedSource ?? null,
      })
      if (input.offender.isActiveSexOffender !== person.isActiveSexOffender)
        await trx
          .updateTable('people')
          .set((eb) => ({
            is_active_sex_offender: input.offender.isActiveSexOffender ? 1 : 0,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', person.id)
          .execute()
      await trx.deleteFrom('sentences').where('booking_id', '=', bookingId).execute()
      await trx.deleteFrom('adjustments').where('booking_id', '=', bookingId).execute()
      await trx.deleteFrom('external_movements').where('booking_id', '=', bookingId).execute()
      // Court cases are kept (they carry the court name); references are refreshed from the booking.
      const cases = new Map(
        (await trx.selectFrom('court_cases').selectAll().where('booking_id', '=', bookingId).execute()).map(
          (c) => [Number(c.case_sequence), c],
        ),
      )
      let nextSeq = Math.max(0, ...cases.keys(), ...input.sentences.map((s) => s.caseSequence ?? 0)) + 1
      const byReference = new Map<string, number>()
      const touched = new Set<number>()
      const caseFor = async (s: SentenceInput): Promise<number | null> => {
        let seq = s.caseSequence ?? null
        if (seq === null) {
          if (s.caseReference === null || s.caseReference === undefined) return null
          seq = byReference.get(s.caseReference) ?? nextSeq++
          byReference.set(s.caseReference, seq)
        }
        const existing = cases.get(seq)
        if (existing) {
          if (
            s.caseReference !== undefined &&
            s.caseReference !== null &&
            existing.case_reference !== s.caseReference &&
            !touched.has(seq)
          ) {
            await trx
              .updateTable('court_cases')
              .set({ case_reference: s.caseReference })
              .where('id', '=', existing.id)
              .execute()
            existing.case_reference = s.caseReference
          }
          touched.add(seq)
          return Number(existing.id)
        }
        const created = await trx
          .insertInto('court_cases')
          .values({
            booking_id: bookingId,
            case_sequence: seq,
            case_reference: s.caseReference ?? null,
            court_name: null,
            version: 1,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        cases.set(seq, created)
        touched.add(seq)
        return Number(created.id)
      }
      for (const [i, s] of input.sentences.entries()) {
        await trx
          .insertInto('sentences')
          .values({
            ...sentenceColumns(s),
            booking_id: bookingId,
            court_case_id: await caseFor(s),
            ordinal: i,
            identifier: identifiers[i]!,
            version: 1,
          } as never)
          .execute()
      }
      for (const type of ADJUSTMENT_TYPES) {
        for (const a of input.adjustments[type] ?? []) {
          await trx
            .insertInto('adjustments')
            .values({ ...adjustmentColumns({ ...a, type }), booking_id: bookingId, version: 1 })
            .execute()
        }
      }
      for (const [i, m] of input.externalMovements.entries()) {
        await trx
          .insertInto('external_movements')
          .values({
            booking_id: bookingId,
            ordinal: i,
            movement_date: m.movementDate,
            movement_reason: m.movementReason,
            direction: m.direction,
          })
          .execute()
      }
      await audit({
        action: 'BOOKING_IMPORTED',
        prisonId: person.prisonId,
        subjectType: 'booking',
        subjectId: person.prisonNumber,
        before,
        after: {
          sentences: input.sentences.length,
          adjustments: Object.values(input.adjustments).flat().length,
        },
      })
    })
  }

  /**
   * For a decision that depends on the booking (confirming dates, a discharge): locks the
   * person's booking row until `trx` ends and returns its version. Every booking edit bumps that
   * version in its own transaction (see `touch`), so on PostgreSQL an edit cannot commit while
   * the lock is held, and a decision that waited for an edit reads the edited booking. SQLite
   * transactions are already serialised. Take it first in the transaction, before any audit
   * entry (the audit head is locked from there to commit), so locks are always taken in the
   * same order. See src/db/README.md.
   */
  async lockForDecision(trx: Transaction<DB>, bookingId: number): Promise<number> {
    let query = trx.selectFrom('bookings').select('version').where('id', '=', bookingId)
    if (this.store.database.dialect === 'postgres') query = query.forUpdate()
    const row = await query.executeTakeFirst()
    if (!row) throw new NotFoundError('Booking')
    return Number(row.version)
  }

  /**
   * Inside the writing transaction: locks the booking (as `lockForDecision`) and refuses with a
   * BookingChangedError unless it is still at `expectedVersion`, the version the user's decision
   * was made from.
   */
  async assertUnchangedSince(
    trx: Transaction<DB>,
    bookingId: number,
    expectedVersion: number,
  ): Promise<void> {
    const now = await this.lockForDecision(trx, bookingId)
    if (now !== expectedVersion) throw new BookingChangedError(expectedVersion, now)
  }

  /** The booking's version now, to send with a form or an API response and check on the way back. */
  async version(bookingId: number): Promise<number> {
    const row = await this.store.db
      .selectFrom('bookings')
      .select('version')
      .where('id', '=', bookingId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('Booking')
    return Number(row.version)
  }

  /**
   * Bumps the booking's version so a later step can tell its source data changed; with
   * `expectedVersion`, only if the booking is still at that version (else ConflictError).
   */
  private async touch(
    trx: Transaction<DB>,
    bookingId: number,
    expectedVersion?: number,
    set: Partial<Row<DB['bookings']>> = {},
  ) {
    const res = await trx
      .updateTable('bookings')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', bookingId)
      .$if(expectedVersion !== undefined, (q) => q.where('version', '=', expectedVersion!))
      .executeTakeFirst()
    if (expectedVersion !== undefined && Number(res.numUpdatedRows) !== 1) throw new ConflictError()
  }

  async getSentence(
    person: Person,
    sentenceId: number,
    trx: Transaction<DB> | undefined = undefined,
  ): Promise<SentenceRow> {
    const row = await (trx ?? this.store.db)
      .selectFrom('sentences')
      .selectAll()
      .where('id', '=', sentenceId)
      .where('booking_id', '=', person.bookingId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('Sentence')
    return row as SentenceRow
  }

  async getAdjustment(person: Person, adjustmentId: number): Promise<AdjustmentRow> {
    const row = await this.store.db
      .selectFrom('adjustments')
      .selectAll()
      .where('id', '=', adjustmentId)
      .where('booking_id', '=', person.bookingId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('Adjustment')
    return row as AdjustmentRow
  }

  async createCourtCase(
    actor: Actor,
    person: Person,
    body: z.infer<typeof courtCaseBodySchema>,
  ): Promise<CourtCaseRow> {
    return this.store.change(actor, (ctx) => this.createCourtCaseIn(ctx, person, body))
  }

  /** As createCourtCase, inside a change another part is making (one transaction, its audit row included). */
  async createCourtCaseIn(
    { trx, audit }: ChangeContext,
    person: Person,
    body: z.infer<typeof courtCaseBodySchema>,
  ): Promise<CourtCaseRow> {
    if (body.courtCode) await this.ensureCourtExists(trx, body.courtCode)
    const max = await trx
      .selectFrom('court_cases')
      .select((eb) => eb.fn.max('case_sequence').as('m'))
      .where('booking_id', '=', person.bookingId)
      .executeTakeFirst()
    const created = await trx
      .insertInto('court_cases')
      .values({
        booking_id: person.bookingId,
        case_sequence: Number(max?.m ?? 0) + 1,
        case_reference: body.caseReference ?? null,
        court_name: body.courtName ?? null,
        court_code: body.courtCode ?? null,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await this.touch(trx, person.bookingId)
    await audit({
      action: 'COURT_CASE_CREATED',
      prisonId: person.prisonId,
      subjectType: 'court-case',
      subjectId: `${person.prisonNumber}/${created.case_sequence}`,
      after: body,
    })
    return created as CourtCaseRow
  }

  private async ensureCourtExists(trx: Transaction<DB>, code: string) {
    const court = await trx.selectFrom('courts').select('code').where('code', '=', code).executeTakeFirst()
    if (!court) throw new ValidationError([{ path: 'courtCode', message: 'must be a known court' }])
  }

  /** Records court cases with the given sequence numbers (used when bringing in whole records). */
  async defineCourtCases(
    actor: Actor,
    person: Person,
    cases: {
      caseSequence: number
      caseReference?: string | null
      courtName?: string | null
      courtCode?: string | null
    }[],
  ): Promise<void> {
    if (cases.length === 0) return
    await this.store.change(actor, async ({ trx, audit }) => {
      for (const c of cases) {
        if (c.courtCode) await this.ensureCourtExists(trx, c.courtCode)
        await trx
          .insertInto('court_cases')
          .values({
            booking_id: person.bookingId,
            case_sequence: c.caseSequence,
            case_reference: c.caseReference ?? null,
            court_name: c.courtName ?? null,
            court_code: c.courtCode ?? null,
            version: 1,
          })
          .execute()
        await audit({
          action: 'COURT_CASE_CREATED',
          prisonId: person.prisonId,
          subjectType: 'court-case',
          subjectId: `${person.prisonNumber}/${c.caseSequence}`,
          after: c,
        })
      }
      await this.touch(trx, person.bookingId)
    })
  }

  private async resolveCourtCase(
    trx: Transaction<DB>,
    person: Person,
    s: SentenceInput,
  ): Promise<number | null> {
    if (s.caseSequence === null || s.caseSequence === undefined) return null
    const cc = await trx
      .selectFrom('court_cases')
      .select('id')
      .where('booking_id', '=', person.bookingId)
      .where('case_sequence', '=', s.caseSequence)
      .executeTakeFirst()
    if (cc) return Number(cc.id)
    throw new ValidationError([
      {
        path: 'caseSequence',
        message: 'must be the sequence number of one of the court cases for this person',
      },
    ])
  }

  private async checkLinks(trx: Transaction<DB>, person: Person, identifier: string, s: SentenceInput) {
    const others = await trx
      .selectFrom('sentences')
      .select(['identifier', 'consecutive_to'])
      .where('booking_id', '=', person.bookingId)
      .where('identifier', '!=', identifier)
      .execute()
    const all = [
      ...others.map((o) => ({ identifier: o.identifier, consecutiveTo: o.consecutive_to })),
      { identifier, consecutiveTo: s.consecutiveSentenceUUIDs[0] ?? null },
    ]
    const own = checkConsecutiveLinks(all, (i) => (i === all.length - 1 ? 'sentence' : `other${i}`)).filter(
      (p) => p.path.startsWith('sentence.'),
    )
    if (own.length > 0)
      throw new ValidationError(own.map((p) => ({ ...p, path: p.path.replace(/^sentence\./, '') })))
  }

  async createSentence(actor: Actor, person: Person, s: SentenceInput): Promise<SentenceRow> {
    return this.store.change(actor, (ctx) => this.createSentenceIn(ctx, person, s))
  }

  /** As createSentence (the same checks), inside a change another part is making. */
  async createSentenceIn(
    { trx, audit }: ChangeContext,
    person: Person,
    s: SentenceInput,
  ): Promise<SentenceRow> {
    refuseBadDates(s)
    const identifier = s.identifier ?? randomUUID()
    const dup = await trx
      .selectFrom('sentences')
      .select('id')
      .where('booking_id', '=', person.bookingId)
      .where('identifier', '=', identifier)
      .executeTakeFirst()
    if (dup) throw new ValidationError([{ path: 'identifier', message: 'must be unique in the booking' }])
    await this.checkLinks(trx, person, identifier, s)
    const courtCaseId = await this.resolveCourtCase(trx, person, s)
    const max = await trx
      .selectFrom('sentences')
      .select((eb) => eb.fn.max('ordinal').as('m'))
      .where('booking_id', '=', person.bookingId)
      .executeTakeFirst()
    const created = await trx
      .insertInto('sentences')
      .values({
        ...sentenceColumns(s),
        booking_id: person.bookingId,
        court_case_id: courtCaseId,
        ordinal: max?.m === null || max?.m === undefined ? 0 : Number(max.m) + 1,
        identifier,
        version: 1,
      } as never)
      .returningAll()
      .executeTakeFirstOrThrow()
    await this.touch(trx, person.bookingId)
    await audit({
      action: 'SENTENCE_CREATED',
      prisonId: person.prisonId,
      subjectType: 'sentence',
      subjectId: `${person.prisonNumber}/${identifier}`,
      after: s,
    })
    return created as SentenceRow
  }

  async updateSentence(
    actor: Actor,
    person: Person,
    sentenceId: number,
    version: number,
    s: SentenceInput,
  ): Promise<SentenceRow> {
    return this.store.change(actor, (ctx) => this.updateSentenceIn(ctx, person, sentenceId, version, s))
  }

  /** Changes a sentence inside the caller's transaction, with the same checks as updateSentence. */
  async updateSentenceIn(
    { trx, audit }: ChangeContext,
    person: Person,
    sentenceId: number,
    version: number,
    s: SentenceInput,
  ): Promise<SentenceRow> {
    refuseBadDates(s)
    const current = await this.getSentence(person, sentenceId, trx)
    await this.checkLinks(trx, person, current.identifier, s)
    const courtCaseId = await this.resolveCourtCase(trx, person, s)
    const updated = await trx
      .updateTable('sentences')
      .set({ ...sentenceColumns(s), court_case_id: courtCaseId, version: version + 1 } as never)
      .where('id', '=', sentenceId)
      .where('booking_id', '=', person.bookingId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst()
    if (!updated) throw new ConflictError()
    await this.touch(trx, person.bookingId)
    await audit({
      action: 'SENTENCE_UPDATED',
      prisonId: person.prisonId,
      subjectType: 'sentence',
      subjectId: `${person.prisonNumber}/${current.identifier}`,
      before: sentenceToReference(current, undefined),
      after: s,
    })
    return updated as SentenceRow
  }

  async deleteSentence(actor: Actor, person: Person, sentenceId: number, version: number): Promise<void> {
    await this.store.change(actor, (ctx) => this.deleteSentenceIn(ctx, person, sentenceId, version))
  }

  /** Removes a sentence inside the caller's transaction, with the same checks as deleteSentence. */
  async deleteSentenceIn(
    { trx, audit }: ChangeContext,
    person: Person,
    sentenceId: number,
    version: number,
  ): Promise<void> {
    const current = await this.getSentence(person, sentenceId, trx)
    const dependant = await trx
      .selectFrom('sentences')
      .select('id')
      .where('booking_id', '=', person.bookingId)
      .where('consecutive_to', '=', current.identifier)
      .executeTakeFirst()
    if (dependant)
      throw new ValidationError([
        { path: 'sentence', message: 'cannot be deleted while another sentence is consecutive to it' },
      ])
    const res = await trx
      .deleteFrom('sentences')
      .where('id', '=', sentenceId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (Number(res.numDeletedRows) !== 1) throw new ConflictError()
    await this.touch(trx, person.bookingId)
    await audit({
      action: 'SENTENCE_DELETED',
      prisonId: person.prisonId,
      subjectType: 'sentence',
      subjectId: `${person.prisonNumber}/${current.identifier}`,
      before: sentenceToReference(current, undefined),
    })
  }

  async createAdjustment(actor: Actor, person: Person, a: AdjustmentBody): Promise<AdjustmentRow> {
    return this.store.change(actor, (ctx) => this.createAdjustmentIn(ctx, person, a))
  }

  /** As createAdjustment, inside a change another part is making. */
  async createAdjustmentIn(
    { trx, audit }: ChangeContext,
    person: Person,
    a: AdjustmentBody,
  ): Promise<AdjustmentRow> {
    refuseBadDates(a)
    const created = await trx
      .insertInto('adjustments')
      .values({ ...adjustmentColumns(a), booking_id: person.bookingId, version: 1 })
      .returningAll()
      .executeTakeFirstOrThrow()
    await this.touch(trx, person.bookingId)
    await audit({
      action: 'ADJUSTMENT_CREATED',
      prisonId: person.prisonId,
      subjectType: 'adjustment',
      subjectId: `${person.prisonNumber}/${created.id}`,
      after: a,
    })
    return created as AdjustmentRow
  }

  async updateAdjustment(
    actor: Actor,
    person: Person,
    adjustmentId: number,
    version: number,
    a: AdjustmentBody,
  ): Promise<AdjustmentRow> {
    refuseBadDates(a)
    const current = await this.getAdjustment(person, adjustmentId)
    return this.store.change(actor, async ({ trx, audit }) => {
      const updated = await trx
        .updateTable('adjustments')
        .set({ ...adjustmentColumns(a), version: version + 1 })
        .where('id', '=', adjustmentId)
        .where('booking_id', '=', person.bookingId)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst()
      if (!updated) throw new ConflictError()
      await this.touch(trx, person.bookingId)
      await audit({
        action: 'ADJUSTMENT_UPDATED',
        prisonId: person.prisonId,
        subjectType: 'adjustment',
        subjectId: `${person.prisonNumber}/${adjustmentId}`,
        before: { type: current.type, ...adjustmentToReference(current) },
        after: a,
      })
      return updated as AdjustmentRow
    })
  }

  async deleteAdjustment(actor: Actor, person: Person, adjustmentId: number, version: number): Promise<void> {
    const current = await this.getAdjustment(person, adjustmentId)
    await this.store.change(actor, async ({ trx, audit }) => {
      const res = await trx
        .deleteFrom('adjustments')
        .where('id', '=', adjustmentId)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(res.numDeletedRows) !== 1) throw new ConflictError()
      await this.touch(trx, person.bookingId)
      await audit({
        action: 'ADJUSTMENT_DELETED',
        prisonId: person.prisonId,
        subjectType: 'adjustment',
        subjectId: `${person.prisonNumber}/${adjustmentId}`,
        before: { type: current.type, ...adjustmentToReference(current) },
      })
    })
  }
}

export type { AdjustmentType }
