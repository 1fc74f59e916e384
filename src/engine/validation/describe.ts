/**
 * Plain-English names for the records a validation message points at: a sentence (by court case
 * and line where the booking has them), an adjustment (by its JSON path) and a date.
 */
import { LocalDate } from '@js-joda/core'
import type { SentenceRef } from '../api.js'
import { isIsoDate } from '../calendar/dates.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** "2022-06-14" → "14 June 2022" (GOV.UK date style). Anything unparseable is returned as given. */
export function formatDate(iso: string): string {
  // A real YYYY-MM-DD date (every date the checks report) needs no date parser.
  if (isIsoDate(iso))
    return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(0, 4))}`
  try {
    const d = LocalDate.parse(iso)
    return `${d.dayOfMonth()} ${MONTHS[d.monthValue() - 1]} ${d.year()}`
  } catch {
    return iso
  }
}

/**
 * How a message names a sentence: "Court case 2, line 3" when the booking carries case and line
 * sequences, "Court case 2 (T20227001)" with a case reference, otherwise "Sentence 4" (its
 * 1-based position in the booking).
 */
export function describeSentence(ref: SentenceRef): string {
  const hasCase = ref.caseSequence !== undefined && ref.caseSequence !== null
  const hasLine = ref.lineSequence !== undefined && ref.lineSequence !== null
  const reference = ref.caseReference ? ` (${ref.caseReference})` : ''
  if (hasCase && hasLine) return `Court case ${ref.caseSequence}${reference}, line ${ref.lineSequence}`
  if (hasCase) return `Court case ${ref.caseSequence}${reference}, sentence ${ref.index + 1}`
  if (ref.caseReference) return `Court case ${ref.caseReference}, sentence ${ref.index + 1}`
  return `Sentence ${ref.index + 1}`
}

const ADJUSTMENT_NAMES: Record<string, string> = {
  REMAND: 'Remand period',
  TAGGED_BAIL: 'Tagged bail period',
  UNLAWFULLY_AT_LARGE: 'Unlawfully at large (UAL) period',
  ADDITIONAL_DAYS_AWARDED: 'Additional days awarded (ADA)',
  RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: 'Restoration of additional days awarded (RADA)',
  RECALL_REMAND: 'Recall remand period',
  RECALL_TAGGED_BAIL: 'Recall tagged bail period',
}

/** "adjustments.REMAND[0]" → "Remand period 1". Unknown shapes are returned as given. */
export function describeAdjustment(path: string): string {
  const match = /^adjustments\.([A-Z_]+)\[(\d+)\]$/.exec(path)
  if (!match) return path
  const name = ADJUSTMENT_NAMES[match[1]!] ?? match[1]!
  return `${name} ${Number(match[2]) + 1}`
}

/** Makes the SentenceRef carried by a message from a sentence's position and its fields. */
export function sentenceRef(
  index: number,
  s: {
    identifier?: string | undefined
    caseSequence?: number | null | undefined
    lineSequence?: number | null | undefined
    caseReference?: string | null | undefined
  },
): SentenceRef {
  const ref: SentenceRef = { index }
  if (s.identifier !== undefined) ref.identifier = s.identifier
  if (s.caseSequence !== undefined) ref.caseSequence = s.caseSequence
  if (s.lineSequence !== undefined) ref.lineSequence = s.lineSequence
  if (s.caseReference !== undefined) ref.caseReference = s.caseReference
  return ref
}
