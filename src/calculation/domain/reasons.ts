/**
 * Why a calculation is being done, and why a user says the engine's dates are wrong.
 * One `as const` list each; the zod schemas and the types are derived from them.
 */
import { z } from 'zod'

export const REASON_TEXT_MAX = 120

export const CALCULATION_REASONS = [
  { code: 'INITIAL_CALCULATION', label: 'Initial calculation', needsText: false },
  { code: 'TRANSFER_CHECK', label: 'Transfer check', needsText: false },
  { code: 'NEW_OR_LODGED_WARRANT', label: 'New warrant or lodged warrant', needsText: false },
  { code: 'ADA', label: 'Additional days awarded (ADA)', needsText: false },
  { code: 'RADA', label: 'Restoration of additional days awarded (RADA)', needsText: false },
  { code: 'FOURTEEN_DAY_CHECK', label: '14-day check', needsText: false },
  { code: 'TWO_DAY_CHECK', label: '2-day check', needsText: false },
  { code: 'APPEAL_DECISION', label: 'Appeal decision', needsText: false },
  { code: 'CORRECTION_OF_EARLIER_SENTENCE', label: 'Correction of an earlier sentence', needsText: false },
  { code: 'ERROR_IN_ORIGINAL_CALCULATION', label: 'Error in the original calculation', needsText: false },
  { code: 'LEGISLATIVE_CHANGE', label: 'Legislative change', needsText: true },
  { code: 'OTHER', label: 'Other', needsText: true },
] as const

export type CalculationReasonCode = (typeof CALCULATION_REASONS)[number]['code']

export const OVERRIDE_REASONS = [
  {
    code: 'TRIAL_RECORD_MISMATCH',
    label: 'The dates do not match the trial record sheet or the sentence breakdown',
    needsText: false,
  },
  {
    code: 'OTHER_CUSTODY_PERIOD_MISSING',
    label: 'Dates from another period of custody are missing',
    needsText: false,
  },
  { code: 'POWER_TO_DETAIN', label: 'There is a power to detain', needsText: false },
  {
    code: 'WEEKEND_OR_BANK_HOLIDAY',
    label: 'A release date falls on a weekend or bank holiday',
    needsText: false,
  },
  {
    code: 'CROSS_BORDER',
    label: 'Cross-border case (a sentence from Scotland or Northern Ireland)',
    needsText: false,
  },
  {
    code: 'AGGRAVATING_FACTOR',
    label: 'An aggravating factor applies, for example terrorism',
    needsText: false,
  },
  { code: 'OTHER', label: 'Other', needsText: true },
] as const

export type OverrideReasonCode = (typeof OVERRIDE_REASONS)[number]['code']

type Codes<L extends ReadonlyArray<{ code: string }>> = [L[number]['code'], ...L[number]['code'][]]
const codesOf = <L extends ReadonlyArray<{ code: string }>>(list: L) => list.map((r) => r.code) as Codes<L>

export const CALCULATION_REASON_CODES = codesOf(CALCULATION_REASONS)
export const OVERRIDE_REASON_CODES = codesOf(OVERRIDE_REASONS)

function reasonSchema<L extends ReadonlyArray<{ code: string; needsText: boolean; label: string }>>(
  list: L,
  missingCode: string,
  missingText: string,
) {
  return z
    .object({
      code: z.enum(codesOf(list), { error: () => missingCode }),
      text: z
        .string()
        .trim()
        .max(REASON_TEXT_MAX, `Details must be ${REASON_TEXT_MAX} characters or fewer`)
        .optional()
        .transform((t) => (t === '' ? undefined : t)),
    })
    .superRefine((value, ctx) => {
      const entry = list.find((r) => r.code === value.code)
      if (entry?.needsText && value.text === undefined)
        ctx.addIssue({ code: 'custom', path: ['text'], message: `${missingText} (${entry.label})` })
    })
}

export const calculationReasonSchema = reasonSchema(
  CALCULATION_REASONS,
  'Select the reason for this calculation',
  'Enter more detail about the reason for this calculation',
)
/** A chosen reason; `text` is required for reasons with `needsText`. */
export interface CalculationReason {
  code: CalculationReasonCode
  text?: string
}

export const overrideReasonSchema = reasonSchema(
  OVERRIDE_REASONS,
  'Select why the dates are not correct',
  'Enter why the dates are not correct',
)
export interface OverrideReason {
  code: OverrideReasonCode
  text?: string
}

export function calculationReasonLabel(reason: CalculationReason): string {
  const entry = CALCULATION_REASONS.find((r) => r.code === reason.code)
  const label = entry?.label ?? reason.code
  return reason.text ? `${label}: ${reason.text}` : label
}

export function overrideReasonLabel(reason: OverrideReason): string {
  const entry = OVERRIDE_REASONS.find((r) => r.code === reason.code)
  const label = entry?.label ?? reason.code
  return reason.text ? `${label}: ${reason.text}` : label
}
