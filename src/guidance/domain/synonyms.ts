/**
 * The field's abbreviations and the words case administrators use for them, as data. Search
 * expands both the passages and the question with these, so "HDC" finds "home detention curfew"
 * and "when am I out on tag" finds HDC. Add a row here rather than special-casing a query.
 */

export interface Term {
  /** The abbreviation as written, e.g. "HDCED". */
  abbreviation: string
  /** Its full name, e.g. "home detention curfew eligibility date". */
  expansion: string
  /** Other words and phrases people use for it (lower case). */
  alsoCalled?: string[]
  /** A wider abbreviation it belongs to (HDCED → HDC), so the family is found too. */
  family?: string
}

export const TERMS: readonly Term[] = [
  {
    abbreviation: 'HDC',
    expansion: 'home detention curfew',
    alsoCalled: ['tag', 'on tag', 'electronic tag', 'curfew licence'],
  },
  { abbreviation: 'HDCED', expansion: 'home detention curfew eligibility date', family: 'HDC' },
  {
    abbreviation: 'ADA',
    expansion: 'additional days awarded',
    alsoCalled: ['added days', 'additional days', 'adjudication days'],
  },
  {
    abbreviation: 'RADA',
    expansion: 'restoration of additional days awarded',
    alsoCalled: ['restored days', 'restoration'],
    family: 'ADA',
  },
  {
    abbreviation: 'UAL',
    expansion: 'unlawfully at large',
    alsoCalled: ['escape', 'absconded', 'absconding', 'on the run'],
  },
  { abbreviation: 'SLED', expansion: 'sentence and licence expiry date', alsoCalled: ['end of sentence'] },
  { abbreviation: 'SED', expansion: 'sentence expiry date' },
  { abbreviation: 'LED', expansion: 'licence expiry date', alsoCalled: ['end of licence'] },
  {
    abbreviation: 'CRD',
    expansion: 'conditional release date',
    alsoCalled: ['release on licence', 'halfway point'],
  },
  { abbreviation: 'ARD', expansion: 'automatic release date', alsoCalled: ['unconditional release'] },
  { abbreviation: 'PED', expansion: 'parole eligibility date', alsoCalled: ['parole board', 'parole'] },
  { abbreviation: 'NPD', expansion: 'non-parole date' },
  {
    abbreviation: 'PRRD',
    expansion: 'post-recall release date',
    alsoCalled: ['release after recall'],
    family: 'FTR',
  },
  {
    abbreviation: 'TUSED',
    expansion: 'top-up supervision expiry date',
    alsoCalled: ['top up supervision', 'post sentence supervision', 'pss'],
  },
  { abbreviation: 'ERSED', expansion: 'early removal scheme eligibility date', family: 'ERS' },
  {
    abbreviation: 'ERS',
    expansion: 'early removal scheme',
    alsoCalled: ['deportation', 'foreign national', 'removal from the uk'],
  },
  { abbreviation: 'ETD', expansion: 'early transfer date', family: 'DTO' },
  { abbreviation: 'MTD', expansion: 'mid transfer date', family: 'DTO' },
  { abbreviation: 'LTD', expansion: 'late transfer date', family: 'DTO' },
  { abbreviation: 'ESED', expansion: 'effective sentence end date' },
  {
    abbreviation: 'DTO',
    expansion: 'detention and training order',
    alsoCalled: ['youth', 'under 18', 'child'],
  },
  {
    abbreviation: 'SDS',
    expansion: 'standard determinate sentence',
    alsoCalled: ['determinate sentence', 'ordinary sentence'],
  },
  {
    abbreviation: 'SDS+',
    expansion: 'serious offenders released at two thirds',
    alsoCalled: ['sds plus', 'sds-plus'],
  },
  {
    abbreviation: 'SDS40',
    expansion: 'release at 40%',
    alsoCalled: ['40 percent', '40%', 'forty percent', 'early release'],
  },
  {
    abbreviation: 'EDS',
    expansion: 'extended determinate sentence',
    alsoCalled: ['extended sentence', 'extension period'],
  },
  {
    abbreviation: 'SOPC',
    expansion: 'sentence for offenders of particular concern',
    alsoCalled: ['special custodial sentence', 'particular concern'],
  },
  { abbreviation: 'BOTUS', expansion: 'breach of top-up supervision', alsoCalled: ['breach of supervision'] },
  {
    abbreviation: 'FTR',
    expansion: 'fixed-term recall',
    alsoCalled: ['recall', '14 day recall', '28 day recall', '56 day recall'],
  },
  { abbreviation: 'ORA', expansion: 'offender rehabilitation act 2014' },
  { abbreviation: 'LASPO', expansion: 'legal aid sentencing and punishment of offenders act 2012' },
  { abbreviation: 'CJA', expansion: 'criminal justice act' },
  { abbreviation: 'PCSC', expansion: 'police crime sentencing and courts act 2022' },
  { abbreviation: 'SOPC', expansion: 'offender of particular concern' },
  { abbreviation: 'YOI', expansion: 'young offender institution' },
  {
    abbreviation: 'RCP',
    expansion: 'requisite custodial period',
    alsoCalled: ['custodial period', 'time to serve'],
  },
  { abbreviation: 'PM', expansion: 'progression model', alsoCalled: ['one third', 'sentencing act 2026'] },
]

