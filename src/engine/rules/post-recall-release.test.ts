import { describe, expect, it } from 'vitest'
import { booking, calc, sds } from '../testing/booking-builder.js'

/** Rules §12: post-recall release (PRRD), written from the rules text. */

const recall = (recallType: string, extra: Record<string, string> = {}) => ({
  recall: { recallType, ...extra },
})

describe('§12.2 fixed-term recall PRRD and the FTR56 tranche date', () => {
  it('a 28-day recall placed on the timeline after the FTR56 allocation is also held at the allocated tranche date (quirk)', () => {
    // A 14-year FTR56 sentence (5114 days > 4438) revoked before 31 Mar 2026 allocates FTR56 tranche 6
    // (12 May 2026). The 28-day recall sentence is imposed on 1 Apr 2026, after the first FTR56 event,
    // so it receives the FTR legislation with that tranche date: RTC 10 Apr + 27 = 7 May 2026 ≤ 12 May.
    const b = {
      ...booking([
        {
          ...sds({ date: '2015-01-01', years: 14, id: 'long' }),
          ...recall('FIXED_TERM_RECALL_56', {
            revocationDate: '2026-02-20',
            returnToCustodyDate: '2026-03-01',
          }),
        },
        { ...sds({ date: '2026-04-01', years: 2, id: 'short' }), ...recall('FIXED_TERM_RECALL_28') },
      ]),
      returnToCustodyDate: '2026-04-10',
    }
    const r = calc(b, { profile: 'calculation-params', featureToggles: { storeSentenceLevelDates: true } })
    const short = r.sentenceLevelDates!.find((s) => s.identifier === 'short')!
    expect(short.dates.PRRD).toBe('2026-05-12')
  })
})

describe('§12.3 FTR56 tranche allocation', () => {
  it('a chain is kept when any of its 56-day recall parts returned to custody by 31 Mar 2026', () => {
    // Two consecutive 5-year sentences from 1 Jan 2020: a 10-year chain (3653 days ≤ 4438: tranche 5).
    // The first part returned to custody on 5 Apr 2026, the second on 1 Mar 2026.
    const ftr56 = (returnToCustodyDate: string, revocationDate: string) =>
      recall('FIXED_TERM_RECALL_56', { returnToCustodyDate, revocationDate })
    const b = {
      ...booking([
        { ...sds({ date: '2020-01-01', years: 5, id: 'a' }), ...ftr56('2026-04-05', '2026-03-20') },
        {
          ...sds({ date: '2020-01-01', years: 5, id: 'b', consecutiveTo: 'a' }),
          ...ftr56('2026-03-01', '2026-02-20'),
        },
      ]),
      returnToCustodyDate: '2026-04-05',
    }
    const r = calc(b, { profile: 'calculation-params', preCalculationChecks: false })
    expect(r.flags.trancheAllocationByLegislationName.FTR_56).toBe('FTR_56_TRANCHE_5')
  })
})
