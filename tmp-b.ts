import { readFileSync } from 'node:fs'
import { buildIndex } from './src/guidance/domain/corpus.js'
import { evaluateRanking } from './src/guidance/domain/evaluation.js'
const idx = buildIndex({ rulesMarkdown: readFileSync('docs/rules.md', 'utf8'), documents: [] })
const qs = JSON.parse(readFileSync('bench/guidance/questions.json', 'utf8')).questions
const r = evaluateRanking(idx, qs)
console.log(r.recallAt3, r.mrr, r.unknownAnswers)
for (const m of r.misses) console.log(m.question, '\n   ', m.top.join('\n    '))
