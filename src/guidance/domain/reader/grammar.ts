/**
 * The small grammar courts write dates and lengths in: "3rd March 2024", "03/03/2024",
 * "2 years 6 months", "two years and six months", "18 mths", "16 wks". Every match keeps its
 * place in the text so the page can highlight the exact words. Calendar checks use js-joda.
 */
import { LocalDate } from '@js-joda/core'

export interface Span {
  start: number
  end: number
  text: string
}

export interface Length {
  years?: number
  months?: number
  weeks?: number
  days?: number
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  'twenty-one': 21,
  'twenty-four': 24,
  thirty: 30,
  'thirty-six': 36,
  forty: 40,
  fifty: 50,
  sixty: 60,
}

const NUM = `(?:\\d{1,4}|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`
const WORD_UNIT = `(?:years?|yrs?|months?|mths?|mnths?|weeks?|wks?|days?)`
const UNIT = `(?:${WORD_UNIT}|y|m|w|d)`
// A one-letter unit only straight after digits ("1y 6m"): "and" is not "an d".
const PART = `(?:\\d{1,4}\\s*${UNIT}|${NUM}\\s+${WORD_UNIT})(?:['’]s?|s['’])?`
// Parts of one length stay on one line: "8 months\n125 days spent on remand" is two things.
const LENGTH_RE = new RegExp(`\\b${PART}(?:[ \\t]*(?:,|and|&|plus)?[ \\t]*${PART})*(?![\\w])`, 'gi')

export function numberValue(word: string): number | undefined {
  const w = word.toLowerCase()
  if (/^\d+$/.test(w)) return Number(w)
  return NUMBER_WORDS[w]
}

function unitOf(u: string): keyof Length | undefined {
  const x = u.toLowerCase()
  if (/^(y|yrs?|years?)$/.test(x)) return 'years'
  if (/^(m|mths?|mnths?|months?)$/.test(x)) return 'months'
  if (/^(w|wks?|weeks?)$/.test(x)) return 'weeks'
  if (/^(d|days?)$/.test(x)) return 'days'
  return undefined
}

/** Reads "2 years 6 months" (and the shapes above); undefined if it is not a length. */
export function parseLength(text: string): Length | undefined {
  const out: Length = {}
  const re = new RegExp(`\\b(?:(\\d{1,4})\\s*(${UNIT})|(${NUM})\\s+(${WORD_UNIT}))(?![a-z])`, 'gi')
  let m: RegExpExecArray | null
  let any = false
  while ((m = re.exec(text)) !== null) {
    const n = numberValue(m[1] ?? m[3]!)
    const unit = unitOf(m[2] ?? m[4]!)
    if (n === undefined || unit === undefined || out[unit] !== undefined) return undefined
    out[unit] = n
    any = true
  }
  if (!any) return undefined
  const total = (out.years ?? 0) + (out.months ?? 0) + (out.weeks ?? 0) + (out.days ?? 0)
  return total > 0 ? out : undefined
}

export function findLengths(text: string): Array<Span & { length: Length }> {
  const out: Array<Span & { length: Length }> = []
  LENGTH_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = LENGTH_RE.exec(text)) !== null) {
    const length = parseLength(m[0])
    if (length) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], length })
  }
  return out
}

export function sameLength(a: Length | undefined | null, b: Length | undefined | null): boolean {
  if (!a || !b) return false
  return (
    (a.years ?? 0) === (b.years ?? 0) &&
    (a.months ?? 0) === (b.months ?? 0) &&
    (a.weeks ?? 0) === (b.weeks ?? 0) &&
    (a.days ?? 0) === (b.days ?? 0)
  )
}

/** "2 years 6 months", as the person-details and sentence pages write a length. */
export function lengthText(l: Length): string {
  const part = (n: number | undefined, one: string) =>
    n === undefined || n === 0 ? [] : [`${n} ${one}${n === 1 ? '' : 's'}`]
  return [
    ...part(l.years, 'year'),
    ...part(l.months, 'month'),
    ...part(l.weeks, 'week'),
    ...part(l.days, 'day'),
  ].join(' ')
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}
const MONTH = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?`
const monthNumber = (name: string): number => MONTHS[name.toLowerCase().replace('.', '').slice(0, 3)] ?? 0

const DATE_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => [number, number, number]]> = [
  [
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day\\s+)?(?:of\\s+)?(${MONTH}),?\\s+(\\d{4})\\b`, 'gi'),
    (m) => [Number(m[3]), monthNumber(m[2]!), Number(m[1])],
  ],
  [
    new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    (m) => [Number(m[3]), monthNumber(m[1]!), Number(m[2])],
  ],
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  [
    /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g,
    (m) => [m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[2]), Number(m[1])],
  ],
]

/** An ISO date if y-m-d is a real day (js-joda decides), else undefined. */
export function isoOf(y: number, m: number, d: number): string | undefined {
  try {
    return LocalDate.of(y, m, d).toString()
  } catch {
    return undefined
  }
}

export function findDates(text: string): Array<Span & { iso: string }> {
  const out: Array<Span & { iso: string }> = []
  for (const [re, parts] of DATE_PATTERNS) {
    re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(text)) !== null) {
      const [y, mo, d] = parts(m)
      const iso = mo === 0 ? undefined : isoOf(y, mo, d)
      const start = m.index
      const end = m.index + m[0].length
      if (iso && !out.some((o) => o.start < end && start < o.end)) out.push({ start, end, text: m[0], iso })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

/** Reads one date as a person types it ("3 March 2024", "03/03/2024", "2024-03-03"). */
export function parseDate(text: string): string | undefined {
  const found = findDates(text.trim())
  return found.length === 1 && found[0]!.text.length >= text.trim().length - 1 ? found[0]!.iso : undefined
}
