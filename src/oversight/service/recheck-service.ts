/**
 * Re-check runs: starting one (for a prison, a list of people or the estate; a re-check of the
 * recorded dates or a law change), the batches that are its job queue, progress, cancelling,
 * the findings per prison and their triage. Every change is one `store.change` with its audit row.
 *
 * The queue: each batch row is claimed with a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so
 * any number of worker processes share a run); a claim not applied before its lease ends is
 * taken again, so a worker that dies loses nothing. Applying a batch flips it to APPLIED in the
 * same transaction that writes its findings and the run's progress; a second apply of the same
 * batch (a slow worker whose lease lapsed) finds it APPLIED and writes nothing.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import type { User } from '../../accounts/users.js'
import type { Store } from '../../db/store.js'
import { ConflictError, NotFoundError, ValidationError } from '../../db/errors.js'
import type { BookingRepository } from '../../db/repositories/booking.js'
import type { PeopleRepository } from '../../db/repositories/people.js'
import type { BankHolidayRepository } from '../../calculation/service/bank-holidays.js'
import type { CalculationJourneyService } from '../../calculation/service/journey-service.js'
import type { LegislationProfileName } from '../../engine/api.js'
import {
  decideTriage,
  engineChange,
  mayTriage,
  NEW_TRIAGE,
  percentDone,
  splitIntoBatches,
  sumWeekly,
  triageOrder,
  type DateDifference,
  type Impact,
  type LawChange,
  type Priority,
  type RunStatus,
  type TriageCommand,
  type TriageState,
  type TriageStatus,
  type WeeklyReleases,
} from '../domain/index.js'
import type { BatchResult, BatchSummary, PersonWork, RunKind, RunParams } from './compute.js'
import { loadWork } from './estate-reader.js'
import type { RecheckSettings } from './settings.js'

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
/** The engine's version as runs record it. */
export const ENGINE_VERSION = `saferelease-engine ${PACKAGE_VERSION}`

export type RunScope =
  { kind: 'prison'; prisonId: string } | { kind: 'people'; prisonNumbers: string[] } | { kind: 'estate' }

export interface StartRun {
  kind: RunKind
  scope: RunScope
  lawChange?: LawChange
}

export interface RunView {
  id: string
  kind: RunKind
  scope: RunScope
  profile: LegislationProfileName
  lawChange: LawChange | null
  engineVersion: string
  today: string
  status: RunStatus
  totalPeople: number
  totalBatches: number
  appliedBatches: number
  checkedPeople: number
  percent: number
  startedBy: string
  startedAt: string
  finishedAt: string | null
  cancelledBy: string | null
  version: number
}

export interface FindingView {
  id: number
  runId: string
  personId: number
  prisonId: string
  prisonNumber: string
  outcome: 'DIFFERENCE' | 'REFUSED'
  impact: Impact
  priority: Priority
  recordedRelease: string | null
  engineRelease: string | null
  daysDifference: number | null
  differences: DateDifference[]
  refusalCodes: string[]
  triage: TriageState
  version: number
}

export interface Claim {
  runId: string
  batchNo: number
  personIds: number[]
  workerId: string
}

export type ApplyOutcome = 'applied' | 'already-applied' | 'cancelled'

type RunRow = Awaited<ReturnType<RecheckService['runRow']>>

function toRunView(r: NonNullable<RunRow>): RunView {
  return {
    id: r.id,
    kind: r.kind as RunKind,
    scope: JSON.parse(r.scope) as RunScope,
    profile: r.profile as LegislationProfileName,
    lawChange: r.law_change ? (JSON.parse(r.law_change) as LawChange) : null,
    engineVersion: r.engine_version,
    today: r.today,
    status: r.status as RunStatus,
    totalPeople: Number(r.total_people),
    totalBatches: Number(r.total_batches),
    appliedBatches: Number(r.applied_batches),
    checkedPeople: Number(r.checked_people),
    percent: percentDone(Number(r.applied_batches), Number(r.total_batches)),
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    cancelledBy: r.cancelled_by,
    version: Number(r.version),
  }
}

const canStartRuns = (user: User) => user.roles.includes('admin') || user.roles.includes('manager')
const seesEstate = (user: User) =>
  user.caseload.estateWide || user.roles.includes('admin') || user.roles.includes('analyst')

export class RecheckService {
  /**
   * Called before each batch is written (a worker's --throttle-ms: spreads the writes on a live
   * database). Nothing by default.
   */
  beforeApply: () => Promise<void> = async () => undefined

