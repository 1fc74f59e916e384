import { describe, expect, it } from 'vitest'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from './api.js'
import { RELEASE_FRACTIONS } from './legislation/release-fractions.js'
import { COMMENCEMENTS } from './legislation/commencements.js'
import { HDC_PARAMETERS, HDC_REGIMES } from './legislation/hdc.js'
import { ERS_30, ERS_50 } from './legislation/ers.js'
import { PROFILES } from './legislation/profiles.js'
import { FTR_56_TRANCHES, SDS_DEFAULT } from './legislation/sds-legislation.js'

describe('code health', () => {
  it('every legislation table entry names its legal source', () => {
    const sources: { name: string; provision: string | undefined }[] = []
    for (const [k, v] of Object.entries(RELEASE_FRACTIONS)) sources.push({ name: `fraction ${k}`, provision: v.source.provision })
    for (const [k, v] of Object.entries(COMMENCEMENTS)) sources.push({ name: `commencement ${k}`, provision: v.source.provision })
    for (const [k, v] of Object.entries(HDC_PARAMETERS)) sources.push({ name: `hdc ${k}`, provision: v.source.provision })
    for (const r of HDC_REGIMES) sources.push({ name: r.name, provision: r.source.provision })
    for (const s of [ERS_50, ERS_30]) sources.push({ name: s.name, provision: s.source.provision })
    for (const t of FTR_56_TRANCHES) sources.push({ name: t.name, provision: t.source.provision })
    for (const p of Object.values(PROFILES))
      for (const l of [SDS_DEFAULT, ...p.sdsLegislations]) {
        sources.push({ name: `${p.name} ${l.name}`, provision: l.source.provision })
        for (const t of l.tranches) sources.push({ name: `${p.name} ${l.name} ${t.name}`, provision: t.source.provision })
      }
    const missing = sources.filter((s) => !s.provision || s.provision.trim().length < 5).map((s) => s.name)
    expect(missing).toEqual([])
  })

  it('every release date type has a full name', () => {
    for (const t of RELEASE_DATE_TYPES) expect(RELEASE_DATE_NAMES[t].length).toBeGreaterThan(3)
  })

})
