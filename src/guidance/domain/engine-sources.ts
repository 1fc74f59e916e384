/**
 * The guidance SafeRelease already holds as data: the validation catalogue (every code, its
 * message and what the user does next) and the legislation tables (every legal value with its
 * citation). Built from the engine's own tables, so the corpus changes when the law data does.
 */
import { RELEASE_DATE_NAMES } from '../../engine/api.js'
import type { Citation } from '../../engine/api.js'
import { VALIDATION_CATALOGUE, type CatalogueEntry } from '../../engine/validation/catalogue.js'
import { RELEASE_FRACTIONS } from '../../engine/legislation/release-fractions.js'
import { COMMENCEMENTS } from '../../engine/legislation/commencements.js'
import { HDC_PARAMETERS, HDC_REGIMES } from '../../engine/legislation/hdc.js'
import { ERS_30, ERS_50 } from '../../engine/legislation/ers.js'
import {
  EXCLUSION_FLAGS,
  FTR_56_SOURCE,
  FTR_56_TRANCHES,
  SDS_DEFAULT,
  SDS_PROGRESSION_MODEL,
  type SdsLegislation,
} from '../../engine/legislation/sds-legislation.js'
import { PROFILES } from '../../engine/legislation/profiles.js'
import { fractionText } from '../../engine/legislation/citation.js'
import type { Passage, SourceWithPassages } from './passages.js'

export const RULES_SOURCE_ID = 'rules'
export const VALIDATION_SOURCE_ID = 'validation-codes'
export const LEGISLATION_SOURCE_ID = 'legislation'

const CATEGORY_WORDS: Record<CatalogueEntry['category'], string> = {
  UNSUPPORTED:
    'Unsupported: SafeRelease will not calculate this; calculate the dates by hand (manual entry).',
  BAD_DATA: 'Bad data: fix the record named and calculate again.',
  WARNING: 'Warning: the dates stand, but check the point raised.',
}

/** "UNSUPPORTED_SDS40_CONSECUTIVE" → "unsupported sds40 consecutive". */
export function codeWords(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ')
}

export function validationSource(): SourceWithPassages {
  const passages: Passage[] = Object.entries(VALIDATION_CATALOGUE).map(([code, raw]) => {
    const e = raw as CatalogueEntry
    return {
      id: `${VALIDATION_SOURCE_ID}#${code}`,
      sourceId: VALIDATION_SOURCE_ID,
      anchor: code,
      heading: `Validation code ${code}: ${e.title}`,
      text: `${e.problem({})} ${e.action} ${CATEGORY_WORDS[e.category]}`,
      keywords: `${code} ${codeWords(code)} validation message`,
    }
  })
  return {
    source: {
      id: VALIDATION_SOURCE_ID,
      kind: 'validation',
      title: 'Validation codes and messages',
      citation: 'SafeRelease validation catalogue (src/engine/validation/catalogue.ts)',
    },
    passages,
  }
}

function law(anchor: string, heading: string, text: string, source: Citation, keywords = ''): Passage {
  return {
    id: `${LEGISLATION_SOURCE_ID}#${anchor}`,
    sourceId: LEGISLATION_SOURCE_ID,
    anchor,
    heading: `Legislation › ${heading}`,
    text: `${text} Source: ${source.provision}.`,
    provision: source.provision,
    ...(source.url ? { url: source.url } : {}),
    keywords,
  }
}

const dayMonthYear = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number)
  const months = [
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
  return `${d} ${months[(m ?? 1) - 1]} ${y}`
}

function trancheText(l: SdsLegislation): string {
  return l.tranches
    .map((t) => {
      const limit = t.limit
        ? `sentences ${t.limit.type === 'SENTENCE_LENGTH_LESS_THAN' ? 'under' : 'up to'} ${t.limit.duration} ${t.limit.unit.toLowerCase()}`
        : 'all other sentences'
      return `${t.name.replace(/_/g, ' ').toLowerCase()} from ${dayMonthYear(t.date)} (${limit})`
    })
    .join('; ')
}

