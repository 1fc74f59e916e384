/**
 * The hotline's pages for court orders and late changes. Court staff record an order (the same
 * sentence fields and checks as the prison's own form), record that the judge confirmed it and
 * send it to the holding prison. Prison staff see their court changes inbox, the prison's record
 * beside the court's order field by field, acknowledge it and apply it to the record.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isCourtUser } from '../../../accounts/roles.js'
import type { User } from '../../../accounts/users.js'
import {
  ACKNOWLEDGE,
  APPLY_TO_RECORD,
  COURT_WORK,
  HOTLINE_READERS,
  JUDGE_CONFIRMATION_LABELS,
  JUDGE_CONFIRMATION_METHODS,
  ORDER_KINDS,
  ORDER_KIND_LABELS,
  compareOrder,
  hasAnyRole,
  isAcknowledgementOverdue,
  kindHasSentences,
  lengthText,
  sendProblems,
  timeLeft,
  type CourtOrder,
  type OrderLine,
} from '../../../courts/domain/index.js'
import { courtActorOf } from '../../../courts/service/courts-service.js'
import {
  RECALL_TYPES,
  SDS_EARLY_RELEASE_EXCLUSIONS,
  SENTENCE_TYPES,
} from '../../../engine/input/reference-booking.js'
import { SENTENCE_TYPE_LABELS } from '../../labels.js'
import { HttpError } from '../../plugins/errors.js'
import {
  FormErrors,
  dateParts,
  partsFromIso,
  readDate,
  readVersion,
  str,
  type FormBody,
} from '../../forms.js'
import { readSentenceForm, valuesFromBody, valuesFromSentence } from '../sentence/form.js'
import { personUrls } from '../person/urls.js'
import { courtQueryUrls } from '../court-queries/urls.js'
import {
  ID,
  addRefusal,
  formatWhen,
  instantOf,
  readTime,
  timeParts,
  visibleOrder,
} from '../court-queries/shared.js'
import { courtOrderUrls } from './urls.js'

const typeLabel = (t: string) => SENTENCE_TYPE_LABELS[t as keyof typeof SENTENCE_TYPE_LABELS] ?? t

export function courtOrderJourney(app: FastifyInstance): void {
  const { courts } = app.services
  const readers = { config: { access: { roles: HOTLINE_READERS, prison: 'none' } } } as const
  const court = { config: { access: { roles: COURT_WORK, prison: 'none' } } } as const

  const flashOf = (req: FastifyRequest) => {
    const flash = req.session.get('flash')
    if (flash) req.session.set('flash', undefined)
    return flash
  }

  const idOf = (req: FastifyRequest) => {
    const id = (req.params as { orderId?: string }).orderId ?? ''
    if (!ID.test(id)) throw new HttpError(404, 'Court order not found')
    return id
  }

  // --- lists --------------------------------------------------------------------------------
  app.get('/court-orders', readers, async (req, reply) => {
    const user = req.user!
    const view = (req.query as { view?: string }).view
    const names = await courts.courtNames()
    const now = courts.nowIso()
    const isCourt = isCourtUser(user)
    const tab = isCourt ? (view === 'sent' ? 'sent' : 'drafts') : view === 'done' ? 'done' : 'waiting'
    const items = isCourt
      ? await courts.ordersAtCourts(user, { drafts: tab === 'drafts' })
      : await courts.inboxFor(user.caseload.estateWide ? 'ALL' : user.caseload.prisons, {
          status: tab === 'done' ? 'DONE' : 'WAITING',
        })
    const rows = items.map(({ order: o, person }) => ({
      url: courtOrderUrls.order(o.id),
      person: `${person.lastName}, ${person.firstName}`,
      prisonNumber: person.prisonNumber,
      heldAt: person.prisonId,
      movedFrom: o.sentToPrisonId && o.sentToPrisonId !== person.prisonId ? o.sentToPrisonId : undefined,
      kind: ORDER_KIND_LABELS[o.kind],
      immediate: o.kind === 'IMMEDIATE_RELEASE',
      court: names.get(o.court) ?? o.court,
      caseReference: o.caseReference,
      received: formatWhen(o.sentAt ?? o.recordedAt),
      due: formatWhen(o.dueBy),
      timeLeft: o.status === 'SENT' && o.dueBy ? timeLeft(o.dueBy, now).text : '',
      overdue: isAcknowledgementOverdue(o, now),
      escalated: o.escalatedAt !== null && o.status === 'SENT',
      status: o.status,
      confirmed: o.judge !== null,
    }))
    const gaps = isCourt
      ? (await courts.messageGaps()).filter(
          (g) => user.caseload.estateWide || (user.caseload.courts ?? []).includes(g.court),
        )
      : await courts.messageGaps()
    return reply.render('journeys/court-orders/list.njk', {
      pageTitle: isCourt ? 'Court orders and changes' : 'Court changes inbox',
      isCourt,
      tab,
      rows,
      gaps,
      flash: flashOf(req),
      tabs: isCourt
        ? [
            { href: courtOrderUrls.list('drafts'), text: 'Drafts', current: tab === 'drafts' },
            { href: courtOrderUrls.list('sent'), text: 'Sent to prisons', current: tab === 'sent' },
          ]
        : [
            {
              href: courtOrderUrls.list('waiting'),
              text: 'Waiting for acknowledgement',
              current: tab === 'waiting',
            },
            { href: courtOrderUrls.list('done'), text: 'Acknowledged', current: tab === 'done' },
          ],
      recordUrl: courtOrderUrls.record(),
    })
  })

  // --- recording an order (court staff) --------------------------------------------------------
  const courtItems = async (user: User, chosen: string) => {
    const all = await courts.listCourts()
    const mine = user.caseload.estateWide
      ? all
      : all.filter((c) => (user.caseload.courts ?? []).includes(c.code))
    return [
      ...(mine.length > 1 ? [{ value: '', text: 'Select the court' }] : []),
      ...mine.map((c) => ({ value: c.code, text: c.name, selected: c.code === chosen })),
    ]
  }

  const renderNew = async (
    reply: FastifyReply,
    req: FastifyRequest,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.status(status).render('journeys/court-orders/new.njk', {
      pageTitle: 'Record a court order or change',
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: courtOrderUrls.list(),
      courtItems: await courtItems(req.user!, String(values.court ?? '')),
      kindItems: ORDER_KINDS.map((k) => ({ value: k, text: ORDER_KIND_LABELS[k] })),
    })

  app.get('/court-orders/new', court, async (req, reply) => renderNew(reply, req, { kind: 'NEW_ORDER' }))

  app.post('/court-orders/new', court, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const values = {
      prisonNumber: str(body, 'prisonNumber', 20).toUpperCase(),
      dateOfBirth: dateParts(body, 'dateOfBirth'),
      court: str(body, 'court', 10),
      kind: str(body, 'kind', 30),
      caseReference: str(body, 'caseReference', 100),
      orderDate: dateParts(body, 'orderDate'),
      orderedTime: { hour: str(body, 'orderedTime-hour', 4), minute: str(body, 'orderedTime-minute', 4) },
      notes: str(body, 'notes', 2000),
    }
    if (!/^[A-Z0-9]{4,12}$/.test(values.prisonNumber))
      errors.add('prisonNumber', 'Enter the prison number, such as A1234BC')
    const dob = readDate(body, 'dateOfBirth', 'date of birth', errors, true)
    if (values.court === '') errors.add('court', 'Select the court that made the order')
    if (!(ORDER_KINDS as readonly string[]).includes(values.kind))
      errors.add('kind', 'Select what the court ordered')
    if (values.caseReference === '') errors.add('caseReference', 'Enter the court case reference')
    const orderDate = readDate(body, 'orderDate', 'date the order was made', errors, true)
    const time =
      values.kind === 'IMMEDIATE_RELEASE'
        ? readTime(body, 'orderedTime', 'the release was ordered', errors)
        : undefined
    if (!errors.any) {
      try {
        const order = await courts.recordOrder(req.user!, {
          prisonNumber: values.prisonNumber,
          dateOfBirth: dob!,
          court: values.court,
          kind: values.kind,
          caseReference: values.caseReference,
          orderDate: orderDate!,
          orderedAt: time ? instantOf(orderDate!, time, courts.settings.workingHours.zone) : null,
          notes: values.notes,
        })
        req.session.set('flash', 'Draft recorded')
        return reply.redirect(courtOrderUrls.order(order.id))
      } catch (e) {
        const status = addRefusal(errors, e, { orderedAt: 'orderedTime' }, 'prisonNumber')
        return renderNew(reply, req, values, errors, status)
      }
    }
    return renderNew(reply, req, values, errors, 400)
  })

  // --- one order ------------------------------------------------------------------------------
  const renderOrder = async (
    reply: FastifyReply,
    req: FastifyRequest,
    opts: { errors?: FormErrors; status?: number } = {},
  ) => {
    const user = req.user!
    const { order: o, person } = await visibleOrder(courts, req, idOf(req))
    const names = await courts.courtNames()
    const now = courts.nowIso()
    const isCourt = isCourtUser(user)
    const records = await app.services.bookings.load(person.bookingId)
    const lines = compareOrder(o, courts.prisonSentences(records), typeLabel)
    const holding = (await app.services.prisons.list()).find((p) => p.id === person.prisonId)
    const canAct = !isCourt && (user.caseload.estateWide || user.caseload.prisons.includes(person.prisonId))
    const changesSomething = lines.some((l) => l.action !== 'NONE')
    return reply.status(opts.status ?? 200).render('journeys/court-orders/order.njk', {
      pageTitle: `${ORDER_KIND_LABELS[o.kind]}: ${o.caseReference}`,
      flash: flashOf(req),
      o,
      person,
      isCourt,
      personUrl: personUrls.person(person.prisonNumber),
      backLink: courtOrderUrls.list(
        isCourt ? (o.status === 'DRAFT' ? 'drafts' : 'sent') : o.status === 'SENT' ? 'waiting' : 'done',
      ),
      courtName: names.get(o.court) ?? o.court,
      holdingPrison: holding ? `${holding.name} (${holding.id})` : person.prisonId,
      movedFrom: o.sentToPrisonId && o.sentToPrisonId !== person.prisonId ? o.sentToPrisonId : undefined,
      orderedAt: formatWhen(o.orderedAt),
      recordedAt: formatWhen(o.recordedAt),
      sentAt: formatWhen(o.sentAt),
      due: formatWhen(o.dueBy),
      left: o.status === 'SENT' && o.dueBy ? timeLeft(o.dueBy, now) : undefined,
      acknowledgedAt: formatWhen(o.acknowledgedAt),
      appliedAt: formatWhen(o.appliedAt),
      judge: o.judge && {
        ...o.judge,
        when: formatWhen(o.judge.confirmedAt),
        how: JUDGE_CONFIRMATION_LABELS[o.judge.method],
      },
      lines: lines.map((l) => {
        const line = o.lines.find((x) => x.lineSequence === l.lineSequence)!
        return {
          ...l,
          sentence: line.sentence && {
            type: typeLabel(line.sentence.type),
            length: lengthText(line.sentence as unknown as Record<string, unknown>) ?? '',
            sentencedAt: line.sentence.sentencedAt,
          },
          editUrl: courtOrderUrls.editLine(o.id, l.lineSequence),
          removeUrl: courtOrderUrls.removeLine(o.id, l.lineSequence),
        }
      }),
      hasSentences: kindHasSentences(o.kind),
      missing: o.status === 'DRAFT' ? sendProblems(o).map((p) => p.message) : [],
      queryUrl: o.fromQueryId ? courtQueryUrls.query(o.fromQueryId) : undefined,
      bookingVersion: Number(records.booking.version),
      canAcknowledge: canAct && o.status === 'SENT' && hasAnyRole(courtActorOf(user), ACKNOWLEDGE),
      canApply:
        canAct &&
        (o.status === 'SENT' || o.status === 'ACKNOWLEDGED') &&
        changesSomething &&
        hasAnyRole(courtActorOf(user), APPLY_TO_RECORD),
      addLineUrl: courtOrderUrls.addLine(o.id),
      judgeUrl: courtOrderUrls.judge(o.id),
      sendUrl: courtOrderUrls.send(o.id),
      acknowledgeUrl: courtOrderUrls.acknowledge(o.id),
      applyUrl: courtOrderUrls.apply(o.id),
      errors: opts.errors?.byField ?? {},
      errorList: opts.errors?.list ?? [],
    })
  }

  app.get('/court-orders/:orderId', readers, async (req, reply) => renderOrder(reply, req))

  const act =
    (
      run: (req: FastifyRequest, id: string, body: FormBody) => Promise<unknown>,
      flash: string,
      fallback: string,
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const id = idOf(req)
      await visibleOrder(courts, req, id)
      const body = (req.body ?? {}) as FormBody
      const errors = new FormErrors()
      try {
        await run(req, id, body)
        req.session.set('flash', flash)
        return reply.redirect(courtOrderUrls.order(id))
      } catch (e) {
        const status = addRefusal(errors, e, { lines: 'lines', judge: 'judge' }, fallback)
        return renderOrder(reply, req, { errors, status })
      }
    }

  app.post(
    '/court-orders/:orderId/send',
    court,
    act(
      (req, id, body) => courts.sendOrder(req.user!, id, readVersion(body)),
      'Sent to the holding prison',
      'send',
    ),
  )
  app.post(
    '/court-orders/:orderId/acknowledge',
    { config: { access: { roles: ACKNOWLEDGE, prison: 'none' } } },
    act(
      (req, id, body) => courts.acknowledgeOrder(req.user!, id, readVersion(body)),
      'Acknowledged. The person’s release dates must now be calculated again and checked.',
      'acknowledge',
    ),
  )
  app.post(
    '/court-orders/:orderId/apply',
    { config: { access: { roles: APPLY_TO_RECORD, prison: 'none' } } },
    act(
      (req, id, body) =>
        courts.applyOrder(req.user!, id, readVersion(body), Number(str(body, 'bookingVersion', 12)) || 0),
      'Applied to the record. Calculate the release dates again and have them checked.',
      'apply',
    ),
  )

  // --- lines ----------------------------------------------------------------------------------
  const lineOf = (req: FastifyRequest): number => {
    const n = Number((req.params as { lineSequence?: string }).lineSequence)
    if (!Number.isInteger(n) || n < 1 || n > 10000) throw new HttpError(404, 'Line not found')
    return n
  }

  const renderLine = async (
    reply: FastifyReply,
    req: FastifyRequest,
    o: CourtOrder,
    opts: { editing?: OrderLine; values: Record<string, unknown>; errors?: FormErrors; status?: number },
  ) => {
    const person = await app.services.people.getByPrisonNumber(o.prisonNumber)
    const records = await app.services.bookings.load(person.bookingId)
    const own = opts.editing?.sentence?.identifier
    const consecutiveItems = [
      { value: '', text: 'Not consecutive (concurrent)' },
      ...o.lines
        .filter((l) => l.sentence && l.sentence.identifier !== own)
        .map((l) => ({ value: l.sentence!.identifier!, text: `Line ${l.lineSequence} of this order` })),
      ...courts
        .prisonSentences(records)
        .filter(
          (s) =>
            !o.lines.some((l) => l.lineSequence === s.lineSequence && s.caseReference === o.caseReference),
        )
        .map((s) => ({
          value: s.identifier,
          text: `Line ${s.lineSequence ?? '?'} of case ${s.caseReference ?? '(no reference)'}, already in the prison record`,
        })),
    ]
    return reply.status(opts.status ?? 200).render('journeys/court-orders/line.njk', {
      pageTitle: opts.editing ? `Change line ${opts.editing.lineSequence}` : 'Add a line to the order',
      o,
      person,
      kindLabel: ORDER_KIND_LABELS[o.kind],
      quashed: o.kind === 'QUASHED',
      courtOrderLine: true,
      values: opts.values,
      errors: opts.errors?.byField ?? {},
      errorList: opts.errors?.list ?? [],
      backLink: courtOrderUrls.order(o.id),
      typeItems: SENTENCE_TYPES.map((t) => ({ value: t, text: SENTENCE_TYPE_LABELS[t] })),
      caseItems: [],
      consecutiveItems,
      exclusionItems: SDS_EARLY_RELEASE_EXCLUSIONS.map((e) => ({
        value: e,
        text: e === 'NO' ? 'None' : e.replace(/_/g, ' ').toLowerCase(),
      })),
      recallItems: [
        { value: '', text: 'Not a recall' },
        ...RECALL_TYPES.map((r) => ({ value: r, text: r.replace(/_/g, ' ').toLowerCase() })),
      ],
    })
  }

  const draftFor = async (req: FastifyRequest) => {
    const { order } = await visibleOrder(courts, req, idOf(req))
    if (order.status !== 'DRAFT')
      throw new HttpError(409, 'This order has been sent: record a court change instead')
    return order
  }

  app.get('/court-orders/:orderId/lines/add', court, async (req, reply) => {
    const o = await draftFor(req)
    const next = Math.max(0, ...o.lines.map((l) => l.lineSequence)) + 1
    return renderLine(reply, req, o, {
      values: { type: 'StandardSentence', exclusion: 'NO', lineSequence: String(next) },
    })
  })

  app.get('/court-orders/:orderId/lines/:lineSequence/edit', court, async (req, reply) => {
    const o = await draftFor(req)
    const line = o.lines.find((l) => l.lineSequence === lineOf(req))
    if (!line) throw new HttpError(404, 'Line not found')
    const values = line.sentence
      ? valuesFromSentence(line.sentence as unknown as Record<string, unknown>)
      : ({} as Record<string, unknown>)
    return renderLine(reply, req, o, {
      editing: line,
      values: { ...values, lineSequence: String(line.lineSequence) },
    })
  })

  const saveLine = async (req: FastifyRequest, reply: FastifyReply, editing?: OrderLine) => {
    const o = await draftFor(req)
    const body = (req.body ?? {}) as FormBody
    const person = await app.services.people.getByPrisonNumber(o.prisonNumber)
    const records = await app.services.bookings.load(person.bookingId)
    let errors = new FormErrors()
    let line: OrderLine | undefined
    if (o.kind === 'QUASHED') {
      const n = str(body, 'lineSequence', 10)
      if (!/^\d{1,5}$/.test(n) || Number(n) < 1)
        errors.add('lineSequence', 'Enter the line number of the count that was quashed')
      else line = { lineSequence: Number(n), sentence: null }
    } else {
      const identifier = editing?.sentence?.identifier ?? randomUUID()
      const read = readSentenceForm(body, {
        identifier,
        allowNoCase: true,
        caseSequences: [],
        identifiers: [
          ...o.lines.map((l) => l.sentence?.identifier).filter((x): x is string => !!x && x !== identifier),
          ...records.sentences.map((s) => s.identifier),
        ],
      })
      errors = read.errors
      if (read.sentence && read.sentence.lineSequence === undefined)
        errors.add('lineSequence', 'Enter the line number of the count on the court case')
      if (read.sentence && !errors.any)
        line = {
          lineSequence: read.sentence.lineSequence!,
          sentence: { ...read.sentence, caseSequence: undefined },
        }
    }
    if (
      line &&
      editing &&
      line.lineSequence !== editing.lineSequence &&
      o.lines.some((l) => l.lineSequence === line!.lineSequence)
    )
      errors.add(
        'lineSequence',
        `Line ${line.lineSequence} is already on this order: change that line instead`,
      )
    if (line && !editing && o.lines.some((l) => l.lineSequence === line!.lineSequence))
      errors.add(
        'lineSequence',
        `Line ${line.lineSequence} is already on this order: change that line instead`,
      )
    if (line && !errors.any) {
      try {
        let version = readVersion(body)
        if (editing && editing.lineSequence !== line.lineSequence) {
          version = (await courts.removeOrderLine(req.user!, o.id, editing.lineSequence, version)).version
        }
        await courts.saveOrderLine(req.user!, o.id, line, version)
        req.session.set(
          'flash',
          `Line ${line.lineSequence} saved${o.judge ? ': confirm the order with the judge again' : ''}`,
        )
        return reply.redirect(courtOrderUrls.order(o.id))
      } catch (e) {
        const status = addRefusal(errors, e, {}, 'type')
        return renderLine(reply, req, o, {
          editing,
          values: { ...valuesFromBody(body), lineSequence: str(body, 'lineSequence', 10) },
          errors,
          status,
        })
      }
    }
    return renderLine(reply, req, o, {
      editing,
      values: { ...valuesFromBody(body), lineSequence: str(body, 'lineSequence', 10) },
      errors,
      status: 400,
    })
  }

  app.post('/court-orders/:orderId/lines/add', court, async (req, reply) => saveLine(req, reply))
  app.post('/court-orders/:orderId/lines/:lineSequence/edit', court, async (req, reply) => {
    const o = await draftFor(req)
    const line = o.lines.find((l) => l.lineSequence === lineOf(req))
    if (!line) throw new HttpError(404, 'Line not found')
    return saveLine(req, reply, line)
  })
  app.post(
    '/court-orders/:orderId/lines/:lineSequence/remove',
    court,
    act(
      (req, id, body) => courts.removeOrderLine(req.user!, id, lineOf(req), readVersion(body)),
      'Line removed',
      'lines',
    ),
  )

  // --- confirmation with the judge ------------------------------------------------------------
  const renderJudge = (
    reply: FastifyReply,
    o: CourtOrder,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.status(status).render('journeys/court-orders/judge.njk', {
      pageTitle: 'Confirm the order with the judge',
      o,
      kindLabel: ORDER_KIND_LABELS[o.kind],
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: courtOrderUrls.order(o.id),
      methodItems: JUDGE_CONFIRMATION_METHODS.map((m) => ({ value: m, text: JUDGE_CONFIRMATION_LABELS[m] })),
    })

  app.get('/court-orders/:orderId/judge', court, async (req, reply) => {
    const o = await draftFor(req)
    const nowIso = courts.nowIso()
    return renderJudge(reply, o, {
      judgeName: o.judge?.judgeName ?? '',
      method: o.judge?.method ?? '',
      confirmedDate: partsFromIso(courts.today()),
      confirmedTime: timeParts(nowIso, courts.settings.workingHours.zone),
    })
  })

  app.post('/court-orders/:orderId/judge', court, async (req, reply) => {
    const o = await draftFor(req)
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const values = {
      judgeName: str(body, 'judgeName', 200),
      method: str(body, 'method', 20),
      confirmedDate: dateParts(body, 'confirmedDate'),
      confirmedTime: {
        hour: str(body, 'confirmedTime-hour', 4),
        minute: str(body, 'confirmedTime-minute', 4),
      },
    }
    if (values.judgeName.length < 2) errors.add('judgeName', "Enter the judge's name")
    const date = readDate(body, 'confirmedDate', 'date the judge confirmed the order', errors, true)
    const time = readTime(body, 'confirmedTime', 'the judge confirmed the order', errors)
    if (!(JUDGE_CONFIRMATION_METHODS as readonly string[]).includes(values.method))
      errors.add('method', 'Select how the judge confirmed the order')
    if (!errors.any) {
      try {
        await courts.confirmWithJudge(
          req.user!,
          o.id,
          {
            judgeName: values.judgeName,
            method: values.method,
            confirmedAt: instantOf(date!, time!, courts.settings.workingHours.zone),
          },
          readVersion(body),
        )
        req.session.set('flash', 'Confirmation with the judge recorded')
        return reply.redirect(courtOrderUrls.order(o.id))
      } catch (e) {
        const status = addRefusal(errors, e, { confirmedAt: 'confirmedDate' }, 'judgeName')
        return renderJudge(reply, o, values, errors, status)
      }
    }
    return renderJudge(reply, o, values, errors, 400)
  })
}
