/**
 * Reads SafeRelease's own records for the board: the register, discharges (through the
 * `DischargesReader` port), confirmed calculations, second checks from the calculation events,
 * court queries and court changes. The figures themselves are worked out by the pure
 * `boardFigures` (domain/figures.ts). Managers get their own prisons; estate-wide readers any.
 */
import { LocalDate, YearMonth } from '@js-joda/core'
import { sql } from 'kysely'
import type { Caseload } from '../../../accounts/roles.js'
import type { Store } from '../../../db/store.js'
import { releaseDateOf } from '../../register/domain/as-at.js'
import type { RootCause } from '../../register/domain/taxonomy.js'
import type { ReleaseDates } from '../../../calculation/domain/index.js'
import {
  boardFigures,
  thirteenMonths,
  type BoardCalculation,
  type BoardCheck,
  type BoardFigures,
  type BoardFirstCalculation,
  type LiveIndicators,
} from '../domain/figures.js'
import type { DischargesReader } from '../domain/ports.js'
import { NotFoundError } from '../../../db/errors.js'

const SOURCE: Record<string, BoardCalculation['source']> = {
  ENGINE: 'engine',
  MANUAL: 'manual',
  OVERRIDE: 'override',
}

export interface BoardScope {
  /** The prisons the figures cover. */
  prisons: { id: string; name: string }[]
  estateWide: boolean
  /** Set when one prison was asked for. */
  prisonId?: string
}

export interface BoardPack extends BoardFigures {
  scope: BoardScope
  producedAt: string
}

