/**
 * `npm run bench:safety [-- count=100000] [seed=1]`: how often the engine's safety invariants
 * refuse a calculation, over generated bookings (src/synthetic), per profile. Prints the count
 * and which invariants fired, with a few example people for each, so a firing can be looked at.
 */
import { calculate, LEGISLATION_PROFILES, type CalculationOutcome } from '../src/engine/index.js'
import { generatePeople, generatePrisons } from '../src/synthetic/index.js'

const count = Number(process.argv[2] ?? 100_000)
const seed = Number(process.argv[3] ?? 1)
const profile = (process.env.SAFETY_PROFILE ??
  'sds-progression-model-october') as (typeof LEGISLATION_PROFILES)[number]
const prisons = generatePrisons(120, seed)

const tally = { calculated: 0, rejected: 0, safety: 0, error: 0, invalid: 0 }
const fired = new Map<string, { n: number; examples: string[] }>()
const started = performance.now()
let n = 0
for (const person of generatePeople({ seed, count, prisons, referenceDate: '2026-11-28' })) {
  n++
  const o: CalculationOutcome = calculate(person.booking, {
    profile,
    bankHolidays: ['2021-12-27', '2021-12-28'],
    today: '2026-11-28',
  })
  if (o.status === 'calculated') tally.calculated++
  else if (o.status === 'error') tally.error++
  else if (o.status === 'invalid-input') tally.invalid++
  else {
    const safety = o.messages.filter((m) => m.safety)
    if (safety.length === 0) tally.rejected++
    else {
      tally.safety++
      for (const m of safety) {
        const k = `${m.safety!.invariant} (${m.safety!.date})`
        const f = fired.get(k) ?? { n: 0, examples: [] }
        f.n++
        if (f.examples.length < 3) f.examples.push(`#${n - 1}: ${m.message}`)
        fired.set(k, f)
      }
    }
  }
}
const s = ((performance.now() - started) / 1000).toFixed(1)
console.log(`${n} synthetic bookings (seed ${seed}, profile ${profile}) in ${s} s`)
console.log(
  `calculated ${tally.calculated}, refused by a safety invariant ${tally.safety}, rejected by validation ${tally.rejected}, error ${tally.error}, invalid input ${tally.invalid}`,
)
for (const [k, f] of [...fired].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`  ${f.n}\t${k}`)
  for (const e of f.examples) console.log(`      ${e}`)
}
