/**
 * wink-nlp with its English "lite web" model (shipped inside the npm package, no download): its
 * DATE and DURATION entities are a second recogniser for the deterministic reader, catching
 * lengths written in ways the grammar's patterns miss. The grammar still interprets every span
 * (a span it cannot read is dropped), so the tagger can add candidates but never decide.
 */
import winkNLP from 'wink-nlp'
import model from 'wink-eng-lite-web-model'
import type { TaggedSpan } from '../domain/reader/types.js'

type Nlp = ReturnType<typeof winkNLP>
let nlp: Nlp | undefined

/** Loaded on first use (the model takes a moment to load). */
function load(): Nlp {
  nlp ??= winkNLP(model)
  return nlp
}

export function tagDatesAndDurations(text: string): TaggedSpan[] {
  const n = load()
  const its = n.its
  const doc = n.readDoc(text)
  // Token character offsets: walk the text, finding each token in order.
  const tokens = doc.tokens().out(its.value) as string[]
  const offsets: Array<[number, number]> = []
  let at = 0
  for (const t of tokens) {
    const i = text.indexOf(t, at)
    const start = i < 0 ? at : i
    offsets.push([start, start + t.length])
    at = start + t.length
  }
  const out: TaggedSpan[] = []
  doc.entities().each((e: { out(f: unknown): unknown }) => {
    const type = e.out(its.type) as string
    if (type !== 'DATE' && type !== 'DURATION') return
    const [first, last] = e.out(its.span) as unknown as [number, number]
    const a = offsets[first]
    const b = offsets[last]
    if (a && b) out.push({ kind: type, start: a[0], end: b[1] })
  })
  // wink splits "2 years 6 months" into two durations: join neighbours separated by space or "and".
  const merged: TaggedSpan[] = []
  for (const s of out) {
    const prev = merged[merged.length - 1]
    if (
      prev &&
      prev.kind === 'DURATION' &&
      s.kind === 'DURATION' &&
      /^[ \t]*(?:,|and|&)?[ \t]*$/.test(text.slice(prev.end, s.start))
    )
      prev.end = s.end
    else merged.push({ ...s })
  }
  return merged
}
