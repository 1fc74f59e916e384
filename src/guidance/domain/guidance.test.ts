import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RELEASE_DATE_TYPES } from '../../engine/api.js'
import { VALIDATION_CODES } from '../../engine/validation/catalogue.js'
import { buildCorpus, buildIndex } from './corpus.js'
import { evaluateRanking, type QuestionCase } from './evaluation.js'
import { passagesFromMarkdown } from './passages.js'
import { guidanceForCode, guidanceForDate, RULE_SECTIONS } from './rule-guidance.js'

const rulesMarkdown = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8')
const questions = (
  JSON.parse(readFileSync(new URL('../../../bench/guidance/questions.json', import.meta.url), 'utf8')) as {
    questions: QuestionCase[]
  }
).questions
const index = buildIndex({ rulesMarkdown, documents: [] })

describe('Guidance search', () => {
  it('answers the question set: recall@3 at least 0.9 and MRR at least 0.8, every answer a real passage', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60)
    const report = evaluateRanking(index, questions)
    expect(report.unknownAnswers).toEqual([])
    expect(report.recallAt3, JSON.stringify(report.misses, null, 1)).toBeGreaterThanOrEqual(0.9)
    expect(report.mrr).toBeGreaterThanOrEqual(0.8)
  })

  it('finds a passage by abbreviation and by its full name alike', () => {
    const byAbbreviation = index.search('TUSED', { limit: 3 }).map((h) => h.passage.id)
    const byName = index.search('top-up supervision expiry date', { limit: 3 }).map((h) => h.passage.id)
    expect(byAbbreviation.some((id) => id.includes('top-up-supervision') || id.includes('tused'))).toBe(true)
    expect(byName.some((id) => id.includes('top-up-supervision') || id.includes('tused'))).toBe(true)
  })

  it('returns every hit with its source and citation, never text alone', () => {
    for (const h of index.search('remand', { limit: 10 })) {
      expect(h.source.citation.length).toBeGreaterThan(5)
      expect(h.passage.id).toBe(`${h.source.id}#${h.passage.anchor}`)
    }
  })

  it('keeps anchors stable when a passage is inserted before others', () => {
    const doc = '# Policy\n\n## Eligibility\n\n- **Who**: adults.\n- **When**: after 28 days.\n'
    const before = passagesFromMarkdown('d', doc).map((p) => p.anchor)
    const after = passagesFromMarkdown('d', doc.replace('- **Who**', '- **New rule**: text.\n- **Who**')).map(
      (p) => p.anchor,
    )
    for (const a of before) expect(after).toContain(a)
  })

  it('includes every validation code and an administrator document in the corpus', () => {
    const corpus = buildCorpus({
      rulesMarkdown,
      documents: [
        {
          id: 'hdc-policy',
          title: 'HDC policy',
          source: 'HMPPS',
          publishedOn: '2025-06-03',
          version: 2,
          body: '## Curfew hours\n\nCurfew hours are usually 7pm to 7am.',
        },
      ],
    })
    const validation = corpus.find((c) => c.source.id === 'validation-codes')!
    expect(validation.passages.map((p) => p.anchor).sort()).toEqual([...VALIDATION_CODES].sort())
    const withDoc = buildIndex({
      rulesMarkdown,
      documents: [
        {
          id: 'hdc-policy',
          title: 'HDC policy',
          source: 'HMPPS',
          publishedOn: '2025-06-03',
          version: 2,
          body: '## Curfew hours\n\nCurfew hours are usually 7pm to 7am.',
        },
      ],
    })
    const top = withDoc.search('curfew hours 7pm', { limit: 1 })[0]!
    expect(top.source.id).toBe('doc-hdc-policy')
    expect(top.source.citation).toContain('version 2')
  })
})

describe('Guidance for this', () => {
  it('gives each date the rules passages of the rule the engine used, its own row first', () => {
    const g = guidanceForDate(index, 'HDCED', 'HDC_365')
    expect(g.hits[0]!.passage.anchor).toBe('3-the-release-dates--hdced-home-detention-curfew-eligibility')
    expect(g.hits.slice(1, 4).some((h) => h.passage.anchor.startsWith('home-detention-curfew'))).toBe(true)
  })

  it('has passages for every date type and every rule code the mapping names', () => {
    for (const type of RELEASE_DATE_TYPES)
      expect(guidanceForDate(index, type, undefined).hits.length, type).toBeGreaterThan(0)
    for (const [rule] of RULE_SECTIONS)
      expect(guidanceForDate(index, 'CRD', rule.replace(/_$/, '_X')).hits.length, rule).toBeGreaterThan(1)
  })

  it('gives each validation message its catalogue entry first', () => {
    for (const code of VALIDATION_CODES.slice(0, 20))
      expect(guidanceForCode(index, code).hits[0]!.passage.anchor).toBe(code)
  })
})
