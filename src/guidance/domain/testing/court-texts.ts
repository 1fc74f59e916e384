/**
 * Synthetic court texts with the fields a careful person would take from them: a seeded
 * generator in the styles courts use (Crown Court warrant, magistrates' court register, a
 * sentencing narrative), with the awkward turns that matter (suspended terms, activated
 * suspended sentences, unstated concurrency, lengths in words, several date formats). Expected
 * null means "not stated, or unclear": the reader must leave it for the person.
 */
import { Rng, deriveSeed } from '../../../synthetic/prng.js'
import type { Length } from '../reader/grammar.js'
import type { Relation, SentenceKind } from '../reader/types.js'

export interface ExpectedCount {
  count: number
  offenceCode: string | null
  offenceDate: string | null
  sentenceKind: SentenceKind | null
  length: Length | null
  extension?: Length | null
  relation: Relation | null
  consecutiveTo: number | null
}

export interface ExpectedReading {
  court: string | null
  caseReference: string | null
  sentenceDate: string | null
  counts: ExpectedCount[]
  remandDays: number | null
  taggedBailDays: number | null
  immediateRelease: boolean
}

export interface CourtTextCase {
  id: string
  style: string
  text: string
  expected: ExpectedReading
}

const CITIES = [
  'Leeds',
  'Bristol',
  'Nottingham',
  'Cardiff',
  'Norwich',
  'Preston',
  'Exeter',
  'Swansea',
  'Carlisle',
  'Reading',
]
const OFFENCES: ReadonlyArray<readonly [string, string]> = [
  ['Theft from a shop', 'TH68010'],
  ['Burglary of a dwelling', 'TH68037'],
  ['Robbery', 'TH68023'],
  ['Assault occasioning actual bodily harm', 'OF61016'],
  ['Possession of a bladed article in a public place', 'CJ88116'],
  ['Possession with intent to supply a class A drug', 'MD71230'],
  ['Dangerous driving', 'RT88191'],
  ['Fraud by false representation', 'FR06001'],
  ['Criminal damage', 'CD71039'],
  ['Affray', 'PU86004'],
]
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
]

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function dateText(rng: Rng, y: number, m: number, d: number): string {
  const ord = (n: number) =>
    `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`
  switch (rng.int(0, 3)) {
    case 0:
      return `${d} ${MONTH_NAMES[m - 1]} ${y}`
    case 1:
      return `${ord(d)} ${MONTH_NAMES[m - 1]} ${y}`
    case 2:
      return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
    default:
      return `${MONTH_NAMES[m - 1]!.slice(0, 3)} ${d} ${y}`
  }
}

function lengthText(rng: Rng, l: Length): string {
  const words = rng.chance(0.2)
  const abbreviated = !words && rng.chance(0.25)
  const n = (x: number) => (words && x <= 12 ? WORDS[x]! : String(x))
  const unit = (x: number, full: string, short: string) =>
    abbreviated ? `${n(x)} ${short}${x === 1 ? '' : 's'}` : `${n(x)} ${full}${x === 1 ? '' : 's'}`
  const parts: string[] = []
  if (l.years) parts.push(unit(l.years, 'year', 'yr'))
  if (l.months) parts.push(unit(l.months, 'month', 'mth'))
  if (l.weeks) parts.push(unit(l.weeks, 'week', 'wk'))
  if (l.days) parts.push(unit(l.days, 'day', 'day'))
  return parts.join(words && rng.chance(0.5) ? ' and ' : ' ')
}

function randomLength(rng: Rng, kind: SentenceKind): Length {
  if (kind === 'DTO') return { months: rng.pick([4, 6, 8, 10, 12, 18, 24]) }
  if (kind === 'SUSPENDED')
    return rng.chance(0.5) ? { months: rng.int(2, 24) } : { weeks: rng.pick([12, 16, 20, 26]) }
  return rng.weighted<Length>([
    [{ weeks: rng.pick([4, 8, 12, 16, 18, 26]) }, 2],
    [{ months: rng.int(2, 30) }, 4],
    [{ years: rng.int(1, 9) }, 3],
    [{ years: rng.int(1, 6), months: rng.pick([3, 6, 9]) }, 3],
  ])
}

