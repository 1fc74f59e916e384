/**
 * Hints: short plain-English notes shown beside each date, built from the same calculation path
 * as the dates (the rule codes the rules recorded while computing), never reconstructed.
 * Wording follows the reference service's hint texts so users of either see the same words.
 * Source: the reference service's CalculationResultEnrichmentService (rules §15).
 */
import type { LocalDate } from '@js-joda/core'
import type { HintContext, ReleaseDateType } from '../api.js'
import type { WorkingDays } from '../calendar/working-days.js'
import type { DateTrace } from './trace.js'

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
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

/** e.g. "Friday, 09 April 2027". */
export function longDate(d: LocalDate): string {
  const day = String(d.dayOfMonth()).padStart(2, '0')
  return `${DAYS[d.dayOfWeek().ordinal()]!}, ${day} ${MONTHS[d.monthValue() - 1]!} ${d.year()}`
}

/** Dates released on a working day: the hint gives the working day the person actually leaves. */
const WORKING_DAY_TYPES = new Set<ReleaseDateType>([
  'CRD',
  'ARD',
  'PED',
  'HDCED',
  'ETD',
  'MTD',
  'LTD',
  'PRRD',
])
const OVERRIDABLE = new Set<ReleaseDateType>([
  'HDCED',
  'CRD',
  'LED',
  'SED',
  'SLED',
  'NPD',
  'ARD',
  'TUSED',
  'PED',
])

/** Which release fraction the SDS40 merge kept for a date. */
export type Sds40Choice = 'FORTY_PERCENT' | 'HALF'

export interface HintInput {
  dates: Map<ReleaseDateType, LocalDate>
  traces: Map<ReleaseDateType, DateTrace>
  otherDates: Map<ReleaseDateType, LocalDate>
  today: LocalDate
  workingDays: WorkingDays
  /** Per date, the fraction the SDS40 merge kept (absent when SDS40 made no difference). */
  sds40: Map<ReleaseDateType, Sds40Choice>
  showSds40Hints: boolean
  context: HintContext | undefined
}

const RULE_HINTS: Record<string, string> = {
  HDCED_MINIMUM_CUSTODIAL_PERIOD: 'Adjusted for sentence date, plus 14 days as per HDC policy',
  HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE:
    'HDCED adjusted for the CRD of a concurrent sentence or default term',
  HDCED_ADJUSTED_TO_CONCURRENT_ACTUAL_RELEASE:
    'HDCED adjusted for the ARD of a concurrent sentence or default term',
  HDCED_ADJUSTED_TO_CONCURRENT_PRRD: 'HDCED adjusted for the PRRD of a concurrent recall sentence',
  PED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE:
    'PED adjusted for the CRD of a concurrent sentence or default term',
  PED_ADJUSTED_TO_CONCURRENT_ACTUAL_RELEASE:
    'PED adjusted for the ARD of a concurrent sentence or default term',
  TUSED_HISTORIC_BOTUS: 'TUSED from last calculation saved to NOMIS',
}

export function buildHints(input: HintInput): Partial<Record<ReleaseDateType, string[]>> {
  const out: Partial<Record<ReleaseDateType, string[]>> = {}
  const wd = input.workingDays
  for (const [type, date] of input.dates) {
    const hints: string[] = []
    if (input.context?.manuallyOverridden?.includes(type) && OVERRIDABLE.has(type))
      hints.push('Manually overridden')
    if (type === 'SLED' && input.context?.historicSled) hints.push('SLED from a previous period of custody')
    if (WORKING_DAY_TYPES.has(type) && !date.isBefore(input.today) && !wd.isWorkingDay(date)) {
      let d = date
      if (type === 'HDCED') while (!wd.isWorkingDay(d)) d = d.plusDays(1)
      else d = wd.previousWorkingDay(d)
      hints.push(`${longDate(d)} when adjusted to a working day`)
    }
    const choice = input.showSds40Hints ? input.sds40.get(type) : undefined
    if (choice && type !== 'TUSED')
      hints.push(choice === 'FORTY_PERCENT' ? '40% date has been applied' : '50% date has been applied')
    if (type === 'TUSED' && choice === 'FORTY_PERCENT') hints.push('Anniversary of 40% CRD')
    const tr = input.traces.get(type)
    const rules = [tr?.rule, ...(tr?.hintRules ?? [])]
    for (const r of rules) {
      const h = r ? RULE_HINTS[r] : undefined
      if (h && !hints.includes(h)) hints.push(h)
    }
    if (type === 'PED') {
      const prrd = input.otherDates.get('PRRD') ?? input.dates.get('PRRD')
      if (prrd && prrd.isAfter(date))
        hints.push(`The post recall release date (PRRD) of ${longDate(prrd)} is later than the PED`)
    }
    out[type] = hints
  }
  return out
}
