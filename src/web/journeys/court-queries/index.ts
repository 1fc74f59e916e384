/**
 * The hotline's pages for queries: the court queue (court staff, soonest deadline first, time
 * left, escalations), a prison's list of its queries, raising a query about a person, and one
 * query with every message, the reply and ask-back form and (court staff only) the answer form.
 * Post/redirect/get; every refusal is shown beside its field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isCourtUser } from '../../../accounts/roles.js'
import type { User } from '../../../accounts/users.js'
import type { Person } from '../../../db/repositories/people.js'
import {
  ALL_COURTS,
  ANSWER_OUTCOMES,
  COURT_QUERY_KINDS,
  COURT_WORK,
  HOLD_KINDS,
  HOTLINE_READERS,
  RAISE_QUERY,
  answerableBy,
  isOverdue,
  pendingCourts,
  timeLeft,
  type CourtQuery,
} from '../../../courts/domain/index.js'
import { courtActorOf } from '../../../courts/service/courts-service.js'
import { requirePerson } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, readDate, readVersion, str, type FormBody } from '../../forms.js'
import { personUrls } from '../person/urls.js'
import { courtOrderUrls } from '../court-orders/urls.js'
import { courtOrderJourney } from '../court-orders/index.js'
import { courtAdminJourney } from '../court-admin/index.js'
import { transferJourney } from '../transfer/index.js'
import { courtQueryUrls } from './urls.js'
import {
  HOLD_KIND_LABELS,
  ID,
  OUTCOME_LABELS,
  QUERY_KIND_LABELS,
  URGENCY_LABELS,
  URGENCY_TAGS,
  addRefusal,
  formatWhen,
  visibleQuery,
} from './shared.js'

/** Every courts hotline page journey (queries, orders and changes, courts, transfers). */
export function courtJourneys(app: FastifyInstance): void {
  courtQueryJourney(app)
  courtOrderJourney(app)
  courtAdminJourney(app)
  transferJourney(app)
}

const listOf = (body: FormBody, name: string): string[] => {
  const v = body[name]
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return arr.filter((x): x is string => typeof x === 'string').slice(0, 25)
}

