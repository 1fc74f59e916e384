/** The courts hotline on a person's page: their queries, and every order and change received. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isCourtUser } from '../../../accounts/roles.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  ORDER_KIND_LABELS,
  RAISE_QUERY,
  TRANSFER,
  hasAnyRole,
  isAcknowledgementOverdue,
  isOverdue,
  visibleToCourtActor,
} from '../../../courts/domain/index.js'
import { courtActorOf } from '../../../courts/service/courts-service.js'
import { courtOrderUrls } from '../court-orders/urls.js'
import { transferUrls } from '../transfer/urls.js'
import { courtQueryUrls } from './urls.js'
import { QUERY_KIND_LABELS, URGENCY_LABELS, formatWhen } from './shared.js'

export async function courtsSection(app: FastifyInstance, req: FastifyRequest, person: Person) {
  const { courts } = app.services
  const user = req.user!
  const actor = courtActorOf(user)
  const court = isCourtUser(user)
  const now = courts.nowIso()
  const names = await courts.courtNames()
  const queries = (await courts.queriesForPerson(person.id)).filter(
    (q) => !court || visibleToCourtActor(q, actor),
  )
  const orders = (await courts.ordersForPerson(person.id, { includeDrafts: court })).filter(
    (o) => !court || user.caseload.estateWide || actor.courts.includes(o.court),
  )
  return {
    courtQueries: queries.map((q) => ({
      url: courtQueryUrls.query(q.id),
      kind: QUERY_KIND_LABELS[q.kind],
      courts: q.courts.map((c) => names.get(c) ?? c).join(', '),
      raised: formatWhen(q.raisedAt),
      urgency: URGENCY_LABELS[q.urgency],
      status: q.status === 'ANSWERED' ? 'Answered' : isOverdue(q, now) ? 'Overdue' : 'Waiting for an answer',
      overdue: isOverdue(q, now),
    })),
    courtOrders: orders.map((o) => ({
      url: courtOrderUrls.order(o.id),
      kind: ORDER_KIND_LABELS[o.kind],
      court: names.get(o.court) ?? o.court,
      caseReference: o.caseReference,
      received: formatWhen(o.sentAt ?? o.recordedAt),
      acknowledged: o.status === 'ACKNOWLEDGED' || o.status === 'APPLIED',
      status:
        o.status === 'DRAFT'
          ? 'Draft'
          : o.status === 'SENT'
            ? isAcknowledgementOverdue(o, now)
              ? 'Not acknowledged: overdue'
              : 'Not acknowledged'
            : o.status === 'APPLIED'
              ? 'Acknowledged and applied'
              : 'Acknowledged',
      overdue: isAcknowledgementOverdue(o, now),
    })),
    raiseQueryUrl:
      !court && hasAnyRole(actor, RAISE_QUERY) ? courtQueryUrls.raise(person.prisonNumber) : undefined,
    transferUrl: hasAnyRole(actor, TRANSFER) ? transferUrls.transfer(person.prisonNumber) : undefined,
  }
}
