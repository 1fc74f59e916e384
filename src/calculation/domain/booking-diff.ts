/**
 * Field-by-field comparison of two bookings (the engine input), in plain English. Used both to
 * say what changed since a preliminary result (stale confirm) and to lay a checker's independent
 * entry beside the first person's (second check).
 *
 * Sentences are matched by court case + line; adjustments by type, exact matches first, then in
 * date order.
 */
import type {
  AdjustmentInput,
  AdjustmentType,
  BookingInput,
  SentenceInput,
} from '../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES } from '../../engine/input/reference-booking.js'
import { formatDate, formatDuration, plural } from './format.js'
import { canonicalJson } from './canonical-json.js'

export interface FieldDifference {
  /** Stable key, e.g. "sentence:case 2 line 1:sentence length" or "adjustment:REMAND:0:number of days". */
  key: string
  change: 'changed' | 'added' | 'removed'
  /** Which record: "Court case 2, line 1", "Remand from 1 March 2024 to 4 April 2024", "The person". */
  where: string
  /** Which field, for 'changed' ("sentence length"); empty for a whole record added or removed. */
  field: string
  /** Plain-English values; "not entered" when the record is absent on that side. */
  before: string
  after: string
}

export const SENTENCE_TYPE_NAMES: Record<SentenceInput['type'], string> = {
  StandardSentence: 'standard determinate sentence',
  ExtendedDeterminateSentence: 'extended determinate sentence',
  SopcSentence: 'sentence for offenders of particular concern',
  AFineSentence: 'imprisonment in default of a fine',
  DetentionAndTrainingOrderSentence: 'detention and training order',
  BotusSentence: 'breach of top-up supervision',
}

export const ADJUSTMENT_NAMES: Record<AdjustmentType, string> = {
  REMAND: 'Remand',
  TAGGED_BAIL: 'Tagged bail',
  UNLAWFULLY_AT_LARGE: 'Unlawfully at large',
  ADDITIONAL_DAYS_AWARDED: 'Additional days awarded',
  RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: 'Restoration of additional days awarded',
  RECALL_REMAND: 'Recall remand',
  RECALL_TAGGED_BAIL: 'Recall tagged bail',
}

const NOT_ENTERED = 'not entered'
const NOT_APPLICABLE = 'not applicable'

/** "Court case 2, line 1"; "Sentence 3" when the record has no court case and line. */
export function sentenceLabel(sentence: SentenceInput, index: number): string {
  if (sentence.caseSequence != null && sentence.lineSequence != null)
    return `Court case ${sentence.caseSequence}, line ${sentence.lineSequence}`
  if (sentence.caseSequence != null) return `Court case ${sentence.caseSequence}, sentence ${index + 1}`
  return `Sentence ${index + 1}`
}

function sentenceMatchKey(sentence: SentenceInput, index: number): string {
  if (sentence.caseSequence != null && sentence.lineSequence != null)
    return `case ${sentence.caseSequence} line ${sentence.lineSequence}`
  if (sentence.identifier) return `id ${sentence.identifier}`
  return `index ${index}`
}

/** "standard determinate sentence of 2 years" */
export function sentenceSummary(sentence: SentenceInput): string {
  const name = SENTENCE_TYPE_NAMES[sentence.type]
  if ('duration' in sentence) return `${name} of ${formatDuration(sentence.duration)}`
  return `${name}: custodial term ${formatDuration(sentence.custodialDuration)}, extension ${formatDuration(sentence.extensionDuration)}`
}

type SentenceField = { field: string; get: (s: SentenceInput, labelOf: (id: string) => string) => string }

const yesNo = (b: boolean | null | undefined) => (b ? 'yes' : 'no')

