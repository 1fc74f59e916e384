/**
 * The deterministic reader: patterns and a small grammar for the way courts write results,
 * warrants and register entries. It proposes; it never decides. Two rules are absolute:
 * - custodial and suspended are never guessed: when the words for both appear (an activated
 *   suspended sentence, "not suspended"), the sentence kind is left empty for the person;
 * - concurrent and consecutive are never guessed: only the words themselves set them, and when
 *   both or neither appear the field is left empty for the person.
 */
import { findDates, findLengths, numberValue, parseLength, type Length, type Span } from './grammar.js'
import type { CourtReading, Proposed, ProposedCount, Relation, SentenceKind, TaggedSpan } from './types.js'

export const DETERMINISTIC_READER = 'patterns-and-grammar'

const none = <T>(note: string): Proposed<T> => ({ value: null, evidence: [], confidence: 'low', note })
const found = <T>(
  value: T,
  evidence: Span[],
  confidence: 'high' | 'low' = 'high',
  note?: string,
): Proposed<T> => ({
  value,
  evidence,
  confidence,
  ...(note ? { note } : {}),
})
const span = (text: string, start: number, end: number): Span => ({
  start,
  end,
  text: text.slice(start, end),
})

interface Segment {
  count: number
  start: number
  end: number
  marker: Span
}

const MARKER = /\b(?:count|ct|offence|charge|matter)\s*(?:no\.?\s*)?(\d{1,3})\b/gi
/** "consecutive to count 1", "concurrent with offence 2": a reference, not the start of a count. */
const REFERENCE_BEFORE =
  /\b(?:to|with|and|&|from|upon|on\s+which)\s+(?:that\s+(?:on|for)\s+|the\s+(?:sentence|term)\s+(?:on|for|imposed\s+on|passed\s+on)\s+)?$/i

function segments(text: string): Segment[] {
  const out: Segment[] = []
  const seen = new Set<number>()
  MARKER.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = MARKER.exec(text)) !== null) {
    const before = text.slice(Math.max(0, m.index - 40), m.index)
    const n = Number(m[1])
    if (REFERENCE_BEFORE.test(before) || seen.has(n)) continue
    // "Counts 1 and 2" or "offences 1-3" in a heading are not a count's own entry.
    if (/s\s*$/i.test(text.slice(m.index, m.index + m[0].length - m[1]!.length).trim())) continue
    seen.add(n)
    out.push({
      count: n,
      start: m.index,
      end: text.length,
      marker: span(text, m.index, m.index + m[0].length),
    })
  }
  for (let i = 0; i < out.length - 1; i++) out[i]!.end = out[i + 1]!.start
  return out
}

// ---- words that decide the sentence kind ------------------------------------------------------
const SUSPENDED = /\bsuspend(?:ed|s)?\b|\bsuspended sentence order\b|\bSSO\b/i
const ACTIVATION =
  /\bactivat\w*|\bbreach of (?:a |the )?suspended|\bnot suspended\b|\bin lieu of suspension\b|\bimplement\w*/i
const EXTENDED = /\bextended (?:determinate )?sentence\b|\bEDS\b|\bextension period\b|\bextended licence\b/i
const DTO = /\bdetention and training order\b|\bDTO\b/i
const CUSTODIAL =
  /\bimprisonment\b|\bcustody\b|\bcustodial\b|\bdetention in a young offender institution\b|\bYOI\b|\bprison\b|\bimp\.?(?=\s)|\bs\.?\s?250\b|\bsection 250\b|\bdetention\b/i
const NO_PENALTY =
  /\bno separate penalty\b|\bdischarged\b|\bfine[d]?\b(?! default)|\bcommunity order\b|\bno penalty\b/i
const TYPE_WORDS =
  /imprisonment|custody|custodial|detention(?: in a young offender institution| and training order)?|YOI|DTO|extended (?:determinate )?sentence|suspended sentence(?: order)?|sentence|prison|order/gi