  constructor(
    private readonly store: Store,
    private readonly people: PeopleRepository,
    private readonly bookings: BookingRepository,
    private readonly bankHolidays: BankHolidayRepository,
    private readonly calculationJourney: CalculationJourneyService,
    private readonly profile: LegislationProfileName,
    readonly settings: RecheckSettings,
  ) {}

  private get db() {
    return this.store.db
  }

  /** Which prisons' findings `user` may see; undefined: all of them. */
  visiblePrisons(user: User): string[] | undefined {
    return seesEstate(user) ? undefined : user.caseload.prisons
  }

  async start(user: User, request: StartRun): Promise<RunView> {
    if (!canStartRuns(user))
      throw new ValidationError([{ path: 'scope', message: 'You cannot start a re-check' }])
    const personIds = await this.peopleIn(user, request.scope)
    const batches = splitIntoBatches(personIds, this.settings.batchSize)
    const id = randomUUID()
    const today = this.calculationJourney.today()
    await this.store.change({ username: user.username }, async ({ trx, at, audit }) => {
      await trx
        .insertInto('recheck_runs')
        .values({
          id,
          kind: request.kind,
          scope_kind: request.scope.kind,
          scope: JSON.stringify(request.scope),
          profile: this.profile,
          law_change: request.lawChange ? JSON.stringify(request.lawChange) : null,
          engine_version: ENGINE_VERSION,
          today,
          status: batches.length === 0 ? 'COMPLETED' : 'RUNNING',
          total_people: personIds.length,
          total_batches: batches.length,
          applied_batches: 0,
          checked_people: 0,
          started_by: user.username,
          started_at: at,
          finished_at: batches.length === 0 ? at : null,
          cancelled_by: null,
          version: 1,
        })
        .execute()
      for (const chunk of splitIntoBatches(
        batches.map((ids, i) => ({ ids, i })),
        200,
      ))
        await trx
          .insertInto('recheck_batches')
          .values(
            chunk.map(({ ids, i }) => ({
              run_id: id,
              batch_no: i + 1,
              person_ids: JSON.stringify(ids),
              status: 'PENDING',
              claimed_by: null,
              lease_until: null,
              attempts: 0,
              applied_by: null,
              applied_at: null,
              summary: null,
            })),
          )
          .execute()
      await audit({
        action: 'RECHECK_RUN_STARTED',
        prisonId: request.scope.kind === 'prison' ? request.scope.prisonId : null,
        subjectType: 'recheck-run',
        subjectId: id,
        after: {
          kind: request.kind,
          scope: request.scope,
          profile: this.profile,
          lawChange: request.lawChange ?? null,
          engineVersion: ENGINE_VERSION,
          people: personIds.length,
          batches: batches.length,
        },
      })
    })
    return this.get(user, id)
  }

  /** The people a run covers, refused (naming the field) when `user` may not run it. */
  private async peopleIn(user: User, scope: RunScope): Promise<number[]> {
    const admin = user.roles.includes('admin')
    const mine = (prisonId: string) =>
      admin || user.caseload.estateWide || user.caseload.prisons.includes(prisonId)
    const base = this.db
      .selectFrom('people')
      .innerJoin('bookings', (j) =>
        j.onRef('bookings.person_id', '=', 'people.id').on('bookings.active', '=', 1),
      )
      .select(['people.id', 'people.prison_id', 'people.prison_number'])
      .orderBy('people.id')
    switch (scope.kind) {
      case 'estate':
        if (!admin)
          throw new ValidationError([
            { path: 'scope', message: 'Only an administrator can re-check the whole estate' },
          ])
        return (await base.execute()).map((r) => Number(r.id))
      case 'prison': {
        const prison = await this.db
          .selectFrom('prisons')
          .select('id')
          .where('id', '=', scope.prisonId)
          .executeTakeFirst()
        if (!prison) throw new ValidationError([{ path: 'prisonId', message: 'Choose a prison that exists' }])
        if (!mine(scope.prisonId))
          throw new ValidationError([{ path: 'prisonId', message: 'You can only re-check your own prison' }])
        return (await base.where('people.prison_id', '=', scope.prisonId).execute()).map((r) => Number(r.id))
      }
      case 'people': {
        const wanted = [...new Set(scope.prisonNumbers.map((n) => n.trim().toUpperCase()).filter(Boolean))]
        if (wanted.length === 0 || wanted.length > 10_000)
          throw new ValidationError([
            { path: 'prisonNumbers', message: 'Enter between 1 and 10,000 prison numbers' },
          ])
        const rows = await base.where('people.prison_number', 'in', wanted).execute()
        const found = new Set(rows.map((r) => r.prison_number))
        const missing = wanted.filter((n) => !found.has(n))
        if (missing.length > 0)
          throw new ValidationError([
            {
              path: 'prisonNumbers',
              message: `No person with prison number ${missing.slice(0, 10).join(', ')}`,
            },
          ])
        const elsewhere = rows.filter((r) => !mine(r.prison_id))
        if (elsewhere.length > 0)
          throw new ValidationError([
            {
              path: 'prisonNumbers',
              message: `${elsewhere
                .map((r) => r.prison_number)
                .slice(0, 10)
                .join(', ')} not in your prisons`,
            },
          ])
        return rows.map((r) => Number(r.id))
      }
    }
  }

