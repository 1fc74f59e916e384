/**
 * The adjustment buckets a calculable sentence accumulates on the timeline.
 * Sources: Criminal Justice Act 2003 s.240ZA (remand), s.240A (tagged bail), s.257 (additional
 * days); Prison Act 1952 s.49(2) (unlawfully at large); Prison Rules 1999 r.55 (additional days
 * awarded) and r.61 (restoration); Young Offender Institution Rules 2000 r.60 (additional days).
 */
export interface Buckets {
  remand: number
  taggedBail: number
  recallRemand: number
  recallTaggedBail: number
  awardedDuringCustody: number
  ualDuringCustody: number
  awardedAfterDeterminateRelease: number
  ualAfterDeterminateRelease: number
  ualAfterFtr: number
  servedAdaDays: number
  unusedAdaDays: number
  unusedLicenceAdaDays: number
  /** Epoch day of the last day of UAL, or null. */
  lastDayOfUal: number | null
}

export function emptyBuckets(): Buckets {
  return {
    remand: 0,
    taggedBail: 0,
    recallRemand: 0,
    recallTaggedBail: 0,
    awardedDuringCustody: 0,
    ualDuringCustody: 0,
    awardedAfterDeterminateRelease: 0,
    ualAfterDeterminateRelease: 0,
    ualAfterFtr: 0,
    servedAdaDays: 0,
    unusedAdaDays: 0,
    unusedLicenceAdaDays: 0,
    lastDayOfUal: null,
  }
}

export function deductions(b: Buckets): number {
  return b.remand + b.taggedBail + b.recallRemand + b.recallTaggedBail
}

export function totalAdjustment(b: Buckets): number {
  return (
    b.remand + b.taggedBail + b.recallRemand + b.recallTaggedBail + b.awardedDuringCustody + b.servedAdaDays
  )
}
