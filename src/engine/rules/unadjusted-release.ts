/**
 * Unadjusted release and expiry: how many days of the sentence are served before release
 * (the requisite custodial period) and when the sentence expires.
 * Sources: Criminal Justice Act 2003, s.244(3) (requisite custodial period), s.244ZA (SDS+),
 * s.246A (extended sentences), s.244A (SOPC); Sentencing Act 2020 s.278; PSI sentence calculation
 * para 5.5 (counting days inclusively).
 */
import type { LocalDate } from '@js-joda/core'
import { aggregateDays, lengthInDays, type Duration } from '../calendar/duration.js'
import { ceilExact, RELEASE_FRACTIONS, type MultiplierName } from '../legislation/release-fractions.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Part } from '../model/part.js'
import { step } from '../explain/trace.js'
import type { ExplanationStep } from '../api.js'

export interface Unadjusted {
  daysToExpiry: number
  releaseNum: number
  releaseDen: number
  daysToRelease: number
  daysToPed: number | null
  steps: ExplanationStep[]
  pedSteps: ExplanationStep[]
}

const PED_FRACTION: Partial<Record<string, MultiplierName>> = {
  EDS_DISCRETIONARY_RELEASE: 'TWO_THIRDS',
  SOPC_PED_AT_TWO_THIRDS: 'TWO_THIRDS',
  SOPC_PED_AT_HALFWAY: 'ONE_HALF',
}

function dtoCap(start: LocalDate): number {
  return lengthInDays({ years: 0, months: 24, weeks: 0, days: 0 }, start)
}

const memo = new WeakMap<CalcSentence, { multipliers: MultiplierName[]; value: Unadjusted }>()

/** Memoised per sentence: recomputed only when a part's release fraction changes. */
export function unadjusted(cs: CalcSentence): Unadjusted {
  const m = memo.get(cs)
  if (m && sameMultipliers(m.multipliers, cs.parts)) return m.value
  const value = computeUnadjusted(cs)
  memo.set(cs, { multipliers: cs.parts.map((p) => p.multiplier), value })
  return value
}

function sameMultipliers(multipliers: MultiplierName[], parts: Part[]): boolean {
  if (multipliers.length !== parts.length) return false
  for (let i = 0; i < parts.length; i++) if (multipliers[i] !== parts[i]!.multiplier) return false
  return true
}

