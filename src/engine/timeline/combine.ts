/**
 * Combining the sentences of a custody period into calculable sentences: consecutive chains
 * (Criminal Justice Act 2003, s.264: consecutive terms, and s.263: concurrent terms, for release)
 * and single terms (Criminal Justice Act 1991, s.51(2): consecutive and wholly or partly
 * concurrent terms treated as one). Sentencing Act 2020 s.225, cited here before, is not the
 * release provision for consecutive terms and is no longer cited.
 */
import type { Duration } from '../calendar/duration.js'
import { endDate, daysBetween, lengthInDays, addDurations, ZERO } from '../calendar/duration.js'
import type { Part } from '../model/part.js'

export interface Combination {
  parts: Part[]
  kind: 'single' | 'chain' | 'singleTerm'
  termDuration: Duration | null
}

export function chains(parts: readonly Part[]): Part[][] {
  const ids = new Set(parts.map((p) => p.id))
  const children = new Map<string, Part[]>()
  const bases: Part[] = []
  for (const p of parts) {
    if (p.consecutiveTo && ids.has(p.consecutiveTo) && p.consecutiveTo !== p.id) {
      const list = children.get(p.consecutiveTo) ?? []
      list.push(p)
      children.set(p.consecutiveTo, list)
    } else bases.push(p)
  }
  const out: Part[][] = []
  // No consecutive links (the usual case): every sentence is calculated on its own.
  if (children.size === 0) {
    for (const p of parts) out.push([p])
    return out
  }
  const walk = (chain: Part[], depth: number) => {
    const last = chain[chain.length - 1]!
    const next = children.get(last.id)
    if (!next || next.length === 0 || depth > 500) {
      out.push(chain)
      return
    }
    for (const n of next) walk([...chain, n], depth + 1)
  }
  for (const b of bases) walk([b], 0)
  // Sentences caught in a consecutive cycle (bad data) are calculated on their own.
  const seen = new Set(out.flat())
  for (const p of parts) if (!seen.has(p)) out.push([p])
  return out
}

export function combine(parts: readonly Part[]): Combination[] {
  const cs = chains(parts)
  const combos: Combination[] = cs.map((c) => ({
    parts: c,
    kind: c.length > 1 ? 'chain' : 'single',
    termDuration: null,
  }))
  if (combos.length > 1 && combos.every((c) => c.kind === 'single' && !c.parts[0]!.recall)) {
    const ps = combos.map((c) => c.parts[0]!)
    const dates = new Set(ps.map((p) => p.sentencedAt.toEpochDay()))
    const allOld = ps.every((p) => p.isSds && p.oldStyle)
    const allDto = ps.every((p) => p.isDto)
    if (dates.size > 1 && (allOld || allDto)) {
      const sorted = [...ps].sort((a, b) => a.sentencedAt.compareTo(b.sentencedAt))
      const considered = allOld ? ps.slice(0, 2) : ps
      const start = sorted[0]!.sentencedAt
      let end = endDate(considered[0]!.total, considered[0]!.sentencedAt)
      for (const p of considered) {
        const e = endDate(p.total, p.sentencedAt)
        if (e.isAfter(end)) end = e
      }
      let days = daysBetween(start, end) + 1
      if (allDto)
        days = Math.min(
          days,
          lengthInDays(addDurations(ZERO, { years: 0, months: 24, weeks: 0, days: 0 }), start),
        )
      return [{ parts: sorted, kind: 'singleTerm', termDuration: { years: 0, months: 0, weeks: 0, days } }]
    }
  }
  return combos
}
