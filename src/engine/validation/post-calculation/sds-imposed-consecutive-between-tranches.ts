/**
 * UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS: allocated to SDS40 tranche 2
 * with a consecutive chain containing a standard sentence imposed between the tranche 1 and
 * tranche 2 commencements (SI 2024/844; the article carrying the tranches is not confirmed): the
 * transitional position is unclear.
 */
import type { ValidationMessage } from '../engine-parts.js'
import { parseDate } from '../engine-parts.js'
import { refOf, type PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

export function sdsImposedConsecutiveBetweenTranches({
  ctx,
  timeline,
}: PostCalculationInput): ValidationMessage[] {
  if (timeline.sds40?.name !== 'TRANCHE_2') return []
  const t1 = parseDate(ctx.profile.sds40Dates.trancheOne)
  const t2 = parseDate(ctx.profile.sds40Dates.trancheTwo)
  for (const s of timeline.sentences) {
    if (s.kind !== 'chain') continue
    const part = s.parts.find(
      (p) => p.isSds && !p.isSDSPlus && !p.sentencedAt.isBefore(t1) && p.sentencedAt.isBefore(t2),
    )
    if (part)
      return [
        validationMessage('UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS', {
          sentence: refOf(part),
        }),
      ]
  }
  return []
}
