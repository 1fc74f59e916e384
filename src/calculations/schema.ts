/**
 * Table types of the calculation journey (migration 0002), layered over the foundation's DB so
 * the shared schema file stays untouched.
 */
import type { Generated, Kysely, Transaction } from 'kysely'
import type { CalculationTable, DB } from '../db/schema.js'

export interface CalculationEventTable {
  id: Generated<number>
  person_id: number
  sequence: number
  calculation_id: string
  event_type: string
  payload: string
  actor: string
  prison_id: string
  at: string
}

export interface BankHolidayTable {
  date: string
  title: string
}

export interface JourneyDB extends Omit<DB, 'calculations'> {
  calculations: CalculationTable & { calculation_ref: string | null; check_status: string | null }
  calculation_events: CalculationEventTable
  bank_holidays: BankHolidayTable
}

export const journeyDb = (db: Kysely<DB>): Kysely<JourneyDB> => db as unknown as Kysely<JourneyDB>
export const journeyTrx = (trx: Transaction<DB>): Transaction<JourneyDB> =>
  trx as unknown as Transaction<JourneyDB>
