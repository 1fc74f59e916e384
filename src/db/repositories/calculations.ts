/**
 * Calculations: each keeps the full input snapshot and the result, who ran it, where and why.
 * The calculate / confirm / second-check journey that uses this is "The service, part 2".
 */
import { canonicalJson } from '../../audit/audit.js'
import type { Actor, Store } from '../store.js'
import type { Person } from './people.js'

export const CALCULATION_STATUSES = ['PRELIMINARY', 'CONFIRMED', 'CHECKED', 'SUPERSEDED', 'ERROR'] as const
export type CalculationStatus = (typeof CALCULATION_STATUSES)[number]
export const CALCULATION_SOURCES = ['ENGINE', 'MANUAL', 'OVERRIDE', 'IMPORTED'] as const
export type CalculationSource = (typeof CALCULATION_SOURCES)[number]

export interface Calculation {
  id: number
  prisonId: string
  reason: string
  status: CalculationStatus
  source: CalculationSource
  inputSnapshot: unknown
  result: unknown
  calculatedBy: string
  calculatedAt: string
  version: number
}

export class CalculationsRepository {
  constructor(private readonly store: Store) {}

  async record(
    actor: Actor,
    person: Person,
    c: { reason: string; status: CalculationStatus; source: CalculationSource; inputSnapshot: unknown; result: unknown },
  ): Promise<number> {
    return this.store.change(actor, async ({ trx, at, audit }) => {
      const row = await trx
        .insertInto('calculations')
        .values({
          person_id: person.id,
          booking_id: person.bookingId,
          prison_id: person.prisonId,
          reason: c.reason,
          status: c.status,
          source: c.source,
          input_snapshot: canonicalJson(c.inputSnapshot),
          result: c.result === undefined ? null : canonicalJson(c.result),
          calculated_by: actor.username,
          calculated_at: at,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit({ action: 'CALCULATION_RECORDED', prisonId: person.prisonId, subjectType: 'calculation', subjectId: `${person.prisonNumber}/${row.id}`, after: { reason: c.reason, status: c.status, source: c.source } })
      return Number(row.id)
    })
  }

  async listFor(person: Person): Promise<Calculation[]> {
    const rows = await this.store.db.selectFrom('calculations').selectAll().where('person_id', '=', person.id).orderBy('id', 'desc').execute()
    return rows.map((r) => ({
      id: Number(r.id),
      prisonId: r.prison_id,
      reason: r.reason,
      status: r.status as CalculationStatus,
      source: r.source as CalculationSource,
      inputSnapshot: JSON.parse(r.input_snapshot) as unknown,
      result: r.result === null ? null : (JSON.parse(r.result) as unknown),
      calculatedBy: r.calculated_by,
      calculatedAt: r.calculated_at,
      version: Number(r.version),
    }))
  }
}
