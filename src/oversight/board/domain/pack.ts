/**
 * The monthly pack as data: each section is a chart and the table behind it (the same figures),
 * downloadable as CSV. The HTML page, the PDF and the CSV downloads are all drawn from this.
 */
import { YearMonth } from '@js-joda/core'
import type { BoardFigures, MonthFigures } from './figures.js'
import { PALETTE, barChart, columnChart, lineChart, type Chart } from './charts.js'

export interface Table {
  /** Stable: the CSV's file name and the page anchor. */
  id: string
  caption: string
  columns: string[]
  /** Cells as shown; null is "not available". */
  rows: (string | number | null)[][]
}

export interface PackSection {
  id: string
  heading: string
  /** What the section shows, in a sentence or two. */
  intro: string
  chart?: Chart
  table: Table
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "October 2026" */
export function monthName(month: string): string {
  const ym = YearMonth.parse(month)
  return `${MONTHS[ym.monthValue() - 1]} ${ym.year()}`
}
/** "Oct 26", for an axis */
const shortMonth = (month: string) => {
  const ym = YearMonth.parse(month)
  return `${MONTHS[ym.monthValue() - 1]!.slice(0, 3)} ${String(ym.year()).slice(2)}`
}

export const TABLE_IDS = [
  'trend',
  'rates',
  'prisons',
  'causes',
  'comparison',
  'leading',
  'leading-trend',
] as const
export type TableId = (typeof TABLE_IDS)[number]

export function packSections(f: BoardFigures): PackSection[] {
  const months = f.months
  const cats = months.map((m) => shortMonth(m.month))
  const col = (pick: (m: MonthFigures) => number | null) => months.map(pick)
  const name = monthName(f.month)
  const causes = f.byCause.filter((c) => c.releasesInError + c.lateReleases > 0)
  return [
    {
      id: 'trend',
      heading: 'Releases in error and late releases',
      intro: `${name} and the twelve months before. A release in error is a release before the person's lawful release date; a late release is after it. Rates are per 10,000 releases (discharges recorded by the release gate).`,
      chart: columnChart({
        id: 'chart-trend',
        title: 'Releases in error and late releases by month',
        description: `Counts by month, ${monthName(months[0]!.month)} to ${name}. The table below has the figures.`,
        categories: cats,
        series: [
          { name: 'Releases in error', values: col((m) => m.releasesInError), colour: PALETTE[0] },
          { name: 'Late releases', values: col((m) => m.lateReleases), colour: PALETTE[1] },
        ],
        yLabel: 'Number of people',
      }),
      table: {
        id: 'trend',
        caption: 'Releases in error and late releases by month',
        columns: [
          'Month',
          'Releases',
          'Releases in error',
          'Per 10,000 releases',
          'Late releases',
          'Per 10,000 releases',
          'Days over-held',
          'Median minutes to police notification',
          'Police told within 2 hours',
        ],
        rows: months.map((m) => [
          monthName(m.month),
          m.discharges,
          m.releasesInError,
          m.releasesInErrorPer10k,
          m.lateReleases,
          m.lateReleasesPer10k,
          m.daysOverHeld,
          m.medianMinutesToPolice,
          m.policeNotified === 0 ? null : `${m.policeNotifiedWithinTwoHours} of ${m.policeNotified}`,
        ]),
      },
    },
    {
      id: 'rates',
      heading: 'Rates per 10,000 releases',
      intro:
        'The same months as rates. A month with no releases recorded has no rate: the line breaks rather than show a figure that was not measured.',
      chart: lineChart({
        id: 'chart-rates',
        title: 'Releases in error and late releases per 10,000 releases',
        description: 'Rates by month. The table above has the figures.',
        categories: cats,
        series: [
          {
            name: 'Releases in error per 10,000',
            values: col((m) => m.releasesInErrorPer10k),
            colour: PALETTE[0],
          },
          { name: 'Late releases per 10,000', values: col((m) => m.lateReleasesPer10k), colour: PALETTE[1] },
        ],
        yLabel: 'Per 10,000 releases',
      }),
      table: {
        id: 'rates',
        caption: 'Rates per 10,000 releases by month',
        columns: ['Month', 'Releases in error per 10,000', 'Late releases per 10,000'],
        rows: months.map((m) => [monthName(m.month), m.releasesInErrorPer10k, m.lateReleasesPer10k]),
      },
    },
    {
      id: 'prisons',
      heading: `By prison, ${name}`,
      intro: 'Each prison the pack covers, with its releases and its rates.',
      chart: barChart({
        id: 'chart-prisons',
        title: `Releases in error and late releases by prison, ${name}`,
        description: 'Counts by prison. The table below has the figures and rates.',
        categories: f.byPrison.map((p) => p.prisonName),
        series: [
          { name: 'Releases in error', values: f.byPrison.map((p) => p.releasesInError), colour: PALETTE[0] },
          { name: 'Late releases', values: f.byPrison.map((p) => p.lateReleases), colour: PALETTE[1] },
        ],
        xLabel: 'Number of people',
      }),
      table: {
        id: 'prisons',
        caption: `By prison, ${name}`,
        columns: [
          'Prison',
          'Releases',
          'Releases in error',
          'Per 10,000 releases',
          'Late releases',
          'Per 10,000 releases',
          'Days over-held',
        ],
        rows: f.byPrison.map((p) => [
          `${p.prisonName} (${p.prisonId})`,
          p.discharges,
          p.releasesInError,
          p.releasesInErrorPer10k,
          p.lateReleases,
          p.lateReleasesPer10k,
          p.daysOverHeld,
        ]),
      },
    },
    {
      id: 'causes',
      heading: `By root cause, ${name}`,
      intro:
        'Several causes may apply to one error, so the causes add up to more than the errors. Causes with no errors this month are left out of the chart.',
      ...(causes.length > 0
        ? {
            chart: barChart({
              id: 'chart-causes',
              title: `Root causes, ${name}`,
              description: 'Errors by root cause. The table below has the figures.',
              categories: causes.map((c) => c.label),
              series: [
                {
                  name: 'Releases in error',
                  values: causes.map((c) => c.releasesInError),
                  colour: PALETTE[0],
                },
                { name: 'Late releases', values: causes.map((c) => c.lateReleases), colour: PALETTE[1] },
              ],
              xLabel: 'Number of errors with this cause',
            }),
          }
        : {}),
      table: {
        id: 'causes',
        caption: `By root cause, ${name}`,
        columns: ['Root cause', 'Releases in error', 'Late releases'],
        rows: f.byCause.map((c) => [c.label, c.releasesInError, c.lateReleases]),
      },
    },
    {
      id: 'comparison',
      heading: `${name} against the twelve months before`,
      intro: 'Each measure this month beside its mean, lowest and highest over the previous twelve months.',
      table: {
        id: 'comparison',
        caption: `${name} against the previous twelve months`,
        columns: ['Measure', name, 'Mean of previous 12 months', 'Lowest', 'Highest'],
        rows: f.comparison.map((c) => [
          c.label,
          c.thisMonth,
          c.previousTwelveMean,
          c.previousTwelveMin,
          c.previousTwelveMax,
        ]),
      },
    },
    {
      id: 'leading',
      heading: 'Leading indicators now',
      intro: 'Read when the pack was produced: the risks that come before an error.',
      table: {
        id: 'leading',
        caption: 'Leading indicators now',
        columns: ['Indicator', 'Value'],
        rows: [
          ['Releases in the next 14 days', f.live.releasesNext14Days],
          ['…of which without a verified calculation', f.live.releasesNext14DaysWithoutVerifiedCalculation],
          ['Court hotline queries past their deadline', f.live.courtQueriesPastSla],
          [
            'Court changes not acknowledged past their deadline',
            f.live.courtChangesUnacknowledgedPastDeadline,
          ],
        ],
      },
    },
    {
      id: 'leading-trend',
      heading: 'Calculations, second checks and reception',
      intro:
        'The share of calculations whose dates were overridden or entered by hand, the share of second checks that found a difference, and the median time from reception to the first calculation.',
      chart: lineChart({
        id: 'chart-leading',
        title: 'Overridden or hand-entered calculations and second-check differences (%)',
        description: 'Percentages by month. The table below has the figures.',
        categories: cats,
        series: [
          {
            name: 'Overridden or by hand (%)',
            values: col((m) => m.overriddenOrManualShare),
            colour: PALETTE[2],
          },
          {
            name: 'Checks finding a difference (%)',
            values: col((m) => m.checkDifferenceRate),
            colour: PALETTE[3],
          },
        ],
        yLabel: 'Per cent',
      }),
      table: {
        id: 'leading-trend',
        caption: 'Calculations, second checks and reception by month',
        columns: [
          'Month',
          'Calculations confirmed',
          'Overridden or by hand',
          'Share (%)',
          'Second checks',
          'Finding a difference',
          'Rate (%)',
          'First calculations',
          'Median days from reception to first calculation',
        ],
        rows: months.map((m) => [
          monthName(m.month),
          m.calculations,
          m.overriddenOrManual,
          m.overriddenOrManualShare,
          m.checks,
          m.checksWithDifferences,
          m.checkDifferenceRate,
          m.firstCalculations,
          m.medianDaysReceptionToFirstCalculation,
        ]),
      },
    },
  ]
}

const csvCell = (v: string | number | null) => {
  if (v === null) return ''
  if (typeof v === 'number') return String(v)
  // Text a spreadsheet would run as a formula is prefixed so it stays text.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV; an empty cell is "not available". */
export function toCsv(table: Table): string {
  return [table.columns, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