interface Plan {
  kind: SentenceKind | 'ACTIVATED'
  length: Length
  extension?: Length
  relation: Relation | null
  consecutiveTo: number | null
  stated: boolean
  offence: readonly [string, string]
  offenceDate: [number, number, number]
  codeShown: boolean
  dateShown: boolean
}

function sentenceWords(rng: Rng, p: Plan): string {
  const len = lengthText(rng, p.length)
  switch (p.kind) {
    case 'SUSPENDED':
      return rng.chance(0.5)
        ? `${len} imprisonment suspended for ${lengthText(rng, { months: rng.int(12, 24) })}`
        : `suspended sentence order: ${len} suspended for ${lengthText(rng, { years: rng.int(1, 2) })} with ${rng.int(60, 200)} hours unpaid work`
    case 'ACTIVATED':
      return `suspended sentence activated in full: ${len} imprisonment`
    case 'EXTENDED':
      return `extended determinate sentence: custodial term of ${lengthText(rng, p.length)} and an extension period of ${lengthText(rng, p.extension!)}`
    case 'DTO':
      return `detention and training order of ${len}`
    default:
      return rng.pick([
        `${len} imprisonment`,
        `${len}' imprisonment`,
        `imprisonment for ${len}`,
        `${len} custody`,
        `${len} detention in a young offender institution`,
      ])
  }
}

function relationWords(rng: Rng, p: Plan): string {
  if (!p.stated || p.relation === null) return ''
  if (p.relation === 'CONCURRENT')
    return rng.pick([' concurrent', ' to run concurrently', ', concurrent', ' (concurrent)', ' conc.'])
  return rng.pick([
    ` consecutive to count ${p.consecutiveTo}`,
    ` to run consecutively to count ${p.consecutiveTo}`,
    ` consec. to ct ${p.consecutiveTo}`,
  ])
}

