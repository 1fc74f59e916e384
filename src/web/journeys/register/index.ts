/**
 * The releases-in-error register's pages: the list (filtered by month, prison and direction),
 * one entry with its as-at recalculation and its lessons and actions, recording an entry, and
 * importing past incidents from CSV (refused whole with each bad row named). Managers change
 * their own prisons' entries; analysts read every entry and change none.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { User } from '../../../accounts/users.js'
import { ValidationError } from '../../../db/errors.js'
import { formatDate, formatInstantDate } from '../../../calculation/domain/format.js'
import {
  CHANGE_REGISTER,
  DIRECTION_LABELS,
  HOW_FOUND,
  READ_REGISTER,
  REGISTER_CSV_COLUMNS,
  ROOT_CAUSES,
  SOURCE_LABELS,
  howFoundLabel,
  rootCauseLabel,
  type AsAtComparison,
  type RegisterEntry,
} from '../../../oversight/register/domain/index.js'
import {
  FormErrors,
  dateParts,
  partsFromIso,
  readDate,
  readVersion,
  str,
  type FormBody,
} from '../../forms.js'
import { requireUser } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { monthSchema } from '../../api/v1/board.js'
import { registerUrls } from './urls.js'

const read = { roles: READ_REGISTER, prison: 'none' } as const
const change = { roles: CHANGE_REGISTER, prison: 'none' } as const

const ukTime = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('en-GB', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/London',
      }).format(new Date(iso))
    : 'Not recorded'

const FIELD_LABELS: Record<string, string> = {
  reference: 'Reference',
  prisonNumber: 'Prison number',
  name: 'Name',
  prisonId: 'Prison',
  direction: 'Direction',
  releasedOn: 'Date released',
  correctReleaseDate: 'Correct release date',
  days: 'Days in error',
  howFound: 'How it was found',
  detectedAt: 'When it was found',
  policeNotifiedAt: 'When the police were told',
  backInCustodyOn: 'Date back in custody',
  rootCauses: 'Root causes',
  summary: 'What happened',
  kind: 'Lesson or action',
  text: 'Text',
  owner: 'Owner',
  dueOn: 'Due date',
}
const FIELD_ANCHORS: Record<string, string> = {
  releasedOn: 'releasedOn-day',
  correctReleaseDate: 'correctReleaseDate-day',
  detectedAt: 'detectedAt-day',
  policeNotifiedAt: 'policeNotifiedAt-day',
  backInCustodyOn: 'backInCustodyOn-day',
  dueOn: 'dueOn-day',
  rootCauses: 'rootCauses',
  direction: 'direction',
}

function addProblems(errors: FormErrors, e: ValidationError) {
  for (const p of e.problems)
    errors.add(p.path, `${FIELD_LABELS[p.path] ?? p.path} ${p.message}`, FIELD_ANCHORS[p.path] ?? p.path)
}

function entryRow(e: RegisterEntry) {
  return {
    url: registerUrls.entry(e.id),
    reference: e.reference,
    released: formatDate(e.releasedOn),
    prison: e.prisonId,
    person: `${e.name} (${e.prisonNumber})`,
    direction: e.direction === 'EARLY' ? 'Early' : 'Late',
    early: e.direction === 'EARLY',
    days: e.days,
    causes: e.rootCauses.map(rootCauseLabel).join('; '),
    source: SOURCE_LABELS[e.source],
  }
}

function asAtView(a: AsAtComparison) {
  const d = (v?: string) => (v ? formatDate(v) : '—')
  return {
    calculation: a.calculation
      ? {
          confirmed: formatInstantDate(a.calculation.confirmedAt),
          by: a.calculation.confirmedBy,
          source: { engine: 'Engine', manual: 'Entered by hand', override: 'Overridden' }[
            a.calculation.source
          ],
          check: {
            unverified: 'Not checked',
            verified: 'Verified',
            'differences-found': 'Differences found',
          }[a.calculation.checkStatus],
        }
      : undefined,
    rows: a.rows.map((r) => ({
      name: `${r.name} (${r.type})`,
      recorded: d(r.recorded),
      engineThen: d(r.engineThen),
      asAt: d(r.asAt),
      corrected: d(r.corrected),
      differs: (r.corrected ?? '') !== (r.recorded ?? ''),
    })),
    releasedOn: formatDate(a.releasedOn),
    correctReleaseDate: a.correctReleaseDate ? formatDate(a.correctReleaseDate) : undefined,
    releaseDateThen: a.releaseDateThen
      ? `${formatDate(a.releaseDateThen.date)} (${a.releaseDateThen.type})`
      : undefined,
    releaseDateCorrected: a.releaseDateCorrected
      ? `${formatDate(a.releaseDateCorrected.date)} (${a.releaseDateCorrected.type})`
      : undefined,
    findings: a.findings.map((f) => ({
      kind: { calculation: 'Calculation', data: 'Data', process: 'Process', reproduced: 'Reproduced' }[
        f.kind
      ],
      tag: {
        calculation: 'govuk-tag--red',
        data: 'govuk-tag--orange',
        process: 'govuk-tag--purple',
        reproduced: 'govuk-tag--green',
      }[f.kind],
      text: f.text,
    })),
  }
}

/** The entry form as the register's input (dates as ISO, times as UK local) and as typed. */
function readEntryForm(body: FormBody, errors: FormErrors) {
  const moment = (name: string, label: string) => {
    const day = readDate(body, name, label, errors, false)
    const time = str(body, `${name}-time`, 5)
    if (!day) {
      if (time !== '' && !errors.byField[name]) errors.add(name, `Enter the date of ${label}`, `${name}-day`)
      return undefined
    }
    if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time)) {
      errors.add(name, `Enter the time of ${label} as hours and minutes, for example 14:30`, `${name}-time`)
      return undefined
    }
    return `${day}T${time.padStart(5, '0')}`
  }
  const rawCauses = body.rootCauses
  const rootCauses = (Array.isArray(rawCauses) ? rawCauses : rawCauses ? [rawCauses] : []).map(String)
  const input = {
    prisonNumber: str(body, 'prisonNumber', 12),
    name: str(body, 'name', 200),
    prisonId: str(body, 'prisonId', 10),
    direction: str(body, 'direction', 10),
    releasedOn: readDate(body, 'releasedOn', 'the date released', errors, true) ?? '',
    correctReleaseDate: readDate(body, 'correctReleaseDate', 'the correct release date', errors, false) ?? '',
    days: str(body, 'days', 6),
    howFound: str(body, 'howFound', 40),
    detectedAt: moment('detectedAt', 'when it was found') ?? '',
    policeNotifiedAt: moment('policeNotifiedAt', 'when the police were told') ?? '',
    backInCustodyOn: readDate(body, 'backInCustodyOn', 'the date back in custody', errors, false) ?? '',
    rootCauses,
    summary: str(body, 'summary', 4000),
  }
  const values = {
    ...input,
    releasedOn: dateParts(body, 'releasedOn'),
    correctReleaseDate: dateParts(body, 'correctReleaseDate'),
    detectedAt: { ...dateParts(body, 'detectedAt'), time: str(body, 'detectedAt-time', 5) },
    policeNotifiedAt: {
      ...dateParts(body, 'policeNotifiedAt'),
      time: str(body, 'policeNotifiedAt-time', 5),
    },
    backInCustodyOn: dateParts(body, 'backInCustodyOn'),
  }
  return { input, values }
}

