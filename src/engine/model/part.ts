/**
 * A sentence part: one sentence from the booking, with its identification track
 * (which release regime applies) worked out. Sources per track are in legislation/.
 */
import { parseDate } from '../calendar/dates.js'
import { LocalDate } from '@js-joda/core'
import type { SentenceInput, SentenceTypeName } from '../input/reference-booking.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { addDurations, duration, lengthInDays, thresholdDays, type Duration, ZERO } from '../calendar/duration.js'
import type { MultiplierName } from '../legislation/release-fractions.js'

export type Track =
  | 'SDS'
  | 'SDS_PLUS'
  | 'EDS_AUTOMATIC_RELEASE'
  | 'EDS_DISCRETIONARY_RELEASE'
  | 'SOPC_PED_AT_TWO_THIRDS'
  | 'SOPC_PED_AT_HALFWAY'
  | 'AFINE_ARD_AT_HALFWAY'
  | 'AFINE_ARD_AT_FULL_TERM'
  | 'DTO_BEFORE_PCSC'
  | 'DTO_AFTER_PCSC'
  | 'BOTUS'
  | 'BOTUS_WITH_HISTORIC_TUSED'

export const FIXED_MULTIPLIER: Partial<Record<Track, MultiplierName>> = {
  EDS_AUTOMATIC_RELEASE: 'TWO_THIRDS',
  EDS_DISCRETIONARY_RELEASE: 'FULL',
  SOPC_PED_AT_TWO_THIRDS: 'FULL',
  SOPC_PED_AT_HALFWAY: 'FULL',
  AFINE_ARD_AT_HALFWAY: 'ONE_HALF',
  AFINE_ARD_AT_FULL_TERM: 'FULL',
  DTO_BEFORE_PCSC: 'ONE_HALF',
  DTO_AFTER_PCSC: 'ONE_HALF',
  BOTUS: 'FULL',
  BOTUS_WITH_HISTORIC_TUSED: 'FULL',
}

export interface Recall {
  type: 'STANDARD_RECALL' | 'STANDARD_RECALL_255' | 'FIXED_TERM_RECALL_14' | 'FIXED_TERM_RECALL_28' | 'FIXED_TERM_RECALL_56'
  revocationDate: LocalDate | null
  returnToCustodyDate: LocalDate | null
}

export interface Part {
  index: number
  id: string
  kind: SentenceTypeName
  sentencedAt: LocalDate
  offenceDate: LocalDate | null
  offenceCode: string | null
  custodial: Duration
  total: Duration
  consecutiveTo: string | null
  recall: Recall | null
  isSDSPlus: boolean
  sdsPlusEligible: boolean
  exclusions: readonly string[]
  isSection250: boolean
  fineAmount: number | null
  latestTusedDate: LocalDate | null
  track: Track
  /** Release fraction; for SDS tracks set from legislation when placed on the timeline. */
  multiplier: MultiplierName
  /** Which SDS legislation gave the multiplier. */
  legislation: string
  /** Sentenced before LASPO for an offence before CJA 2003 commencement. */
  oldStyle: boolean
  /** Offence on or after ORA 2014 commencement. */
  ora: boolean
  isDto: boolean
  isTerm: boolean
  isBotus: boolean
  isFine: boolean
  isSds: boolean
  hasPed: boolean
  input: SentenceInput
}

const CJA = parseDate(COMMENCEMENTS.CJA_2003.value)
const LASPO = parseDate(COMMENCEMENTS.LASPO.value)
const ORA = parseDate(COMMENCEMENTS.ORA_2014.value)
const PCSC = parseDate(COMMENCEMENTS.PCSC_2022.value)
const FINE_FULL = parseDate(COMMENCEMENTS.A_FINE_TEN_MILLION.value)