export class BoardService {
  constructor(
    private readonly store: Store,
    private readonly discharges: DischargesReader,
  ) {}

  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(this.store.clock.now())
  }

  /** The last whole month: what a monthly pack normally covers. */
  lastMonth(): string {
    return YearMonth.from(LocalDate.parse(this.today())).minusMonths(1).toString()
  }

  /** The prisons a user's figures cover (one of them when `prisonId` is given). */
  async scopeFor(caseload: Caseload, prisonId?: string): Promise<BoardScope> {
    const all = await this.store.db.selectFrom('prisons').select(['id', 'name']).orderBy('id').execute()
    const mine = caseload.estateWide ? all : all.filter((p) => caseload.prisons.includes(p.id))
    if (prisonId !== undefined) {
      const one = mine.find((p) => p.id === prisonId)
      if (!one) throw new NotFoundError('Prison')
      return { prisons: [one], estateWide: false, prisonId }
    }
    return { prisons: mine, estateWide: caseload.estateWide }
  }

  async pack(caseload: Caseload, month: string, prisonId?: string): Promise<BoardPack> {
    const scope = await this.scopeFor(caseload, prisonId)
    const ids = scope.prisons.map((p) => p.id)
    const months = thirteenMonths(month)
    const from = `${months[0]}-01`
    const to = YearMonth.parse(month).atEndOfMonth().toString()
    // Instants a day either side of the UK months; the domain assigns each to its UK month.
    const fromInstant = `${LocalDate.parse(from).minusDays(1).toString()}T00:00:00.000Z`
    const toInstant = `${LocalDate.parse(to).plusDays(2).toString()}T00:00:00.000Z`
    const none = ids.length === 0
    const db = this.store.db

    const entries = none
      ? []
      : await db
          .selectFrom('register_entries')
          .select([
            'direction',
            'released_on',
            'prison_id',
            'days',
            'root_causes',
            'detected_at',
            'police_notified_at',
          ])
          .where('released_on', '>=', from)
          .where('released_on', '<=', to)
          .where('prison_id', 'in', ids)
          .execute()
    const calculations = none
      ? []
      : await db
          .selectFrom('calculations')
          .select(['person_id', 'prison_id', 'calculated_at', 'source'])
          .where('calculated_at', '>=', fromInstant)
          .where('calculated_at', '<', toInstant)
          .where('prison_id', 'in', ids)
          .execute()
    const checkEvents = none
      ? []
      : await db
          .selectFrom('calculation_events')
          .select(['calculation_id', 'event_type', 'payload', 'prison_id', 'at', 'sequence', 'person_id'])
          .where('event_type', 'in', ['CheckEntrySubmitted', 'RecordFlagged', 'CalculationVerified'])
          .where('at', '>=', fromInstant)
          .where('at', '<', toInstant)
          .where('prison_id', 'in', ids)
          .orderBy('person_id')
          .orderBy('sequence')
          .execute()
    const firsts = none
      ? []
      : await db
          .selectFrom('calculations')
          .innerJoin('people', 'people.id', 'calculations.person_id')
          .select([
            'people.prison_id as prison_id',
            'people.created_at as received_at',
            sql<string>`min(calculations.calculated_at)`.as('first_at'),
          ])
          .where('people.prison_id', 'in', ids)
          .groupBy(['calculations.person_id', 'people.prison_id', 'people.created_at'])
          .having(sql<string>`min(calculations.calculated_at)`, '>=', fromInstant)
          .execute()

    const discharges = none ? [] : await this.discharges.dischargesByMonth(months[0]!, month, ids)
    const figures = boardFigures({
      month,
      prisons: scope.prisons,
      discharges: discharges.filter((d) => ids.includes(d.prisonId)),
      entries: entries.map((e) => ({
        direction: e.direction as 'EARLY' | 'LATE',
        releasedOn: e.released_on,
        prisonId: e.prison_id,
        days: Number(e.days),
        rootCauses: JSON.parse(e.root_causes) as RootCause[],
        detectedAt: e.detected_at,
        policeNotifiedAt: e.police_notified_at,
      })),
      calculations: calculations.map((c) => ({
        personId: Number(c.person_id),
        prisonId: c.prison_id,
        confirmedAt: c.calculated_at,
        source: SOURCE[c.source] ?? 'engine',
      })),
      checks: checkOutcomes(checkEvents),
      firstCalculations: firsts.map((f): BoardFirstCalculation => ({
        prisonId: f.prison_id,
        receivedAt: f.received_at,
        firstCalculatedAt: f.first_at,
      })),
      live: await this.live(ids),
    })
    return { ...figures, scope, producedAt: this.store.nowIso() }
  }

  /** The live leading indicators for these prisons (every prison when undefined). */
  async live(prisons?: readonly string[]): Promise<LiveIndicators> {
    if (prisons !== undefined && prisons.length === 0)
      return {
        releasesNext14Days: 0,
        releasesNext14DaysWithoutVerifiedCalculation: 0,
        courtQueriesPastSla: 0,
        courtChangesUnacknowledgedPastDeadline: 0,
      }
    const db = this.store.db
    const now = this.store.nowIso()
    const today = this.today()
    const horizon = LocalDate.parse(today).plusDays(14).toString()
    let current = db
      .selectFrom('calculations')
      .innerJoin('people', 'people.id', 'calculations.person_id')
      .select(['calculations.result', 'calculations.check_status'])
      .where('calculations.status', 'in', ['CONFIRMED', 'CHECKED'])
    if (prisons) current = current.where('people.prison_id', 'in', prisons)
    let releases = 0
    let unverified = 0
    for (const row of await current.execute()) {
      const dates =
        (row.result ? (JSON.parse(row.result) as { dates?: ReleaseDates }).dates : undefined) ?? {}
      const release = releaseDateOf(dates)
      if (!release || release.date < today || release.date > horizon) continue
      releases++
      if (row.check_status !== 'verified') unverified++
    }
    let queries = db
      .selectFrom('court_queries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'OPEN')
      .where('due_by', '<', now)
    if (prisons) queries = queries.where('prison_id', 'in', prisons)
    let orders = db
      .selectFrom('court_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'SENT')
      .where('due_by', '<', now)
    if (prisons) orders = orders.where('sent_to_prison_id', 'in', prisons)
    return {
      releasesNext14Days: releases,
      releasesNext14DaysWithoutVerifiedCalculation: unverified,
      courtQueriesPastSla: Number((await queries.executeTakeFirst())?.n ?? 0),
      courtChangesUnacknowledgedPastDeadline: Number((await orders.executeTakeFirst())?.n ?? 0),
    }
  }
}

/**
 * One outcome per second check: the first difference it found (an entry that differed, or a
 * record flagged), or its verification when it found none. A check whose difference was found
 * before the window and resolved inside it is not counted again.
 */
export function checkOutcomes(
  events: { calculation_id: string; event_type: string; payload: string; prison_id: string; at: string }[],
): BoardCheck[] {
  const decided = new Set<string>()
  const out: BoardCheck[] = []
  for (const e of events) {
    if (decided.has(e.calculation_id)) continue
    const payload = JSON.parse(e.payload) as { differences?: unknown[]; how?: string }
    let differencesFound: boolean | undefined
    if (e.event_type === 'RecordFlagged') differencesFound = true
    else if (e.event_type === 'CheckEntrySubmitted') {
      if ((payload.differences?.length ?? 0) > 0) differencesFound = true
    } else if (e.event_type === 'CalculationVerified' && payload.how !== 'differences-resolved')
      differencesFound = false
    if (differencesFound === undefined) continue
    decided.add(e.calculation_id)
    out.push({ prisonId: e.prison_id, at: e.at, differencesFound })
  }
  return out
}
