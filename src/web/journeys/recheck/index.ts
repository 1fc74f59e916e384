/**
 * Oversight re-check pages: start a re-check or a law-change run (managers for their prison,
 * administrators for any scope), a run's progress (the page refreshes itself while it runs, no
 * JavaScript), its triage list per prison, one finding with its triage, and a law-change run's
 * impact (table, chart drawn on the server, CSV). Analysts read everything and change nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ValidationError } from '../../../db/errors.js'
import { FormErrors, dateParts, readDate, str, type FormBody } from '../../forms.js'
import { HttpError } from '../../plugins/errors.js'
import { requireUser } from '../../plugins/access.js'
import { RECHECK_READERS, RECHECK_WRITERS } from '../../api/v1/recheck.js'
import { formatDate } from '../../../calculation/domain/format.js'
import { RELEASE_DATE_NAMES } from '../../../engine/api.js'
import {
  EARLY_RELEASE_POINTS,
  EARLY_RELEASE_POINT_LABELS,
  IMPACT_LABELS,
  RESOLUTION_LABELS,
  RUN_STATUS_LABELS,
  TRIAGE_STATUS_LABELS,
  impactCsv,
  lawChangeSchema,
  weekStarts,
  weeklyChartSvg,
  type LawChange,
} from '../../../oversight/domain/index.js'
import type { FindingView, RunScope, RunView } from '../../../oversight/service/recheck-service.js'
import { toTriageCommand, triageCommandSchema } from '../../../oversight/service/requests.js'
import { recheckUrls } from './urls.js'

const read = { config: { access: { roles: RECHECK_READERS, prison: 'none' } } } as const
const write = { config: { access: { roles: RECHECK_WRITERS, prison: 'none' } } } as const
const runId = z.object({ runId: z.string().uuid() })
const findingParams = runId.extend({
  findingId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
})

function params<T extends z.ZodType>(schema: T, req: FastifyRequest): z.infer<T> {
  const parsed = schema.safeParse(req.params)
  if (!parsed.success) throw new HttpError(404, 'Page not found')
  return parsed.data
}

function scopeText(scope: RunScope, prisons: Map<string, string>): string {
  switch (scope.kind) {
    case 'estate':
      return 'The whole estate'
    case 'prison':
      return prisons.get(scope.prisonId) ?? scope.prisonId
    case 'people':
      return `${scope.prisonNumbers.length} ${scope.prisonNumbers.length === 1 ? 'person' : 'people'}: ${scope.prisonNumbers.slice(0, 5).join(', ')}${scope.prisonNumbers.length > 5 ? '…' : ''}`
  }
}

function lawChangeText(change: LawChange | null): string {
  if (!change) return ''
  const parts = [change.description]
  const d = change.sds40Dates ?? {}
  if (d.trancheOne) parts.push(`tranche one from ${formatDate(d.trancheOne)}`)
  if (d.trancheTwo) parts.push(`tranche two from ${formatDate(d.trancheTwo)}`)
  if (d.trancheThree) parts.push(`tranche three from ${formatDate(d.trancheThree)}`)
  if (change.earlyReleasePoint)
    parts.push(`early release at ${EARLY_RELEASE_POINT_LABELS[change.earlyReleasePoint]}`)
  return parts.join('; ')
}

function findingRow(runIdValue: string, f: FindingView) {
  return {
    ...f,
    url: recheckUrls.finding(runIdValue, f.id),
    impactLabel: IMPACT_LABELS[f.impact],
    statusLabel: TRIAGE_STATUS_LABELS[f.triage.status],
    recorded: formatDate(f.recordedRelease),
    engine: formatDate(f.engineRelease),
    dates: f.differences.map((d) => d.type).join(', '),
  }
}

export function recheckJourney(app: FastifyInstance): void {
  const { recheck, recheckWorker, prisons } = app.services

  const prisonNames = async () => new Map((await prisons.list()).map((p) => [p.id, p.name]))

  function runSummary(run: RunView, names: Map<string, string>) {
    return {
      ...run,
      url: recheckUrls.run(run.id),
      kindLabel: run.kind === 'LAW_CHANGE' ? 'Law-change impact' : 'Re-check of recorded dates',
      scopeText: scopeText(run.scope, names),
      statusLabel: RUN_STATUS_LABELS[run.status],
      started: new Date(run.startedAt).toLocaleString('en-GB', { timeZone: 'Europe/London' }),
      lawChangeText: lawChangeText(run.lawChange),
    }
  }

  async function renderList(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    status = 200,
  ) {
    const user = requireUser(req)
    const names = await prisonNames()
    const runs = await recheck.list(user)
    const admin = user.roles.includes('admin')
    const myPrisons = admin || user.caseload.estateWide ? [...names.keys()] : user.caseload.prisons
    return reply.status(status).render('journeys/recheck/list.njk', {
      pageTitle: 'Re-checks and law-change impact',
      runs: runs.map((r) => runSummary(r, names)),
      canStart: user.roles.includes('manager') || admin,
      canEstate: admin,
      prisons: myPrisons.map((id) => ({
        value: id,
        text: names.get(id) ?? id,
        selected: values.prisonId === id,
      })),
      points: [
        { value: '', text: 'No change' },
        ...EARLY_RELEASE_POINTS.map((p) => ({
          value: p,
          text: EARLY_RELEASE_POINT_LABELS[p],
          selected: values.earlyReleasePoint === p,
        })),
      ],
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
    })
  }

  app.get('/recheck', read, async (req, reply) => renderList(req, reply))

  app.post('/recheck', write, async (req, reply) => {
    const user = requireUser(req)
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const kind = str(body, 'kind') === 'LAW_CHANGE' ? 'LAW_CHANGE' : 'RECHECK'
    const scopeKind = str(body, 'scopeKind')
    const values = {
      kind,
      scopeKind,
      prisonId: str(body, 'prisonId', 10),
      prisonNumbers: str(body, 'prisonNumbers', 20_000),
      description: str(body, 'description'),
      trancheOne: dateParts(body, 'trancheOne'),
      earlyReleasePoint: str(body, 'earlyReleasePoint', 20),
    }
    let scope: RunScope | undefined
    if (scopeKind === 'prison') {
      if (!values.prisonId) errors.add('prisonId', 'Choose a prison')
      else scope = { kind: 'prison', prisonId: values.prisonId }
    } else if (scopeKind === 'people') {
      const numbers = values.prisonNumbers
        .split(/[\s,]+/)
        .map((n) => n.trim().toUpperCase())
        .filter(Boolean)
      const bad = numbers.filter((n) => !/^[A-Z0-9]{4,12}$/.test(n))
      if (numbers.length === 0) errors.add('prisonNumbers', 'Enter at least one prison number')
      else if (bad.length > 0)
        errors.add('prisonNumbers', `${bad.slice(0, 5).join(', ')} is not a prison number`)
      else scope = { kind: 'people', prisonNumbers: numbers }
    } else if (scopeKind === 'estate') scope = { kind: 'estate' }
    else errors.add('scopeKind', 'Choose who to re-check', 'scopeKind')
    let lawChange: LawChange | undefined
    if (kind === 'LAW_CHANGE') {
      const trancheOne = readDate(body, 'trancheOne', 'tranche one date', errors, false)
      const parsed = lawChangeSchema.safeParse({
        description: values.description,
        ...(trancheOne ? { sds40Dates: { trancheOne } } : {}),
        ...(values.earlyReleasePoint ? { earlyReleasePoint: values.earlyReleasePoint } : {}),
      })
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] === 'description' ? 'description' : 'trancheOne'
          errors.add(field, issue.message, field === 'trancheOne' ? 'trancheOne-day' : field)
        }
      } else lawChange = parsed.data
    }
    if (errors.any || !scope) return renderList(req, reply, values, errors, 400)
    try {
      const run = await recheck.start(user, { kind, scope, ...(lawChange ? { lawChange } : {}) })
      recheckWorker.kick()
      return reply.redirect(recheckUrls.run(run.id))
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      for (const p of e.problems) errors.add(p.path === 'scope' ? 'scopeKind' : p.path, p.message)
      return renderList(req, reply, values, errors, 422)
    }
  })

  app.get('/recheck/:runId', read, async (req, reply) => {
    const user = requireUser(req)
    const { runId: id } = params(runId, req)
    const run = await recheck.get(user, id)
    const names = await prisonNames()
    const findings = await recheck.findings(user, id)
    const byPrison = new Map<string, ReturnType<typeof findingRow>[]>()
    for (const f of findings) {
      const list = byPrison.get(f.prisonId) ?? []
      list.push(findingRow(id, f))
      byPrison.set(f.prisonId, list)
    }
    const counts = (impact: string) =>
      findings.filter((f) => f.impact === impact && f.outcome === 'DIFFERENCE').length
    return reply.render('journeys/recheck/run.njk', {
      pageTitle: run.kind === 'LAW_CHANGE' ? 'Law-change impact run' : 'Re-check',
      backLink: recheckUrls.list(),
      run: runSummary(run, names),
      // WCAG 2.2.1: the person can stop the page updating itself (and start it again).
      refreshSeconds:
        run.status === 'RUNNING' && (req.query as { refresh?: string }).refresh !== 'off' ? 2 : 0,
      running: run.status === 'RUNNING',
      stopRefreshUrl: `${recheckUrls.run(id)}?refresh=off`,
      canCancel: run.status === 'RUNNING' && RECHECK_WRITERS.some((r) => user.roles.includes(r)),
      cancelUrl: recheckUrls.cancel(id),
      impactUrl: recheckUrls.impact(id),
      totals: {
        releaseInError: counts('POTENTIAL_RELEASE_IN_ERROR'),
        unlawfulDetention: counts('POTENTIAL_UNLAWFUL_DETENTION'),
        other: counts('OTHER'),
        earlier: counts('MOVES_EARLIER'),
        later: counts('MOVES_LATER'),
        refused: findings.filter((f) => f.outcome === 'REFUSED').length,
        urgent: findings.filter((f) => f.priority === 'URGENT').length,
      },
      prisonGroups: [...byPrison.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([prisonId, rows]) => ({ prisonId, prisonName: names.get(prisonId) ?? prisonId, rows })),
    })
  })

  app.post('/recheck/:runId/cancel', write, async (req, reply) => {
    const user = requireUser(req)
    const { runId: id } = params(runId, req)
    const version = Number(str((req.body ?? {}) as FormBody, 'version', 12))
    if (!Number.isInteger(version) || version < 1) throw new HttpError(400, 'Reload the page and try again')
    await recheck.cancel(user, id, version)
    return reply.redirect(recheckUrls.run(id))
  })

  async function renderFinding(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    findingId: number,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    status = 200,
  ) {
    const user = requireUser(req)
    const run = await recheck.get(user, id)
    const finding = await recheck.finding(user, findingId)
    if (finding.runId !== id) throw new HttpError(404, 'Page not found')
    const names = await prisonNames()
    return reply.status(status).render('journeys/recheck/finding.njk', {
      pageTitle: `${finding.prisonNumber}: ${IMPACT_LABELS[finding.impact]}`,
      backLink: recheckUrls.run(id),
      run: runSummary(run, names),
      finding: findingRow(id, finding),
      prisonName: names.get(finding.prisonId) ?? finding.prisonId,
      personUrl: `/people/${finding.prisonNumber}`,
      differences: finding.differences.map((d) => ({
        name: `${RELEASE_DATE_NAMES[d.type]} (${d.type})`,
        recorded: formatDate(d.recorded),
        engine: formatDate(d.engine),
      })),
      history: finding.triage.history.map((h) => ({
        ...h,
        when: new Date(h.at).toLocaleString('en-GB', { timeZone: 'Europe/London' }),
        resolutionLabel: h.resolution ? RESOLUTION_LABELS[h.resolution] : '',
      })),
      resolutionLabel: finding.triage.resolution ? RESOLUTION_LABELS[finding.triage.resolution] : '',
      canTriage:
        run.kind === 'RECHECK' &&
        finding.triage.status !== 'RESOLVED' &&
        recheck.mayTriage(user, finding.prisonId),
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
    })
  }

  app.get('/recheck/:runId/findings/:findingId', read, async (req, reply) => {
    const p = params(findingParams, req)
    return renderFinding(req, reply, p.runId, p.findingId)
  })

  app.post('/recheck/:runId/findings/:findingId', write, async (req, reply) => {
    const user = requireUser(req)
    const p = params(findingParams, req)
    const body = (req.body ?? {}) as FormBody
    const values = {
      action: str(body, 'action', 20),
      assignTo: str(body, 'assignTo', 100),
      note: str(body, 'note', 1000),
      reason: str(body, 'reason', 1000),
    }
    const errors = new FormErrors()
    const parsed = triageCommandSchema.safeParse({
      action: values.action,
      ...(values.action === 'assign' ? { assignTo: values.assignTo } : {}),
      ...(values.action === 'date-stands' ? { reason: values.reason } : {}),
      ...(values.action === 'investigate' || values.action === 'recalculate'
        ? values.note
          ? { note: values.note }
          : {}
        : {}),
    })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = issue.path[0] === 'assignTo' ? 'assignTo' : 'action'
      errors.add(
        field,
        field === 'assignTo' ? 'Enter the username of the person to assign it to' : 'Choose what to do',
      )
      return renderFinding(req, reply, p.runId, p.findingId, values, errors, 400)
    }
    const version = Number(str(body, 'version', 12))
    try {
      await recheck.triage(
        user,
        p.findingId,
        Number.isInteger(version) ? version : 0,
        toTriageCommand(parsed.data),
      )
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      for (const problem of e.problems)
        errors.add(
          problem.path === 'reason' ? 'reason' : problem.path === 'assignTo' ? 'assignTo' : 'action',
          problem.message,
        )
      return renderFinding(req, reply, p.runId, p.findingId, values, errors, 422)
    }
    return reply.redirect(recheckUrls.finding(p.runId, p.findingId))
  })

  async function impactRows(req: FastifyRequest, id: string) {
    const user = requireUser(req)
    const run = await recheck.get(user, id)
    const findings = await recheck.findings(user, id)
    return { run, findings }
  }

  app.get('/recheck/:runId/impact', read, async (req, reply) => {
    const { runId: id } = params(runId, req)
    const { run, findings } = await impactRows(req, id)
    const names = await prisonNames()
    const weekly = await recheck.weekly(id)
    const lawChange = run.kind === 'LAW_CHANGE'
    const labels = lawChange
      ? {
          before: 'Under the law now',
          after: 'Under the change',
          title: 'Releases per week for the next six months',
        }
      : {
          before: 'Recorded dates',
          after: "Engine's dates today",
          title: 'Releases per week for the next six months',
        }
    const starts = weekStarts(run.today)
    return reply.render('journeys/recheck/impact.njk', {
      pageTitle: lawChange ? 'Law-change impact' : 'Re-check impact',
      backLink: recheckUrls.run(id),
      run: runSummary(run, names),
      labels,
      csvUrl: recheckUrls.impactCsv(id),
      chart: weeklyChartSvg(run.today, weekly, labels),
      weeks: starts.map((w, i) => ({
        week: formatDate(w),
        before: weekly.before[i] ?? 0,
        after: weekly.after[i] ?? 0,
      })),
      rows: findings.map((f) => findingRow(id, f)),
      earlier: findings.filter((f) => (f.daysDifference ?? 0) < 0).length,
      later: findings.filter((f) => (f.daysDifference ?? 0) > 0).length,
    })
  })

  app.get('/recheck/:runId/impact.csv', read, async (req, reply) => {
    const { runId: id } = params(runId, req)
    const { findings } = await impactRows(req, id)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="impact-${id.slice(0, 8)}.csv"`)
      .send(
        impactCsv(
          findings.map((f) => ({
            prisonNumber: f.prisonNumber,
            prisonId: f.prisonId,
            impact: f.impact,
            priority: f.priority,
            before: f.recordedRelease,
            after: f.engineRelease,
            daysDifference: f.daysDifference,
            dates: f.differences.map((d) => d.type).join(' '),
          })),
        ),
      )
  })
}
