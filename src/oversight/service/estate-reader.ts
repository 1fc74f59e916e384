/**
 * Reads a batch of people for a re-check in a handful of queries (not one per person): each
 * person's active booking exported in the reference format (exactly what the engine is given,
 * through BookingRepository.toReference) and their confirmed dates from the `calculations`
 * read rows the calculation journey keeps.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { BookingRecords, BookingRepository } from '../../db/repositories/booking.js'
import type { Person } from '../../db/repositories/people.js'
import type { Dates } from '../domain/index.js'
import type { PersonWork } from './compute.js'

function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k)
    if (list) list.push(r)
    else out.set(k, [r])
  }
  return out
}

export async function loadWork(
  db: Kysely<DB>,
  bookings: BookingRepository,
  personIds: readonly number[],
): Promise<PersonWork[]> {
  if (personIds.length === 0) return []
  const ids = [...personIds]
  const people = await db
    .selectFrom('people')
    .innerJoin('bookings', (j) =>
      j.onRef('bookings.person_id', '=', 'people.id').on('bookings.active', '=', 1),
    )
    .selectAll('bookings')
    .select([
      'people.id as pid',
      'people.prison_number',
      'people.first_name',
      'people.last_name',
      'people.date_of_birth',
      'people.prison_id',
      'people.is_active_sex_offender',
      'people.version as person_version',
    ])
    .where('people.id', 'in', ids)
    .orderBy('people.id')
    .execute()
  const bookingIds = people.map((p) => Number(p.id))
  if (bookingIds.length === 0) return []
  const [courtCases, sentences, adjustments, movements, confirmed] = await Promise.all([
    db
      .selectFrom('court_cases')
      .selectAll()
      .where('booking_id', 'in', bookingIds)
      .orderBy('case_sequence')
      .execute(),
    db
      .selectFrom('sentences')
      .selectAll()
      .where('booking_id', 'in', bookingIds)
      .orderBy('booking_id')
      .orderBy('ordinal')
      .orderBy('id')
      .execute(),
    db.selectFrom('adjustments').selectAll().where('booking_id', 'in', bookingIds).orderBy('id').execute(),
    db
      .selectFrom('external_movements')
      .selectAll()
      .where('booking_id', 'in', bookingIds)
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('calculations')
      .select(['person_id', 'result', 'id'])
      .where('person_id', 'in', ids)
      .where('status', 'in', ['CONFIRMED', 'CHECKED'])
      .orderBy('id')
      .execute(),
  ])
  const cases = groupBy(courtCases, (r) => Number(r.booking_id))
  const sents = groupBy(sentences, (r) => Number(r.booking_id))
  const adjs = groupBy(adjustments, (r) => Number(r.booking_id))
  const moves = groupBy(movements, (r) => Number(r.booking_id))
  // The newest confirmed row is the current one (an older one is superseded in the same transaction).
  const recorded = new Map<number, Dates>()
  for (const c of confirmed) {
    const result = c.result ? (JSON.parse(c.result) as { dates?: Dates }) : {}
    recorded.set(Number(c.person_id), result.dates ?? {})
  }
  return people.map((p) => {
    const bookingId = Number(p.id)
    const person: Person = {
      id: Number(p.pid),
      prisonNumber: p.prison_number,
      firstName: p.first_name,
      lastName: p.last_name,
      aliases: [],
      dateOfBirth: p.date_of_birth,
      prisonId: p.prison_id,
      prisonName: '',
      isActiveSexOffender: Number(p.is_active_sex_offender) === 1,
      version: Number(p.person_version),
      bookingId,
    }
    const records: BookingRecords = {
      booking: {
        id: bookingId,
        person_id: p.person_id,
        external_booking_id: p.external_booking_id,
        active: p.active,
        return_to_custody_date: p.return_to_custody_date,
        has_ftr_details: p.has_ftr_details,
        ftr_booking_id: p.ftr_booking_id,
        ftr_return_to_custody_date: p.ftr_return_to_custody_date,
        ftr_recall_length: p.ftr_recall_length,
        has_historical_tused: p.has_historical_tused,
        historical_tused: p.historical_tused,
        historical_tused_source: p.historical_tused_source,
        version: p.version,
      },
      courtCases: cases.get(bookingId) ?? [],
      sentences: sents.get(bookingId) ?? [],
      adjustments: adjs.get(bookingId) ?? [],
      movements: moves.get(bookingId) ?? [],
    } as BookingRecords
    return {
      personId: person.id,
      prisonId: person.prisonId,
      prisonNumber: person.prisonNumber,
      recorded: recorded.get(person.id) ?? null,
      booking: bookings.toReference(person, records),
    }
  })
}
