/**
 * The notification slip: a printable summary of a confirmed calculation, in two versions — for
 * the prisoner (with how to dispute the dates) and for the establishment.
 */
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../engine/api.js'
import type { ReleaseDateType } from '../../engine/api.js'
import { formatDate, formatInstantDate } from './format.js'
import { bankHolidayCalendar, releaseDay } from './release-day.js'
import type { HistoryEntry } from './history.js'
import { checkStatusLabel, sourceLabel } from './history.js'
import { CALCULATION_REASONS, calculationReasonLabel, overrideReasonLabel } from './reasons.js'
import type { AdjustmentRow, SentenceRow } from './tables.js'
import { adjustmentRows, sentenceRows } from './tables.js'

export const SLIP_VARIANTS = ['prisoner', 'establishment'] as const
export type SlipVariant = (typeof SLIP_VARIANTS)[number]

export interface SlipRequest {
  variant: SlipVariant
  prison: { id: string; name: string }
  person: { name: string; prisonNumber: string; dateOfBirth: string }
  entry: HistoryEntry
  /** England and Wales bank holidays (ISO dates), from the service's calendar. */
  bankHolidays: ReadonlyArray<string>
}

export interface SlipDate {
  type: ReleaseDateType
  /** Full name, e.g. "Conditional release date". */
  name: string
  /** The date in law: "12 April 2025". */
  date: string
  /**
   * For a date someone is released on: the day they actually leave ("Friday 11 April 2025 (12
   * April 2025 is a Saturday, so release is on the working day before)"), or that the calendar
   * does not cover the year. Absent for expiry dates.
   */
  releaseDay?: string
  /** The bank-holiday calendar does not cover this date: check the working day by hand. */
  calendarUnknown: boolean
}

export interface SlipView {
  variant: SlipVariant
  title: string
  copy: string
  prison: string
  person: { name: string; prisonNumber: string; dateOfBirth: string }
  calculation: { date: string; reason: string; howSet: string }
  dates: SlipDate[]
  sentences: SentenceRow[]
  adjustments: AdjustmentRow[]
  /** Prisoner copy only. */
  disputing?: { heading: string; paragraphs: string[] }
  /** Establishment copy only. */
  establishment?: {
    calculationId: string
    reasonInFull: string
    overrideReason?: string
    calculatedBy: string[]
    confirmedBy: string
    secondCheck: string
  }
}

export const DISPUTE_HEADING = 'If you think these dates are wrong'
export const DISPUTE_PARAGRAPHS = [
  'Tell us as soon as you can. Do not wait until your release date is near.',
  'Speak to the Offender Management Unit (OMU) in this prison. They will look at the calculation again with you and check it against your court documents.',
  'If you are still unhappy, you can make a complaint using the prison complaints process. Staff can give you the form.',
  'You can also ask your solicitor to check these dates.',
] as const

export function slipView(request: SlipRequest): SlipView {
  const { entry, variant } = request
  const calendar = bankHolidayCalendar(request.bankHolidays)
  const dates: SlipDate[] = RELEASE_DATE_TYPES.flatMap((type) => {
    const iso = entry.dates[type]
    if (iso === undefined) return []
    const day = releaseDay(type, iso, calendar)
    return [
      {
        type,
        name: RELEASE_DATE_NAMES[type],
        date: formatDate(iso),
        ...(day.kind === 'not-a-release-day' ? {} : { releaseDay: day.text }),
        calendarUnknown: day.kind === 'calendar-unknown',
      },
    ]
  })
  const common = {
    variant,
    title: 'Release dates notification',
    prison: request.prison.name,
    person: {
      name: request.person.name,
      prisonNumber: request.person.prisonNumber,
      dateOfBirth: formatDate(request.person.dateOfBirth),
    },
    calculation: {
      date: formatInstantDate(entry.confirmedAt),
      // The prisoner copy shows the reason's label; its free text is a note between staff.
      reason:
        variant === 'prisoner'
          ? (CALCULATION_REASONS.find((r) => r.code === entry.reason.code)?.label ?? entry.reason.code)
          : calculationReasonLabel(entry.reason),
      howSet: sourceLabel(entry.source),
    },
    dates,
    sentences: sentenceRows(entry.input.booking),
    adjustments: adjustmentRows(entry.input.booking),
  }
  switch (variant) {
    case 'prisoner':
      return {
        ...common,
        copy: 'Prisoner copy',
        disputing: { heading: DISPUTE_HEADING, paragraphs: [...DISPUTE_PARAGRAPHS] },
      }
    case 'establishment':
      return {
        ...common,
        copy: 'Establishment copy',
        establishment: {
          calculationId: entry.calculationId,
          reasonInFull: calculationReasonLabel(entry.reason),
          ...(entry.overrideReason ? { overrideReason: overrideReasonLabel(entry.overrideReason) } : {}),
          calculatedBy: entry.calculatedBy,
          confirmedBy: entry.confirmedBy,
          secondCheck: checkStatusLabel(entry.status),
        },
      }
    default: {
      const never: never = variant
      throw new Error(`Unknown slip variant ${String(never)}`)
    }
  }
}
