/**
 * "Guidance for this": which passages explain a date the engine produced, from the rule code on
 * its trace, and which explain a validation message, from its code. The mapping is data: a rule
 * code (or its prefix) names the rules.md sections that state it.
 */
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES, type ReleaseDateType } from '../../engine/api.js'
import { isValidationCode, VALIDATION_CATALOGUE } from '../../engine/validation/catalogue.js'
import { codeWords, RULES_SOURCE_ID, VALIDATION_SOURCE_ID } from './engine-sources.js'
import type { Passage } from './passages.js'
import type { GuidanceIndex, SearchHit } from './search.js'

const S = {
  dates: '3-the-release-dates',
  whichDates: 'which-dates-a-standard-sentence-gets',
  fractions: 'standard-release-fractions',
  sdsPlus: 'sds-two-thirds',
  sds40: 'sds40-release-at-40-its-tranches-and-exclusions',
  progression: 'the-progression-model-one-third',
  hdc: 'home-detention-curfew-hdc-180-hdc-365-and-the-14-day-rule',
  ers: 'early-removal-scheme-ers-50-and-ers-30',
  recall: 'fixed-term-recall-14-28-and-56-days',
  tused: 'top-up-supervision-tused-and-its-repeal',
  dto: 'detention-and-training-orders-dto',
  eds: 'extended-determinate-sentences-eds',
  sopc: 'sentences-for-offenders-of-particular-concern-sopc',
  fines: 'default-terms-for-fines',
  botus: 'breach-of-top-up-supervision-botus',
  adjustments: 'remand-tagged-bail-ual-ada-and-rada',
  chains: 'consecutive-chains-and-single-terms',
  groundRules: '1-ground-rules-counting-days',
} as const

/** Rule code (exact, or a prefix ending in "_") → the rules.md sections that state it. */
export const RULE_SECTIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['RELEASE_AT_FORTY_PERCENT', [S.sds40, S.fractions]],
  ['RELEASE_AT_ONE_THIRD', [S.progression, S.fractions]],
  ['RELEASE_AT_ONE_HALF', [S.fractions, S.groundRules]],
  ['RELEASE_AT_TWO_THIRDS', [S.sdsPlus, S.fractions, S.eds]],
  ['RELEASE_AT_FULL', [S.fractions, S.eds, S.sopc, S.botus]],
  ['RELEASE_AT_THREE_QUARTERS', [S.fractions]],
  ['HDC_', [S.hdc]],
  ['HDCED_', [S.hdc]],
  ['PRRD_', [S.recall]],
  ['TUSED_', [S.tused, S.botus]],
  ['DTO_', [S.dto]],
  ['LED_', [S.dates, S.chains]],
  ['PED_', [S.eds, S.sopc]],
  ['ERSED_', [S.ers]],
  ['SENTENCE_EXPIRY', [S.dates, S.groundRules, S.adjustments]],
  ['ESED', [S.dates, S.chains]],
  ['SDS40', [S.sds40]],
  ['PM', [S.progression]],
  ['EXTRACTED', [S.dates, S.chains]],
]

/** Date type → sections worth reading whatever rule produced it. */
const DATE_SECTIONS: Partial<Record<ReleaseDateType, readonly string[]>> = {
  HDCED: [S.hdc],
  ERSED: [S.ers],
  PRRD: [S.recall],
  TUSED: [S.tused],
  MTD: [S.dto],
  ETD: [S.dto],
  LTD: [S.dto],
  PED: [S.eds, S.sopc],
  CRD: [S.fractions, S.adjustments],
  ARD: [S.fractions, S.whichDates],
  SLED: [S.adjustments],
  SED: [S.whichDates],
  LED: [S.chains],
  ESED: [S.chains],
}

/** The section-3 row of the rules document for a date type. */
function dateRowAnchor(type: ReleaseDateType, index: GuidanceIndex): Passage | undefined {
  const rows =
    index.source(RULES_SOURCE_ID)?.passages.filter((p) => p.anchor.startsWith(`${S.dates}--`)) ?? []
  const token = type.toLowerCase()
  return rows.find((p) => p.anchor.split('--')[1]!.split('-').includes(token))
}

export function sectionsForRule(rule: string): string[] {
  const out: string[] = []
  for (const [code, sections] of RULE_SECTIONS)
    if (rule === code || (code.endsWith('_') && rule.startsWith(code))) out.push(...sections)
  return [...new Set(out)]
}

export function isReleaseDateType(value: string): value is ReleaseDateType {
  return (RELEASE_DATE_TYPES as readonly string[]).includes(value)
}

export interface GuidanceFor {
  /** What the guidance is for, e.g. "Conditional release date (CRD): release at forty percent". */
  title: string
  /** The question used to rank passages within the sections, shown in the search box. */
  question: string
  hits: SearchHit[]
}

const sectionOf = (p: Passage) => p.anchor.split('--')[0]!

/**
 * Passages for a date as the engine produced it: the date's own row first, then the best
 * passages of the sections its rule names, then the best of the whole corpus.
 */
export function guidanceForDate(
  index: GuidanceIndex,
  type: ReleaseDateType,
  rule: string | undefined,
  limit = 6,
): GuidanceFor {
  const name = RELEASE_DATE_NAMES[type]
  const ruleWords = rule ? codeWords(rule).replace(/\b(at|release)\b/g, ' ') : ''
  const question = `${type} ${name} ${ruleWords}`.replace(/\s+/g, ' ').trim()
  const sections = new Set([...(rule ? sectionsForRule(rule) : []), ...(DATE_SECTIONS[type] ?? [])])
  const hits: SearchHit[] = []
  const seen = new Set<string>()
  const add = (h: SearchHit) => {
    if (seen.has(h.passage.id) || hits.length >= limit) return
    seen.add(h.passage.id)
    hits.push(h)
  }
  const row = dateRowAnchor(type, index)
  if (row)
    add({
      passage: row,
      source: index.source(RULES_SOURCE_ID)!.source,
      score: 0,
      snippet: [{ text: row.text, match: false }],
    })
  for (const h of index.search(question, {
    limit,
    within: (p) => p.sourceId === RULES_SOURCE_ID && sections.has(sectionOf(p)),
  }))
    add(h)
  for (const h of index.search(question, { limit })) add(h)
  return {
    title: `${name} (${type})${rule ? `: ${codeWords(rule)}` : ''}`,
    question,
    hits,
  }
}

/** Passages for a validation message: the catalogue entry, then passages naming the code, then the best matches. */
export function guidanceForCode(index: GuidanceIndex, code: string, limit = 6): GuidanceFor {
  const known = isValidationCode(code)
  const title = known ? VALIDATION_CATALOGUE[code].title : codeWords(code)
  const question = `${title} ${codeWords(code)}`
  const hits: SearchHit[] = []
  const seen = new Set<string>()
  const add = (p: Passage, score = 0) => {
    if (seen.has(p.id) || hits.length >= limit) return
    seen.add(p.id)
    hits.push({
      passage: p,
      source: index.source(p.sourceId)!.source,
      score,
      snippet: [{ text: p.text, match: false }],
    })
  }
  const entry = index.passage(`${VALIDATION_SOURCE_ID}#${code}`)
  if (entry) add(entry)
  for (const { passages } of index.corpus)
    for (const p of passages) if (p.sourceId !== VALIDATION_SOURCE_ID && p.text.includes(code)) add(p)
  for (const h of index.search(question, { limit }))
    if (!seen.has(h.passage.id) && hits.length < limit) {
      seen.add(h.passage.id)
      hits.push(h)
    }
  return { title: `${title} (${code})`, question, hits }
}