/** Ordinary words people use that the documents say differently. */
export const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ['remand', 'remand time spent in custody before sentence'],
  ['tagged bail', 'tagged bail qualifying curfew'],
  ['consecutive', 'consecutive chain laid end to end'],
  ['concurrent', 'concurrent at the same time'],
  ['licence', 'licence license'],
  ['license', 'licence'],
  ['recalled', 'recall'],
  ['released', 'release'],
  ['fine', 'fine default term fine defaulters'],
  ['bank holiday', 'bank holiday working day weekend'],
  ['weekend', 'working day weekend bank holiday'],
  ['foreign national', 'early removal scheme ERS'],
  ['under 18', 'under-18 youth DTO'],
  ['escaped', 'unlawfully at large UAL'],
  ['adjudication', 'additional days awarded ADA'],
  ['out of prison', 'release'],
  ['get out', 'release'],
  ['40%', 'SDS40 40%'],
  ['added up', 'laid end to end added together aggregate'],
  ['add up', 'laid end to end added together aggregate'],
  ['day 1', 'sentence date is day 1 counted'],
]

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface Rewrite {
  pattern: RegExp
  add: string
}

function rewrites(): Rewrite[] {
  const out: Rewrite[] = []
  for (const t of TERMS) {
    const family = t.family ? ` ${t.family}` : ''
    out.push({
      pattern: new RegExp(`\\b${escape(t.abbreviation)}(?![\\w+])`, 'g'),
      add: `${t.expansion}${family}`,
    })
    out.push({ pattern: new RegExp(`\\b${escape(t.expansion)}\\b`, 'gi'), add: `${t.abbreviation}${family}` })
    for (const a of t.alsoCalled ?? [])
      out.push({
        pattern: new RegExp(`(^|[^\\w])${escape(a)}(?![\\w])`, 'gi'),
        add: `${t.abbreviation} ${t.expansion}${family}`,
      })
  }
  for (const [word, adds] of SYNONYMS)
    out.push({ pattern: new RegExp(`(^|[^\\w])${escape(word)}(?![\\w])`, 'gi'), add: adds })
  return out
}

const REWRITES = rewrites()

/**
 * The words to add to a text so abbreviations, their names and everyday words meet: "HDC" adds
 * "home detention curfew", "home detention curfew" adds "HDC", "tag" adds both. Abbreviations
 * match only in capitals (so "led to" is not the licence expiry date).
 */
export function expansionsOf(text: string): string {
  const adds: string[] = []
  for (const r of REWRITES) {
    r.pattern.lastIndex = 0
    if (r.pattern.test(text)) adds.push(r.add)
  }
  return adds.join(' ')
}

/** Abbreviations named in a question, in capitals or not ("what is a tused"). */
export function abbreviationsIn(question: string): Term[] {
  const words = new Set(question.toUpperCase().match(/[A-Z0-9+]+/g) ?? [])
  return TERMS.filter((t) => words.has(t.abbreviation))
}
