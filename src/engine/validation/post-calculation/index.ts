/**
 * Post-calculation validation: checks run on the calculated timeline, in the reference's
 * validator order (alphabetical by validator). Codes are identical to the reference's codes.
 */
import type { ValidationMessage } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { adjustmentsAfterRelease } from './adjustments-after-release.js'
import { releaseBeforeSentence } from './release-date-before-sentence-date.js'
import { remandOverlapsSentence } from './remand-overlaps-with-sentence.js'
import { outOfCustodyAtProgressionCommencement } from './out-of-custody-at-progression-commencement.js'
import { progressionTrancheOne } from './progression-tranche-one.js'
import { shpoSx03 } from './shpo-sx03-offences.js'
import { sdsImposedConsecutiveBetweenTranches } from './sds-imposed-consecutive-between-tranches.js'
import { hdcedRepeal } from './hdced-repeal.js'
import { fixedTermRecallAfterCalculation } from './fixed-term-recall-after-calculation.js'

export type { PostCalculationInput } from './types.js'

export function postCalculationValidation(input: PostCalculationInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  const seen = new Set<string>()
  for (const v of [
    adjustmentsAfterRelease,
    fixedTermRecallAfterCalculation,
    hdcedRepeal,
    outOfCustodyAtProgressionCommencement,
    progressionTrancheOne,
    remandOverlapsSentence,
    shpoSx03,
    sdsImposedConsecutiveBetweenTranches,
    releaseBeforeSentence,
  ]) {
    for (const m of v(input)) {
      const k = m.code + '|' + m.message
      if (!seen.has(k)) {
        seen.add(k)
        out.push(m)
      }
    }
  }
  return out
}
