/**
 * The register's storage: entries (with one row per root cause, for the board's GROUP BY) and their
 * lessons and actions; every change is one `store.change` with its audit row. Managers see and
 * change their own prisons' entries; estate-wide readers (analysts) see every entry. A CSV import
 * is checked whole before one transaction stores every row — or nothing.
 */
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { inCaseload } from '../../../accounts/roles.js'
import type { User } from '../../../accounts/users.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../db/errors.js'
import type { PeopleRepository } from '../../../db/repositories/people.js'
import type { DB, RegisterEntryTable } from '../../../db/schema.js'
import type { ChangeContext, Store } from '../../../db/store.js'
import type { CalculationJourneyService } from '../../../calculation/service/journey-service.js'
import {
  actionInputSchema,
  calculationInForceOn,
  checkRegisterCsv,
  compareAsAt,
  daysInError,
  entryInputSchema,
  type AsAtComparison,
  type CsvRowProblem,
  type EntryInput,
  type EntrySource,
  type RegisterAction,
  type RegisterEntry,
} from '../domain/index.js'
import type { ReconciledError, RegisterPort } from './ports.js'

export interface RegisterFilter {
  prisonId?: string
  direction?: 'EARLY' | 'LATE'
  /** Released in this month (YYYY-MM). */
  month?: string
  limit?: number
}

export type ImportResult =
  | { ok: true; imported: number; references: string[] }
  | { ok: false; fileProblems: string[]; rows: CsvRowProblem[] }

type Reader = Pick<User, 'caseload'>

const isUniqueViolation = (e: unknown) =>
  /unique|23505/i.test(`${(e as { code?: string }).code ?? ''} ${e instanceof Error ? e.message : ''}`)

function toEntry(r: RegisterEntryTable, actions: RegisterAction[] = []): RegisterEntry {
  return {
    id: r.id,
    reference: r.reference,
    personId: r.person_id === null ? null : Number(r.person_id),
    prisonNumber: r.prison_number,
    name: r.name,
    prisonId: r.prison_id,
    direction: r.direction as RegisterEntry['direction'],
    releasedOn: r.released_on,
    correctReleaseDate: r.correct_release_date,
    days: Number(r.days),
    howFound: r.how_found as RegisterEntry['howFound'],
    detectedAt: r.detected_at,
    policeNotifiedAt: r.police_notified_at,
    backInCustodyOn: r.back_in_custody_on,
    rootCauses: JSON.parse(r.root_causes) as RegisterEntry['rootCauses'],
    summary: r.summary,
    source: r.source as EntrySource,
    sourceReference: r.source_reference,
    version: Number(r.version),
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    actions,
  }
}

/** Zod problems with the field names the API and the forms use. */
function problemsOf(error: { issues: { path: PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message }))
}

export class RegisterService implements RegisterPort {
  constructor(
    private readonly store: Store,
    private readonly people: PeopleRepository,
    private readonly calculationJourney: CalculationJourneyService,
  ) {}

  // --- reading ------------------------------------------------------------------------------

  async list(user: Reader, filter: RegisterFilter = {}): Promise<RegisterEntry[]> {
    let q = this.store.db.selectFrom('register_entries').selectAll()
    if (!user.caseload.estateWide) {
      if (user.caseload.prisons.length === 0) return []
      q = q.where('prison_id', 'in', user.caseload.prisons)
    }
    if (filter.prisonId) q = q.where('prison_id', '=', filter.prisonId)
    if (filter.direction) q = q.where('direction', '=', filter.direction)
    if (filter.month)
      q = q.where('released_on', '>=', `${filter.month}-01`).where('released_on', '<=', `${filter.month}-31`)
    const rows = await q
      .orderBy('released_on', 'desc')
      .orderBy('reference')
      .limit(filter.limit ?? 500)
      .execute()
    return rows.map((r) => toEntry(r))
  }