function sentenceKind(text: string, seg: Segment): Proposed<SentenceKind> {
  const body = text.slice(seg.start, seg.end)
  const at = (re: RegExp): Span[] => {
    const m = re.exec(body)
    return m ? [span(text, seg.start + m.index, seg.start + m.index + m[0].length)] : []
  }
  const suspended = SUSPENDED.test(body)
  const custodial = CUSTODIAL.test(body) || DTO.test(body) || EXTENDED.test(body)
  if (suspended && ACTIVATION.test(body))
    return {
      ...none(
        'The text speaks of a suspended sentence being activated or breached, or of one that is not suspended: say whether this is custody.',
      ),
      evidence: [...at(SUSPENDED), ...at(ACTIVATION)],
    }
  if (suspended) {
    if (/\bimmediate (?:custody|imprisonment)\b/i.test(body))
      return {
        ...none('The text says both "suspended" and "immediate custody": say which applies.'),
        evidence: at(SUSPENDED),
      }
    return found<SentenceKind>('SUSPENDED', at(SUSPENDED))
  }
  if (EXTENDED.test(body)) return found<SentenceKind>('EXTENDED', at(EXTENDED))
  if (DTO.test(body)) return found<SentenceKind>('DTO', at(DTO))
  if (custodial) {
    if (NO_PENALTY.test(body) && !/\bimprisonment\b/i.test(body))
      return {
        ...none('The text mixes custody with another kind of penalty: say what the sentence is.'),
        evidence: at(CUSTODIAL),
      }
    return found<SentenceKind>('IMPRISONMENT', at(CUSTODIAL))
  }
  return none(
    NO_PENALTY.test(body)
      ? 'No custodial sentence for this count (reject it if none was passed).'
      : 'No sentence kind found for this count.',
  )
}

// ---- lengths ---------------------------------------------------------------------------------
/** Lengths that are not the sentence: the operational period of a suspended sentence, licences, requirements. */
const NOT_THE_TERM_BEFORE =
  /(?:suspended|suspension)\s+(?:for|of)\s*(?:a\s+period\s+of\s+)?$|operational\s+period\s+(?:of\s+)?$|(?:supervision|requirement|curfew|rehabilitation|unpaid\s+work|disqualif\w*(?:\s+from\s+driving)?|banned|ban|within|licence\s+period\s+of|extended\s+licence\s+(?:period\s+)?of|extension\s+(?:period\s+)?of|restraining\s+order|credit(?:\s+of)?|remand(?:\s+time)?\s*:?|for\s+(?:\d+|a)\s+(?:year|month)s?\s+and)\s*(?:for|of)?\s*(?:a\s+period\s+of\s+)?$/i
