/**
 * SDS40 final merge: compares the 40% calculation with the snapshot taken just before the
 * allocated tranche date, so that nobody is released before their tranche commenced, and nobody
 * is worse off than under the halfway rule.
 * Source: SI 2024/844 (SDS40), art. 1(2) (tranche commencement) and art. 2.
 */
import { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { step, type DateTrace } from '../explain/trace.js'
import type { Extracted } from './booking-dates.js'
import { cite } from '../legislation/citation.js'

const SDS40 = cite('SI 2024/844 (SDS40), art. 1(2): release not before the tranche commencement date', 'https://www.legislation.gov.uk/uksi/2024/844')
const TYPES: ReleaseDateType[] = ['CRD', 'ARD', 'ERSED', 'HDCED', 'PED', 'PRRD']

function note(t: DateTrace | undefined, says: string, value: LocalDate): DateTrace {
  const base = t ?? { rule: 'SDS40', summary: says, sources: [SDS40], steps: [] }
  return { ...base, sources: [...base.sources, SDS40], steps: [...base.steps, step(says, value.toString(), SDS40)] }
}

export function mergeSds40(early: Extracted, standard: Extracted, T: LocalDate, trancheName: string): Extracted {
  const dates = new Map(early.dates)
  const traces = new Map(early.traces)
  const anyBefore = TYPES.some((t) => {
    const d = early.dates.get(t) ?? standard.dates.get(t)
    return d !== undefined && d.isBefore(T)
  })
  if (anyBefore) {
    for (const t of TYPES) {
      const e = early.dates.get(t)
      const s = standard.dates.get(t)
      if (e && s && e.isBefore(T) && !s.isBefore(T)) {
        dates.set(t, T)
        traces.set(t, note(early.traces.get(t), `Early release cannot be before the ${trancheName.replace('_', ' ').toLowerCase()} commencement date`, T))
      } else if (s && (s.isBefore(T) || (e && s.equals(e)))) {
        dates.set(t, s)
        traces.set(t, note(standard.traces.get(t), 'The standard (halfway) release applies: it falls before the tranche date', s))
        if ((t === 'CRD' || t === 'ARD') && standard.dates.get('TUSED')) {
          dates.set('TUSED', standard.dates.get('TUSED')!)
          traces.set('TUSED', standard.traces.get('TUSED')!)
        }
      }
    }
  }
  const prrd = dates.get('PRRD')
  const rel = dates.get('CRD') ?? dates.get('ARD')
  if (prrd && rel) {
    const relType: ReleaseDateType = dates.has('CRD') ? 'CRD' : 'ARD'
    if (prrd.isAfter(rel)) {
      dates.delete(relType)
      dates.delete('HDCED')
    }
  }
  const hd = dates.get('HDCED')
  if (hd && prrd && prrd.isAfter(hd) && dates.has('PRRD')) dates.set('HDCED', prrd)
  const rel2 = dates.get('CRD') ?? dates.get('ARD')
  for (const t of ['HDCED', 'ERSED'] as const) {
    const d = dates.get(t)
    if (d && rel2 && d.equals(rel2) && d.equals(T)) dates.delete(t)
  }
  if (dates.has('PED') && early.active && !early.active.types.has('PED')) dates.delete('PED')
  for (const k of [...traces.keys()]) if (!dates.has(k)) traces.delete(k)
  return { ...early, dates, traces }
}

export function sameDates(a: Map<ReleaseDateType, LocalDate>, b: Map<ReleaseDateType, LocalDate>): boolean {
  if (a.size !== b.size) return false
  for (const [k, v] of a) {
    const o = b.get(k)
    if (!o || !o.equals(v)) return false
  }
  return true
}

/** Progression model merge (profile sds-progression-model-october). */
export function mergeProgression(final: Extracted, snapshot: Extracted, T: LocalDate, awarded: number): Extracted {
  const dates = new Map(final.dates)
  const traces = new Map(final.traces)
  const src = cite('Sentencing Act 2026 progression model: release not before the tranche commencement date')
  const snapH = snapshot.dates.get('HDCED')
  if (snapH) {
    dates.set('HDCED', snapH)
    traces.set('HDCED', snapshot.traces.get('HDCED')!)
  }
  for (const t of ['CRD', 'PED', 'ERSED'] as ReleaseDateType[]) {
    const s = snapshot.dates.get(t)
    const f = final.dates.get(t)
    if (s && T.isAfter(s.minusDays(awarded))) {
      dates.set(t, s)
      traces.set(t, snapshot.traces.get(t)!)
    } else if (f && T.isAfter(f.minusDays(awarded))) {
      const d = T.plusDays(awarded)
      dates.set(t, d)
      const base = final.traces.get(t)
      traces.set(t, { ...(base ?? { rule: 'PM', summary: '', sources: [], steps: [] }), sources: [...(base?.sources ?? []), src], steps: [...(base?.steps ?? []), step('Not before the progression tranche commencement date', d.toString(), src)] })
    }
  }
  for (const k of [...traces.keys()]) if (!dates.has(k)) traces.delete(k)
  return { ...final, dates, traces }
}

