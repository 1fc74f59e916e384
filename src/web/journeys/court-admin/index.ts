/** Courts as reference data (administrators): list, add, change; every change audited. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ADMINISTER } from '../../../accounts/roles.js'
import { ConflictError } from '../../../db/errors.js'
import {
  COURT_KINDS,
  COURT_KIND_LABELS,
  courtSchema,
  courtUpdateSchema,
  type Court,
} from '../../../courts/service/courts-service.js'
import { FormErrors, checked, readVersion, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { HttpError } from '../../plugins/errors.js'
import { actorOf } from '../../api/v1/index.js'
import { courtAdminUrls } from './urls.js'

const LABELS: Record<string, string> = { code: 'Code', name: 'Name', kind: 'Kind of court', region: 'Region' }

export function courtAdminJourney(app: FastifyInstance): void {
  const { courts } = app.services
  const access = { config: { access: { roles: ADMINISTER, prison: 'none' } } } as const

  app.get('/admin/courts', access, async (req, reply) => {
    const flash = req.session.get('flash')
    if (flash) req.session.set('flash', undefined)
    return reply.render('journeys/court-admin/courts.njk', {
      pageTitle: 'Courts',
      flash,
      courts: (await courts.listCourts({ includeInactive: true })).map((c) => ({
        ...c,
        kindLabel: COURT_KIND_LABELS[c.kind],
        editUrl: courtAdminUrls.edit(c.code),
      })),
      addUrl: courtAdminUrls.add(),
      gaps: await courts.messageGaps(),
    })
  })

  const render = (
    reply: FastifyReply,
    values: Record<string, unknown>,
    opts: { court?: Court; errors?: FormErrors; status?: number } = {},
  ) =>
    reply.status(opts.status ?? 200).render('journeys/court-admin/court-form.njk', {
      pageTitle: opts.court ? `Change ${opts.court.name}` : 'Add a court',
      editing: opts.court,
      values,
      backLink: courtAdminUrls.courts(),
      kindItems: COURT_KINDS.map((k) => ({ value: k, text: COURT_KIND_LABELS[k] })),
      errors: opts.errors?.byField ?? {},
      errorList: opts.errors?.list ?? [],
    })

  const read = (body: FormBody) => ({
    code: str(body, 'code', 20).toUpperCase(),
    name: str(body, 'name', 300),
    kind: str(body, 'kind', 20),
    region: str(body, 'region', 200),
    active: checked(body, 'active'),
  })

  const zodErrors = (errors: FormErrors, issues: { path: PropertyKey[]; message: string }[]) => {
    for (const i of issues) {
      const field = String(i.path[0] ?? 'name')
      errors.add(field, `${LABELS[field] ?? field} ${i.message}`)
    }
  }

  app.get('/admin/courts/add', access, async (_req, reply) => render(reply, { kind: 'CROWN', active: true }))

  app.post('/admin/courts/add', access, async (req, reply) => {
    const values = read((req.body ?? {}) as FormBody)
    const errors = new FormErrors()
    const parsed = courtSchema.safeParse(values)
    if (!parsed.success) zodErrors(errors, parsed.error.issues)
    else {
      try {
        const court = await courts.createCourt(actorOf(req), parsed.data)
        req.session.set('flash', `${court.name} added`)
        return reply.redirect(courtAdminUrls.courts())
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e
        errors.add('code', e.message)
      }
    }
    return render(reply, values, { errors, status: 400 })
  })

  const courtOf = async (req: FastifyRequest) => {
    const code = String((req.params as { courtCode?: string }).courtCode ?? '')
    if (!/^[A-Za-z0-9]{2,10}$/.test(code)) throw new HttpError(404, 'Court not found')
    return courts.getCourt(code)
  }

  app.get('/admin/courts/:courtCode/edit', access, async (req, reply) => {
    const court = await courtOf(req)
    return render(reply, { ...court }, { court })
  })

  app.post('/admin/courts/:courtCode/edit', access, async (req, reply) => {
    const court = await courtOf(req)
    const body = (req.body ?? {}) as FormBody
    const values = { ...read(body), code: court.code, version: readVersion(body) }
    const errors = new FormErrors()
    const parsed = courtUpdateSchema.safeParse(values)
    if (!parsed.success) zodErrors(errors, parsed.error.issues)
    else {
      try {
        await courts.updateCourt(actorOf(req), court.code, parsed.data)
        req.session.set('flash', `${parsed.data.name} changed`)
        return reply.redirect(courtAdminUrls.courts())
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e
        errors.add('name', messages.conflict)
        return render(reply, values, { court, errors, status: 409 })
      }
    }
    return render(reply, values, { court, errors, status: 400 })
  })
}