const NOT_THE_TERM_AFTER =
  /^\s*(?:['’]s?\s*)?(?:extended\s+licence|extension|licence|operational|supervision|unpaid|curfew|disqualif|hours|ago|earlier|before|after|later|spent|on\s+remand|in\s+custody\s+on\s+remand|credit|for\s+qualifying|on\s+(?:a\s+)?(?:qualifying\s+)?curfew|on\s+(?:tagged\s+)?bail)/i

function candidates(text: string, from: number, to: number, tagged: readonly TaggedSpan[]) {
  const body = text.slice(from, to)
  const lengths = findLengths(body).map((l) => ({ ...l, start: l.start + from, end: l.end + from }))
  // A length the grammar missed but the language model's tagger recognised (e.g. "a year and a half" is refused: it does not parse).
  for (const t of tagged)
    if (
      t.kind === 'DURATION' &&
      t.start >= from &&
      t.end <= to &&
      !lengths.some((l) => l.start < t.end && t.start < l.end)
    ) {
      const length = parseLength(text.slice(t.start, t.end))
      if (length) lengths.push({ start: t.start, end: t.end, text: text.slice(t.start, t.end), length })
    }
  return lengths.sort((a, b) => a.start - b.start)
}

function termLengths(text: string, seg: Segment, tagged: readonly TaggedSpan[]) {
  return candidates(text, seg.start, seg.end, tagged).filter((l) => {
    const before = text.slice(Math.max(seg.start, l.start - 45), l.start)
    const after = text.slice(l.end, l.end + 25)
    return !NOT_THE_TERM_BEFORE.test(before) && !NOT_THE_TERM_AFTER.test(after)
  })
}

function lengthFor(text: string, seg: Segment, tagged: readonly TaggedSpan[]): Proposed<Length> {
  const terms = termLengths(text, seg, tagged)
  if (terms.length === 0) return none('No length found for this count.')
  const body = text.slice(seg.start, seg.end)
  const typeWords: Array<{ start: number; end: number }> = []
  TYPE_WORDS.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TYPE_WORDS.exec(body)) !== null)
    typeWords.push({ start: seg.start + m.index, end: seg.start + m.index + m[0].length })
  const near = terms.filter((l) =>
    typeWords.some(
      (w) => (w.start >= l.end && w.start - l.end <= 30) || (l.start >= w.end && l.start - w.end <= 25),
    ),
  )
  const distinct = (list: typeof terms) => new Set(list.map((l) => JSON.stringify(l.length))).size
  if (near.length >= 1 && distinct(near) === 1)
    return found(near[0]!.length, [span(text, near[0]!.start, near[0]!.end)])
  if (near.length === 0 && distinct(terms) === 1)
    return found(
      terms[0]!.length,
      [span(text, terms[0]!.start, terms[0]!.end)],
      'low',
      'The length is not next to the words for the sentence: check it.',
    )
  return {
    ...none('More than one length is given for this count: enter the one the court imposed.'),
    evidence: (near.length ? near : terms).map((l) => span(text, l.start, l.end)),
  }
}

