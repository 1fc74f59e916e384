/**
 * Which people a court user may see: those with a case at one of their courts — a court case on
 * the person's booking at that court, an order or change that court recorded for them, or a
 * query the prison addressed to that court. One SQL predicate, used by the person search and by
 * the access check on every person route.
 */
import type { ExpressionBuilder } from 'kysely'
import type { DB } from '../../db/schema.js'

export function hasCaseAtCourts(eb: ExpressionBuilder<DB, 'people'>, courts: readonly string[]) {
  const list = [...courts]
  return eb.or([
    eb.exists(
      eb
        .selectFrom('court_cases')
        .innerJoin('bookings', 'bookings.id', 'court_cases.booking_id')
        .select('court_cases.id')
        .whereRef('bookings.person_id', '=', 'people.id')
        .where('court_cases.court_code', 'in', list),
    ),
    eb.exists(
      eb
        .selectFrom('court_orders')
        .select('court_orders.id')
        .whereRef('court_orders.person_id', '=', 'people.id')
        .where('court_orders.court_code', 'in', list),
    ),
    eb.exists(
      eb
        .selectFrom('court_query_courts')
        .innerJoin('court_queries', 'court_queries.id', 'court_query_courts.query_id')
        .select('court_queries.id')
        .whereRef('court_queries.person_id', '=', 'people.id')
        .where('court_query_courts.court_code', 'in', list),
    ),
  ])
}
