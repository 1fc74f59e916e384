/**
 * Measures: recall@k and mean reciprocal rank of the search over a question set, and field-level
 * precision, recall and dangerous errors of a court-text reader over a labelled corpus. Used by
 * the benchmark (bench/guidance.ts) and the tests that hold both.
 */
import type { GuidanceIndex } from './search.js'

export interface QuestionCase {
  question: string
  /** Passage ids (source#anchor); a hit for any of them answers the question. */
  answers: string[]
}

export interface RankingReport {
  questions: number
  recallAt3: number
  mrr: number
  /** Questions with no answer in the top 3, with what came first. */
  misses: Array<{ question: string; top: string[] }>
  /** Answer ids that are not passages of the corpus (a renamed anchor). */
  unknownAnswers: string[]
}

export function evaluateRanking(index: GuidanceIndex, cases: readonly QuestionCase[]): RankingReport {
  let within3 = 0
  let reciprocal = 0
  const misses: RankingReport['misses'] = []
  const unknownAnswers = cases.flatMap((c) => c.answers.filter((a) => index.passage(a) === undefined))
  for (const c of cases) {
    const ranked = index.search(c.question, { limit: 20 }).map((h) => h.passage.id)
    const rank = ranked.findIndex((id) => c.answers.includes(id))
    if (rank >= 0) reciprocal += 1 / (rank + 1)
    if (rank >= 0 && rank < 3) within3++
    else misses.push({ question: c.question, top: ranked.slice(0, 3) })
  }
  const n = cases.length || 1
  return {
    questions: cases.length,
    recallAt3: within3 / n,
    mrr: reciprocal / n,
    misses,
    unknownAnswers,
  }
}