/** An entry's fields as the form shows them. */
function valuesOf(e: RegisterEntry) {
  const moment = (iso: string | null) => {
    if (!iso) return { day: '', month: '', year: '', time: '' }
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso))
    const [date, time] = local.split(', ')
    return { ...partsFromIso(date), time: time ?? '' }
  }
  return {
    prisonNumber: e.prisonNumber,
    name: e.name,
    prisonId: e.prisonId,
    direction: e.direction,
    releasedOn: partsFromIso(e.releasedOn),
    correctReleaseDate: partsFromIso(e.correctReleaseDate),
    days: String(e.days),
    howFound: e.howFound,
    detectedAt: moment(e.detectedAt),
    policeNotifiedAt: moment(e.policeNotifiedAt),
    backInCustodyOn: partsFromIso(e.backInCustodyOn),
    rootCauses: e.rootCauses,
    summary: e.summary,
  }
}

const mayChange = (user: User) => user.roles.includes('manager') && !user.caseload.estateWide

export function registerJourney(app: FastifyInstance): void {
  const register = () => app.services.register

  app.get('/register', { config: { access: read } }, async (req, reply) => {
    const user = requireUser(req)
    const q = z
      .object({
        month: monthSchema.optional().catch(undefined),
        prison: z.string().max(10).optional().catch(undefined),
        direction: z.enum(['EARLY', 'LATE']).optional().catch(undefined),
      })
      .parse(req.query ?? {})
    const entries = await register().list(user, {
      ...(q.month ? { month: q.month } : {}),
      ...(q.prison ? { prisonId: q.prison.toUpperCase() } : {}),
      ...(q.direction ? { direction: q.direction } : {}),
    })
    const flash = req.session.get('flash')
    if (flash) req.session.set('flash', undefined)
    return reply.render('journeys/register/list.njk', {
      pageTitle: 'Releases in error and late releases',
      rows: entries.map(entryRow),
      filters: { month: q.month ?? '', prison: q.prison ?? '', direction: q.direction ?? '' },
      canChange: mayChange(user),
      addUrl: registerUrls.add(),
      importUrl: registerUrls.import(),
      flash,
    })
  })

  // --- recording an entry ---------------------------------------------------------------------

  async function renderNew(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    status = 200,
    editing?: RegisterEntry,
  ) {
    const user = requireUser(req)
    const prisons = (await app.services.prisons.list()).filter((p) => user.caseload.prisons.includes(p.id))
    const chosen = (values.rootCauses as string[] | undefined) ?? []
    return reply.status(status).render('journeys/register/new.njk', {
      pageTitle: editing
        ? `Change entry ${editing.reference}`
        : 'Record a release in error or a late release',
      backLink: editing ? registerUrls.entry(editing.id) : registerUrls.list(),
      editing: editing ? { version: editing.version } : undefined,
      values,
      prisons: prisons.map((p) => ({
        value: p.id,
        text: `${p.name} (${p.id})`,
        selected: values.prisonId === p.id,
      })),
      directions: Object.entries(DIRECTION_LABELS).map(([value, text]) => ({
        value,
        text,
        checked: values.direction === value,
      })),
      howFound: [
        { value: '', text: 'Choose how it was found' },
        ...HOW_FOUND.map((h) => ({ value: h.code, text: h.label, selected: values.howFound === h.code })),
      ],
      causes: ROOT_CAUSES.map((c) => ({ value: c.code, text: c.label, checked: chosen.includes(c.code) })),
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
    })
  }

  app.get('/register/new', { config: { access: change } }, async (req, reply) => renderNew(req, reply))

  app.post('/register/new', { config: { access: change } }, async (req, reply) => {
    const errors = new FormErrors()
    const { input, values } = readEntryForm((req.body ?? {}) as FormBody, errors)
    if (errors.any) return renderNew(req, reply, values, errors, 400)
    try {
      const entry = await register().record(requireUser(req), input)
      req.session.set('flash', `Entry ${entry.reference} recorded`)
      return reply.redirect(registerUrls.entry(entry.id))
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      addProblems(errors, e)
      return renderNew(req, reply, values, errors, 400)
    }
  })

  // --- correcting or completing an entry ------------------------------------------------------

  const entryParams = z.object({ entryId: z.string().uuid() })
  const entryId = (req: FastifyRequest) => {
    const p = entryParams.safeParse(req.params)
    if (!p.success) throw new HttpError(404, 'Register entry not found')
    return p.data.entryId
  }

  app.get('/register/:entryId/edit', { config: { access: change } }, async (req, reply) => {
    const user = requireUser(req)
    const entry = await register().get(user, entryId(req))
    if (!user.caseload.prisons.includes(entry.prisonId)) throw new HttpError(404, 'Register entry not found')
    return renderNew(req, reply, valuesOf(entry), undefined, 200, entry)
  })

  app.post('/register/:entryId/edit', { config: { access: change } }, async (req, reply) => {
    const user = requireUser(req)
    const entry = await register().get(user, entryId(req))
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const { input, values } = readEntryForm(body, errors)
    if (errors.any) return renderNew(req, reply, values, errors, 400, entry)
    try {
      await register().update(user, entry.id, input, readVersion(body))
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      addProblems(errors, e)
      return renderNew(req, reply, values, errors, 400, entry)
    }
    req.session.set('flash', `Entry ${entry.reference} updated`)
    return reply.redirect(registerUrls.entry(entry.id))
  })

  // --- importing past incidents ---------------------------------------------------------------

  const renderImport = (reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.status(status).render('journeys/register/import.njk', {
      pageTitle: 'Import past releases in error from CSV',
      backLink: registerUrls.list(),
      columns: REGISTER_CSV_COLUMNS,
      causes: ROOT_CAUSES,
      howFound: HOW_FOUND,
      errors: {},
      errorList: [],
      ...extra,
    })

  app.get('/register/import', { config: { access: change } }, async (_req, reply) => renderImport(reply))

  app.post('/register/import', { config: { access: change } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const pasted = typeof body.csv === 'string' ? body.csv.trim() : ''
    const file = body.file
    let text = pasted
    if (Buffer.isBuffer(file) && file.length > 0) {
      if (pasted !== '')
        return renderImport(
          reply,
          {
            errorList: [{ text: 'Paste the CSV or choose a file, not both', href: '#csv' }],
            errors: { csv: 'Paste the CSV or choose a file, not both' },
          },
          400,
        )
      if (file.includes(0))
        return renderImport(
          reply,
          {
            errorList: [{ text: 'The file must be a CSV (text) file', href: '#file' }],
            errors: { file: 'The file must be a CSV (text) file' },
          },
          400,
        )
      text = file.toString('utf8')
    }
    if (text === '')
      return renderImport(
        reply,
        {
          errorList: [{ text: 'Paste the CSV or choose a CSV file', href: '#csv' }],
          errors: { csv: 'Paste the CSV or choose a CSV file' },
        },
        400,
      )
    const result = await register().importCsv(requireUser(req), text)
    if (!result.ok) {
      const errorList = [
        ...result.fileProblems.map((p) => ({ text: p, href: '#csv' })),
        ...result.rows.map((r) => ({
          text: `Line ${r.line}${r.reference ? ` (${r.reference})` : ''}: ${r.problems.join('; ')}`,
          href: '#csv',
        })),
      ]
      return renderImport(
        reply,
        {
          errorList,
          refused: { rows: result.rows.length, file: result.fileProblems.length },
          values: { csv: pasted },
          errors: { csv: 'Nothing was imported: correct the rows listed and import the whole file again' },
        },
        400,
      )
    }
    req.session.set('flash', `${result.imported} ${result.imported === 1 ? 'entry' : 'entries'} imported`)
    return reply.redirect(registerUrls.list())
  })

  // --- one entry ------------------------------------------------------------------------------

  async function renderEntry(
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: FormErrors,
    values: Record<string, unknown> = {},
    status = 200,
  ) {
    const user = requireUser(req)
    const entry = await register().get(user, entryId(req))
    const asAt = await register().asAt(user, entry.id)
    const flash = req.session.get('flash')
    if (flash) req.session.set('flash', undefined)
    return reply.status(status).render('journeys/register/entry.njk', {
      pageTitle: `Register entry ${entry.reference}`,
      backLink: registerUrls.list(),
      entry,
      facts: [
        ['Person', `${entry.name} (${entry.prisonNumber})`],
        ['Prison', entry.prisonId],
        ['Direction', DIRECTION_LABELS[entry.direction]],
        ['Date released', formatDate(entry.releasedOn)],
        [
          'Correct release date',
          entry.correctReleaseDate ? formatDate(entry.correctReleaseDate) : 'Not recorded',
        ],
        [entry.direction === 'EARLY' ? 'Days released early' : 'Days over-held', String(entry.days)],
        ['How it was found', howFoundLabel(entry.howFound)],
        ['When it was found', ukTime(entry.detectedAt)],
        ...(entry.direction === 'EARLY'
          ? [
              ['When the police were told', ukTime(entry.policeNotifiedAt)],
              ['Back in custody', entry.backInCustodyOn ? formatDate(entry.backInCustodyOn) : 'Not recorded'],
            ]
          : []),
        ['Root causes', entry.rootCauses.map(rootCauseLabel).join('; ')],
        ['What happened', entry.summary || 'Not recorded'],
        ['Recorded', `${SOURCE_LABELS[entry.source]}, by ${entry.createdBy}, ${ukTime(entry.createdAt)}`],
      ],
      asAt: asAt ? asAtView(asAt) : undefined,
      actions: entry.actions.map((a) => ({
        ...a,
        kindLabel: a.kind === 'ACTION' ? 'Action' : 'Lesson',
        due: a.dueOn ? formatDate(a.dueOn) : '',
        url: registerUrls.action(entry.id, a.id),
      })),
      canChange: mayChange(user) && user.caseload.prisons.includes(entry.prisonId),
      actionsUrl: registerUrls.actions(entry.id),
      editUrl: registerUrls.edit(entry.id),
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      flash,
    })
  }

  app.get('/register/:entryId', { config: { access: read } }, async (req, reply) => renderEntry(req, reply))

  app.post('/register/:entryId/actions', { config: { access: change } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const dueOn = readDate(body, 'dueOn', 'the due date', errors, false)
    const input = {
      kind: str(body, 'kind', 10),
      text: str(body, 'text', 2000),
      owner: str(body, 'owner', 200),
      dueOn: dueOn ?? '',
    }
    const values = { ...input, dueOn: dateParts(body, 'dueOn') }
    if (errors.any) return renderEntry(req, reply, errors, values, 400)
    try {
      await register().addAction(requireUser(req), entryId(req), input, readVersion(body))
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      addProblems(errors, e)
      return renderEntry(req, reply, errors, values, 400)
    }
    req.session.set('flash', input.kind === 'ACTION' ? 'Action added' : 'Lesson added')
    return reply.redirect(registerUrls.entry(entryId(req)))
  })

  app.post('/register/:entryId/actions/:actionId', { config: { access: change } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const actionId = Number((req.params as Record<string, unknown>).actionId)
    if (!Number.isInteger(actionId) || actionId < 1 || actionId > 2 ** 31 - 1)
      throw new HttpError(404, 'Action not found')
    const status = str(body, 'status', 4) === 'OPEN' ? 'OPEN' : 'DONE'
    await register().setActionStatus(requireUser(req), entryId(req), actionId, status, readVersion(body))
    req.session.set('flash', status === 'DONE' ? 'Action marked done' : 'Action reopened')
    return reply.redirect(registerUrls.entry(entryId(req)))
  })
}
