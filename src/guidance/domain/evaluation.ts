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

// ---- the court-text reader -------------------------------------------------------------------
import type { CourtReading } from './reader/types.js'
import { isCustodial } from './reader/types.js'
import { sameLength } from './reader/grammar.js'
import type { CourtTextCase, ExpectedReading } from './testing/court-texts.js'

export interface FieldScore {
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
}

export interface DangerousError {
  caseId: string
  count: number
  field: 'sentenceKind' | 'relation'
  expected: unknown
  proposed: unknown
}

export interface ReaderReport {
  cases: number
  fields: Record<string, FieldScore>
  overall: FieldScore
  dangerous: DangerousError[]
}

const equal = (a: unknown, b: unknown): boolean =>
  typeof a === 'object' && a !== null ? sameLength(a as never, b as never) : a === b

/**
 * Field-level precision (of the values the reader proposed, how many were right) and recall (of
 * the values the text states, how many it proposed rightly). A dangerous error is a sentence kind
 * on the wrong side of custodial/suspended, or a concurrent/consecutive value that is wrong or
 * was guessed where the text does not say.
 */
export function evaluateReader(
  cases: ReadonlyArray<CourtTextCase>,
  readings: ReadonlyArray<CourtReading>,
): ReaderReport {
  const tally: Record<string, { tp: number; fp: number; fn: number }> = {}
  const dangerous: DangerousError[] = []
  const score = (field: string, expected: unknown, proposed: unknown) => {
    const t = (tally[field] ??= { tp: 0, fp: 0, fn: 0 })
    const hasE = expected !== null && expected !== undefined
    const hasP = proposed !== null && proposed !== undefined
    if (hasP && hasE && equal(expected, proposed)) t.tp++
    else {
      if (hasP) t.fp++
      if (hasE) t.fn++
    }
  }
  cases.forEach((c, i) => {
    const r = readings[i]!
    const e: ExpectedReading = c.expected
    score('court', e.court, r.court.value)
    score('caseReference', e.caseReference, r.caseReference.value)
    score('sentenceDate', e.sentenceDate, r.sentenceDate.value)
    score('remandDays', e.remandDays, r.remandDays.value)
    score('taggedBailDays', e.taggedBailDays, r.taggedBailDays.value)
    score(
      'immediateRelease',
      e.immediateRelease ? true : null,
      r.immediateRelease.value === true ? true : null,
    )
    for (const ec of e.counts) {
      const pc = r.counts.find((x) => x.count === ec.count)
      score('count', true, pc ? true : null)
      score('offenceCode', ec.offenceCode, pc?.offenceCode.value ?? null)
      score('offenceDate', ec.offenceDate, pc?.offenceDate.value ?? null)
      score('sentenceKind', ec.sentenceKind, pc?.sentenceKind.value ?? null)
      score('length', ec.length, pc?.length.value ?? null)
      if (ec.extension !== undefined) score('extension', ec.extension, pc?.extension.value ?? null)
      score('relation', ec.relation, pc?.relation.value ?? null)
      score('consecutiveTo', ec.consecutiveTo, pc?.consecutiveTo.value ?? null)
      const kind = pc?.sentenceKind.value ?? null
      if (kind !== null && (ec.sentenceKind === null || isCustodial(kind) !== isCustodial(ec.sentenceKind)))
        dangerous.push({
          caseId: c.id,
          count: ec.count,
          field: 'sentenceKind',
          expected: ec.sentenceKind,
          proposed: kind,
        })
      const rel = pc?.relation.value ?? null
      if (rel !== null && rel !== ec.relation)
        dangerous.push({
          caseId: c.id,
          count: ec.count,
          field: 'relation',
          expected: ec.relation,
          proposed: rel,
        })
    }
    for (const pc of r.counts) if (!e.counts.some((ec) => ec.count === pc.count)) score('count', null, true)
  })
  const finish = (t: { tp: number; fp: number; fn: number }): FieldScore => ({
    truePositives: t.tp,
    falsePositives: t.fp,
    falseNegatives: t.fn,
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
  })
  const sum = Object.values(tally).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  })
  return {
    cases: cases.length,
    fields: Object.fromEntries(Object.entries(tally).map(([k, t]) => [k, finish(t)])),
    overall: finish(sum),
    dangerous,
  }
}
