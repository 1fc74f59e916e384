/**
 * Which SDS legislation a sentence part falls under (filters of each early-release law).
 * Sources: SI 2024/844 (SDS40 exclusions; whether they are listed in an article or a Schedule
 * of the order is not confirmed); CJA 2003 s.244ZA (SDS+); the Sentencing Act 2026 progression
 * model exclusions (section not confirmed).
 */
import type { Part } from '../model/part.js'
import { EXCLUSION_FLAGS, type SdsLegislation } from '../legislation/sds-legislation.js'

export function accepts(l: SdsLegislation, p: Part): boolean {
  if (!p.isSds) return false
  const ex = p.exclusions.map((e) => EXCLUSION_FLAGS[e] ?? EXCLUSION_FLAGS.NO!)
  switch (l.filter) {
    case 'SDS_OR_SDS_PLUS':
      return p.track === 'SDS' || p.track === 'SDS_PLUS'
    case 'SDS_40_EXCLUSIONS':
      return p.track === 'SDS' && !ex.some((e) => e.sds40)
    case 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES':
      return p.track === 'SDS' && ex.some((e) => e.sds40Additional)
    case 'PROGRESSION_MODEL':
      return (
        !p.isSection250 &&
        (p.track === 'SDS' || p.track === 'SDS_PLUS') &&
        p.recall === null &&
        !(p.sdsPlusEligible && !p.isSDSPlus) &&
        !ex.some((e) => e.progressionModel)
      )
  }
}