  async runRow(id: string) {
    return this.db.selectFrom('recheck_runs').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A run `user` may see (404 otherwise: a manager sees runs for their prisons and wider runs). */
  async get(user: User, id: string): Promise<RunView> {
    const row = await this.runRow(id)
    if (!row) throw new NotFoundError('Re-check run')
    const run = toRunView(row)
    if (!this.mayRead(user, run)) throw new NotFoundError('Re-check run')
    return run
  }

  private mayRead(user: User, run: RunView): boolean {
    if (seesEstate(user)) return true
    return run.scope.kind !== 'prison' || user.caseload.prisons.includes(run.scope.prisonId)
  }

  async list(user: User, limit = 50): Promise<RunView[]> {
    const rows = await this.db
      .selectFrom('recheck_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(500)
      .execute()
    return rows
      .map(toRunView)
      .filter((r) => this.mayRead(user, r))
      .slice(0, limit)
  }

  async cancel(user: User, id: string, version: number): Promise<RunView> {
    const run = await this.get(user, id)
    const allowed =
      user.roles.includes('admin') ||
      (user.roles.includes('manager') &&
        run.scope.kind === 'prison' &&
        user.caseload.prisons.includes(run.scope.prisonId)) ||
      run.startedBy === user.username
    if (!allowed) throw new ValidationError([{ path: 'run', message: 'You cannot cancel this re-check' }])
    if (run.status !== 'RUNNING') throw new ConflictError('This re-check has already finished')
    await this.store.change({ username: user.username }, async ({ trx, at, audit }) => {
      const done = await trx
        .updateTable('recheck_runs')
        .set({ status: 'CANCELLED', cancelled_by: user.username, finished_at: at, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'RUNNING')
        .executeTakeFirst()
      if (Number(done.numUpdatedRows) !== 1) throw new ConflictError()
      await trx
        .updateTable('recheck_batches')
        .set({ status: 'CANCELLED' })
        .where('run_id', '=', id)
        .where('status', 'in', ['PENDING', 'CLAIMED'])
        .execute()
      await audit({ action: 'RECHECK_RUN_CANCELLED', subjectType: 'recheck-run', subjectId: id })
    })
    return this.get(user, id)
  }

  // ---- the queue ----

  /** Claims the next batch of a running run (`runId`, or any), or null when there is none. */
  async claim(workerId: string, runId?: string): Promise<Claim | null> {
    const now = this.store.clock.now().getTime()
    const leaseUntil = now + this.settings.leaseSeconds * 1000
    const runFilter = runId ? sql`and b.run_id = ${runId}` : sql``
    const pick =
      this.store.database.dialect === 'postgres'
        ? sql`select b.run_id, b.batch_no from recheck_batches b join recheck_runs r on r.id = b.run_id
            where r.status = 'RUNNING' ${runFilter}
              and (b.status = 'PENDING' or (b.status = 'CLAIMED' and b.lease_until < ${now}))
            order by r.started_at, b.batch_no limit 1 for update of b skip locked`
        : sql`select b.run_id, b.batch_no from recheck_batches b join recheck_runs r on r.id = b.run_id
            where r.status = 'RUNNING' ${runFilter}
              and (b.status = 'PENDING' or (b.status = 'CLAIMED' and b.lease_until < ${now}))
            order by r.started_at, b.batch_no limit 1`
    return this.db.transaction().execute(async (trx) => {
      const picked = await pick.execute(trx)
      const row = picked.rows[0] as { run_id: string; batch_no: number } | undefined
      if (!row) return null
      const claimed = await trx
        .updateTable('recheck_batches')
        .set((eb) => ({
          status: 'CLAIMED',
          claimed_by: workerId,
          lease_until: leaseUntil,
          attempts: eb('attempts', '+', 1),
        }))
        .where('run_id', '=', row.run_id)
        .where('batch_no', '=', Number(row.batch_no))
        .returning(['run_id', 'batch_no', 'person_ids'])
        .executeTakeFirstOrThrow()
      return {
        runId: claimed.run_id,
        batchNo: Number(claimed.batch_no),
        personIds: JSON.parse(claimed.person_ids) as number[],
        workerId,
      }
    })
  }

  /** What a worker needs to compute a claimed batch. */
  async workFor(claim: Claim): Promise<{ work: PersonWork[]; params: RunParams }> {
    const run = await this.runRow(claim.runId)
    if (!run) throw new NotFoundError('Re-check run')
    const lawChange = run.law_change ? engineChange(JSON.parse(run.law_change) as LawChange) : undefined
    const params: RunParams = {
      kind: run.kind as RunKind,
      today: run.today,
      profile: run.profile as LegislationProfileName,
      bankHolidays: [...(await this.bankHolidays.dates())],
      ...(lawChange ? { lawChange } : {}),
    }
    return { work: await loadWork(this.db, this.bookings, claim.personIds), params }
  }

  /** Applies a computed batch once: its findings and the run's progress, in one transaction. */
  async apply(claim: Claim, result: BatchResult): Promise<ApplyOutcome> {
    await this.beforeApply()
    return this.store.change({ username: `recheck-worker:${claim.workerId}` }, async ({ trx, at, audit }) => {
      const flipped = await trx
        .updateTable('recheck_batches')
        .set({
          status: 'APPLIED',
          applied_by: claim.workerId,
          applied_at: at,
          summary: JSON.stringify(result.summary),
        })
        .where('run_id', '=', claim.runId)
        .where('batch_no', '=', claim.batchNo)
        .where('status', '=', 'CLAIMED')
        .executeTakeFirst()
      if (Number(flipped.numUpdatedRows) !== 1) {
        const now = await trx
          .selectFrom('recheck_batches')
          .select('status')
          .where('run_id', '=', claim.runId)
          .where('batch_no', '=', claim.batchNo)
          .executeTakeFirst()
        return now?.status === 'APPLIED' ? 'already-applied' : 'cancelled'
      }
      const rows = result.findings.map((f) => ({
        run_id: claim.runId,
        batch_no: claim.batchNo,
        person_id: f.personId,
        prison_id: f.prisonId,
        prison_number: f.prisonNumber,
        outcome: f.comparison.outcome,
        impact: f.comparison.impact,
        priority: f.comparison.priority,
        recorded_release: f.comparison.recordedRelease,
        engine_release: f.comparison.engineRelease,
        days_difference: f.comparison.daysDifference,
        details: JSON.stringify({
          differences: f.comparison.differences,
          refusalCodes: f.comparison.refusalCodes,
        }),
        triage: JSON.stringify(NEW_TRIAGE),
        triage_status: 'OPEN',
        version: 1,
      }))
      for (const chunk of splitIntoBatches(rows, 200))
        await trx.insertInto('recheck_findings').values(chunk).execute()
      const run = await trx
        .updateTable('recheck_runs')
        .set((eb) => ({
          applied_batches: eb('applied_batches', '+', 1),
          checked_people: eb('checked_people', '+', result.summary.checked + result.summary.notCalculated),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', claim.runId)
        .returning(['applied_batches', 'total_batches'])
        .executeTakeFirstOrThrow()
      if (Number(run.applied_batches) === Number(run.total_batches))
        await trx
          .updateTable('recheck_runs')
          .set({ status: 'COMPLETED', finished_at: at })
          .where('id', '=', claim.runId)
          .where('status', '=', 'RUNNING')
          .execute()
      await audit({
        action: 'RECHECK_BATCH_APPLIED',
        subjectType: 'recheck-run',
        subjectId: `${claim.runId}/${claim.batchNo}`,
        after: { findings: rows.length, checked: result.summary.checked },
      })
      return 'applied'
    })
  }

  // ---- findings and triage ----

  private toFinding(r: {
    id: number
    run_id: string
    person_id: number
    prison_id: string
    prison_number: string
    outcome: string
    impact: string
    priority: string
    recorded_release: string | null
    engine_release: string | null
    days_difference: number | null
    details: string
    triage: string
    version: number
  }): FindingView {
    const details = JSON.parse(r.details) as { differences: DateDifference[]; refusalCodes: string[] }
    return {
      id: Number(r.id),
      runId: r.run_id,
      personId: Number(r.person_id),
      prisonId: r.prison_id,
      prisonNumber: r.prison_number,
      outcome: r.outcome as FindingView['outcome'],
      impact: r.impact as Impact,
      priority: r.priority as Priority,
      recordedRelease: r.recorded_release,
      engineRelease: r.engine_release,
      daysDifference: r.days_difference === null ? null : Number(r.days_difference),
      differences: details.differences,
      refusalCodes: details.refusalCodes,
      triage: JSON.parse(r.triage) as TriageState,
      version: Number(r.version),
    }
  }

  /** A run's findings that `user` may see, in triage order (urgent first, soonest release). */
  async findings(
    user: User,
    runId: string,
    filter: { prisonId?: string; status?: TriageStatus } = {},
  ): Promise<FindingView[]> {
    await this.get(user, runId)
    const visible = this.visiblePrisons(user)
    let q = this.db.selectFrom('recheck_findings').selectAll().where('run_id', '=', runId)
    if (visible) q = q.where('prison_id', 'in', visible.length > 0 ? visible : [''])
    if (filter.prisonId) q = q.where('prison_id', '=', filter.prisonId)
    if (filter.status) q = q.where('triage_status', '=', filter.status)
    const rows = await q.execute()
    return rows.map((r) => this.toFinding(r)).sort(triageOrder)
  }

  async finding(user: User, id: number): Promise<FindingView> {
    const row = await this.db
      .selectFrom('recheck_findings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    const visible = this.visiblePrisons(user)
    if (!row || (visible && !visible.includes(row.prison_id))) throw new NotFoundError('Finding')
    return this.toFinding(row)
  }

  /** Releases per week over the run's applied batches. */
  async weekly(runId: string): Promise<WeeklyReleases> {
    const rows = await this.db
      .selectFrom('recheck_batches')
      .select('summary')
      .where('run_id', '=', runId)
      .where('status', '=', 'APPLIED')
      .execute()
    return sumWeekly(
      rows.map((r) => (JSON.parse(r.summary ?? '{}') as Partial<BatchSummary>).weekly).filter((w) => !!w),
    )
  }

  mayTriage(user: User, prisonId: string): boolean {
    return mayTriage(this.triageActor(user), prisonId)
  }

  private triageActor(user: User) {
    return {
      username: user.username,
      roles: user.roles,
      estateWide: user.caseload.estateWide,
      prisons: user.caseload.prisons,
    }
  }

  /**
   * Decides a triage command and stores it; resolving by recalculation marks the person's dates
   * "recalculation required" in the same transaction. Stale `version` → 409.
   */
  async triage(user: User, id: number, version: number, command: TriageCommand): Promise<FindingView> {
    const finding = await this.finding(user, id)
    if (finding.version !== version) throw new ConflictError()
    const decision = decideTriage(
      command,
      finding.triage,
      finding.prisonId,
      this.triageActor(user),
      this.store.nowIso(),
    )
    if (!decision.ok)
      throw new ValidationError([
        { path: decision.refusal.field ?? 'action', message: decision.refusal.message },
      ])
    const person = await this.people.findByPrisonNumber(finding.prisonNumber)
    if (!person) throw new NotFoundError('Person')
    await this.store.change({ username: user.username }, async (ctx) => {
      if (command.type === 'Resolve' && command.resolution === 'RECALCULATE') {
        const marked = await this.calculationJourney.requireRecalculationIn(
          ctx,
          user,
          person,
          `An oversight re-check found the engine's dates differ from the recorded dates (run ${finding.runId.slice(0, 8)})`,
          { kind: 'oversight-recheck', reference: `${finding.runId}/${finding.id}` },
        )
        if (!marked.ok) throw new ValidationError([{ path: 'resolution', message: marked.refusal.message }])
      }
      const done = await ctx.trx
        .updateTable('recheck_findings')
        .set({
          triage: JSON.stringify(decision.state),
          triage_status: decision.state.status,
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(done.numUpdatedRows) !== 1) throw new ConflictError()
      await ctx.audit({
        action: 'RECHECK_TRIAGE',
        prisonId: finding.prisonId,
        subjectType: 'recheck-finding',
        subjectId: `${finding.runId}/${finding.prisonNumber}`,
        before: { status: finding.triage.status },
        after: {
          status: decision.state.status,
          command: command.type,
          assignedTo: decision.state.assignedTo,
        },
      })
    })
    return this.finding(user, id)
  }
}
