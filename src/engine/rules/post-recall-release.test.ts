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
