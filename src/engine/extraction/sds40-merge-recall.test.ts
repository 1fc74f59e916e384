import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { ReleaseDateType } from '../api.js'
import type { Extracted } from './booking-dates.js'
import { mergeSds40 } from './sds40-merge.js'

/** Rules §12.6 / §13.3 step 3: PRRD against CRD/ARD after the SDS40 merge. */

const d = (s: string) => LocalDate.parse(s)

function extracted(dates: Partial<Record<ReleaseDateType, string>>): Extracted {
  return {
    dates: new Map(Object.entries(dates).map(([k, v]) => [k as ReleaseDateType, d(v)])),
    traces: new Map(),
    breakdowns: new Map(),
    esl: 'P2Y',
    otherDates: new Map(),
    ersedNotApplicableDueToDtoLaterThanCrd: false,
    active: null,
    affectedBySds40: false,
    affectedByProgressionModel: false,
  }
}

const T = d('2024-09-10')

describe('§12.6 SDS40 merge with recalls', () => {
  it('a CRD later than the PRRD wins: the PRRD is removed', () => {
    const dates = { SLED: '2025-09-30', CRD: '2024-10-01', PRRD: '2024-09-20' } as const
    const r = mergeSds40(extracted(dates), extracted(dates), T, 'TRANCHE_1')
    expect(r.dates.get('CRD')?.toString()).toBe('2024-10-01')
    expect(r.dates.has('PRRD')).toBe(false)
  })

  it('a PRRD later than the CRD wins: CRD and HDCED are removed', () => {
    const dates = { SLED: '2025-09-30', CRD: '2024-10-01', PRRD: '2024-10-20', HDCED: '2024-06-01' } as const
    const r = mergeSds40(extracted(dates), extracted(dates), T, 'TRANCHE_1')
    expect(r.dates.get('PRRD')?.toString()).toBe('2024-10-20')
    expect(r.dates.has('CRD')).toBe(false)
    expect(r.dates.has('HDCED')).toBe(false)
  })

  it('the HDCED is first raised to a later PRRD, and stays when the CRD then wins over the PRRD', () => {
    const dates = { SLED: '2025-09-30', CRD: '2024-10-01', PRRD: '2024-09-20', HDCED: '2024-06-01' } as const
    const r = mergeSds40(extracted(dates), extracted(dates), T, 'TRANCHE_1')
    expect(r.dates.get('HDCED')?.toString()).toBe('2024-09-20')
    expect(r.dates.has('PRRD')).toBe(false)
    expect(r.dates.get('CRD')?.toString()).toBe('2024-10-01')
  })
})
