/**
 * A calculable sentence: one sentence, a consecutive chain, or a single term, together with the
 * adjustments it has accumulated and its calculated dates.
 */
import type { LocalDate } from '@js-joda/core'
import type { Buckets } from './adjustments.js'
import type { Types } from './identification.js'
import type { Part, Recall } from './part.js'
import type { Traces } from '../explain/trace.js'
import type { Duration } from '../calendar/duration.js'

export interface Dates {
  daysToExpiry: number
  /** The release point before rounding, as an exact ratio num/den of days. */
  releaseNum: number
  releaseDen: number
  daysToRelease: number
  daysToPed: number | null
  unadjustedExpiry: LocalDate
  unadjustedRelease: LocalDate
  unadjustedPed: LocalDate | null
  releaseWithoutAwarded: LocalDate
  uncappedRelease: LocalDate
  /** CRD or ARD (or MTD for a DTO). */
  adjustedRelease: LocalDate
  adjustedExpiry: LocalDate
  /** SLED or SED. */
  expiry: LocalDate
  ped: LocalDate | null
  led: LocalDate | null
  tused: LocalDate | null
  hdced: LocalDate | null
  /** HDCED before booking-level rules, with UAL (for the HDC-365 choice). */
  ersed: LocalDate | null
  prrd: LocalDate | null
  etd: LocalDate | null
  ltd: LocalDate | null
  /** PRRD for a recall, else the adjusted release. */
  releaseDate: LocalDate
  immediateRelease: boolean
  /** Licence expiry at initial release (keeps the sentence alive on licence). */
  licenceExpiryAtRelease: LocalDate
  traces: Traces
}

export interface CalcSentence {
  key: string
  parts: Part[]
  kind: 'single' | 'chain' | 'singleTerm'
  sentencedAt: LocalDate
  /** For a single term, the combined duration. */
  termDuration: Duration | null
  recall: Recall | null
  lengthDays: number
  types: Types
  adj: Buckets
  /** Tranche date from which an early-release legislation applies (defaulting), if any. */
  sdsEarliestApplicable: LocalDate | null
  sdsLegislationName: string | null
  ftr56Tranche: LocalDate | null
  ftr56Supported: boolean
  progressionArdToCrd: boolean
  /** Index of the custody period (timeline group) once it has closed; unset while still open. */
  custodyPeriod?: number
  d: Dates | null
}
