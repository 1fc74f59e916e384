/**
 * The per-date breakdown: which calculation rules produced a date, any fixed period a rule added
 * or took away (e.g. "minus 179 days", "plus 12 months"), the net adjustment days, and the date
 * before and after. It is recorded by the rules while they compute each date (never rebuilt
 * afterwards) and travels with the date's trace through the booking-level choices and the
 * early-release merges, which amend it. Shape and rule codes follow the reference service's
 * `ReleaseDateCalculationBreakdown` and `CalculationRule` (rules §19).
 */
import type { LocalDate } from '@js-joda/core'
import type { DateTrace } from './trace.js'

/**
 * The breakdown rule codes, in the reference's declaration order (used to list a date's rules in
 * a stable order; the reference holds them as a set).
 */
export const BREAKDOWN_RULES = [
  'HDCED_GE_MIN_PERIOD_LT_MIDPOINT',
  'HDCED_MINIMUM_CUSTODIAL_PERIOD',
  'HDCED_GE_MIDPOINT_LT_MAX_PERIOD',
  'HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE',
  'HDCED_ADJUSTED_TO_CONCURRENT_ACTUAL_RELEASE',
  'HDCED_ADJUSTED_TO_CONCURRENT_PRRD',
  'TUSED_LICENCE_PERIOD_LT_1Y',
  'PED_EQUAL_TO_LATEST_NON_PED_CONDITIONAL_RELEASE',
  'PED_EQUAL_TO_LATEST_NON_PED_ACTUAL_RELEASE',
  'IMMEDIATE_RELEASE',
  'ERSED_MAX_PERIOD',
  'ERSED_MIN_EFFECTIVE_DATE',
  'ERSED_BEFORE_SENTENCE_DATE',
  'ERSED_ADJUSTED_TO_CONCURRENT_TERM',
  'ERSED_ADJUSTED_TO_MTD',
  'ERSED_ADJUSTED_TO_ERS30_COMMENCEMENT',
  'SDS_EARLY_RELEASE_ADJUSTED_TO_TRANCHE_1_COMMENCEMENT',
  'SDS_EARLY_RELEASE_ADJUSTED_TO_TRANCHE_2_COMMENCEMENT',
  'SDS_EARLY_RELEASE_ADJUSTED_TO_TRANCHE_3_COMMENCEMENT',
  'SDS_STANDARD_RELEASE_APPLIES',
  'SDS_EARLY_RELEASE_APPLIES',
  'ADJUSTED_AFTER_TRANCHE_COMMENCEMENT',
  'HDC_180',
  'HDCED_ADJUSTED_TO_365_COMMENCEMENT',
] as const
export type BreakdownRule = (typeof BREAKDOWN_RULES)[number]

/** The unit of a fixed period a rule adds or takes away. */
export type PeriodUnit = 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'

export interface DateBreakdown {
  rules: readonly BreakdownRule[]
  /** Fixed periods some rules apply, e.g. HDCED_GE_MIDPOINT_LT_MAX_PERIOD → −179 DAYS. */
  periods: Partial<Record<BreakdownRule, { amount: number; unit: PeriodUnit }>>
  /** Net adjustment days (remand, tagged bail, UAL, additional days) behind the date; negative = earlier. */
  adjustedDays: number
  date: LocalDate
  /** The date the rule started from (before the adjustment or the rule's own period). */
  from: LocalDate
}

const NO_PERIODS: DateBreakdown['periods'] = Object.freeze({})

export function breakdown(
  rules: readonly BreakdownRule[],
  adjustedDays: number,
  date: LocalDate,
  from: LocalDate,
  periods: DateBreakdown['periods'] = NO_PERIODS,
): DateBreakdown {
  return { rules: ordered(rules), periods, adjustedDays, date, from }
}

const RANK = new Map<BreakdownRule, number>(BREAKDOWN_RULES.map((r, i) => [r, i]))

// Called for every sentence's dates, so the common case (no rule or one) allocates nothing.
function ordered(rules: readonly BreakdownRule[]): readonly BreakdownRule[] {
  return rules.length < 2 ? rules : [...rules].sort((a, b) => RANK.get(a)! - RANK.get(b)!)
}

/** The same breakdown with one more rule recorded. */
export function withRule(b: DateBreakdown, rule: BreakdownRule): DateBreakdown {
  return b.rules.includes(rule) ? b : { ...b, rules: ordered([...b.rules, rule]) }
}

/** The trace with its breakdown replaced (or created). */
export function withBreakdown(t: DateTrace, b: DateBreakdown): DateTrace {
  return { ...t, breakdown: b }
}
