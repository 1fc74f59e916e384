/**
 * Guidance and court-document reading, measured (part of `npm run bench`):
 * - search: recall@3 and mean reciprocal rank over bench/guidance/questions.json, and the time to
 *   build the index and to answer a question;
 * - reader: field-level precision and recall and the dangerous-error count over the seeded
 *   synthetic court texts plus the hand-written awkward ones (bench/guidance/court-texts.json).
 * Run alone: npx tsx bench/guidance.ts
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { buildIndex } from '../src/guidance/domain/corpus.js'
import { evaluateRanking, evaluateReader, type QuestionCase } from '../src/guidance/domain/evaluation.js'
import { readCourtText } from '../src/guidance/domain/reader/court-text.js'
import { generateCourtTexts, type CourtTextCase } from '../src/guidance/domain/testing/court-texts.js'
import { tagDatesAndDurations } from '../src/guidance/service/wink-tagger.js'

const here = (p: string) => new URL(p, import.meta.url)
const rulesMarkdown = readFileSync(here('../docs/rules.md'), 'utf8')
const questions = (
  JSON.parse(readFileSync(here('guidance/questions.json'), 'utf8')) as { questions: QuestionCase[] }
).questions
const handWritten = (
  JSON.parse(readFileSync(here('guidance/court-texts.json'), 'utf8')) as { cases: CourtTextCase[] }
).cases

const t0 = performance.now()
const index = buildIndex({ rulesMarkdown, documents: [] })
const buildMs = performance.now() - t0
const ranking = evaluateRanking(index, questions)
const t1 = performance.now()
for (let i = 0; i < 5; i++) for (const q of questions) index.search(q.question, { limit: 10 })
const perQuestionMs = (performance.now() - t1) / (5 * questions.length)

console.log('Guidance search')
console.log(`  corpus: ${index.size} passages; index built in ${buildMs.toFixed(0)} ms`)
console.log(
  `  questions: ${ranking.questions}; recall@3 ${ranking.recallAt3.toFixed(3)} (target 0.9); MRR ${ranking.mrr.toFixed(3)}`,
)
console.log(`  search: ${perQuestionMs.toFixed(2)} ms per question`)
for (const m of ranking.misses) console.log(`  miss: "${m.question}" → ${m.top.join(', ')}`)

const generated = generateCourtTexts(160)
for (const [name, cases] of [
  ['synthetic (seeded generator)', generated],
  ['hand-written awkward', handWritten],
  ['all', [...generated, ...handWritten]],
] as const) {
  const t2 = performance.now()
  const readings = cases.map((c) => readCourtText(c.text, tagDatesAndDurations(c.text)))
  const ms = (performance.now() - t2) / cases.length
  const r = evaluateReader(cases, readings)
  console.log(
    `Court-text reader: ${name}, ${r.cases} texts, ${ms.toFixed(1)} ms per text (with wink-nlp tagging)`,
  )
  console.log(
    `  fields: precision ${r.overall.precision.toFixed(3)}, recall ${r.overall.recall.toFixed(3)}; dangerous errors ${r.dangerous.length} (target 0)`,
  )
  if (name === 'all')
    for (const [field, s] of Object.entries(r.fields))
      console.log(
        `    ${field.padEnd(17)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}`,
      )
  for (const d of r.dangerous)
    console.log(
      `  DANGEROUS ${d.caseId} count ${d.count} ${d.field}: expected ${String(d.expected)}, proposed ${String(d.proposed)}`,
    )
}
