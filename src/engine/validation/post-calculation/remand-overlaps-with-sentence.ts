/**
 * REMAND_OVERLAPS_WITH_SENTENCE: a remand period overlaps (or abuts) a custodial period in which
 * the person was already serving a sentence (remand cannot count twice: CJA 2003 s.240ZA; the
 * subsection, believed to be (4), is not confirmed).
 */
import { parseDate } from '../engine-parts.js'
import type { ValidationMessage } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

export function remandOverlapsSentence({ booking, timeline }: PostCalculationInput): ValidationMessage[] {
  const periods = timeline.groups
    .filter((g) => !g.hasRecall && g.from.isBefore(g.to))
    .map((g) => [g.from.toEpochDay(), g.to.toEpochDay()] as const)
  for (const [i, r] of (booking.adjustments.REMAND ?? []).entries()) {
    if (!r.fromDate || !r.toDate) continue
    const f = parseDate(r.fromDate).toEpochDay()
    const t = parseDate(r.toDate).toEpochDay()
    if (!(f < t)) continue
    // Half-open ranges [from, to) are connected if they overlap or touch.
    if (periods.some(([a, b]) => f <= b && a <= t)) {
      return [
        validationMessage('REMAND_OVERLAPS_WITH_SENTENCE', {
          path: `adjustments.REMAND[${i}]`,
          date: r.fromDate,
          comparedWith: r.toDate,
        }),
      ]
    }
  }
  return []
}
