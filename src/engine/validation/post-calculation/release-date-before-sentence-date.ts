/**
 * RELEASE_DATE_BEFORE_SENTENCE_DATE: remand or tagged bail extinguishes a custody period — the
 * release would fall before the day before the sentence date (CJA 2003 s.240ZA).
 */
import type { ValidationMessage } from '../engine-parts.js'
import { refOf, type PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

/** Remand or tagged bail (including the recall variants) linked on or after a date. */
function deductionOnOrAfter(booking: PostCalculationInput['booking'], from: string): boolean {
  const a = booking.adjustments
  return [a.REMAND, a.TAGGED_BAIL, a.RECALL_REMAND, a.RECALL_TAGGED_BAIL].some((list) =>
    (list ?? []).some((x) => x.appliesToSentencesFrom >= from),
  )
}

export function releaseBeforeSentence({ booking, timeline, ctx }: PostCalculationInput): ValidationMessage[] {
  for (const g of timeline.groups) {
    let latest = null as null | (typeof g.sentences)[number]
    for (const s of g.sentences)
      if (s.d && (!latest || s.d.uncappedRelease.isAfter(latest.d!.uncappedRelease))) latest = s
    if (!latest || !latest.d) continue
    if (
      latest.d.uncappedRelease.isBefore(g.from.minusDays(1)) &&
      latest.adj.remand + latest.adj.taggedBail > 0
    ) {
      const pm = ctx.profile.progressionModel
      const manual =
        ctx.toggles.routePreProgressionExtinguishedSentenceToManual &&
        timeline.progression !== null &&
        pm !== undefined &&
        !deductionOnOrAfter(booking, pm.commencement)
      return [
        validationMessage(
          manual
            ? 'PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE'
            : 'RELEASE_DATE_BEFORE_SENTENCE_DATE',
          {
            sentence: refOf(latest.parts[0]!),
            date: latest.d.uncappedRelease.toString(),
            comparedWith: latest.sentencedAt.toString(),
          },
        ),
      ]
    }
  }
  return []
}
