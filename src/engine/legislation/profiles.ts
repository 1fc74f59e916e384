/**
 * Legislation profiles: which body of law a calculation applies. Built from the tables in this
 * folder; values as in the reference service's calculation-params, sds-50 and
 * sds-progression-model-october configurations.
 */
import type { LegislationChange, LegislationProfileName } from '../api.js'
import type { MultiplierName } from './release-fractions.js'
import {
  SDS_DEFAULT,
  SDS_PROGRESSION_MODEL,
  sds40,
  sds40AdditionalExclusions,
  type Sds40Dates,
  type SdsLegislation,
} from './sds-legislation.js'

export interface LegislationProfile {
  readonly name: LegislationProfileName
  readonly sds40Dates: Sds40Dates
  readonly earlyReleasePoint: MultiplierName
  /** Sorted by commencement, latest first. */
  readonly sdsLegislations: readonly SdsLegislation[]
  readonly sds40: SdsLegislation
  readonly progressionModel?: SdsLegislation
}

const SDS40_DATES: Sds40Dates = {
  trancheOne: '2024-09-10',
  trancheTwo: '2024-10-22',
  trancheThree: '2024-12-16',
}
/** The sds-50 profile moves SDS40 out of reach (2054) and keeps one half. */
const SDS50_DATES: Sds40Dates = {
  trancheOne: '2054-09-10',
  trancheTwo: '2054-10-22',
  trancheThree: '2054-12-16',
}

function build(
  name: LegislationProfileName,
  dates: Sds40Dates,
  point: MultiplierName,
  progression: boolean,
): LegislationProfile {
  const s40 = sds40(dates, point)
  const list = [SDS_DEFAULT, s40, sds40AdditionalExclusions(dates)]
  if (progression) list.push(SDS_PROGRESSION_MODEL)
  list.sort((a, b) =>
    a.commencement === b.commencement
      ? a.name.localeCompare(b.name)
      : a.commencement < b.commencement
        ? 1
        : -1,
  )
  return {
    name,
    sds40Dates: dates,
    earlyReleasePoint: point,
    sdsLegislations: list,
    sds40: s40,
    ...(progression ? { progressionModel: SDS_PROGRESSION_MODEL } : {}),
  }
}

export const PROFILES: Readonly<Record<LegislationProfileName, LegislationProfile>> = {
  'calculation-params': build('calculation-params', SDS40_DATES, 'FORTY_PERCENT', false),
  'sds-50': build('sds-50', SDS50_DATES, 'ONE_HALF', false),
  'sds-progression-model-october': build('sds-progression-model-october', SDS40_DATES, 'FORTY_PERCENT', true),
}

const changed = new Map<string, LegislationProfile>()

/** `name`'s profile with `change` applied (tranche dates, early-release point); built once per change. */
export function profileWithChange(
  name: LegislationProfileName,
  change: LegislationChange,
): LegislationProfile {
  const key = `${name}|${JSON.stringify(change)}`
  let profile = changed.get(key)
  if (!profile) {
    const base = PROFILES[name]
    profile = build(
      name,
      { ...base.sds40Dates, ...change.sds40Dates },
      change.earlyReleasePoint ?? base.earlyReleasePoint,
      base.progressionModel !== undefined,
    )
    if (changed.size > 32) changed.clear()
    changed.set(key, profile)
  }
  return profile
}