export function toPart(s: SentenceInput, index: number): Part {
  const sentencedAt = parseDate(s.sentencedAt)
  const offenceDate = s.offence.committedAt ? parseDate(s.offence.committedAt) : null
  const offenceCode = s.offence.offenceCode ?? null
  let custodial: Duration = ZERO
  let total: Duration = ZERO
  let track: Track = 'SDS'
  let isSDSPlus = false
  let sdsPlusEligible = false
  let exclusions: readonly string[] = []
  let isSection250 = false
  let fineAmount: number | null = null
  let latestTusedDate: LocalDate | null = null
  switch (s.type) {
    case 'StandardSentence':
      custodial = total = duration(s.duration.durationElements)
      isSDSPlus = s.releaseArrangements.isSDSPlus
      sdsPlusEligible = s.releaseArrangements.isSDSPlusEligibleSentenceTypeLengthAndOffence
      exclusions = s.releaseArrangements.sdsEarlyReleaseExclusions
      isSection250 = s.releaseArrangements.isSection250
      track = isSDSPlus ? 'SDS_PLUS' : 'SDS'
      break
    case 'ExtendedDeterminateSentence':
      custodial = duration(s.custodialDuration.durationElements)
      total = addDurations(custodial, duration(s.extensionDuration.durationElements))
      track = s.automaticRelease ? 'EDS_AUTOMATIC_RELEASE' : 'EDS_DISCRETIONARY_RELEASE'
      break
    case 'SopcSentence':
      custodial = duration(s.custodialDuration.durationElements)
      total = addDurations(custodial, duration(s.extensionDuration.durationElements))
      track = s.sdopcu18 || !sentencedAt.isBefore(PCSC) ? 'SOPC_PED_AT_TWO_THIRDS' : 'SOPC_PED_AT_HALFWAY'
      break
    case 'AFineSentence':
      custodial = total = duration(s.duration.durationElements)
      fineAmount = s.fineAmount ?? null
      track =
        fineAmount !== null && fineAmount >= 10_000_000 && !sentencedAt.isBefore(FINE_FULL)
          ? 'AFINE_ARD_AT_FULL_TERM'
          : 'AFINE_ARD_AT_HALFWAY'
      break
    case 'DetentionAndTrainingOrderSentence':
      custodial = total = duration(s.duration.durationElements)
      track = sentencedAt.isBefore(PCSC) ? 'DTO_BEFORE_PCSC' : 'DTO_AFTER_PCSC'
      break
    case 'BotusSentence':
      custodial = total = duration(s.duration.durationElements)
      latestTusedDate = s.latestTusedDate ? parseDate(s.latestTusedDate) : null
      track = latestTusedDate ? 'BOTUS_WITH_HISTORIC_TUSED' : 'BOTUS'
      break
  }
  const isSds = s.type === 'StandardSentence'
  const recall = s.recall
    ? {
        type: s.recall.recallType,
        revocationDate: s.recall.revocationDate ? parseDate(s.recall.revocationDate) : null,
        returnToCustodyDate: s.recall.returnToCustodyDate ? parseDate(s.recall.returnToCustodyDate) : null,
      }
    : null
  return {
    index,
    id: s.identifier ?? `sentence-${index}`,
    kind: s.type,
    sentencedAt,
    offenceDate,
    offenceCode,
    custodial,
    total,
    consecutiveTo: s.consecutiveSentenceUUIDs[0] ?? null,
    recall,
    isSDSPlus,
    sdsPlusEligible,
    exclusions,
    isSection250,
    fineAmount,
    latestTusedDate,
    track,
    multiplier: FIXED_MULTIPLIER[track] ?? (track === 'SDS_PLUS' ? 'TWO_THIRDS' : 'ONE_HALF'),
    legislation: 'SDS_DEFAULT',
    oldStyle: isSds && sentencedAt.isBefore(LASPO) && offenceDate !== null && offenceDate.isBefore(CJA),
    ora: offenceDate === null || !offenceDate.isBefore(ORA),
    isDto: s.type === 'DetentionAndTrainingOrderSentence',
    isTerm: s.type === 'AFineSentence' || s.type === 'DetentionAndTrainingOrderSentence' || s.type === 'BotusSentence',
    isBotus: s.type === 'BotusSentence',
    isFine: s.type === 'AFineSentence',
    isSds,
    hasPed: track === 'EDS_DISCRETIONARY_RELEASE' || track === 'SOPC_PED_AT_TWO_THIRDS' || track === 'SOPC_PED_AT_HALFWAY',
    input: s,
  }
}

/** "Is this sentence shorter than n units?" compares inclusive days with days in n units. */
export function lessThan(lengthDays: number, start: LocalDate, n: number, unit: 'YEARS' | 'MONTHS' | 'DAYS'): boolean {
  return lengthDays < thresholdDays(start, n, unit)
}

export function partLength(p: Part): number {
  return lengthInDays(p.total, p.sentencedAt)
}

export const CIVIL_OFFENCE_CODES = new Set(['ZZ01001', 'ZZ01002', 'ZZ01003', 'ZZ01004', 'ZZ01005', 'ZZ01008', 'ZZ01010', 'XX00000-016N'])
