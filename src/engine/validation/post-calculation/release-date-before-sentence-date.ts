/**
 * RELEASE_DATE_BEFORE_SENTENCE_DATE: remand or tagged bail extinguishes a custody period — the
 * release would fall before the day before the sentence date (CJA 2003 s.240ZA).
 */
import type { ValidationMessage } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'

export function releaseBeforeSentence({ timeline, ctx }: PostCalculationInput): ValidationMessage[] {
  for (const g of timeline.groups) {
    let latest = null as null | (typeof g.sentences)[number]
    for (const s of g.sentences) if (s.d && (!latest || s.d.uncappedRelease.isAfter(latest.d!.uncappedRelease))) latest = s
    if (!latest || !latest.d) continue
    if (latest.d.uncappedRelease.isBefore(g.from.minusDays(1)) && latest.adj.remand + latest.adj.taggedBail > 0) {
      const manual = ctx.toggles.routePreProgressionExtinguishedSentenceToManual && timeline.progression !== null
      return [
        {
          code: manual ? 'PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE' : 'RELEASE_DATE_BEFORE_SENTENCE_DATE',
          category: manual ? 'UNSUPPORTED' : 'BAD_DATA',
          message: 'Remand or tagged bail is longer than the time to release: the release date would be before the sentence date',
        },
      ]
    }
  }
  return []
}
