/**
 * `saferelease calc <file> [--json] [--profile NAME] [--today YYYY-MM-DD]`
 * Reads a booking (bare, or a reference case file with booking/userInputs/params/featureToggles),
 * calculates, and prints each date with its full name and how it was worked out.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  calculate,
  LEGISLATION_PROFILES,
  RELEASE_DATE_NAMES,
  type CalculationOutcome,
  type LegislationProfileName,
} from '../engine/index.js'

const here = dirname(fileURLToPath(import.meta.url))

function fail(message: string, code = 1): never {
  process.stderr.write(`saferelease: ${message}\n`)
  process.exit(code)
}

function usage(): never {
  fail('usage: saferelease calc <booking.json> [--json] [--profile calculation-params|sds-50|sds-progression-model-october] [--today YYYY-MM-DD]', 2)
}

function bankHolidays(): string[] {
  const raw = JSON.parse(readFileSync(join(here, '..', 'calendar', 'bank-holidays-england-and-wales.json'), 'utf8')) as {
    events: { date: string }[]
  }
  return raw.events.map((e) => e.date)
}

function todayIso(): string {
  const now = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

export async function runCalcCommand(rest: string[]): Promise<number> {
  let file: string | undefined
  let json = false
  let profile: string | undefined
  let today: string | undefined
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (a === '--json') json = true
    else if (a === '--profile') profile = rest[++i]
    else if (a === '--today') today = rest[++i]
    else if (a.startsWith('--')) fail(`unknown option ${a}`, 2)
    else file = a
  }
  if (!file) usage()
  if (profile !== undefined && !(LEGISLATION_PROFILES as readonly string[]).includes(profile))
    fail(`--profile must be one of: ${LEGISLATION_PROFILES.join(', ')}`, 2)
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) fail('--today must be a date in the form YYYY-MM-DD', 2)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    fail(`cannot read ${file}: no such file, or it is not readable`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    fail(`${file} is not valid JSON (${e instanceof Error ? e.message : String(e)})`)
  }
  const isCase = data !== null && typeof data === 'object' && 'booking' in data
  const c = (isCase ? data : { booking: data }) as {
    booking: unknown
    userInputs?: Record<string, unknown>
    params?: string
    featureToggles?: Record<string, boolean>
  }
  const chosen = (profile ?? c.params ?? 'calculation-params') as LegislationProfileName
  if (!(LEGISLATION_PROFILES as readonly string[]).includes(chosen)) fail(`unknown profile "${chosen}" in ${file}`)
  const outcome = calculate(c.booking, {
    profile: chosen,
    featureToggles: c.featureToggles ?? {},
    bankHolidays: bankHolidays(),
    today: today ?? todayIso(),
    userInputs: (c.userInputs ?? {}) as never,
  })
  if (json) {
    process.stdout.write(JSON.stringify(outcome, null, 2) + '\n')
    return outcome.status === 'calculated' ? 0 : 1
  }
  return print(outcome, file)
}

function print(outcome: CalculationOutcome, file: string): number {
  const out: string[] = []
  switch (outcome.status) {
    case 'invalid-input':
      out.push(`The booking in ${file} cannot be read:`)
      for (const p of outcome.problems) out.push(`  ${p.path}: ${p.message}`)
      process.stderr.write(out.join('\n') + '\n')
      return 1
    case 'error':
      process.stderr.write(`Cannot calculate (${outcome.code}): ${outcome.message}\n`)
      return 1
    case 'rejected':
      for (const m of outcome.messages) out.push(`${m.code}: ${m.message}`)
      process.stderr.write(out.join('\n') + '\n')
      return 1
    case 'calculated': {
      const r = outcome.result
      const width = Math.max(...r.explanations.map((e) => RELEASE_DATE_NAMES[e.type].length)) + 8
      for (const e of r.explanations) {
        out.push(`${(e.type + ' ' + RELEASE_DATE_NAMES[e.type]).padEnd(width)} ${e.date}   (${e.rule})`)
        out.push(`    ${e.summary}`)
        for (const s of e.steps) {
          out.push(`    - ${s.says}${s.value ? `: ${s.value}` : ''}${s.cites ? `  [${s.cites.provision}]` : ''}`)
        }
      }
      out.push(`Effective sentence length: ${r.effectiveSentenceLength}`)
      for (const m of outcome.messages) out.push(`! ${m.code} (${m.category}): ${m.message}`)
      process.stdout.write(out.join('\n') + '\n')
      return outcome.messages.some((m) => m.category !== 'WARNING') ? 1 : 0
    }
  }
}