export function generateCourtTexts(count: number, seed = 14): CourtTextCase[] {
  const out: CourtTextCase[] = []
  for (let i = 0; i < count; i++) {
    const rng = new Rng(deriveSeed(seed, i))
    const style = rng.pick(['warrant', 'register', 'narrative'] as const)
    const city = rng.pick(CITIES)
    const y = rng.int(2021, 2025)
    const m = rng.int(1, 12)
    const d = rng.int(1, 28)
    const nCounts = rng.weighted([
      [1, 4],
      [2, 4],
      [3, 2],
    ] as const)
    const plans: Plan[] = []
    for (let c = 1; c <= nCounts; c++) {
      const kind = rng.weighted<Plan['kind']>([
        ['IMPRISONMENT', 14],
        ['SUSPENDED', 3],
        ['ACTIVATED', 1],
        ['EXTENDED', 1],
        ['DTO', 1],
      ])
      const relation: Relation | null =
        c === 1 ? (rng.chance(0.5) ? 'CONCURRENT' : null) : rng.chance(0.5) ? 'CONSECUTIVE' : 'CONCURRENT'
      const stated = relation !== null && rng.chance(0.85)
      plans.push({
        kind,
        length: randomLength(rng, kind === 'ACTIVATED' ? 'IMPRISONMENT' : kind),
        ...(kind === 'EXTENDED' ? { extension: { years: rng.int(1, 8) } } : {}),
        relation,
        consecutiveTo: relation === 'CONSECUTIVE' ? rng.int(1, c - 1) : null,
        stated,
        offence: rng.pick(OFFENCES),
        offenceDate: [y - rng.int(0, 1), rng.int(1, 12), rng.int(1, 28)],
        codeShown: rng.chance(0.6),
        dateShown: rng.chance(0.75),
      })
    }
    const remand = rng.chance(0.45) ? rng.int(1, 300) : null
    const tagged = rng.chance(0.2) ? rng.int(2, 90) : null
    const immediate = rng.chance(0.08)
    const caseRef =
      style === 'register' ? String(rng.int(10000000, 99999999)) : `T${y}${String(rng.int(1000, 9999))}`
    const court =
      style === 'register'
        ? `${city} Magistrates' Court`
        : style === 'warrant'
          ? `The Crown Court at ${city}`
          : `${city} Crown Court`
    const sentenceOn = dateText(rng, y, m, d)
    const lines: string[] = []
    const countLine = (c: number, p: Plan): string => {
      const od = dateText(rng, ...p.offenceDate)
      const sw = sentenceWords(rng, p) + relationWords(rng, p)
      if (style === 'warrant')
        return `Count ${c}: ${p.offence[0]}${p.codeShown ? ` (${p.offence[1]})` : ''}${p.dateShown ? `, offence date ${od}` : ''}. Sentence: ${sw}.`
      if (style === 'register')
        return `Offence ${c} ${p.offence[0]}${p.dateShown ? ` on ${od}` : ''}${p.codeShown ? ` ${p.offence[1]}` : ''}\nResult: ${sw}`
      return `On count ${c} (${p.offence[0].toLowerCase()}${p.codeShown ? `, ${p.offence[1]}` : ''}${p.dateShown ? `, committed on ${od}` : ''}) ${sw}.`
    }
    if (style === 'warrant') {
      lines.push(
        'WARRANT OF COMMITMENT ON SENTENCE',
        `Court: ${court}`,
        `Case number: ${caseRef}`,
        `Date of sentence: ${sentenceOn}`,
      )
      plans.forEach((p, j) => lines.push(countLine(j + 1, p)))
    } else if (style === 'register') {
      lines.push(`${court} - court register`, `Date: ${sentenceOn}   Case ref: ${caseRef}`)
      plans.forEach((p, j) => lines.push(countLine(j + 1, p)))
    } else {
      lines.push(
        `On ${sentenceOn} at ${court}, HHJ ${rng.pick(['Okafor', 'Lewis', 'Patel', 'Morgan'])} sentenced the defendant (case ${caseRef}) as follows.`,
      )
      plans.forEach((p, j) => lines.push(countLine(j + 1, p)))
    }
    if (remand !== null)
      lines.push(
        rng.pick([
          `Time spent on remand: ${remand} days.`,
          `${remand} days spent on remand will count towards the sentence.`,
        ]),
      )
    if (tagged !== null)
      lines.push(
        rng.pick([
          `Credit of ${tagged} days for qualifying curfew (tagged bail).`,
          `Tagged bail: credit ${tagged} days.`,
        ]),
      )
    if (immediate) lines.push('The defendant is to be released immediately: time served.')
    out.push({
      id: `generated-${i + 1}`,
      style,
      text: lines.join('\n'),
      expected: {
        court: style === 'warrant' ? court : court,
        caseReference: caseRef,
        sentenceDate: iso(y, m, d),
        counts: plans.map((p, j) => ({
          count: j + 1,
          offenceCode: p.codeShown ? p.offence[1] : null,
          offenceDate: p.dateShown ? iso(...p.offenceDate) : null,
          sentenceKind: p.kind === 'ACTIVATED' ? null : p.kind,
          length: p.length,
          ...(p.kind === 'EXTENDED' ? { extension: p.extension! } : {}),
          relation: p.stated ? p.relation : null,
          consecutiveTo: p.stated && p.relation === 'CONSECUTIVE' ? p.consecutiveTo : null,
        })),
        remandDays: remand,
        taggedBailDays: tagged,
        immediateRelease: immediate,
      },
    })
  }
  return out
}
