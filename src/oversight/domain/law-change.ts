/**
 * Law-change impact, before commencement: the change described as data (new tranche dates, a new
 * early-release fraction), releases counted per week for the next six months, the chart (SVG,
 * drawn here so it prints and needs no JavaScript) and the CSV. Pure: no I/O, no clock.
 */
import { LocalDate } from '@js-joda/core'
import { z } from 'zod'
import type { LegislationChange } from '../../engine/api.js'
import { recordDate } from '../../boundary/dates.js'
import { IMPACT_LABELS, type Impact } from './compare.js'

export const EARLY_RELEASE_POINTS = ['ONE_HALF', 'FORTY_PERCENT', 'ONE_THIRD', 'THIRTY_PERCENT'] as const
export const EARLY_RELEASE_POINT_LABELS: Record<(typeof EARLY_RELEASE_POINTS)[number], string> = {
  ONE_HALF: 'One half',
  FORTY_PERCENT: '40%',
  ONE_THIRD: 'One third',
  THIRTY_PERCENT: '30%',
}

/** A law change as the service accepts it (forms, API): at least one thing must change. */
export const lawChangeSchema = z
  .object({
    description: z.string().trim().min(3, 'Describe the change').max(200),
    sds40Dates: z
      .object({ trancheOne: recordDate, trancheTwo: recordDate, trancheThree: recordDate })
      .partial()
      .optional(),
    earlyReleasePoint: z.enum(EARLY_RELEASE_POINTS).optional(),
  })
  .refine(
    (c) =>
      c.earlyReleasePoint !== undefined ||
      Object.values(c.sds40Dates ?? {}).some((d) => d !== undefined && d !== ''),
    { message: 'Change a tranche date or the early release point', path: ['sds40Dates'] },
  )
export type LawChange = z.infer<typeof lawChangeSchema>

/** What the engine is given (the description is for people). */
export function engineChange(change: LawChange): LegislationChange {
  const dates = Object.fromEntries(Object.entries(change.sds40Dates ?? {}).filter(([, v]) => !!v))
  return {
    ...(Object.keys(dates).length > 0 ? { sds40Dates: dates } : {}),
    ...(change.earlyReleasePoint ? { earlyReleasePoint: change.earlyReleasePoint } : {}),
  }
}

export const WEEKS_AHEAD = 26

/** Monday-started weeks from the week holding `today`. */
export function weekStarts(today: string, weeks = WEEKS_AHEAD): string[] {
  const t = LocalDate.parse(today)
  const monday = t.minusDays(t.dayOfWeek().value() - 1)
  return Array.from({ length: weeks }, (_, i) => monday.plusWeeks(i).toString())
}

/** Index of the week `date` falls in, or -1 outside the next six months. */
export function weekIndex(today: string, date: string): number {
  if (date < today) return -1
  const t = LocalDate.parse(today)
  const monday = t.minusDays(t.dayOfWeek().value() - 1)
  const days = LocalDate.parse(date).toEpochDay() - monday.toEpochDay()
  const i = Math.floor(days / 7)
  return i < WEEKS_AHEAD ? i : -1
}

export interface WeeklyReleases {
  /** Releases per week under today's law (or the recorded dates, for a re-check). */
  before: number[]
  /** …under the changed law (or the engine today). */
  after: number[]
}

export const emptyWeekly = (): WeeklyReleases => ({
  before: new Array<number>(WEEKS_AHEAD).fill(0),
  after: new Array<number>(WEEKS_AHEAD).fill(0),
})

export function addRelease(w: WeeklyReleases, today: string, before?: string | null, after?: string | null) {
  const b = before ? weekIndex(today, before) : -1
  const a = after ? weekIndex(today, after) : -1
  if (b >= 0) w.before[b]! += 1
  if (a >= 0) w.after[a]! += 1
}

