/**
 * SDS40 final merge: compares the 40% calculation with the snapshot taken just before the
 * allocated tranche date, so that nobody is released before their tranche commenced, and nobody
 * is worse off than under the halfway rule.
 * Source: SI 2024/844 (SDS40), cited as a whole: the order and its commencement in tranches
 * (10 September and 22 October 2024). The articles carrying the tranches and the 40% amendment
 * are not confirmed, so none is named (docs/rules.md section 7).
 */
import { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { step, type DateTrace } from '../explain/trace.js'
import type { Extracted } from './booking-dates.js'
import { cite } from '../legislation/citation.js'
import { breakdown, withRule, type BreakdownRule, type DateBreakdown } from '../explain/breakdown.js'

const SDS40 = cite(
  'SI 2024/844 (SDS40), commencement by tranche: release not before the tranche commencement date',
  'https://www.legislation.gov.uk/uksi/2024/844',
)
/**
 * The dates the merge chooses between (rules §13.3 step 1). ARD is not one of them: an automatic
 * release date keeps its 40% value even before the tranche date.
 */
const TYPES: ReleaseDateType[] = ['CRD', 'ERSED', 'HDCED', 'PED', 'PRRD']

function note(t: DateTrace | undefined, says: string, value: LocalDate): DateTrace {
  const base = t ?? { rule: 'SDS40', summary: says, sources: [SDS40], steps: [] }
  return {
    ...base,
    sources: [...base.sources, SDS40],
    steps: [...base.steps, step(says, value.toString(), SDS40)],
  }
}

export function mergeSds40(
  early: Extracted,
  standard: Extracted,
  T: LocalDate,
  trancheName: string,
  recall?: { commencement: LocalDate; recallSdsWithTused: boolean },
): Extracted {
  const dates = new Map(early.dates)
  const traces = new Map(early.traces)
  const defaulted = new Set<ReleaseDateType>()
  const anyBefore = TYPES.some((t) => {
    const d = early.dates.get(t) ?? standard.dates.get(t)
    return d !== undefined && d.isBefore(T)
  })
  // When the 40% calculation changed nothing, there is nothing to choose between and no date is
  // labelled as early or standard release.
  const changed = !sameDates(early.dates, standard.dates)
  const trancheRule = `SDS_EARLY_RELEASE_ADJUSTED_TO_${trancheName}_COMMENCEMENT` as BreakdownRule
  // Breakdowns are labelled even for a date worked out but withheld (as the reference does).
  const breakdowns = new Map(early.breakdowns)
  const label = (t: ReleaseDateType, b: DateBreakdown | undefined, rule: BreakdownRule) => {
    if (b) breakdowns.set(t, withRule(b, rule))
  }
  for (const t of changed ? TYPES : []) {
    const e = early.dates.get(t)
    const s = standard.dates.get(t)
    if (e && s && e.isBefore(T) && !s.isBefore(T)) {
      dates.set(t, T)
      defaulted.add(t)
      breakdowns.set(t, breakdown([trancheRule], 0, T, e))
      traces.set(
        t,
        note(
          early.traces.get(t),
          `Early release cannot be before the ${trancheName.replace('_', ' ').toLowerCase()} commencement date`,
          T,
        ),
      )
    } else if (s && (s.isBefore(T) || (e && s.equals(e)))) {
      label(t, standard.breakdowns.get(t), 'SDS_STANDARD_RELEASE_APPLIES')
      // With no date before the tranche date the dates stand as they are; only the label is set.
      if (anyBefore) {
        dates.set(t, s)
        const std = standard.traces.get(t)
        if (std)
          traces.set(
            t,
            note(std, 'The standard (halfway) release applies: it falls before the tranche date', s),
          )
        if (t === 'CRD' && standard.dates.get('TUSED')) {
          dates.set('TUSED', standard.dates.get('TUSED')!)
          traces.set('TUSED', standard.traces.get('TUSED')!)
          const tb = standard.breakdowns.get('TUSED')
          if (tb) breakdowns.set('TUSED', tb)
        }
      }
    } else label(t, breakdowns.get(t), 'SDS_EARLY_RELEASE_APPLIES')
  }
  const stdCrd = standard.dates.get('CRD')
  const stdTused = standard.dates.get('TUSED')
  if (recall?.recallSdsWithTused && stdCrd && stdTused && stdCrd.isBefore(recall.commencement)) {
    dates.set('TUSED', stdTused)
    const tb = standard.breakdowns.get('TUSED')
    if (tb) breakdowns.set('TUSED', tb)
    traces.set(
      'TUSED',
      note(
        standard.traces.get('TUSED'),
        'Recalled sentence released before SDS40 commenced: the standard TUSED applies',
        stdTused,
      ),
    )
  }
  // Rules §12.6: an HDCED is raised to a later PRRD; then, with both a PRRD and a CRD/ARD, the
  // later one wins (PRRD later: CRD/ARD and HDCED go; CRD/ARD later: PRRD goes).
  const prrd = dates.get('PRRD')
  const hd = dates.get('HDCED')
  if (hd && prrd && prrd.isAfter(hd)) dates.set('HDCED', prrd)
  const rel = dates.get('CRD') ?? dates.get('ARD')
  if (prrd && rel) {
    const relType: ReleaseDateType = dates.has('CRD') ? 'CRD' : 'ARD'
    if (prrd.isAfter(rel)) {
      dates.delete(relType)
      dates.delete('HDCED')
    } else if (rel.isAfter(prrd)) dates.delete('PRRD')
  }
  const rel2 = dates.get('CRD') ?? dates.get('ARD')
  for (const t of ['HDCED', 'ERSED'] as const) {
    const d = dates.get(t)
    if (d && rel2 && d.equals(rel2) && d.equals(T)) dates.delete(t)
  }
  if (dates.has('PED') && early.active && !early.active.types.has('PED')) dates.delete('PED')
  for (const k of [...traces.keys()]) if (!dates.has(k)) traces.delete(k)
  return {
    ...early,
    dates,
    traces,
    breakdowns,
    trancheDefaulted: defaulted,
    sds40Labelled: new Set(changed ? TYPES : []),
  }
}

/**
 * Adjustments (UAL, ADA, RADA) dated between the tranche date and the release date also move the
 * HDCED, ERSED and PED that the SDS40 merge labelled (early release, standard release or tranche
 * date) and that are not after the tranche date.
 */
export function adjustAfterTranche(
  r: Extracted,
  T: LocalDate,
  adjustmentDays: (from: LocalDate, to: LocalDate) => number,
): Extracted {
  const crd = r.dates.get('CRD')
  if (!crd) return r
  const n = adjustmentDays(T, crd)
  if (n === 0) return r
  const dates = new Map(r.dates)
  const traces = new Map(r.traces)
  const breakdowns = new Map(r.breakdowns)
  const src = cite(
    'Prison Act 1952, s.49(2) (unlawfully at large); Criminal Justice Act 2003, s.257 and Prison Rules 1999, r.55 and r.61 (additional days and their restoration): adjustments after the SDS40 tranche date',
  )
  for (const t of ['HDCED', 'ERSED', 'PED'] as const) {
    const d = dates.get(t)
    if (!d || d.isAfter(T) || !r.sds40Labelled?.has(t)) continue
    let moved = d.plusDays(n)
    if (r.trancheDefaulted?.has(t) && moved.isBefore(T)) moved = T
    dates.set(t, moved)
    const b = breakdowns.get(t)
    if (b) breakdowns.set(t, { ...withRule(b, 'ADJUSTED_AFTER_TRANCHE_COMMENCEMENT'), date: moved })
    const base = traces.get(t)
    if (base)
      traces.set(t, {
        ...base,
        steps: [
          ...base.steps,
          step(`Adjusted by ${n} days of UAL/ADA/RADA dated after the tranche date`, moved.toString(), src),
        ],
      })
  }
  return { ...r, dates, traces, breakdowns }
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
export function mergeProgression(
  final: Extracted,
  snapshot: Extracted,
  T: LocalDate,
  awarded: number,
): Extracted {
  const dates = new Map(final.dates)
  const traces = new Map(final.traces)
  const breakdowns = new Map(final.breakdowns)
  const fromSnapshot = (t: ReleaseDateType) => {
    const b = snapshot.breakdowns.get(t)
    if (b) breakdowns.set(t, b)
  }
  // Cited as in legislation/sds-legislation.ts (SDS_PROGRESSION_MODEL): the amending section of the
  // Sentencing Act 2026 is not confirmed, and the tranche dates are the reference service's.
  const src = cite(
    'Criminal Justice Act 2003, s.244(3) as amended by the Sentencing Act 2026 (progression model), commencement by tranche: release not before the tranche commencement date',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/244',
  )
  const snapH = snapshot.dates.get('HDCED')
  if (snapH) {
    dates.set('HDCED', snapH)
    traces.set('HDCED', snapshot.traces.get('HDCED')!)
    fromSnapshot('HDCED')
  }
  for (const t of ['CRD', 'PED', 'ERSED'] as ReleaseDateType[]) {
    const s = snapshot.dates.get(t)
    const f = final.dates.get(t)
    if (s && T.isAfter(s.minusDays(awarded))) {
      dates.set(t, s)
      traces.set(t, snapshot.traces.get(t)!)
      fromSnapshot(t)
    } else if (f && T.isAfter(f.minusDays(awarded))) {
      const d = T.plusDays(awarded)
      dates.set(t, d)
      const base = final.traces.get(t)
      traces.set(t, {
        ...(base ?? { rule: 'PM', summary: '', sources: [], steps: [] }),
        sources: [...(base?.sources ?? []), src],
        steps: [
          ...(base?.steps ?? []),
          step('Not before the progression tranche commencement date', d.toString(), src),
        ],
      })
    }
  }
  for (const k of [...traces.keys()]) if (!dates.has(k)) traces.delete(k)
  return { ...final, dates, traces, breakdowns }
}
