/**
 * UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS: breach of a sexual harm prevention order
 * (Sentencing Act 2020 s.354; codes SX03220/SX03244/SX03247) committed between Sentencing Act
 * 2020 commencement and SDS40 tranche three, on a non-SDS+ sentence whose release falls between
 * SDS40 tranche one and tranche three: whether it is an SDS40 exclusion cannot be decided.
 */
import type { ValidationMessage } from '../engine-parts.js'
import { parseDate } from '../engine-parts.js'
import { refOf, type PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

const CODES = /^SX03(220|244|247)A?$/
const FROM = parseDate('2020-12-01')

export function shpoSx03({ ctx, timeline }: PostCalculationInput): ValidationMessage[] {
  const t1 = parseDate(ctx.profile.sds40Dates.trancheOne)
  const t3 = parseDate(ctx.profile.sds40Dates.trancheThree)
  for (const s of timeline.sentences) {
    if (!s.d) continue
    if (s.recall && !s.d.tused) continue
    const crd = s.d.adjustedRelease
    if (crd.isBefore(t1) || !crd.isBefore(t3)) continue
    const hit = s.parts.find(
      (p) =>
        p.isSds &&
        !p.isSDSPlus &&
        p.offenceCode !== null &&
        CODES.test(p.offenceCode) &&
        p.offenceDate !== null &&
        !p.offenceDate.isBefore(FROM) &&
        !p.offenceDate.isAfter(t3),
    )
    if (hit)
      return [
        validationMessage('UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS', {
          sentence: refOf(hit),
          offenceCode: hit.offenceCode ?? undefined,
        }),
      ]
  }
  return []
}