export function legislationSource(): SourceWithPassages {
  const passages: Passage[] = []
  for (const f of Object.values(RELEASE_FRACTIONS))
    passages.push(
      law(
        `fraction-${f.name.toLowerCase().replace(/_/g, '-')}`,
        `Release fraction: ${fractionText(f.fraction)}`,
        `Release fraction ${fractionText(f.fraction)} (${f.fraction.numerator}/${f.fraction.denominator}), called ${codeWords(f.name)}.`,
        f.source,
        `release at ${fractionText(f.fraction)} requisite custodial period`,
      ),
    )
  for (const [name, c] of Object.entries(COMMENCEMENTS))
    passages.push(
      law(
        `commencement-${name.toLowerCase().replace(/_/g, '-')}`,
        `Commencement: ${c.summary}`,
        `${c.summary}: from ${dayMonthYear(c.value)}.`,
        c.source,
        `commencement ${codeWords(name)}`,
      ),
    )
  for (const [name, p] of Object.entries(HDC_PARAMETERS))
    passages.push(
      law(
        `hdc-${slug(name)}`,
        `Home detention curfew: ${p.summary}`,
        `${p.summary} (${p.value} days).`,
        p.source,
        'HDC HDCED home detention curfew eligibility',
      ),
    )
  for (const r of HDC_REGIMES)
    passages.push(
      law(
        `hdc-regime-${slug(r.name)}`,
        `Home detention curfew: ${r.name.replace('_', '-')}`,
        `${r.name.replace('_', '-')}: custodial periods of ${r.midPointDays} days or more become eligible ${r.aboveMidPointDeductionDays + 1} days before the release point; shorter ones at half the custodial period (at least 28 days).`,
        r.source,
        'HDC HDCED home detention curfew eligibility mid point window',
      ),
    )
  for (const s of [ERS_50, ERS_30])
    passages.push(
      law(
        `ers-${slug(s.name)}`,
        `Early removal scheme: ${s.name.replace('_', '-')}`,
        `${s.name.replace('_', '-')}: removal up to ${s.maxPeriod.amount} ${s.maxPeriod.unit.toLowerCase()} before the release point, once ${codeWords(s.releasePoint)} of the requisite custodial period is served.`,
        s.source,
        'ERS ERSED early removal scheme eligibility foreign national deportation',
      ),
    )
  const profile = PROFILES['calculation-params']
  const sds40s: SdsLegislation[] = [SDS_DEFAULT, ...profile.sdsLegislations.filter((l) => l !== SDS_DEFAULT)]
  for (const l of [...new Set([...sds40s, SDS_PROGRESSION_MODEL])]) {
    const multipliers = Object.entries(l.multipliers)
      .map(([track, m]) => `${track.replace('_PLUS', '+')} at ${codeWords(m!)}`)
      .join(', ')
    passages.push(
      law(
        `sds-${slug(l.name)}`,
        `Standard determinate sentences: ${codeWords(l.name)}`,
        `${codeWords(l.name).toUpperCase()}: from ${dayMonthYear(l.commencement === '0001-01-01' ? '2005-04-04' : l.commencement)}${l.commencement === '0001-01-01' ? ' (the default rule)' : ''}, ${multipliers}.${l.tranches.length ? ` Tranches: ${trancheText(l)}.` : ''}`,
        l.source,
        'SDS standard determinate sentence release early release tranche',
      ),
    )
  }
  passages.push(
    law(
      'ftr-56-tranches',
      'Fixed-term recall of 56 days',
      `56-day fixed-term recall tranches: ${FTR_56_TRANCHES.map((t) => `${t.name.replace(/_/g, ' ').toLowerCase()} from ${dayMonthYear(t.date)}${t.limit ? ` (recalled sentences up to ${t.limit.duration} days)` : ' (all others)'}`).join('; ')}.`,
      FTR_56_SOURCE,
      'FTR recall fixed term 56 days PRRD post recall release',
    ),
  )
  const groups = {
    sds40: Object.entries(EXCLUSION_FLAGS)
      .filter(([, f]) => f.sds40)
      .map(([n]) => n),
    sds40Additional: Object.entries(EXCLUSION_FLAGS)
      .filter(([, f]) => f.sds40Additional)
      .map(([n]) => n),
    progressionModel: Object.entries(EXCLUSION_FLAGS)
      .filter(([, f]) => f.progressionModel)
      .map(([n]) => n),
  }
  passages.push(
    law(
      'sds40-exclusions',
      'SDS40 exclusions',
      `Offences excluded from 40% release (SDS40): ${groups.sds40.map(codeWords).join(', ')}. Further exclusions from 16 December 2024: ${groups.sds40Additional.map(codeWords).join(', ')}. Excluded from the progression model: ${groups.progressionModel.map(codeWords).join(', ')}.`,
      profile.sds40.source,
      'SDS40 exclusion excluded offences sexual violent domestic abuse terrorism',
    ),
  )
  return {
    source: {
      id: LEGISLATION_SOURCE_ID,
      kind: 'legislation',
      title: 'Legislation tables',
      citation: 'SafeRelease legislation tables (src/engine/legislation/)',
    },
    passages,
  }
}

function slug(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/_/g, '-')
}

/** Keywords for a release-date abbreviation: its full name. */
export function dateKeywords(type: keyof typeof RELEASE_DATE_NAMES): string {
  return RELEASE_DATE_NAMES[type]
}
