import { describe, expect, it } from 'vitest'
import {
  CALCULATION_REASONS,
  OVERRIDE_REASONS,
  calculationReasonLabel,
  calculationReasonSchema,
  overrideReasonSchema,
} from './reasons.js'

describe('calculation reasons', () => {
  it('every reason has a label and a unique code', () => {
    const codes = CALCULATION_REASONS.map((r) => r.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const r of CALCULATION_REASONS) expect(r.label.length).toBeGreaterThan(0)
  })

  it('a 14-day check needs no further detail', () => {
    expect(calculationReasonSchema.safeParse({ code: 'FOURTEEN_DAY_CHECK' }).success).toBe(true)
  })

  it('"other" without text is refused, naming what to enter', () => {
    const r = calculationReasonSchema.safeParse({ code: 'OTHER', text: '   ' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toContain('Enter more detail')
    expect(r.error?.issues[0]?.path).toEqual(['text'])
  })

  it('"legislative change" without text is refused', () => {
    expect(calculationReasonSchema.safeParse({ code: 'LEGISLATIVE_CHANGE' }).success).toBe(false)
  })

  it('text of 121 characters is refused and 120 is accepted', () => {
    expect(calculationReasonSchema.safeParse({ code: 'OTHER', text: 'x'.repeat(121) }).success).toBe(false)
    expect(calculationReasonSchema.safeParse({ code: 'OTHER', text: 'x'.repeat(120) }).success).toBe(true)
  })

  it('an unknown reason code is refused with a GOV.UK style message', () => {
    const r = calculationReasonSchema.safeParse({ code: 'BECAUSE' })
    expect(r.error?.issues[0]?.message).toBe('Select the reason for this calculation')
  })

  it('the label includes the free text', () => {
    expect(calculationReasonLabel({ code: 'OTHER', text: 'Court asked' })).toBe('Other: Court asked')
  })
})

describe('override reasons', () => {
  it('lists the fixed reasons, ending with other', () => {
    expect(OVERRIDE_REASONS.map((r) => r.code)).toEqual([
      'TRIAL_RECORD_MISMATCH',
      'OTHER_CUSTODY_PERIOD_MISSING',
      'POWER_TO_DETAIN',
      'WEEKEND_OR_BANK_HOLIDAY',
      'CROSS_BORDER',
      'AGGRAVATING_FACTOR',
      'OTHER',
    ])
  })

  it('"other" without text is refused', () => {
    expect(overrideReasonSchema.safeParse({ code: 'OTHER' }).success).toBe(false)
    expect(overrideReasonSchema.safeParse({ code: 'OTHER', text: 'Judge amended the order' }).success).toBe(
      true,
    )
  })

  it('a missing reason is refused', () => {
    expect(overrideReasonSchema.safeParse({}).success).toBe(false)
  })
})
