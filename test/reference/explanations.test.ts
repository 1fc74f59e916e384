import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { calculate, type LegislationProfileName } from '../../src/engine/index.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const cases = resolve(repoRoot, process.env.REFERENCE_CASES ?? '../shared/reference-cases/crd', 'overall_calculation')

function walk(d: string, out: string[] = []): string[] {
  for (const n of readdirSync(d)) {
    const p = join(d, n)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (n.endsWith('.json')) out.push(p)
  }
  return out
}

describe('code health over the reference bookings', () => {
  it.skipIf(!existsSync(cases))('every date produced for the reference bookings has an explanation with at least one cited step', () => {
    const problems: string[] = []
    for (const f of walk(cases)) {
      const j = JSON.parse(readFileSync(f, 'utf8')) as { booking: unknown; params?: string; featureToggles?: object; userInputs?: object }
      const o = calculate(j.booking, {
        profile: (j.params ?? 'calculation-params') as LegislationProfileName,
        featureToggles: j.featureToggles ?? {},
        bankHolidays: ['2021-12-27', '2021-12-28'],
        today: '2026-08-20',
        userInputs: (j.userInputs ?? {}) as never,
      })
      if (o.status !== 'calculated') continue
      for (const [type, date] of Object.entries(o.result.dates)) {
        const e = o.result.explanations.find((x) => x.type === type)
        if (!e || e.date !== date) problems.push(`${f}: ${type} has no explanation`)
        else if (!e.steps.some((s) => s.cites?.provision)) problems.push(`${f}: ${type} has no cited step`)
      }
    }
    expect(problems.slice(0, 20)).toEqual([])
  })
})