function extendedParts(
  text: string,
  seg: Segment,
  tagged: readonly TaggedSpan[],
): { length: Proposed<Length>; extension: Proposed<Length> } {
  const all = candidates(text, seg.start, seg.end, tagged)
  const labelled = (labelBefore: RegExp, labelAfter: RegExp) =>
    all.filter(
      (l) =>
        labelBefore.test(text.slice(Math.max(seg.start, l.start - 40), l.start)) ||
        labelAfter.test(text.slice(l.end, l.end + 30)),
    )
  const custody = labelled(
    /(?:custodial\s+(?:term|period|element|part)|custody|term\s+of\s+imprisonment)\s*(?:of|:)?\s*$/i,
    /^\s*(?:['’]s?\s*)?(?:custod|imprisonment|in\s+custody)/i,
  )
  const extension = labelled(
    /(?:extension\s+(?:period)?|extended\s+licence(?:\s+period)?|licence\s+extension)\s*(?:of|:)?\s*$/i,
    /^\s*(?:['’]s?\s*)?(?:extended\s+licence|extension|licence)/i,
  )
  const pick = (list: typeof all, what: string): Proposed<Length> =>
    list.length === 1
      ? found(list[0]!.length, [span(text, list[0]!.start, list[0]!.end)])
      : none(`Enter the ${what} of the extended sentence.`)
  return { length: pick(custody, 'custodial term'), extension: pick(extension, 'extension period') }
}

// ---- concurrent or consecutive ---------------------------------------------------------------
const CONSEC = /\bconsec(?:utive(?:ly)?|\.)?(?![\w])/gi
const CONC = /\bconc(?:urrent(?:ly)?|\.)?(?![\w])/gi

function all(re: RegExp, text: string, from: number, to: number): Span[] {
  const body = text.slice(from, to)
  re.lastIndex = 0
  const out: Span[] = []
  let m: RegExpExecArray | null
  while ((m = re.exec(body)) !== null) out.push(span(text, from + m.index, from + m.index + m[0].length))
  return out
}

function relation(
  text: string,
  seg: Segment,
): { relation: Proposed<Relation>; consecutiveTo: Proposed<number> } {
  const consec = all(CONSEC, text, seg.start, seg.end)
  const conc = all(CONC, text, seg.start, seg.end)
  const negated = [...consec, ...conc].some((s) =>
    /\bnot\s+(?:to\s+(?:run|be)\s+)?$/i.test(text.slice(Math.max(0, s.start - 20), s.start)),
  )
  const unclearTo = none<number>('Only for a consecutive sentence.')
  if (negated)
    return {
      relation: {
        ...none('The text says "not" concurrent or consecutive: choose which applies.'),
        evidence: [...consec, ...conc],
      },
      consecutiveTo: unclearTo,
    }
  if (consec.length > 0 && conc.length > 0)
    return {
      relation: {
        ...none('Both "concurrent" and "consecutive" appear for this count: choose which applies.'),
        evidence: [...consec, ...conc],
      },
      consecutiveTo: unclearTo,
    }
  if (conc.length > 0) return { relation: found<Relation>('CONCURRENT', conc), consecutiveTo: unclearTo }
  if (consec.length === 0)
    return {
      relation: none(
        'The text does not say whether this is concurrent or consecutive: choose which applies.',
      ),
      consecutiveTo: unclearTo,
    }
  const after = text.slice(consec[0]!.start, Math.min(seg.end, consec[0]!.end + 80))
  const to =
    /^\S+\s+(?:to|with|upon)\s+(?:that\s+(?:on|for)\s+|the\s+(?:sentence|term)\s+(?:on|for|imposed\s+on|passed\s+on)\s+)?(?:count|ct|offence|charge|matter)\s*(?:no\.?\s*)?(\d{1,3})\b/i.exec(
      after,
    )
  if (to) {
    const n = Number(to[1])
    return {
      relation: found<Relation>('CONSECUTIVE', consec),
      consecutiveTo:
        n === seg.count
          ? none('The text makes the count consecutive to itself: choose the sentence it follows.')
          : found(n, [span(text, consec[0]!.start, consec[0]!.start + to[0].length)]),
    }
  }
  return {
    relation: found<Relation>('CONSECUTIVE', consec),
    consecutiveTo: none(
      'The text does not name a count in this document that this follows: choose the sentence it follows.',
    ),
  }
}

// ---- offence ---------------------------------------------------------------------------------
function offence(
  text: string,
  seg: Segment,
): { offence: Proposed<string>; code: Proposed<string>; date: Proposed<string> } {
  const body = text.slice(seg.marker.end, seg.end)
  const base = seg.marker.end
  let description: Proposed<string> = none('No offence description found.')
  const lead = /^\s*[:.)\-–—]?\s*(\()?\s*/.exec(body)!
  const rest = body.slice(lead[0].length)
  const stop = rest.search(
    lead[1]
      ? /[,)]/
      : /\s\(|\s[-–—]\s|[;:\n]|,\s*(?:contrary|committed|on\s)|\s(?:on|committed|between|contrary)\s|\s\d+\s*(?:years?|months?|weeks?|days?)/i,
  )
  const words = (stop < 0 ? rest.slice(0, 80) : rest.slice(0, stop)).replace(/[\s,.]+$/, '')
  if (
    words.length >= 3 &&
    !/^\d/.test(words) &&
    !/^(?:imprisonment|custody|sentence|detention)\b/i.test(words)
  ) {
    const start = base + lead[0].length
    description = found(words, [span(text, start, start + words.length)], words.length > 70 ? 'low' : 'high')
  }
  const codeMatch = /\b([A-Z]{2}\d{5}[A-Z]?)\b/.exec(body)
  const code = codeMatch
    ? found(codeMatch[1]!, [span(text, base + codeMatch.index, base + codeMatch.index + codeMatch[0].length)])
    : none<string>('No offence code in the text (optional).')
  let date: Proposed<string> = none('No offence date found.')
  for (const d of findDates(body)) {
    const before = body.slice(Math.max(0, d.start - 40), d.start)
    const ev = [span(text, base + d.start, base + d.end)]
    if (
      /(?:offence\s+date|date\s+of\s+offence|committed(?:\s+on)?|offence\s+on|on\s+or\s+about|between)\s*[:-]?\s*$/i.test(
        before,
      )
    ) {
      date = found(
        d.iso,
        ev,
        /between\s*$/i.test(before) ? 'low' : 'high',
        /between\s*$/i.test(before) ? 'The offence was over a period: the first day is proposed.' : undefined,
      )
      break
    }
    if (/\bon\s*$/i.test(before) && date.value === null)
      date = found(d.iso, ev, 'low', 'Check that this is the date of the offence.')
  }
  return { offence: description, code, date }
}

// ---- the case --------------------------------------------------------------------------------
function court(text: string): Proposed<string> {
  const labelled = /(?:^|\n)[ \t]*court\s*:\s*([^\n.;]{4,80})/i.exec(text)
  if (labelled) {
    const value = labelled[1]!.trim()
    const at = labelled.index + labelled[0].lastIndexOf(value)
    return found(value, [span(text, at, at + value.length)])
  }
  const named =
    /\b(?:the\s+)?(Crown Court at [A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?|(?:(?!(?:At|On|In|The|And)\s)[A-Z][\w'’-]+\s+){1,3}(?:Crown|Magistrates['’]?|Youth|County)\s+Court)\b/.exec(
      text,
    )
  if (named)
    return found(named[1]!.trim(), [
      span(
        text,
        named.index + named[0].indexOf(named[1]!),
        named.index + named[0].indexOf(named[1]!) + named[1]!.length,
      ),
    ])
  return none('No court named in the text.')
}

function caseReference(text: string): Proposed<string> {
  const labelled =
    /\b(?:case\s*(?:number|no\.?|ref(?:erence)?\.?)|indictment\s*(?:number|no\.?)|court\s*ref(?:erence)?\.?|URN|T\s?number)\s*[:#]?\s*([A-Z0-9][A-Z0-9/-]{4,19})\b/i.exec(
      text,
    )
  if (labelled) {
    const at = labelled.index + labelled[0].lastIndexOf(labelled[1]!)
    return found(labelled[1]!.toUpperCase(), [span(text, at, at + labelled[1]!.length)])
  }
  const crown = /\bT\d{8}\b/.exec(text)
  if (crown) return found(crown[0], [span(text, crown.index, crown.index + crown[0].length)])
  return none('No case reference found.')
}

function sentenceDate(text: string, segmentsStart: number): Proposed<string> {
  const dates = findDates(text)
  for (const d of dates) {
    const before = text.slice(Math.max(0, d.start - 45), d.start)
    if (
      /(?:date\s+of\s+sentence|sentence\s+date|sentenced\s+on|date\s+sentenced|sentenced\s*:|date\s+of\s+(?:hearing|conviction\s+and\s+sentence))\s*[:-]?\s*(?:on\s+)?$/i.test(
        before,
      )
    )
      return found(d.iso, [span(text, d.start, d.end)])
  }
  for (const d of dates) {
    const before = text.slice(Math.max(0, d.start - 16), d.start)
    const after = text.slice(d.end, d.end + 160)
    if (/\bon\s+(?:the\s+)?$/i.test(before) && /\bsentenc/i.test(after) && d.start < segmentsStart)
      return found(d.iso, [span(text, d.start, d.end)])
  }
  for (const d of dates) {
    const before = text.slice(Math.max(0, d.start - 20), d.start)
    if (/\b(?:date|hearing|dated)\s*[:-]?\s*$/i.test(before) && d.start < segmentsStart)
      return found(
        d.iso,
        [span(text, d.start, d.end)],
        'low',
        'This is the date of the document or hearing: check it is the date of sentence.',
      )
  }
  return none('No date of sentence found.')
}

function days(text: string, patterns: RegExp[], what: string, creditWord = false): Proposed<number> {
  for (const re of patterns) {
    const m = re.exec(text)
    if (m) {
      const n = numberValue(m[1]!)
      if (n === undefined) continue
      const at = m.index + m[0].indexOf(m[1]!)
      const lowCredit =
        creditWord &&
        !/credit|count|deduct|towards/i.test(
          text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40),
        )
      return found(
        n,
        [span(text, m.index, m.index + m[0].length)].map((s) =>
          s.start <= at ? s : span(text, at, at + m[1]!.length),
        ),
        lowCredit ? 'low' : 'high',
        lowCredit ? 'Check this is the credit the court gave, not the days on curfew.' : undefined,
      )
    }
  }
  return none(`No ${what} stated in the text.`)
}

const N = `(\\d{1,4}|${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'fourteen', 'twenty', 'thirty'].join('|')})`

export function readCourtText(text: string, tagged: readonly TaggedSpan[] = []): CourtReading {
  const segs = segments(text)
  const firstCount = segs[0]?.start ?? text.length
  const list: Segment[] =
    segs.length > 0 ? segs : [{ count: 1, start: 0, end: text.length, marker: span(text, 0, 0) }]
  const counts: ProposedCount[] = list.map((seg) => {
    const kind = sentenceKind(text, seg)
    const isExtended = kind.value === 'EXTENDED'
    const parts = isExtended
      ? extendedParts(text, seg, tagged)
      : { length: lengthFor(text, seg, tagged), extension: none<Length>('Only for an extended sentence.') }
    const o =
      segs.length > 0
        ? offence(text, seg)
        : {
            offence: none<string>('No offence description found.'),
            code: none<string>('No offence code in the text (optional).'),
            date: none<string>('No offence date found.'),
          }
    const rel = relation(text, seg)
    return {
      count: seg.count,
      offence: o.offence,
      offenceCode: o.code,
      offenceDate: o.date,
      sentenceKind: kind,
      length: parts.length,
      extension: parts.extension,
      relation: rel.relation,
      consecutiveTo: rel.consecutiveTo,
    }
  })
  const immediate =
    /\b(?:release[ds]?\s+(?:immediately|forthwith|today)|immediate(?:ly)?\s+release[ds]?|to\s+be\s+released\s+(?:immediately|forthwith|today)|time\s+(?:already\s+)?served|no\s+further\s+time\s+to\s+serve)\b/i.exec(
      text,
    )
  return {
    reader: DETERMINISTIC_READER,
    court: court(text),
    caseReference: caseReference(text),
    sentenceDate: sentenceDate(text, firstCount),
    counts,
    remandDays: days(
      text,
      [
        new RegExp(`\\b${N}\\s+days?\\s+(?:spent\\s+)?(?:on|in)\\s+(?:remand|custody\\s+on\\s+remand)`, 'i'),
        new RegExp(
          `\\bremand(?:ed)?(?:\\s+in\\s+custody)?(?:\\s+time)?(?:\\s+days)?\\s*(?:of|:|-|–)?\\s*${N}\\s*days?`,
          'i',
        ),
      ],
      'remand days',
    ),
    taggedBailDays: days(
      text,
      [
        new RegExp(
          `\\b(?:credit\\s+(?:of\\s+)?)${N}\\s+days?[^.\\n]{0,50}(?:tagged\\s+bail|qualifying\\s+curfew|electronic)`,
          'i',
        ),
        new RegExp(
          `\\b${N}\\s+days?['’]?\\s+credit[^.\\n]{0,40}(?:tagged\\s+bail|qualifying\\s+curfew)`,
          'i',
        ),
        new RegExp(
          `(?:tagged\\s+bail|qualifying\\s+curfew|electronically\\s+monitored\\s+curfew)[^.\\n\\d]{0,60}?${N}\\s*days?`,
          'i',
        ),
      ],
      'tagged bail credit',
      true,
    ),
    immediateRelease: immediate
      ? found(true, [span(text, immediate.index, immediate.index + immediate[0].length)])
      : {
          value: false,
          evidence: [],
          confidence: 'low',
          note: 'No immediate release order found in the text.',
        },
  }
}
