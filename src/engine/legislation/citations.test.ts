/**
 * Every legislation table entry names its primary source precisely: an Act with a section, Part
 * or Schedule, or an SI by number, and (where given) a legislation.gov.uk address that points at
 * the same provision. code-health.test.ts checks that a source exists; this checks its form.
 */
import { describe, expect, it } from 'vitest'
import type { Citation } from '../api.js'
import { RELEASE_FRACTIONS } from './release-fractions.js'
import { COMMENCEMENTS } from './commencements.js'
import { HDC_PARAMETERS, HDC_REGIMES } from './hdc.js'
import { ERS_30, ERS_50 } from './ers.js'
import { PROFILES } from './profiles.js'
import { FTR_56_SOURCE, FTR_56_TRANCHES, SDS_DEFAULT, SDS_PROGRESSION_MODEL } from './sds-legislation.js'

function allCitations(): { name: string; source: Citation }[] {
  const out: { name: string; source: Citation }[] = []
  for (const [k, v] of Object.entries(RELEASE_FRACTIONS))
    out.push({ name: `fraction ${k}`, source: v.source })
  for (const [k, v] of Object.entries(COMMENCEMENTS))
    out.push({ name: `commencement ${k}`, source: v.source })
  for (const [k, v] of Object.entries(HDC_PARAMETERS)) out.push({ name: `hdc ${k}`, source: v.source })
  for (const r of HDC_REGIMES) out.push({ name: r.name, source: r.source })
  for (const s of [ERS_50, ERS_30]) out.push({ name: s.name, source: s.source })
  out.push({ name: 'FTR_56', source: FTR_56_SOURCE })
  for (const t of FTR_56_TRANCHES) out.push({ name: t.name, source: t.source })
  for (const p of Object.values(PROFILES))
    for (const l of [SDS_DEFAULT, SDS_PROGRESSION_MODEL, ...p.sdsLegislations]) {
      out.push({ name: `${p.name} ${l.name}`, source: l.source })
      for (const t of l.tranches) out.push({ name: `${p.name} ${l.name} ${t.name}`, source: t.source })
    }
  return out
}

/** An Act by name and year, or a statutory instrument by year and number. */
const INSTRUMENT = /\b(Act (19|20)\d\d|SI (19|20)\d\d\/\d+)\b/
/** A section (s.244, ss.255A-255C), Part, Schedule, article, rule, or an SI by number. */
const PROVISION = /\b(ss?\.\d+[A-Z]*|Part \d+|Sch\. \d+|art\. \d+|r\. ?\d+|SI (19|20)\d\d\/\d+)/
const URL =
  /^https:\/\/www\.legislation\.gov\.uk\/(ukpga|uksi)\/(\d{4})\/(\d+)(\/(section|article|part|schedule|rule)\/([0-9A-Za-z]+)(\/chapter\/\d+)?)?$/
/** Doubts belong in comments beside the entry, never in the text a user reads. */
const PLACEHOLDER = /\b(TODO|TBC|FIXME|to be verified|placeholder|unknown)\b|\?/i

/** legislation.gov.uk chapter numbers of the Acts the engine cites. */
const ACT_BY_CHAPTER: Record<string, string> = {
  'ukpga/1991/53': 'Criminal Justice Act 1991',
  'ukpga/2003/44': 'Criminal Justice Act 2003',
  'ukpga/2012/10': 'Legal Aid, Sentencing and Punishment of Offenders Act 2012',
  'ukpga/2014/11': 'Offender Rehabilitation Act 2014',
  'ukpga/2020/17': 'Sentencing Act 2020',
  'ukpga/2022/32': 'Police, Crime, Sentencing and Courts Act 2022',
}

const citations = allCitations()

describe('legislation citations', () => {
  it('collects every table entry (a removed entry should be a deliberate change)', () => {
    expect(citations.length).toBeGreaterThan(40)
  })

  it.each(citations)('$name names an Act or SI and a provision in it', ({ source }) => {
    expect(source.provision).toMatch(INSTRUMENT)
    expect(source.provision).toMatch(PROVISION)
    expect(source.provision).not.toMatch(PLACEHOLDER)
  })

  it.each(citations)('$name links to legislation.gov.uk for the provision it names', ({ source }) => {
    expect(source.url).toBeDefined()
    const m = URL.exec(source.url ?? '')
    expect(m, source.url).not.toBeNull()
    const [, kind, year, number, , level, id] = m!
    if (kind === 'uksi') {
      expect(source.provision).toContain(`SI ${year}/${number}`)
    } else {
      const act = ACT_BY_CHAPTER[`${kind}/${year}/${number}`]
      expect(act, `no Act registered for ${source.url}`).toBeDefined()
      expect(source.provision).toContain(act)
      if (level === 'section') expect(source.provision).toMatch(new RegExp(`\\bss?\\.([0-9A-Z]+-)?${id}\\b`))
      if (level === 'part') expect(source.provision).toContain(`Part ${id}`)
    }
  })

  it('cites CJA 2003 s.244 for the halfway release, the rule every other fraction modifies', () => {
    expect(RELEASE_FRACTIONS.ONE_HALF.source).toEqual({
      provision: expect.stringContaining('Criminal Justice Act 2003, s.244(3)(a)'),
      url: 'https://www.legislation.gov.uk/ukpga/2003/44/section/244',
    })
  })

  it('cites SI 2024/844 for SDS40 in every profile', () => {
    for (const p of Object.values(PROFILES)) {
      expect(p.sds40.source.provision).toContain('SI 2024/844')
      for (const t of p.sds40.tranches)
        expect(t.source.url).toBe('https://www.legislation.gov.uk/uksi/2024/844')
    }
  })
})
