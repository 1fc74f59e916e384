/**
 * Generation speed: `npx tsx src/synthetic/bench.ts [count=90000] [seed=1]`.
 * Streams the people and serialises each one (as a loader would), keeping none in memory.
 */
import { generatePeople, generatePrisons } from './index.js'

const count = Number(process.argv[2] ?? 90_000)
const seed = Number(process.argv[3] ?? 1)
const prisons = generatePrisons(120, seed)
const started = performance.now()
let people = 0
let sentences = 0
let bytes = 0
for (const person of generatePeople({ seed, count, prisons, referenceDate: '2026-11-28' })) {
  people++
  sentences += person.booking.sentences.length
  bytes += JSON.stringify(person).length
}
const ms = performance.now() - started
console.log(
  `${people} people, ${sentences} sentences, ${(bytes / 1e6).toFixed(1)} MB of JSON in ${(ms / 1000).toFixed(2)} s ` +
    `(${Math.round(people / (ms / 1000))} people/s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`,
)
