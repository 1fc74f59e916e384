import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { ReleaseDateType } from '../api.js'
import { workingDays } from '../calendar/working-days.js'
import { buildHints, longDate } from './hints.js'
import { trace, withHintRule, type DateTrace } from './trace.js'

const d = (s: string) => LocalDate.parse(s)

function hints(
  dates: Record<string, string>,
  opts: {
    today?: string
    traces?: Partial<Record<ReleaseDateType, DateTrace>>
    overridden?: ReleaseDateType[]
  } = {},
) {
  return buildHints({
    dates: new Map(Object.entries(dates).map(([k, v]) => [k as ReleaseDateType, d(v)])),
    traces: new Map(Object.entries(opts.traces ?? {}) as [ReleaseDateType, DateTrace][]),
    otherDates: new Map(),
    today: d(opts.today ?? '2026-08-20'),
    workingDays: workingDays(['2021-12-27', '2021-12-28']),
    sds40: new Map(),
    showSds40Hints: true,
    context: opts.overridden ? { manuallyOverridden: opts.overridden } : undefined,
  })
}

describe('hints', () => {
  it('write dates in full, as on a letter', () => {
    expect(longDate(d('2027-04-09'))).toBe('Friday, 09 April 2027')
  })
  it('give the previous working day for a release on a weekend, only from today on', () => {
    expect(hints({ CRD: '2027-04-11' }).CRD).toEqual(['Friday, 09 April 2027 when adjusted to a working day'])
    expect(hints({ CRD: '2025-11-29' }).CRD).toEqual([])
  })
  it('give the next working day for HDCED, and skip bank holidays', () => {
    expect(hints({ HDCED: '2021-12-25' }, { today: '2021-12-01' }).HDCED).toEqual([
      'Wednesday, 29 December 2021 when adjusted to a working day',
    ])
  })
  it('never adjust expiry dates', () => {
    expect(hints({ SLED: '2027-04-11' }).SLED).toEqual([])
  })
  it('put "Manually overridden" first, only on the types that can be overridden', () => {
    const h = hints({ CRD: '2027-04-11', ESED: '2027-04-11' }, { overridden: ['CRD', 'ESED'] })
    expect(h.CRD?.[0]).toBe('Manually overridden')
    expect(h.ESED).toEqual([])
  })
  it('name the rule that moved the date', () => {
    const t = withHintRule(trace('HDC_180', 'x', [], []), 'HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE')
    expect(hints({ HDCED: '2022-09-10' }, { traces: { HDCED: t } }).HDCED).toEqual([
      'HDCED adjusted for the CRD of a concurrent sentence or default term',
    ])
  })
})