  /** One entry with its lessons and actions; NotFound when it does not exist or is not visible. */
  async get(user: Reader, id: string): Promise<RegisterEntry> {
    const row = await this.store.db
      .selectFrom('register_entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row || !inCaseload(user.caseload, row.prison_id)) throw new NotFoundError('Register entry')
    const actions = await this.store.db
      .selectFrom('register_actions')
      .selectAll()
      .where('entry_id', '=', id)
      .orderBy('id')
      .execute()
    return toEntry(
      row,
      actions.map((a) => ({
        id: Number(a.id),
        kind: a.kind as RegisterAction['kind'],
        text: a.text,
        owner: a.owner,
        dueOn: a.due_on,
        status: a.status as RegisterAction['status'],
        version: Number(a.version),
        createdAt: a.created_at,
        createdBy: a.created_by,
      })),
    )
  }

  // --- recording ----------------------------------------------------------------------------

  private mayChange(user: Reader, prisonId: string): boolean {
    return !user.caseload.estateWide && user.caseload.prisons.includes(prisonId)
  }

  /** An entry typed in by a manager for one of their prisons. */
  async record(user: User, raw: unknown): Promise<RegisterEntry> {
    const parsed = entryInputSchema.safeParse(raw)
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error))
    const input = parsed.data
    if (!this.mayChange(user, input.prisonId))
      throw new ValidationError([{ path: 'prisonId', message: 'must be a prison you work in' }])
    return this.store.change({ username: user.username }, async (ctx) => {
      await this.assertKnownPrison(ctx.trx, input.prisonId)
      const reference =
        input.reference ??
        `RIE-${ctx.at.slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`
      return this.insertIn(ctx, user.username, { ...input, reference }, 'MANUAL', null)
    })
  }

  /** The release gate's reconciliation: see ports.ts. Recorded once per gate reference. */
  async recordFromReconciliationIn(
    ctx: ChangeContext,
    actor: { username: string },
    error: ReconciledError,
  ): Promise<RegisterEntry> {
    const reference = `GATE-${error.gateReference}`.slice(0, 60)
    const existing = await ctx.trx
      .selectFrom('register_entries')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst()
    if (existing) return toEntry(existing)
    const person = await this.people.findByPrisonNumberIn(ctx.trx, error.prisonNumber)
    if (!person) throw new NotFoundError('Person')
    const parsed = entryInputSchema.safeParse({
      reference,
      prisonNumber: error.prisonNumber,
      name: `${person.firstName} ${person.lastName}`,
      prisonId: person.prisonId,
      direction: error.direction,
      releasedOn: error.releasedOn,
      correctReleaseDate: error.correctReleaseDate,
      days: error.days,
      howFound: error.howFound ?? 'POST_RELEASE_RECONCILIATION',
      detectedAt: error.detectedAt,
      policeNotifiedAt: error.policeNotifiedAt,
      backInCustodyOn: error.backInCustodyOn,
      rootCauses: error.rootCauses,
      summary: error.summary ?? '',
    })
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error))
    return this.insertIn(
      ctx,
      actor.username,
      { ...parsed.data, reference },
      'RECONCILIATION',
      error.gateReference,
    )
  }

  /** Past incidents from CSV: every row checked first; any bad row and nothing is stored. */
  async importCsv(user: Pick<User, 'username' | 'caseload'>, text: string): Promise<ImportResult> {
    const check = async (trx: Transaction<DB>) => {
      const prisons = await trx.selectFrom('prisons').select('id').execute()
      const references = await trx.selectFrom('register_entries').select('reference').execute()
      return checkRegisterCsv(text, {
        knownPrisons: new Set(prisons.map((p) => p.id)),
        existingReferences: new Set(references.map((r) => r.reference)),
        mayRecordIn: (prisonId) => this.mayChange(user, prisonId),
      })
    }
    // A cheap check outside the transaction gives the answer for a bad file without writing
    // anything (not even an audit row); the same check inside it decides what is stored.
    const first = await this.store.db.transaction().execute(check)
    if (!first.ok) return first
    return this.store.change({ username: user.username }, async (ctx) => {
      const again = await check(ctx.trx)
      if (!again.ok) throw new ConflictError('The register changed while importing: import the file again')
      for (const row of again.entries)
        await this.insertIn(ctx, user.username, row, 'IMPORT', `line ${row.line}`, false)
      await ctx.audit({
        action: 'REGISTER_IMPORTED',
        subjectType: 'register',
        after: { rows: again.entries.length, references: again.entries.map((e) => e.reference) },
      })
      return {
        ok: true as const,
        imported: again.entries.length,
        references: again.entries.map((e) => e.reference),
      }
    })
  }

  private async assertKnownPrison(trx: Transaction<DB>, prisonId: string) {
    const p = await trx.selectFrom('prisons').select('id').where('id', '=', prisonId).executeTakeFirst()
    if (!p)
      throw new ValidationError([
        { path: 'prisonId', message: `"${prisonId}" is not a prison SafeRelease knows` },
      ])
  }

  private async insertIn(
    ctx: ChangeContext,
    username: string,
    input: EntryInput & { reference: string },
    source: EntrySource,
    sourceReference: string | null,
    auditEach = true,
  ): Promise<RegisterEntry> {
    const taken = await ctx.trx
      .selectFrom('register_entries')
      .select('id')
      .where('reference', '=', input.reference)
      .executeTakeFirst()
    if (taken) throw new ConflictError(`The register already has an entry with reference ${input.reference}`)
    const person = await this.people.findByPrisonNumberIn(ctx.trx, input.prisonNumber)
    const row: RegisterEntryTable = {
      id: randomUUID(),
      reference: input.reference,
      person_id: person?.id ?? null,
      prison_number: input.prisonNumber,
      name: input.name,
      prison_id: input.prisonId,
      direction: input.direction,
      released_on: input.releasedOn,
      correct_release_date: input.correctReleaseDate ?? null,
      days: daysInError(input),
      how_found: input.howFound,
      detected_at: input.detectedAt ?? null,
      police_notified_at: input.policeNotifiedAt ?? null,
      back_in_custody_on: input.backInCustodyOn ?? null,
      root_causes: JSON.stringify(input.rootCauses),
      summary: input.summary,
      source,
      source_reference: sourceReference,
      version: 1,
      created_at: ctx.at,
      created_by: username,
      updated_at: ctx.at,
    }
    try {
      await ctx.trx.insertInto('register_entries').values(row).execute()
    } catch (e) {
      // Another import or the gate recorded the same reference meanwhile.
      if (isUniqueViolation(e))
        throw new ConflictError(`The register already has an entry with reference ${input.reference}`)
      throw e
    }
    await ctx.trx
      .insertInto('register_entry_causes')
      .values(input.rootCauses.map((cause) => ({ entry_id: row.id, cause })))
      .execute()
    if (auditEach)
      await ctx.audit({
        action: 'REGISTER_ENTRY_RECORDED',
        prisonId: row.prison_id,
        subjectType: 'register_entry',
        subjectId: row.reference,
        after: { ...row, root_causes: input.rootCauses },
      })
    return toEntry(row)
  }

  /**
   * Corrects or completes an entry (for example the time the police were told, or the causes the
   * review found). The reference and where the entry came from stay; the version must match.
   */
  async update(user: User, id: string, raw: unknown, expectedVersion: number): Promise<RegisterEntry> {
    const parsed = entryInputSchema.safeParse(raw)
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error))
    const input = parsed.data
    const before = await this.get(user, id)
    if (!this.mayChange(user, before.prisonId)) throw new NotFoundError('Register entry')
    if (!this.mayChange(user, input.prisonId))
      throw new ValidationError([{ path: 'prisonId', message: 'must be a prison you work in' }])
    await this.store.change({ username: user.username }, async (ctx) => {
      await this.assertKnownPrison(ctx.trx, input.prisonId)
      await this.bumpVersionIn(ctx.trx, id, expectedVersion, ctx.at)
      const person = await this.people.findByPrisonNumberIn(ctx.trx, input.prisonNumber)
      const fields = {
        person_id: person?.id ?? null,
        prison_number: input.prisonNumber,
        name: input.name,
        prison_id: input.prisonId,
        direction: input.direction,
        released_on: input.releasedOn,
        correct_release_date: input.correctReleaseDate ?? null,
        days: daysInError(input),
        how_found: input.howFound,
        detected_at: input.detectedAt ?? null,
        police_notified_at: input.policeNotifiedAt ?? null,
        back_in_custody_on: input.backInCustodyOn ?? null,
        root_causes: JSON.stringify(input.rootCauses),
        summary: input.summary,
      }
      await ctx.trx.updateTable('register_entries').set(fields).where('id', '=', id).execute()
      await ctx.trx.deleteFrom('register_entry_causes').where('entry_id', '=', id).execute()
      await ctx.trx
        .insertInto('register_entry_causes')
        .values(input.rootCauses.map((cause) => ({ entry_id: id, cause })))
        .execute()
      const { actions: _actions, ...was } = before
      await ctx.audit({
        action: 'REGISTER_ENTRY_UPDATED',
        prisonId: input.prisonId,
        subjectType: 'register_entry',
        subjectId: before.reference,
        before: was,
        after: { ...fields, root_causes: input.rootCauses },
      })
    })
    return this.get(user, id)
  }

  /** A lesson or an action (with owner and due date) on an entry the manager's prison holds. */
  async addAction(
    user: User,
    entryId: string,
    raw: unknown,
    expectedVersion: number,
  ): Promise<RegisterEntry> {
    const parsed = actionInputSchema.safeParse(raw)
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error))
    const entry = await this.get(user, entryId)
    if (!this.mayChange(user, entry.prisonId)) throw new NotFoundError('Register entry')
    await this.store.change({ username: user.username }, async (ctx) => {
      await this.bumpVersionIn(ctx.trx, entryId, expectedVersion, ctx.at)
      await ctx.trx
        .insertInto('register_actions')
        .values({
          entry_id: entryId,
          kind: parsed.data.kind,
          text: parsed.data.text,
          owner: parsed.data.owner ?? null,
          due_on: parsed.data.dueOn ?? null,
          status: 'OPEN',
          version: 1,
          created_at: ctx.at,
          created_by: user.username,
        })
        .execute()
      await ctx.audit({
        action: 'REGISTER_ACTION_ADDED',
        prisonId: entry.prisonId,
        subjectType: 'register_entry',
        subjectId: entry.reference,
        after: parsed.data,
      })
    })
    return this.get(user, entryId)
  }

  /** Marks an action done (or open again). */
  async setActionStatus(
    user: User,
    entryId: string,
    actionId: number,
    status: 'OPEN' | 'DONE',
    expectedVersion: number,
  ): Promise<RegisterEntry> {
    const entry = await this.get(user, entryId)
    if (!this.mayChange(user, entry.prisonId)) throw new NotFoundError('Register entry')
    const action = entry.actions.find((a) => a.id === actionId)
    if (!action) throw new NotFoundError('Action')
    await this.store.change({ username: user.username }, async (ctx) => {
      await this.bumpVersionIn(ctx.trx, entryId, expectedVersion, ctx.at)
      await ctx.trx
        .updateTable('register_actions')
        .set((eb) => ({ status, version: eb('version', '+', 1) }))
        .where('id', '=', actionId)
        .execute()
      await ctx.audit({
        action: 'REGISTER_ACTION_UPDATED',
        prisonId: entry.prisonId,
        subjectType: 'register_entry',
        subjectId: entry.reference,
        before: { actionId, status: action.status },
        after: { actionId, status },
      })
    })
    return this.get(user, entryId)
  }

  private async bumpVersionIn(trx: Transaction<DB>, entryId: string, expectedVersion: number, at: string) {
    const r = await trx
      .updateTable('register_entries')
      .set({ version: expectedVersion + 1, updated_at: at })
      .where('id', '=', entryId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw new ConflictError()
  }

  // --- as-at recalculation --------------------------------------------------------------------

  /**
   * The engine on the booking as it was at the release (the input stored with the calculation in
   * force that day) and on the booking as corrected since, beside the dates recorded and the date
   * released. Undefined when the entry names nobody SafeRelease holds.
   */
  async asAt(user: Reader, entryId: string): Promise<AsAtComparison | undefined> {
    const entry = await this.get(user, entryId)
    const person = await this.people.findByPrisonNumber(entry.prisonNumber)
    if (!person) return undefined
    const state = await this.calculationJourney.state(person)
    const calculation = calculationInForceOn(state, entry.releasedOn)
    const engine = this.calculationJourney.engine
    const asAtOutcome = calculation ? engine.outcome(calculation.input, entry.releasedOn) : undefined
    const current = await engine.currentInput(person)
    const correctedOutcome = current.ok
      ? engine.outcome(
          { ...current.input, profile: calculation?.input.profile ?? current.input.profile },
          entry.releasedOn,
        )
      : undefined
    return compareAsAt({ entry, calculation, asAtOutcome, correctedOutcome })
  }
}