function computeUnadjusted(cs: CalcSentence): Unadjusted {
  const S = cs.sentencedAt
  const steps: ExplanationStep[] = []
  const pedSteps: ExplanationStep[] = []
  const allDto = cs.parts.every((p) => p.isDto)
  if (cs.kind !== 'chain') {
    const p = cs.parts[0]!
    const total: Duration = cs.termDuration ?? p.total
    const custodial: Duration = cs.termDuration ?? p.custodial
    let daysToExpiry = lengthInDays(total, S)
    let custodialDays = lengthInDays(custodial, S)
    if (allDto && cs.kind === 'singleTerm') {
      daysToExpiry = Math.min(daysToExpiry, dtoCap(S))
      custodialDays = Math.min(custodialDays, dtoCap(S))
    }
    const m = RELEASE_FRACTIONS[p.multiplier]
    const num = custodialDays * m.fraction.numerator
    const den = m.fraction.denominator
    const daysToRelease = ceilExact(num, den)
    steps.push(step(`Sentence length counted from ${S.toString()} (day 1)`, `${daysToExpiry} days`))
    if (custodialDays !== daysToExpiry) steps.push(step('Custodial term', `${custodialDays} days`))
    steps.push(
      step(
        `Requisite custodial period: ${custodialDays} days × ${m.fraction.numerator}/${m.fraction.denominator}, rounded up`,
        `${daysToRelease} days`,
        m.source,
      ),
    )
    let daysToPed: number | null = null
    const pf = PED_FRACTION[p.track]
    if (pf) {
      const f = RELEASE_FRACTIONS[pf]
      daysToPed = ceilExact(daysToRelease * f.fraction.numerator, f.fraction.denominator)
      pedSteps.push(
        step(
          `Parole eligibility: ${daysToRelease} custodial days × ${f.fraction.numerator}/${f.fraction.denominator}, rounded up`,
          `${daysToPed} days`,
          cite246A(p),
        ),
      )
    }
    return { daysToExpiry, releaseNum: num, releaseDen: den, daysToRelease, daysToPed, steps, pedSteps }
  }
  // Consecutive chain.
  let daysToExpiry = aggregateDays(
    cs.parts.map((p) => p.total),
    S,
  )
  if (allDto) daysToExpiry = Math.min(daysToExpiry, dtoCap(S))
  steps.push(step(`Consecutive sentences laid end to end from ${S.toString()}`, `${daysToExpiry} days`))
  const groups: { multiplier: MultiplierName; parts: Part[] }[] = []
  const pedParts: Part[] = []
  for (const p of cs.parts) {
    if (p.hasPed) {
      pedParts.push(p)
      continue
    }
    const g = groups.find((x) => x.multiplier === p.multiplier)
    if (g) g.parts.push(p)
    else groups.push({ multiplier: p.multiplier, parts: [p] })
  }
  if (pedParts.length) groups.push({ multiplier: 'FULL', parts: pedParts })
  let start = S
  let total = 0
  let lastNum = 0
  let lastDen = 1
  let beforePed = 0
  for (const g of groups) {
    let custodialDays = aggregateDays(
      g.parts.map((p) => p.custodial),
      start,
    )
    if (allDto) custodialDays = Math.min(custodialDays, dtoCap(start))
    const m = RELEASE_FRACTIONS[g.multiplier]
    const days = ceilExact(custodialDays * m.fraction.numerator, m.fraction.denominator)
    steps.push(
      step(
        `${g.parts.length} part(s) at ${m.fraction.numerator}/${m.fraction.denominator}: ${custodialDays} days from ${start.toString()}, rounded up`,
        `${days} days`,
        m.source,
      ),
    )
    lastNum = custodialDays * m.fraction.numerator
    lastDen = m.fraction.denominator
    if (g.parts !== pedParts) beforePed += days
    total += days
    start = start.plusDays(days)
  }
  let daysToPed: number | null = null
  if (pedParts.length) {
    const firstPf = PED_FRACTION[pedParts[0]!.track]!
    const f = RELEASE_FRACTIONS[firstPf]
    let pedStart = S.plusDays(beforePed)
    const same = pedParts.filter((p) => PED_FRACTION[p.track] === firstPf)
    const other = pedParts.filter((p) => PED_FRACTION[p.track] !== firstPf)
    const sameDays = aggregateDays(
      same.map((p) => p.custodial),
      pedStart,
    )
    let ped = beforePed + ceilExact(sameDays * f.fraction.numerator, f.fraction.denominator)
    if (other.length) {
      const f2 = RELEASE_FRACTIONS[PED_FRACTION[other[0]!.track]!]
      pedStart = S.plusDays(ped - 1)
      const otherDays = aggregateDays(
        other.map((p) => p.custodial),
        pedStart,
      )
      ped += ceilExact(otherDays * f2.fraction.numerator, f2.fraction.denominator)
    }
    daysToPed = ped
    pedSteps.push(
      step('Parole eligibility within the consecutive chain', `${ped} days`, cite246A(pedParts[0]!)),
    )
  }
  const single = groups.length === 1
  return {
    daysToExpiry,
    releaseNum: single ? lastNum : total,
    releaseDen: single ? lastDen : 1,
    daysToRelease: total,
    daysToPed,
    steps,
    pedSteps,
  }
}

// SOPC parole eligibility is at one half or two thirds by track; both are cited to s.244A. The
// two-thirds point from 28 June 2022 is believed to come from the Police, Crime, Sentencing and
// Courts Act 2022 amending s.244A, and for terrorist offenders s.247A may apply; neither is
// confirmed (docs/rules.md section 7).
function cite246A(p: Part) {
  return p.kind === 'SopcSentence'
    ? {
        provision: 'Criminal Justice Act 2003, s.244A (sentences for offenders of particular concern)',
        url: 'https://www.legislation.gov.uk/ukpga/2003/44/section/244A',
      }
    : {
        provision: 'Criminal Justice Act 2003, s.246A (extended sentences: parole eligibility at two thirds)',
        url: 'https://www.legislation.gov.uk/ukpga/2003/44/section/246A',
      }
}
