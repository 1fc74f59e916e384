/**
 * Sentence-level dates (reference `SentenceLevelDatesService`, rules §19): for every calculated
 * sentence (single or chain, in the engine's flat order) and every part of it, the sentence's own
 * dates, its release fraction and its awarded days.
 */
import type { LocalDate } from '@js-joda/core'
import type { ReleaseDateType, SentenceLevelDates } from '../api.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Extracted } from './booking-dates.js'

function ownDates(s: CalcSentence): Partial<Record<ReleaseDateType, string>> {
  const d = s.d!
  const out: Partial<Record<ReleaseDateType, string>> = {}
  const put = (t: ReleaseDateType, v: LocalDate | null) => {
    if (v && s.types.has(t)) out[t] = v.toString()
  }
  put('SED', d.expiry)
  put('SLED', d.expiry)
  put('CRD', d.adjustedRelease)
  put('ARD', d.adjustedRelease)
  put('PRRD', d.prrd)
  put('LED', d.led)
  put('TUSED', d.tused)
  put('PED', d.ped)
  put('HDCED', d.hdced)
  return out
}

export function sentenceLevelDates(all: readonly CalcSentence[], result: Extracted): SentenceLevelDates[] {
  const calculated = all.filter((s) => s.d)
  const out: SentenceLevelDates[] = []
  calculated.forEach((s, groupIndex) => {
    // The sentence the booking's release date was taken from (the first of any tie).
    const impacts = s === result.active
    const dates = ownDates(s)
    for (const p of s.parts)
      out.push({
        identifier: p.id,
        impactsFinalReleaseDate: impacts,
        dates,
        groupIndex,
        releaseMultiplier: p.multiplier,
        awardedDuringCustody: s.adj.awardedDuringCustody,
        awardedAfterDeterminateRelease: s.adj.awardedAfterDeterminateRelease,
      })
  })
  return out
}
