/** The sentences and adjustments of a booking as table rows, in plain English (history, slip, checks). */
import type { AdjustmentType, BookingInput } from '../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES } from '../../engine/input/reference-booking.js'
import { ADJUSTMENT_NAMES, SENTENCE_TYPE_NAMES, sentenceLabel } from './booking-diff.js'
import { formatDate, formatDuration } from './format.js'

export interface SentenceRow {
  /** "Court case 2, line 1" */
  label: string
  courtCase: string
  line: string
  caseReference: string
  sentenceType: string
  /** "2 years"; for extended sentences "custodial term 4 years, extension 3 years". */
  length: string
  sentenceDate: string
  offenceDate: string
  offenceCode: string
  /** "Court case 1, line 1" or "Concurrent". */
  consecutiveTo: string
}

export interface AdjustmentRow {
  type: AdjustmentType
  name: string
  days: number
  from: string
  to: string
}

export function sentenceRows(booking: BookingInput): SentenceRow[] {
  return booking.sentences.map((s, i) => {
    const to = s.consecutiveSentenceUUIDs[0]
    const target = to === undefined ? -1 : booking.sentences.findIndex((o) => o.identifier === to)
    const targetSentence = booking.sentences[target]
    return {
      label: sentenceLabel(s, i),
      courtCase: s.caseSequence == null ? '' : String(s.caseSequence),
      line: s.lineSequence == null ? '' : String(s.lineSequence),
      caseReference: s.caseReference ?? '',
      sentenceType: SENTENCE_TYPE_NAMES[s.type],
      length:
        'duration' in s
          ? formatDuration(s.duration)
          : `custodial term ${formatDuration(s.custodialDuration)}, extension ${formatDuration(s.extensionDuration)}`,
      sentenceDate: formatDate(s.sentencedAt),
      offenceDate: formatDate(s.offence.committedAt),
      offenceCode: s.offence.offenceCode ?? '',
      consecutiveTo:
        to === undefined
          ? 'Concurrent'
          : targetSentence === undefined
            ? `Sentence ${to}`
            : sentenceLabel(targetSentence, target),
    }
  })
}

export function adjustmentRows(booking: BookingInput): AdjustmentRow[] {
  return ADJUSTMENT_TYPES.flatMap((type) =>
    (booking.adjustments[type] ?? []).map((a) => ({
      type,
      name: ADJUSTMENT_NAMES[type],
      days: a.numberOfDays,
      from: a.fromDate ? formatDate(a.fromDate) : '',
      to: a.toDate ? formatDate(a.toDate) : '',
    })),
  )
}
