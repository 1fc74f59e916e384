import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluateReader } from '../evaluation.js'
import { generateCourtTexts, type CourtTextCase } from '../testing/court-texts.js'
import { readCourtText } from './court-text.js'

const handWritten = (
  JSON.parse(
    readFileSync(new URL('../../../../bench/guidance/court-texts.json', import.meta.url), 'utf8'),
  ) as { cases: CourtTextCase[] }
).cases
const generated = generateCourtTexts(160)

describe('The court-text reader over the labelled corpus', () => {
  const cases = [...generated, ...handWritten]
  const report = evaluateReader(
    cases,
    cases.map((c) => readCourtText(c.text)),
  )

  it('makes no dangerous error: custodial/suspended and concurrent/consecutive are never wrong or guessed', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150)
    expect(report.dangerous).toEqual([])
  })

  it('keeps field precision and recall high', () => {
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.97)
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.9)
  })
})

describe('The reader on the awkward cases', () => {
  it('reads a suspended term as suspended, with the custodial term, not the operational period', () => {
    const r = readCourtText(
      'Court: Leeds Crown Court\nDate of sentence: 4 March 2024\nCount 1: Theft. Sentence: 12 months imprisonment suspended for 18 months.',
    )
    expect(r.counts[0]!.sentenceKind.value).toBe('SUSPENDED')
    expect(r.counts[0]!.length.value).toEqual({ months: 12 })
  })

  it('leaves an activated suspended sentence for the person, marked', () => {
    const r = readCourtText(
      'Count 1: Breach. The suspended sentence is activated: 4 months imprisonment consecutive to count 2.',
    )
    expect(r.counts[0]!.sentenceKind.value).toBeNull()
    expect(r.counts[0]!.sentenceKind.note).toMatch(/activated/)
  })

  it('never guesses concurrent or consecutive when the text does not say, or says both', () => {
    const unstated = readCourtText(
      'Count 1: Theft. 8 weeks imprisonment.\nCount 2: Theft. 4 weeks imprisonment.',
    )
    expect(unstated.counts.map((c) => c.relation.value)).toEqual([null, null])
    const both = readCourtText(
      'Count 1: Robbery. 4 years.\nCount 2: Affray. 6 months imprisonment consecutive to count 1 but concurrent with the sentence he is serving.',
    )
    expect(both.counts[1]!.relation.value).toBeNull()
  })

  it('shows the exact words each field came from', () => {
    const text =
      'Court: The Crown Court at Bristol\nCount 1: Burglary. Sentence: 2 years 6 months imprisonment consecutive to count 3.'
    const c = readCourtText(text).counts[0]!
    expect(c.length.evidence.map((e) => text.slice(e.start, e.end))).toEqual(['2 years 6 months'])
    expect(c.relation.evidence[0]!.text).toBe('consecutive')
    expect(c.consecutiveTo.value).toBe(3)
  })
})
