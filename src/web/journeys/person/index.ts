/** A person's page: details, sentences grouped by court case, adjustments. */
import type { FastifyInstance } from 'fastify'
import { READ_PEOPLE } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { ADJUSTMENT_TYPE_LABELS, UAL_REASON_LABELS } from '../../labels.js'
import { sentenceUrls } from '../sentence/urls.js'
import { sentenceSummaries, type SentenceSummary } from '../sentence/describe.js'
import { personDetailsUrls } from '../person-details/urls.js'
import { bookingImportUrls } from '../booking-import/urls.js'
import { courtCaseUrls } from '../court-case/urls.js'
import { adjustmentUrls } from '../adjustment/urls.js'
import { findPersonUrls } from '../find-a-person/urls.js'
import { personUrls } from './urls.js'
import { calculationSection } from '../calculation/index.js'
import { courtsSection } from '../court-queries/person-section.js'

export function personJourney(app: FastifyInstance): void {
  app.get(
    '/people/:prisonNumber',
    { config: { access: { roles: READ_PEOPLE, prison: 'person' } } },
    async (req, reply) => {
      const person = requirePerson(req)
      const records = await app.services.bookings.load(person.bookingId)
      const canEdit = req.user!.roles.includes('calculator')
      const sentences = sentenceSummaries(records)
      const describe = (x: SentenceSummary) => ({
        id: Number(x.row.id),
        label: x.label,
        type: x.type,
        length: x.length,
        sentencedAt: x.sentencedAt,
        offence: x.offence,
        consecutiveTo: x.consecutiveTo,
        recall: x.recall,
        editUrl: sentenceUrls.edit(person.prisonNumber, Number(x.row.id)),
        removeUrl: sentenceUrls.remove(person.prisonNumber, Number(x.row.id)),
      })
      const courtCases = records.courtCases.map((c) => ({
        caseSequence: Number(c.case_sequence),
        caseReference: c.case_reference,
        courtName: c.court_name,
        sentences: sentences.filter((x) => x.cc && Number(x.cc.id) === Number(c.id)).map(describe),
      }))
      const unassigned = sentences.filter((x) => !x.cc).map(describe)
      const adjustments = records.adjustments.map((a) => ({
        id: Number(a.id),
        type: ADJUSTMENT_TYPE_LABELS[a.type as keyof typeof ADJUSTMENT_TYPE_LABELS] ?? a.type,
        days: Number(a.number_of_days),
        from: a.from_date,
        to: a.to_date,
        appliesFrom: a.applies_to_sentences_from,
        reason: a.ual_reason ? (UAL_REASON_LABELS[a.ual_reason] ?? a.ual_reason) : undefined,
        daysDifferReason: a.days_differ_reason ?? undefined,
        editUrl: adjustmentUrls.edit(person.prisonNumber, Number(a.id)),
        removeUrl: adjustmentUrls.remove(person.prisonNumber, Number(a.id)),
      }))
      const bk = records.booking
      const custody = [
        bk.return_to_custody_date
          ? { key: 'Returned to custody', value: bk.return_to_custody_date }
          : undefined,
        Number(bk.has_ftr_details) === 1
          ? {
              key: 'Fixed-term recall',
              value: `${bk.ftr_recall_length ?? 0} days${bk.ftr_return_to_custody_date ? `, returned to custody ${bk.ftr_return_to_custody_date}` : ''}`,
            }
          : undefined,
        Number(bk.has_historical_tused) === 1 && bk.historical_tused
          ? {
              key: 'Earlier top-up supervision expiry',
              value: `${bk.historical_tused}${bk.historical_tused_source ? ` (${bk.historical_tused_source})` : ''}`,
            }
          : undefined,
      ].filter((x) => x !== undefined)
      const movements = records.movements.map((m) => ({
        date: m.movement_date,
        reason: m.movement_reason,
        direction: m.direction === 'IN' ? 'In' : 'Out',
      }))
      const flash = req.session.get('flash')
      if (flash) req.session.set('flash', undefined)
      const calculations = await calculationSection(app, req, person)
      return reply.render('journeys/person/view.njk', {
        ...calculations,
        ...(await courtsSection(app, req, person)),
        pageTitle: `${person.firstName} ${person.lastName}`,
        person,
        aliasesText: person.aliases.map((a) => `${a.firstName} ${a.lastName}`).join(', '),
        courtCases,
        unassigned,
        adjustments,
        custody,
        movements,
        canEdit,
        flash,
        backLink: findPersonUrls.search(),
        addSentenceUrl: sentenceUrls.add(person.prisonNumber),
        addCourtCaseUrl: courtCaseUrls.add(person.prisonNumber),
        bookingJsonUrl: personUrls.bookingJson(person.prisonNumber),
        addAdjustmentUrl: adjustmentUrls.add(person.prisonNumber),
        changeDetailsUrl: personDetailsUrls.edit(person.prisonNumber),
        importBookingUrl: bookingImportUrls.import(person.prisonNumber),
      })
    },
  )

  /** The booking exactly as the engine will read it (reference booking format), as a download. */
  app.get(
    '/people/:prisonNumber/booking.json',
    { config: { access: { roles: READ_PEOPLE, prison: 'person' } } },
    async (req, reply) => {
      const person = requirePerson(req)
      const booking = await app.services.bookings.export(person)
      return reply
        .header('content-disposition', `attachment; filename="booking-${person.prisonNumber}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(booking, null, 2))
    },
  )
}
