import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fastParseBooking } from '../../src/engine/input/fast-parse.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'

const dir = resolve(
  import.meta.dirname,
  '../..',
  process.env.REFERENCE_CASES ?? '../shared/reference-cases/crd',
  'overall_calculation',
)
function walk(d: string, out: string[] = []): string[] {
  for (const n of readdirSync(d)) {
    const p = join(d, n)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (n.endsWith('.json')) out.push(p)
  }
  return out
}

describe('the fast booking reader agrees with the schema', () => {
  it.skipIf(!existsSync(dir))('gives exactly the schema result for every reference booking', () => {
    for (const f of walk(dir)) {
      const b = (JSON.parse(readFileSync(f, 'utf8')) as { booking: unknown }).booking
      const slow = parseBooking(b)
      const fast = fastParseBooking(b)
      expect(slow.ok, f).toBe(true)
      expect(fast, f).toEqual(slow.ok ? slow.value : undefined)
    }
  })

  it('never accepts what the schema rejects, and agrees whenever it accepts (fuzzed input)', () => {
    const leaf = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.integer({ min: -2, max: 200_000 }),
      fc.boolean(),
      fc.constantFrom(
        '2024-02-30',
        '2024-02-29',
        '2023-13-01',
        'X',
        '',
        'StandardSentence',
        'REMAND',
        'NO',
        'IN',
        'HDC',
        'FIXED_TERM_RECALL_14',
      ),
    )
    const base = {
      offender: { dateOfBirth: '1990-01-01' },
      sentences: [
        {
          offence: { committedAt: '2020-01-01' },
          sentencedAt: '2020-02-01',
          duration: { durationElements: { YEARS: 2 } },
          releaseArrangements: { isSDSPlus: false, sdsEarlyReleaseExclusions: [null] },
          recall: { recallType: 'STANDARD_RECALL' },
        },
      ],
      adjustments: { REMAND: [{ appliesToSentencesFrom: '2020-02-01', numberOfDays: 3 }] },
      externalMovements: [{ movementDate: '2020-03-01', movementReason: 'HDC', direction: 'OUT' }],
    }
    const paths: (string | number)[][] = [
      ['offender', 'dateOfBirth'],
      ['offender', 'isActiveSexOffender'],
      ['offender', 'reference'],
      ['sentences', 0, 'type'],
      ['sentences', 0, 'sentencedAt'],
      ['sentences', 0, 'identifier'],
      ['sentences', 0, 'duration', 'durationElements', 'MONTHS'],
      ['sentences', 0, 'releaseArrangements', 'isSDSPlus'],
      ['sentences', 0, 'releaseArrangements', 'sdsEarlyReleaseExclusions', 0],
      ['sentences', 0, 'recall', 'recallType'],
      ['sentences', 0, 'offence', 'committedAt'],
      ['adjustments', 'REMAND', 0, 'numberOfDays'],
      ['adjustments', 'REMAND', 0, 'fromDate'],
      ['externalMovements', 0, 'direction'],
      ['returnToCustodyDate'],
      ['bookingId'],
    ]
    fc.assert(
      fc.property(fc.constantFrom(...paths), leaf, (path, value) => {
        const b = structuredClone(base) as Record<string, unknown>
        let o = b as Record<string | number, unknown>
        for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>
        o[path[path.length - 1]!] = value
        const slow = parseBooking(b)
        const fast = fastParseBooking(b)
        if (fast !== undefined) {
          expect(slow.ok).toBe(true)
          expect(fast).toEqual(slow.ok ? slow.value : undefined)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