const SENTENCE_FIELDS: ReadonlyArray<SentenceField> = [
  { field: 'sentence type', get: (s) => SENTENCE_TYPE_NAMES[s.type] },
  { field: 'sentence date', get: (s) => formatDate(s.sentencedAt) },
  { field: 'offence date', get: (s) => formatDate(s.offence.committedAt) },
  { field: 'offence code', get: (s) => s.offence.offenceCode ?? NOT_ENTERED },
  { field: 'sentence length', get: (s) => ('duration' in s ? formatDuration(s.duration) : NOT_APPLICABLE) },
  {
    field: 'custodial term',
    get: (s) => ('custodialDuration' in s ? formatDuration(s.custodialDuration) : NOT_APPLICABLE),
  },
  {
    field: 'extension period',
    get: (s) => ('extensionDuration' in s ? formatDuration(s.extensionDuration) : NOT_APPLICABLE),
  },
  {
    field: 'consecutive to',
    get: (s, labelOf) => {
      const to = s.consecutiveSentenceUUIDs[0]
      return to === undefined ? 'none (concurrent)' : labelOf(to)
    },
  },
  { field: 'case reference', get: (s) => s.caseReference ?? NOT_ENTERED },
  { field: 'recall type', get: (s) => s.recall?.recallType ?? 'no recall' },
  { field: 'revocation date', get: (s) => (s.recall ? formatDate(s.recall.revocationDate) : NOT_APPLICABLE) },
  {
    field: 'recall return to custody date',
    get: (s) => (s.recall ? formatDate(s.recall.returnToCustodyDate) : NOT_APPLICABLE),
  },
  {
    field: 'SDS+',
    get: (s) => (s.type === 'StandardSentence' ? yesNo(s.releaseArrangements.isSDSPlus) : NOT_APPLICABLE),
  },
  {
    field: 'early release exclusions',
    get: (s) =>
      s.type === 'StandardSentence'
        ? s.releaseArrangements.sdsEarlyReleaseExclusions.filter((e) => e !== 'NO').join(', ') || 'none'
        : NOT_APPLICABLE,
  },
  {
    field: 'section 250',
    get: (s) => (s.type === 'StandardSentence' ? yesNo(s.releaseArrangements.isSection250) : NOT_APPLICABLE),
  },
  {
    field: 'automatic release',
    get: (s) => (s.type === 'ExtendedDeterminateSentence' ? yesNo(s.automaticRelease) : NOT_APPLICABLE),
  },
  { field: 'under 18 (SOPC)', get: (s) => (s.type === 'SopcSentence' ? yesNo(s.sdopcu18) : NOT_APPLICABLE) },
  {
    field: 'fine amount',
    get: (s) =>
      s.type === 'AFineSentence' ? (s.fineAmount == null ? NOT_ENTERED : `£${s.fineAmount}`) : NOT_APPLICABLE,
  },
  {
    field: 'latest top-up supervision expiry date',
    get: (s) => (s.type === 'BotusSentence' ? formatDate(s.latestTusedDate) : NOT_APPLICABLE),
  },
]

function diffSentences(before: BookingInput, after: BookingInput): FieldDifference[] {
  const labeller = (booking: BookingInput) => (id: string) => {
    const i = booking.sentences.findIndex((s) => s.identifier === id)
    const s = booking.sentences[i]
    return s === undefined ? `sentence ${id}` : sentenceLabel(s, i)
  }
  const index = (booking: BookingInput) =>
    new Map(booking.sentences.map((s, i) => [sentenceMatchKey(s, i), { s, i }] as const))
  const a = index(before)
  const b = index(after)
  const out: FieldDifference[] = []
  for (const [key, { s, i }] of a) {
    const other = b.get(key)
    const where = sentenceLabel(s, i)
    if (other === undefined) {
      out.push({
        key: `sentence:${key}`,
        change: 'removed',
        where: `${where} (${sentenceSummary(s)})`,
        field: '',
        before: sentenceSummary(s),
        after: NOT_ENTERED,
      })
      continue
    }
    for (const { field, get } of SENTENCE_FIELDS) {
      const x = get(s, labeller(before))
      const y = get(other.s, labeller(after))
      if (x !== y)
        out.push({ key: `sentence:${key}:${field}`, change: 'changed', where, field, before: x, after: y })
    }
  }
  for (const [key, { s, i }] of b) {
    if (a.has(key)) continue
    out.push({
      key: `sentence:${key}`,
      change: 'added',
      where: `${sentenceLabel(s, i)} (${sentenceSummary(s)})`,
      field: '',
      before: NOT_ENTERED,
      after: sentenceSummary(s),
    })
  }
  return out
}

/** "Remand of 35 days" or "Remand of 35 days from 1 March 2024 to 4 April 2024". */
export function adjustmentSummary(type: AdjustmentType, adj: AdjustmentInput): string {
  const base = `${ADJUSTMENT_NAMES[type]} of ${plural(adj.numberOfDays, 'day')}`
  if (!adj.fromDate) return base
  return adj.toDate
    ? `${base} from ${formatDate(adj.fromDate)} to ${formatDate(adj.toDate)}`
    : `${base} from ${formatDate(adj.fromDate)}`
}

const ADJUSTMENT_FIELDS: ReadonlyArray<{ field: string; get: (a: AdjustmentInput) => string }> = [
  { field: 'number of days', get: (a) => String(a.numberOfDays) },
  { field: 'from date', get: (a) => formatDate(a.fromDate) },
  { field: 'to date', get: (a) => formatDate(a.toDate) },
  { field: 'applies to sentences from', get: (a) => formatDate(a.appliesToSentencesFrom) },
  {
    field: 'details',
    get: (a) => [a.additionalInfo?.type, a.additionalInfo?.reason].filter(Boolean).join(': ') || 'none',
  },
]

