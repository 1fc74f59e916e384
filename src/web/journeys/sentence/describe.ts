/** How a stored sentence is named and described to staff (person page, remove confirmation). */
import {
  sentenceToReference,
  type BookingRecords,
  type CourtCaseRow,
  type SentenceRow,
} from '../../../db/repositories/booking.js'
import { SENTENCE_TYPE_LABELS, describeDuration } from '../../labels.js'

type Ref = Record<string, unknown> & {
  type: keyof typeof SENTENCE_TYPE_LABELS
  identifier: string
  sentencedAt: string
  offence: { offenceCode?: string; committedAt?: string }
  consecutiveSentenceUUIDs: string[]
  lineSequence?: number
  duration?: { durationElements: Record<string, number> }
  custodialDuration?: { durationElements: Record<string, number> }
  extensionDuration?: { durationElements: Record<string, number> }
  recall?: { recallType: string }
}

export interface SentenceSummary {
  row: SentenceRow
  s: Ref
  cc: CourtCaseRow | undefined
  /** "Case 1, line 2" (or "No case, line 4"). */
  label: string
  /** "court case 1 (T20230001), line 2" (or "line 4, with no court case"). */
  longLabel: string
  type: string
  length: string
  sentencedAt: string
  offence: string
  /** The label of the sentence this one is consecutive to; undefined when concurrent. */
  consecutiveTo: string | undefined
  recall: string | undefined
}

/** Every sentence in the booking, in booking order, named by court case and line. */
export function sentenceSummaries(records: BookingRecords): SentenceSummary[] {
  const cases = new Map(records.courtCases.map((c) => [Number(c.id), c]))
  const named = records.sentences.map((row, i) => {
    const cc = row.court_case_id === null ? undefined : cases.get(Number(row.court_case_id))
    const s = sentenceToReference(row, cc) as Ref
    const line = s.lineSequence ?? i + 1
    const label = `${cc ? `Case ${cc.case_sequence}` : 'No case'}, line ${line}`
    const longLabel = cc
      ? `court case ${cc.case_sequence}${cc.case_reference ? ` (${cc.case_reference})` : ''}, line ${line}`
      : `line ${line}, with no court case`
    return { row, s, cc, label, longLabel }
  })
  const labelOf = new Map(named.map((x) => [x.s.identifier, x.label]))
  return named.map((x) => ({
    ...x,
    type: SENTENCE_TYPE_LABELS[x.s.type] ?? x.s.type,
    length: x.s.custodialDuration
      ? `${describeDuration(x.s.custodialDuration)} custody, ${describeDuration(x.s.extensionDuration)} extension`
      : describeDuration(x.s.duration),
    sentencedAt: x.s.sentencedAt,
    offence: [
      x.s.offence.offenceCode,
      x.s.offence.committedAt ? `committed ${x.s.offence.committedAt}` : undefined,
    ]
      .filter(Boolean)
      .join(', '),
    consecutiveTo: x.s.consecutiveSentenceUUIDs[0]
      ? (labelOf.get(x.s.consecutiveSentenceUUIDs[0]) ?? 'another sentence')
      : undefined,
    recall: x.s.recall?.recallType,
  }))
}
