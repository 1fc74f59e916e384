/**
 * The Justice Performance Board pack: the month's figures as a page (charts drawn on the server
 * as SVG, a table behind every chart), the same pack as a PDF, and each table as CSV. Read-only:
 * analysts see the estate or any prison, managers their own prisons.
 */
import { YearMonth, LocalDate } from '@js-joda/core'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  READ_BOARD,
  TABLE_IDS,
  monthName,
  packSections,
  toCsv,
  toSvg,
  type TableId,
} from '../../../oversight/board/domain/index.js'
import type { BoardPack } from '../../../oversight/board/service/board-service.js'
import { packPdf } from '../../../oversight/board/service/pdf.js'
import { requireUser } from '../../plugins/access.js'
import { HttpError } from '../../plugins/errors.js'
import { boardQuery } from '../../api/v1/board.js'
import { boardUrls } from './urls.js'

const access = { roles: READ_BOARD, prison: 'none' } as const

function titleOf(pack: BoardPack) {
  const where = pack.scope.prisonId
    ? pack.scope.prisons[0]!.name
    : pack.scope.estateWide
      ? 'All prisons'
      : pack.scope.prisons.map((p) => p.name).join(', ')
  return {
    title: `Justice Performance Board pack: ${monthName(pack.month)}`,
    subtitle: `${where}. Produced ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(new Date(pack.producedAt))} from SafeRelease's own records.`,
  }
}

const cell = (v: string | number | null) =>
  v === null ? 'Not available' : typeof v === 'number' ? v.toLocaleString('en-GB') : v

export function boardJourney(app: FastifyInstance): void {
  const board = () => app.services.board

  async function load(req: FastifyRequest) {
    const parsed = boardQuery.safeParse(req.query ?? {})
    if (!parsed.success)
      throw new HttpError(
        400,
        'The month or prison is not valid',
        parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'query'), message: i.message })),
      )
    const month = parsed.data.month ?? board().lastMonth()
    const pack = await board().pack(requireUser(req).caseload, month, parsed.data.prison)
    return { pack, month, prison: parsed.data.prison }
  }

  app.get('/board', { config: { access } }, async (req, reply) => {
    const { pack, month, prison } = await load(req)
    const user = requireUser(req)
    const all = await board().scopeFor(user.caseload)
    const latest = YearMonth.from(LocalDate.parse(board().today()))
    const months = Array.from({ length: 25 }, (_, i) => latest.minusMonths(i).toString()).map((m) => ({
      value: m,
      text: monthName(m),
      selected: m === month,
    }))
    const { title, subtitle } = titleOf(pack)
    const t = pack.thisMonth
    return reply.render('journeys/board/pack.njk', {
      pageTitle: title,
      title,
      subtitle,
      month,
      months,
      prisons: [
        { value: '', text: all.estateWide ? 'All prisons' : 'All my prisons', selected: !prison },
        ...all.prisons.map((p) => ({ value: p.id, text: `${p.name} (${p.id})`, selected: p.id === prison })),
      ],
      headline: [
        ['Releases in error', cell(t.releasesInError)],
        ['Releases in error per 10,000 releases', cell(t.releasesInErrorPer10k)],
        ['Late releases', cell(t.lateReleases)],
        ['Late releases per 10,000 releases', cell(t.lateReleasesPer10k)],
        ['Releases (discharges recorded)', cell(t.discharges)],
        ['Days over-held (late releases)', cell(t.daysOverHeld)],
        ['Median minutes from detection to police notification', cell(t.medianMinutesToPolice)],
      ],
      sections: packSections(pack).map((s) => ({
        ...s,
        svg: s.chart ? toSvg(s.chart) : undefined,
        rows: s.table.rows.map((r) => r.map(cell)),
        csvUrl: boardUrls.csv(s.table.id, month, prison),
      })),
      pdfUrl: boardUrls.pdf(month, prison),
      noDischarges: pack.months.every((m) => m.discharges === null),
    })
  })

  app.get('/board/pack.pdf', { config: { access } }, async (req, reply) => {
    const { pack, month } = await load(req)
    const pdf = await packPdf({ ...titleOf(pack), sections: packSections(pack) })
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="board-pack-${month}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf)
  })

  const tableParams = z.object({ tableId: z.string().regex(/^[a-z-]{1,40}\.csv$/) })
  app.get('/board/tables/:tableId', { config: { access } }, async (req, reply) => {
    const params = tableParams.safeParse(req.params)
    const id = params.success ? params.data.tableId.replace(/\.csv$/, '') : ''
    if (!(TABLE_IDS as readonly string[]).includes(id)) throw new HttpError(404, 'Table not found')
    const { pack, month } = await load(req)
    const section = packSections(pack).find((s) => s.table.id === (id as TableId))
    if (!section) throw new HttpError(404, 'Table not found')
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="board-${id}-${month}.csv"`)
      .header('cache-control', 'no-store')
      .send(toCsv(section.table))
  })
}