function diffAdjustments(before: BookingInput, after: BookingInput): FieldDifference[] {
  const out: FieldDifference[] = []
  const order = (x: AdjustmentInput, y: AdjustmentInput) =>
    (x.fromDate ?? '').localeCompare(y.fromDate ?? '') || x.numberOfDays - y.numberOfDays
  for (const type of ADJUSTMENT_TYPES) {
    const a = [...(before.adjustments[type] ?? [])]
    const b = [...(after.adjustments[type] ?? [])]
    // Exact matches first (order in the list does not matter).
    const restA: AdjustmentInput[] = []
    for (const adj of a) {
      const j = b.findIndex((o) => canonicalJson(o) === canonicalJson(adj))
      if (j >= 0) b.splice(j, 1)
      else restA.push(adj)
    }
    restA.sort(order)
    b.sort(order)
    const n = Math.max(restA.length, b.length)
    for (let i = 0; i < n; i++) {
      const x = restA[i]
      const y = b[i]
      if (x !== undefined && y !== undefined) {
        const where = !x.fromDate
          ? `${ADJUSTMENT_NAMES[type]} of ${plural(x.numberOfDays, 'day')}`
          : x.toDate
            ? `${ADJUSTMENT_NAMES[type]} from ${formatDate(x.fromDate)} to ${formatDate(x.toDate)}`
            : `${ADJUSTMENT_NAMES[type]} from ${formatDate(x.fromDate)}`
        for (const { field, get } of ADJUSTMENT_FIELDS) {
          if (get(x) !== get(y))
            out.push({
              key: `adjustment:${type}:${i}:${field}`,
              change: 'changed',
              where,
              field,
              before: get(x),
              after: get(y),
            })
        }
      } else if (x !== undefined) {
        const s = adjustmentSummary(type, x)
        out.push({
          key: `adjustment:${type}:${i}`,
          change: 'removed',
          where: s,
          field: '',
          before: s,
          after: NOT_ENTERED,
        })
      } else if (y !== undefined) {
        const s = adjustmentSummary(type, y)
        out.push({
          key: `adjustment:${type}:${i}`,
          change: 'added',
          where: s,
          field: '',
          before: NOT_ENTERED,
          after: s,
        })
      }
    }
  }
  return out
}

const BOOKING_FIELDS: ReadonlyArray<{
  key: string
  where: string
  field: string
  get: (b: BookingInput) => string
}> = [
  {
    key: 'offender:dateOfBirth',
    where: 'The person',
    field: 'date of birth',
    get: (b) => formatDate(b.offender.dateOfBirth),
  },
  {
    key: 'offender:isActiveSexOffender',
    where: 'The person',
    field: 'active sex offender',
    get: (b) => yesNo(b.offender.isActiveSexOffender),
  },
  {
    key: 'booking:returnToCustodyDate',
    where: 'The booking',
    field: 'return to custody date',
    get: (b) => formatDate(b.returnToCustodyDate),
  },
  {
    key: 'booking:ftr:returnToCustodyDate',
    where: 'Fixed-term recall',
    field: 'return to custody date',
    get: (b) => formatDate(b.fixedTermRecallDetails?.returnToCustodyDate),
  },
  {
    key: 'booking:ftr:recallLength',
    where: 'Fixed-term recall',
    field: 'recall length',
    get: (b) =>
      b.fixedTermRecallDetails ? plural(b.fixedTermRecallDetails.recallLength, 'day') : NOT_ENTERED,
  },
  {
    key: 'booking:historicalTused',
    where: 'Earlier custody',
    field: 'top-up supervision expiry date',
    get: (b) => formatDate(b.historicalTusedData?.tused),
  },
  {
    key: 'booking:bookingId',
    where: 'The booking',
    field: 'booking number',
    get: (b) => (b.bookingId == null ? NOT_ENTERED : String(b.bookingId)),
  },
]

function diffMovements(before: BookingInput, after: BookingInput): FieldDifference[] {
  const text = (m: BookingInput['externalMovements'][number]) =>
    `Movement ${m.direction === 'IN' ? 'into' : 'out of'} custody (${m.movementReason}) on ${formatDate(m.movementDate)}`
  const b = after.externalMovements.map(text)
  const out: FieldDifference[] = []
  for (const t of before.externalMovements.map(text)) {
    const j = b.indexOf(t)
    if (j >= 0) b.splice(j, 1)
    else
      out.push({
        key: `movement:${t}`,
        change: 'removed',
        where: t,
        field: '',
        before: t,
        after: NOT_ENTERED,
      })
  }
  for (const t of b)
    out.push({ key: `movement:${t}`, change: 'added', where: t, field: '', before: NOT_ENTERED, after: t })
  return out
}

/** Every difference between two bookings, in a stable order: person, sentences, adjustments, movements. */
export function diffBookings(before: BookingInput, after: BookingInput): FieldDifference[] {
  const out: FieldDifference[] = []
  for (const f of BOOKING_FIELDS) {
    const x = f.get(before)
    const y = f.get(after)
    if (x !== y)
      out.push({ key: f.key, change: 'changed', where: f.where, field: f.field, before: x, after: y })
  }
  return [
    ...out,
    ...diffSentences(before, after),
    ...diffAdjustments(before, after),
    ...diffMovements(before, after),
  ]
}

/** "Court case 2, line 1: sentence length changed from 2 years to 3 years"; "Remand of 35 days added". */
export function describeDifference(d: FieldDifference): string {
  switch (d.change) {
    case 'changed':
      return `${d.where}: ${d.field} changed from ${d.before} to ${d.after}`
    case 'added':
      return `${d.where} added`
    case 'removed':
      return `${d.where} removed`
    default: {
      const never: never = d.change
      throw new Error(`Unknown change ${String(never)}`)
    }
  }
}
