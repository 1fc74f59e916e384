/**
 * Ranking: minisearch (BM25 over heading, text and the synonym expansions) wrapped so that every
 * answer is a passage with its source, never free text. The index is built from the corpus in
 * memory; building it is pure and deterministic.
 */
import MiniSearch from 'minisearch'
import type { GuidanceSource, Passage, SourceWithPassages } from './passages.js'
import { abbreviationsIn, expansionsOf } from './synonyms.js'

const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from has have how i if in is it its me my of on or ' +
    'so that the their then there these this to was what when where why will with would ' +
    'you your should could get gets got any our we us they them he she his her been being into than'
  ).split(' '),
)

/** Lower case, no stop words, a light stemmer (plurals and -ing/-ed) so "sentences" meets "sentence". */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '')
  if (w.length > 5 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
  else if (w.length > 4 && w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2)
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1)
  if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3)
  else if (w.length > 5 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2)
  return w
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase().replace(/^[^\w%+]+|[^\w%+]+$/g, '')
  if (t === '' || STOP_WORDS.has(t)) return null
  return stem(t)
}

/**
 * Words, plus the parts of hyphenated words ("sds-50" → sds-50, sds, 50) and of code names
 * ("adultHdcSuspended", "HDC_365" → their words), so a question meets the identifiers the
 * documents quote.
 */
export function tokenize(text: string): string[] {
  const out: string[] = []
  for (const word of text.split(/[\s,.;:!?()[\]"'’“”/|–—]+/)) {
    const w = word.replace(/^-+|-+$/g, '')
    if (w === '') continue
    out.push(w)
    const parts = w
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .split(/[-_\s]+/)
      .filter(Boolean)
    if (parts.length > 1) out.push(...parts)
  }
  return out
}

/**
 * The rules document explains; the tables and the catalogue state one value or message each. For
 * the same words, prefer the explanation a little (each still ranks when it is the better match).
 */
const KIND_BOOST: Record<string, number> = { rules: 1.25, legislation: 0.9, 'validation-codes': 0.8 }
const DOCUMENT_BOOST = 1.1

/** The passage's lead-in; the catalogue and the tables lead with their heading. */
function leadOf(p: Passage): string {
  return p.lead ?? p.heading.split(' › ').pop() ?? ''
}

export interface Highlight {
  text: string
  match: boolean
}

export interface SearchHit {
  passage: Passage
  source: GuidanceSource
  score: number
  /** The passage text cut around the best sentences, with the matched words marked. */
  snippet: Highlight[]
}

interface Doc {
  id: string
  lead: string
  heading: string
  text: string
  extra: string
}

export class GuidanceIndex {
  private readonly index: MiniSearch<Doc>
  private readonly passages = new Map<string, Passage>()
  private readonly sources = new Map<string, GuidanceSource>()
  readonly corpus: readonly SourceWithPassages[]

  constructor(corpus: readonly SourceWithPassages[]) {
    this.corpus = corpus
    this.index = new MiniSearch<Doc>({
      fields: ['lead', 'heading', 'text', 'extra'],
      storeFields: [],
      tokenize,
      processTerm,
      searchOptions: {
        boost: { lead: 3, heading: 1.6, text: 1, extra: 0.7 },
        boostDocument: (id) => KIND_BOOST[this.passages.get(id)?.sourceId ?? ''] ?? DOCUMENT_BOOST,
        fuzzy: (term) => (term.length > 6 ? 0.15 : false),
        prefix: (term) => term.length > 4,
        combineWith: 'OR',
        tokenize,
        processTerm,
      },
    })
    const docs: Doc[] = []
    for (const { source, passages } of corpus) {
      this.sources.set(source.id, source)
      for (const p of passages) {
        this.passages.set(p.id, p)
        docs.push({
          id: p.id,
          lead: leadOf(p),
          heading: p.heading,
          text: p.text,
          extra: `${p.keywords ?? ''} ${expansionsOf(`${p.heading} ${p.text}`)}`,
        })
      }
    }
    this.index.addAll(docs)
  }

  get size(): number {
    return this.passages.size
  }

  passage(id: string): Passage | undefined {
    return this.passages.get(id)
  }

  source(id: string): SourceWithPassages | undefined {
    return this.corpus.find((c) => c.source.id === id)
  }

  /** The question with its abbreviations spelt out and everyday words mapped to the documents' words. */
  static expandQuestion(question: string): string {
    const named = abbreviationsIn(question)
      .map((t) => `${t.abbreviation} ${t.expansion}`)
      .join(' ')
    return `${question} ${named} ${expansionsOf(question)}`
  }

  search(question: string, options: { limit?: number; within?: (p: Passage) => boolean } = {}): SearchHit[] {
    const q = question.trim()
    if (q === '') return []
    const expanded = GuidanceIndex.expandQuestion(q)
    const results = this.index.search(expanded, {
      ...(options.within ? { filter: (r) => options.within!(this.passages.get(r.id)!) } : {}),
    })
    const terms = new Set(
      tokenize(q)
        .map((t) => processTerm(t))
        .filter((t): t is string => t !== null),
    )
    return results.slice(0, options.limit ?? 10).map((r) => {
      const passage = this.passages.get(r.id)!
      return {
        passage,
        source: this.sources.get(passage.sourceId)!,
        score: Math.round(r.score * 1000) / 1000,
        snippet: snippet(passage.text, terms),
      }
    })
  }
}

/** At most ~320 characters around the sentences with the most question words, words marked. */
export function snippet(text: string, terms: ReadonlySet<string>, max = 320): Highlight[] {
  const sentences = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text]
  const hits = (s: string) => tokenize(s).filter((w) => terms.has(processTerm(w) ?? '')).length
  let best = 0
  let bestScore = -1
  sentences.forEach((s, i) => {
    const score = hits(s)
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  })
  let out = sentences[best] ?? ''
  for (let i = best + 1; i < sentences.length && out.length + sentences[i]!.length <= max; i++)
    out += sentences[i]
  const cut = out.length > max ? `${out.slice(0, max).replace(/\s+\S*$/, '')}…` : out
  const prefix = best > 0 ? '…' : ''
  const parts: Highlight[] = []
  const re = /[\w%+’']+|[^\w%+’']+/g
  let m: RegExpExecArray | null
  const pieces: Highlight[] = []
  while ((m = re.exec(prefix + cut)) !== null) {
    const word = m[0]
    pieces.push({ text: word, match: /\w/.test(word) && terms.has(processTerm(word) ?? '') })
  }
  for (const p of pieces) {
    const last = parts[parts.length - 1]
    if (last && last.match === p.match) last.text += p.text
    else parts.push({ ...p })
  }
  return parts.map((p) => ({ text: p.text, match: p.match }))
}
