/** What staff read for each coded value. */
import type { AdjustmentType, SentenceTypeName } from '../engine/input/reference-booking.js'

export const SENTENCE_TYPE_LABELS: Record<SentenceTypeName, string> = {
  StandardSentence: 'Standard determinate sentence (SDS)',
  ExtendedDeterminateSentence: 'Extended determinate sentence (EDS)',
  SopcSentence: 'Special sentence for offenders of particular concern (SOPC)',
  AFineSentence: 'Imprisonment in default of a fine',
  DetentionAndTrainingOrderSentence: 'Detention and training order (DTO)',
  BotusSentence: 'Breach of top-up supervision (BOTUS)',
}

export const ADJUSTMENT_TYPE_LABELS: Record<AdjustmentType, string> = {
  REMAND: 'Remand',
  TAGGED_BAIL: 'Tagged bail',
  UNLAWFULLY_AT_LARGE: 'Unlawfully at large (UAL)',
  ADDITIONAL_DAYS_AWARDED: 'Additional days awarded (ADA)',
  RESTORATION_OF_ADDITIONAL_DAYS_AWARDED: 'Restoration of additional days awarded (RADA)',
  RECALL_REMAND: 'Recall remand',
  RECALL_TAGGED_BAIL: 'Recall tagged bail',
}

export const UAL_REASON_LABELS: Record<string, string> = {
  ESCAPE: 'Escape',
  IMMIGRATION_DETENTION: 'Immigration detention',
  RECALL: 'Recall',
  RELEASE_IN_ERROR: 'Release in error',
  SENTENCED_IN_ABSENCE: 'Sentenced in absence',
  OTHER: 'Other',
}

type Elements = Partial<Record<'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS', number>>
export function describeDuration(d: { durationElements?: Elements } | undefined): string {
  const e = d?.durationElements ?? {}
  const parts: string[] = []
  for (const [k, one, many] of [
    ['YEARS', 'year', 'years'],
    ['MONTHS', 'month', 'months'],
    ['WEEKS', 'week', 'weeks'],
    ['DAYS', 'day', 'days'],
  ] as const) {
    const v = e[k]
    if (v !== undefined && v !== 0) parts.push(`${v} ${v === 1 ? one : many}`)
  }
  return parts.length === 0 ? '0 days' : parts.join(' ')
}