export function courtQueryJourney(app: FastifyInstance): void {
  const { courts } = app.services
  const readers = { roles: HOTLINE_READERS, prison: 'none' } as const

  const row = async (
    q: CourtQuery,
    person: { prisonNumber: string; firstName: string; lastName: string; prisonId: string },
    names: Map<string, string>,
  ) => {
    const now = courts.nowIso()
    const left = timeLeft(q.dueBy, now)
    return {
      id: q.id,
      url: courtQueryUrls.query(q.id),
      person: `${person.lastName}, ${person.firstName}`,
      prisonNumber: person.prisonNumber,
      prisonId: person.prisonId,
      kind: QUERY_KIND_LABELS[q.kind],
      courts: q.courts.map((c) => names.get(c) ?? c).join(', '),
      urgency: URGENCY_LABELS[q.urgency],
      urgencyTag: URGENCY_TAGS[q.urgency],
      releaseDate: q.releaseDate,
      due: formatWhen(q.dueBy),
      timeLeft: q.status === 'OPEN' ? left.text : '',
      overdue: isOverdue(q, now),
      escalated: q.escalatedAt !== null && q.status === 'OPEN',
      status:
        q.status === 'ANSWERED'
          ? 'Answered'
          : q.awaiting === 'PRISON'
            ? 'Waiting for the prison'
            : 'Waiting for the court',
      answeredAt: formatWhen(q.answeredAt),
    }
  }

  app.get('/court-queries', { config: { access: readers } }, async (req, reply) => {
    const user = req.user!
    const status = (req.query as { status?: string }).status === 'ANSWERED' ? 'ANSWERED' : 'OPEN'
    const names = await courts.courtNames()
    const court = isCourtUser(user)
    const items = court
      ? await courts.queueFor(user, { status })
      : (await courts.queriesForPrisons(user.caseload.estateWide ? [] : user.caseload.prisons)).filter(
          (i) => i.query.status === status,
        )
    const rows = await Promise.all(items.map((i) => row(i.query, i.person, names)))
    const mine = user.caseload.courts ?? []
    const gaps = (await courts.messageGaps()).filter(
      (g) => !court || user.caseload.estateWide || mine.includes(g.court),
    )
    return reply.render('journeys/court-queries/list.njk', {
      pageTitle: court ? 'Court queries queue' : 'Queries with the courts',
      court,
      manager: user.roles.includes('court_manager'),
      status,
      rows,
      escalated: rows.filter((r) => r.escalated).length,
      overdue: rows.filter((r) => r.overdue).length,
      gaps,
      openUrl: courtQueryUrls.list('OPEN'),
      answeredUrl: courtQueryUrls.list('ANSWERED'),
    })
  })

  // --- raising a query (prison staff) ---------------------------------------------------------
  const raiseAccess = { roles: RAISE_QUERY, prison: 'person' } as const

  const renderRaise = async (
    reply: FastifyReply,
    person: Person,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) => {
    const records = await app.services.bookings.load(person.bookingId)
    const all = await courts.listCourts()
    const chosen = (values.courts as string[] | undefined) ?? []
    const ofCases = new Set(
      records.courtCases.map((c) => c.court_code).filter((c): c is string => c !== null),
    )
    const courtItems = [
      {
        value: ALL_COURTS,
        text: 'All courts: ask the national warrant query unit',
        checked: chosen.includes(ALL_COURTS),
      },
      { divider: 'or' },
      ...all
        .filter((c) => ofCases.has(c.code) || chosen.includes(c.code))
        .map((c) => ({
          value: c.code,
          text: `${c.name} (a court case here)`,
          checked: chosen.includes(c.code),
        })),
    ]
    return reply.status(status).render('journeys/court-queries/raise.njk', {
      pageTitle: 'Ask the courts',
      person,
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: personUrls.person(person.prisonNumber),
      kindItems: COURT_QUERY_KINDS.map((k) => ({ value: k, text: QUERY_KIND_LABELS[k] })),
      courtItems,
      otherCourtItems: [
        { value: '', text: 'Select another court' },
        ...all.filter((c) => !ofCases.has(c.code)).map((c) => ({ value: c.code, text: c.name })),
      ],
      caseItems: [
        { value: '', text: 'Not about one court case' },
        ...records.courtCases
          .filter((c) => c.case_reference)
          .map((c) => ({
            value: c.case_reference!,
            text: `${c.case_reference}${c.court_name ? `, ${c.court_name}` : ''}`,
          })),
      ],
    })
  }

  app.get(
    '/people/:prisonNumber/court-queries/new',
    { config: { access: raiseAccess } },
    async (req, reply) =>
      renderRaise(reply, requirePerson(req), { kind: 'OUTSTANDING_WARRANTS', courts: [] }),
  )

  app.post(
    '/people/:prisonNumber/court-queries/new',
    { config: { access: raiseAccess } },
    async (req, reply) => {
      const person = requirePerson(req)
      const body = (req.body ?? {}) as FormBody
      const errors = new FormErrors()
      const other = str(body, 'otherCourt', 10)
      const chosen = [...listOf(body, 'courts'), ...(other ? [other] : [])]
      const values = {
        kind: str(body, 'kind', 40),
        courts: chosen,
        otherCourt: other,
        caseReference: str(body, 'caseReference', 100),
        sentence: str(body, 'sentence', 500),
        question: str(body, 'question', 2000),
        releaseDate: {
          day: str(body, 'releaseDate-day', 4),
          month: str(body, 'releaseDate-month', 4),
          year: str(body, 'releaseDate-year', 6),
        },
      }
      const releaseDate = readDate(body, 'releaseDate', 'release date', errors, true)
      if (!errors.any) {
        try {
          const q = await courts.raiseQuery(req.user!, person, {
            kind: values.kind,
            courts: chosen,
            caseReference: values.caseReference || null,
            sentence: values.sentence || null,
            releaseDate: releaseDate ?? null,
            question: values.question,
          })
          req.session.set(
            'flash',
            `Query sent: ${URGENCY_LABELS[q.urgency].toLowerCase()} priority, answer due ${formatWhen(q.dueBy)}`,
          )
          return reply.redirect(courtQueryUrls.query(q.id))
        } catch (e) {
          const status = addRefusal(errors, e, { courts: 'courts' }, 'question')
          return renderRaise(reply, person, values, errors, status)
        }
      }
      return renderRaise(reply, person, values, errors, 400)
    },
  )

  // --- one query ------------------------------------------------------------------------------
  const idOf = (req: FastifyRequest) => {
    const id = (req.params as { queryId?: string }).queryId ?? ''
    if (!ID.test(id)) throw new HttpError(404, 'Query not found')
    return id
  }

  const renderQuery = async (
    reply: FastifyReply,
    req: FastifyRequest,
    opts: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) => {
    const user = req.user as User
    const { query: q, person } = await visibleQuery(courts, req, idOf(req))
    const names = await courts.courtNames()
    const now = courts.nowIso()
    const court = isCourtUser(user)
    const mayAnswer = court ? answerableBy(q, courtActorOf(user)) : []
    const flash = req.session.get('flash')
    if (flash) req.session.set('flash', undefined)
    const values = opts.values ?? {}
    return reply.status(opts.status ?? 200).render('journeys/court-queries/query.njk', {
      pageTitle: QUERY_KIND_LABELS[q.kind],
      flash,
      q,
      person,
      court,
      personUrl: court ? undefined : personUrls.person(person.prisonNumber),
      backLink: courtQueryUrls.list(q.status),
      kind: QUERY_KIND_LABELS[q.kind],
      courtsText: q.courts.map((c) => names.get(c) ?? c).join(', '),
      pending: pendingCourts(q).map((c) => names.get(c) ?? c),
      urgency: URGENCY_LABELS[q.urgency],
      urgencyTag: URGENCY_TAGS[q.urgency],
      raisedAt: formatWhen(q.raisedAt),
      due: formatWhen(q.dueBy),
      left: q.status === 'OPEN' ? timeLeft(q.dueBy, now) : undefined,
      escalatedAt: formatWhen(q.escalatedAt),
      messages: q.messages.map((m) => ({
        ...m,
        when: formatWhen(m.at),
        side: m.from === 'COURT' ? 'Court' : 'Prison',
      })),
      answers: q.answers.map((a) => ({
        ...a,
        courtName: names.get(a.court) ?? a.court,
        outcome: OUTCOME_LABELS[a.outcome],
        when: formatWhen(a.at),
        warrantKind: a.warrant ? HOLD_KIND_LABELS[a.warrant.kind] : undefined,
        changeUrl: a.changeId && court ? courtOrderUrls.order(a.changeId) : undefined,
      })),
      mayAnswer: mayAnswer.map((c) => ({ value: c, text: names.get(c) ?? c })),
      messageUrl: courtQueryUrls.message(q.id),
      answerUrl: courtQueryUrls.answer(q.id),
      values,
      outcomeItems: ANSWER_OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o] })),
      holdKindItems: HOLD_KINDS.map((k) => ({ value: k, text: HOLD_KIND_LABELS[k] })),
      errors: opts.errors?.byField ?? {},
      errorList: opts.errors?.list ?? [],
    })
  }

  app.get('/court-queries/:queryId', { config: { access: readers } }, async (req, reply) =>
    renderQuery(reply, req),
  )

  app.post('/court-queries/:queryId/messages', { config: { access: readers } }, async (req, reply) => {
    const id = idOf(req)
    await visibleQuery(courts, req, id)
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const text = str(body, 'text', 2000)
    if (text === '') errors.add('text', 'Enter your message')
    else {
      try {
        await courts.postQueryMessage(req.user!, id, text, readVersion(body))
        req.session.set('flash', 'Message added')
        return reply.redirect(courtQueryUrls.query(id))
      } catch (e) {
        const status = addRefusal(errors, e, {}, 'text')
        return renderQuery(reply, req, { values: { text }, errors, status })
      }
    }
    return renderQuery(reply, req, { values: { text }, errors, status: 400 })
  })

  app.post(
    '/court-queries/:queryId/answer',
    { config: { access: { roles: COURT_WORK, prison: 'none' } } },
    async (req, reply) => {
      const id = idOf(req)
      await visibleQuery(courts, req, id)
      const body = (req.body ?? {}) as FormBody
      const errors = new FormErrors()
      const values = {
        court: str(body, 'court', 10),
        outcome: str(body, 'outcome', 40),
        details: str(body, 'details', 2000),
        warrantKind: str(body, 'warrantKind', 40),
        issuingCourt: str(body, 'issuingCourt', 200),
        warrantReference: str(body, 'warrantReference', 100),
        warrantDated: {
          day: str(body, 'warrantDated-day', 4),
          month: str(body, 'warrantDated-month', 4),
          year: str(body, 'warrantDated-year', 6),
        },
        changeCaseReference: str(body, 'changeCaseReference', 100),
      }
      if (!(ANSWER_OUTCOMES as readonly string[]).includes(values.outcome))
        errors.add('outcome', 'Select the answer')
      let warrant = null
      if (values.outcome === 'WARRANT_OR_ORDER_EXISTS') {
        if (!(HOLD_KINDS as readonly string[]).includes(values.warrantKind))
          errors.add('warrantKind', 'Select what kind of warrant or order it is')
        if (values.issuingCourt.length < 2) errors.add('issuingCourt', 'Enter the court that issued it')
        if (values.warrantReference === '')
          errors.add('warrantReference', 'Enter the reference of the warrant or order')
        const dated = readDate(body, 'warrantDated', 'date it was made', errors, true)
        if (!errors.any)
          warrant = {
            kind: values.warrantKind as (typeof HOLD_KINDS)[number],
            issuingCourt: values.issuingCourt,
            reference: values.warrantReference,
            dated: dated!,
          }
      }
      if (!errors.any) {
        try {
          const result = await courts.answerQuery(
            req.user!,
            id,
            {
              court: values.court || null,
              outcome: values.outcome,
              details: values.details,
              warrant,
              changeCaseReference: values.changeCaseReference || null,
            },
            readVersion(body),
          )
          if (result.changeId) {
            req.session.set(
              'flash',
              'Answer sent. Complete the court change below, confirm it with the judge and send it.',
            )
            return reply.redirect(courtOrderUrls.order(result.changeId))
          }
          req.session.set(
            'flash',
            result.holdId
              ? 'Answer sent. A hold has been opened at the prison until the warrant or order is dealt with.'
              : 'Answer sent',
          )
          return reply.redirect(courtQueryUrls.query(id))
        } catch (e) {
          const status = addRefusal(
            errors,
            e,
            {
              'warrant.kind': 'warrantKind',
              'warrant.issuingCourt': 'issuingCourt',
              'warrant.reference': 'warrantReference',
              'warrant.dated': 'warrantDated',
              warrant: 'warrantKind',
            },
            'outcome',
          )
          return renderQuery(reply, req, { values, errors, status })
        }
      }
      return renderQuery(reply, req, { values, errors, status: 400 })
    },
  )
}