export function sumWeekly(list: WeeklyReleases[]): WeeklyReleases {
  const out = emptyWeekly()
  for (const w of list)
    for (let i = 0; i < WEEKS_AHEAD; i++) {
      out.before[i]! += w.before[i] ?? 0
      out.after[i]! += w.after[i] ?? 0
    }
  return out
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const shortDate = (iso: string) => {
  const d = LocalDate.parse(iso)
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${d.dayOfMonth()} ${months[d.monthValue() - 1]}`
}

/**
 * Grouped bars, one pair per week: today's law and the changed law. Labelled for screen readers
 * (role="img", a title and a description); the table beside it on the page holds the figures.
 */
export function weeklyChartSvg(
  today: string,
  weekly: WeeklyReleases,
  labels: { before: string; after: string; title: string },
): string {
  const starts = weekStarts(today)
  const width = 900
  const height = 320
  const left = 50
  const bottom = 60
  const top = 30
  const plotW = width - left - 10
  const plotH = height - top - bottom
  const max = Math.max(1, ...weekly.before, ...weekly.after)
  const step = plotW / WEEKS_AHEAD
  const barW = Math.max(2, step / 2 - 2)
  const y = (v: number) => top + plotH - (v / max) * plotH
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title chart-desc" class="app-chart" font-family="arial, sans-serif">`,
    `<title id="chart-title">${esc(labels.title)}</title>`,
    `<desc id="chart-desc">Releases per week for ${WEEKS_AHEAD} weeks from ${shortDate(starts[0]!)}: ${esc(labels.before)} ${weekly.before.reduce((a, b) => a + b, 0)} in all, ${esc(labels.after)} ${weekly.after.reduce((a, b) => a + b, 0)} in all.</desc>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 10}" y2="${top + plotH}" stroke="#0b0c0c"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#0b0c0c"/>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="12">${max}</text>`,
    `<text x="${left - 6}" y="${top + plotH}" text-anchor="end" font-size="12">0</text>`,
  )
  for (let i = 0; i < WEEKS_AHEAD; i++) {
    const x = left + i * step + 1
    const b = weekly.before[i] ?? 0
    const a = weekly.after[i] ?? 0
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(b).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(b)).toFixed(1)}" fill="#505a5f"><title>Week of ${shortDate(starts[i]!)}: ${b} (${esc(labels.before)})</title></rect>`,
      `<rect x="${(x + barW + 1).toFixed(1)}" y="${y(a).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(a)).toFixed(1)}" fill="#1d70b8"><title>Week of ${shortDate(starts[i]!)}: ${a} (${esc(labels.after)})</title></rect>`,
    )
    if (i % 4 === 0)
      parts.push(
        `<text x="${(x + barW).toFixed(1)}" y="${top + plotH + 16}" text-anchor="middle" font-size="12">${shortDate(starts[i]!)}</text>`,
      )
  }
  parts.push(
    `<rect x="${left}" y="${height - 24}" width="12" height="12" fill="#505a5f"/><text x="${left + 18}" y="${height - 14}" font-size="13">${esc(labels.before)}</text>`,
    `<rect x="${left + 300}" y="${height - 24}" width="12" height="12" fill="#1d70b8"/><text x="${left + 318}" y="${height - 14}" font-size="13">${esc(labels.after)}</text>`,
    '</svg>',
  )
  return parts.join('')
}

/** A CSV field: quoted when it holds a comma, quote or newline; a leading =+-@ is defused. */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+$/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export interface ImpactRow {
  prisonNumber: string
  prisonId: string
  impact: Impact
  priority: string
  before: string | null
  after: string | null
  daysDifference: number | null
  dates: string
}

export function impactCsv(rows: ImpactRow[]): string {
  const header = [
    'prison_number',
    'prison',
    'impact',
    'priority',
    'release_before',
    'release_after',
    'days',
    'dates_changed',
  ]
  const lines = [header.join(',')]
  for (const r of rows)
    lines.push(
      [
        r.prisonNumber,
        r.prisonId,
        IMPACT_LABELS[r.impact],
        r.priority,
        r.before,
        r.after,
        r.daysDifference,
        r.dates,
      ]
        .map(csvField)
        .join(','),
    )
  return lines.join('\r\n') + '\r\n'
}
