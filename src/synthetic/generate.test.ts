import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { parseBooking } from '../engine/input/reference-booking.js'
import { _internal, generatePeople, generatePrisons, type SyntheticPerson } from './index.js'
import { Rng } from './prng.js'

const REFERENCE_DATE = '2026-11-28'
const REF = LocalDate.parse(REFERENCE_DATE).toEpochDay()
const day = (iso: string) => LocalDate.parse(iso).toEpochDay()
const prisons = generatePrisons(8, 11)

function people(seed: number, count: number, referenceDate = REFERENCE_DATE): SyntheticPerson[] {
  return [...generatePeople({ seed, count, prisons, referenceDate })]
}

// Loose views of the raw booking for assertions.
interface Sentence {
  type: string
  sentencedAt: string
  identifier: string
  consecutiveSentenceUUIDs: string[]
  caseSequence: number
  lineSequence: number
  caseReference: string
  offence: { committedAt: string; offenceCode: string }
  duration?: { durationElements: Record<string, number> }
  custodialDuration?: { durationElements: Record<string, number> }
  extensionDuration?: { durationElements: Record<string, number> }
  fineAmount?: number
  automaticRelease?: boolean
  recall?: { recallType: string; revocationDate: string; returnToCustodyDate: string }
  releaseArrangements?: { isSDSPlus: boolean; sdsEarlyReleaseExclusions: string[] }
}
interface Adjustment {
  appliesToSentencesFrom: string
  numberOfDays: number
  fromDate?: string
  toDate?: string
}
const sentencesOf = (p: SyntheticPerson) => p.booking.sentences as Sentence[]
const adjustmentsOf = (p: SyntheticPerson) => (p.booking.adjustments ?? {}) as Record<string, Adjustment[]>

describe('Rng', () => {
  it('is deterministic and roughly uniform', () => {
    const a = new Rng(123)
    const b = new Rng(123)
    const xs = Array.from({ length: 1000 }, () => a.next())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()))
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    expect(mean).toBeGreaterThan(0.45)
    expect(mean).toBeLessThan(0.55)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('produces UUID-shaped identifiers', () => {
    const rng = new Rng(1)
    for (let i = 0; i < 100; i++)
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('generatePrisons', () => {
  it('makes unique 3-letter ids and demo names, deterministically', () => {
    const list = generatePrisons(120, 5)
    expect(list).toHaveLength(120)
    expect(new Set(list.map((p) => p.id)).size).toBe(120)
    expect(new Set(list.map((p) => p.name)).size).toBe(120)
    for (const p of list) {
      expect(p.id).toMatch(/^[A-Z]{3}$/)
      expect(p.name).toMatch(/^HMP [A-Z][a-z]+ \(demo\)$/)
    }
    expect(generatePrisons(120, 5)).toEqual(list)
    expect(generatePrisons(120, 6)).not.toEqual(list)
    expect(generatePrisons(3)).toEqual(generatePrisons(3, 1))
  })

  it('refuses impossible counts', () => {
    expect(() => generatePrisons(10_000)).toThrow(RangeError)
    expect(() => generatePrisons(-1)).toThrow(RangeError)
  })
})

describe('generatePeople', () => {
  it('is deterministic: same options give byte-identical output', () => {
    const a = JSON.stringify(people(2024, 300))
    const b = JSON.stringify(people(2024, 300))
    expect(a).toBe(b)
    expect(JSON.stringify(people(2025, 300))).not.toBe(a)
  })

  it('streams: people are produced one at a time, and a run is a prefix of a longer run', () => {
    const it = generatePeople({ seed: 1, count: 50_000_000, prisons, referenceDate: REFERENCE_DATE })
    const first = it.next()
    expect(first.done).toBe(false)
    expect(JSON.stringify(people(1, 20))).toBe(JSON.stringify(people(1, 200).slice(0, 20)))
    expect(JSON.stringify((first.value as SyntheticPerson).prisonNumber)).toBe(
      JSON.stringify(people(1, 1)[0]!.prisonNumber),
    )
  })

  it('works for other reference dates, including a leap day', () => {
    for (const referenceDate of ['2024-02-29', '2031-12-31', '2019-06-01']) {
      for (const p of people(3, 300, referenceDate)) {
        expect(parseBooking(p.booking).ok).toBe(true)
        for (const s of sentencesOf(p)) expect(s.sentencedAt < referenceDate).toBe(true)
      }
    }
  })

  it('validates its options', () => {
    expect(() => people(1, 1, 'not-a-date')).toThrow()
    expect(() => [
      ...generatePeople({ seed: 1, count: 1, prisons: [], referenceDate: REFERENCE_DATE }),
    ]).toThrow(RangeError)
  })

  it('issues unique NOMS-style prison numbers (keyed permutation)', () => {
    const keys = [11, 22, 33, 44, 55, 66]
    const seen = new Set<string>()
    for (let i = 0; i < 200_000; i++) {
      const n = _internal.prisonNumberFor(i, keys)
      expect(n).toMatch(/^[A-Z]\d{4}[A-Z]{2}$/)
      seen.add(n)
    }
    expect(seen.size).toBe(200_000)
  })

  describe.each([1, 77, 4242])('2,000 people with seed %i', (seed) => {
    const list = people(seed, 2000)

    it('every booking passes parseBooking', () => {
      const failures = list
        .map((p) => ({ p: p.prisonNumber, r: parseBooking(p.booking) }))
        .filter((x) => !x.r.ok)
      expect(failures).toEqual([])
    })

    it('has consistent people', () => {
      expect(new Set(list.map((p) => p.prisonNumber)).size).toBe(list.length)
      const ids = new Set(prisons.map((p) => p.id))
      for (const p of list) {
        expect(p.prisonNumber).toMatch(/^[A-Z]\d{4}[A-Z]{2}$/)
        expect(ids.has(p.prisonId)).toBe(true)
        expect(p.firstName).toMatch(/^[A-Z]/)
        expect(p.lastName).toMatch(/^[A-Z]/)
        expect(p.lastName).not.toBe(p.firstName)
        expect(p.dateOfBirth).toBe(p.booking.offender.dateOfBirth)
        expect(p.booking.offender.reference).toBe(p.prisonNumber)
        for (const a of p.aliases) expect(a.firstName !== p.firstName || a.lastName !== p.lastName).toBe(true)
      }
      const withAliases = list.filter((p) => p.aliases.length > 0).length / list.length
      expect(withAliases).toBeGreaterThan(0.1)
      expect(withAliases).toBeLessThan(0.2)
    })

    it('has unique identifiers and valid consecutive links (earlier, never dangling, no cycles)', () => {
      for (const p of list) {
        const ss = sentencesOf(p)
        expect(ss.length).toBeGreaterThan(0)
        const index = new Map(ss.map((s, k) => [s.identifier, k]))
        expect(index.size).toBe(ss.length)
        const children = new Map<string, number>()
        ss.forEach((s, k) => {
          expect(s.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
          expect(s.consecutiveSentenceUUIDs.length).toBeLessThanOrEqual(1)
          for (const target of s.consecutiveSentenceUUIDs) {
            const t = index.get(target)
            expect(t).toBeDefined()
            // Pointing only backwards in the list rules out cycles.
            expect(t!).toBeLessThan(k)
            expect(ss[t!]!.sentencedAt <= s.sentencedAt).toBe(true)
            children.set(target, (children.get(target) ?? 0) + 1)
          }
        })
        for (const n of children.values()) expect(n).toBe(1)
      }
    })

    it('matches sentences to court cases', () => {
      for (const p of list) {
        const cases = new Map(p.courtCases.map((c) => [c.caseSequence, c]))
        expect(cases.size).toBe(p.courtCases.length)
        expect(new Set(p.courtCases.map((c) => c.caseReference)).size).toBe(p.courtCases.length)
        const lines = new Set<string>()
        for (const s of sentencesOf(p)) {
          const c = cases.get(s.caseSequence)
          expect(c).toBeDefined()
          expect(s.caseReference).toBe(c!.caseReference)
          expect(c!.courtName).toMatch(/Court/)
          const key = `${s.caseSequence}/${s.lineSequence}`
          expect(lines.has(key)).toBe(false)
          lines.add(key)
        }
        // Every case has at least one sentence.
        for (const c of p.courtCases)
          expect(sentencesOf(p).some((s) => s.caseSequence === c.caseSequence)).toBe(true)
      }
    })

    it('has realistic dates, offences and ages', () => {
      let adults = 0
      let adultsInRange = 0
      for (const p of list) {
        const dob = LocalDate.parse(p.dateOfBirth)
        const ss = sentencesOf(p)
        const first = ss.map((s) => s.sentencedAt).sort()[0]!
        const ageAtFirst = dob.until(LocalDate.parse(first)).years()
        const hasDto = ss.some((s) => s.type === 'DetentionAndTrainingOrderSentence')
        if (hasDto) {
          for (const s of ss) {
            const age = dob.until(LocalDate.parse(s.sentencedAt)).years()
            expect(age).toBeGreaterThanOrEqual(15)
            expect(age).toBeLessThanOrEqual(17)
          }
        } else {
          adults++
          expect(ageAtFirst).toBeGreaterThanOrEqual(18)
          if (ageAtFirst <= 70) adultsInRange++
        }
        for (const s of ss) {
          expect(s.offence.committedAt < s.sentencedAt).toBe(true)
          expect(s.offence.committedAt > p.dateOfBirth).toBe(true)
          expect(s.offence.offenceCode).toMatch(/^[A-Z]{2}\d{5}$/)
          expect(s.sentencedAt < REFERENCE_DATE).toBe(true)
          expect(REF - day(s.sentencedAt)).toBeLessThanOrEqual(366 * 7)
        }
      }
      expect(adultsInRange / adults).toBeGreaterThan(0.97)
    })

    it('has well-formed sentence types', () => {
      for (const p of list) {
        for (const s of sentencesOf(p)) {
          if (s.type === 'ExtendedDeterminateSentence') {
            const e = s.extensionDuration!.durationElements
            expect(e.YEARS).toBeGreaterThanOrEqual(1)
            expect(e.YEARS).toBeLessThanOrEqual(8)
            expect(typeof s.automaticRelease).toBe('boolean')
          }
          if (s.type === 'SopcSentence') {
            const e = s.extensionDuration!.durationElements
            expect((e.YEARS ?? 0) * 12 + (e.MONTHS ?? 0) + (e.WEEKS ?? 0) + (e.DAYS ?? 0)).toBe(12)
          }
          if (s.type === 'AFineSentence') expect(s.fineAmount).toBeGreaterThan(0)
          if (s.type === 'DetentionAndTrainingOrderSentence')
            expect([4, 6, 8, 10, 12, 18, 24]).toContain(s.duration!.durationElements.MONTHS)
          if (s.recall) {
            expect(s.recall.revocationDate <= s.recall.returnToCustodyDate).toBe(true)
            expect(s.recall.returnToCustodyDate < REFERENCE_DATE).toBe(true)
            expect(s.sentencedAt < s.recall.revocationDate).toBe(true)
            // Released (at least half-way, less remand) before being recalled.
            const remand = (adjustmentsOf(p).REMAND ?? []).reduce((n, r) => n + r.numberOfDays, 0)
            const d = s.duration!.durationElements
            const len = (d.YEARS ?? 0) * 365 + (d.MONTHS ?? 0) * 30 + (d.WEEKS ?? 0) * 7 + (d.DAYS ?? 0)
            expect(day(s.recall.revocationDate)).toBeGreaterThan(day(s.sentencedAt) + len / 2 - remand)
            expect(p.booking.returnToCustodyDate).toBe(s.recall.returnToCustodyDate)
          }
          if (s.releaseArrangements?.isSDSPlus) {
            const d = s.duration!.durationElements
            expect((d.YEARS ?? 0) * 12 + (d.MONTHS ?? 0)).toBeGreaterThanOrEqual(48)
          }
        }
      }
    })

    it('has consistent adjustments', () => {
      for (const p of list) {
        const ss = sentencesOf(p)
        const dates = new Set(ss.map((s) => s.sentencedAt))
        const first = [...dates].sort()[0]!
        const adj = adjustmentsOf(p)
        for (const r of adj.REMAND ?? []) {
          expect(dates.has(r.appliesToSentencesFrom)).toBe(true)
          expect(day(r.toDate!) - day(r.fromDate!) + 1).toBe(r.numberOfDays)
          expect(r.toDate! < r.appliesToSentencesFrom).toBe(true)
        }
        const remand = adj.REMAND ?? []
        if (remand.length > 0) expect(day(remand[remand.length - 1]!.toDate!)).toBe(day(first) - 1)
        for (const t of adj.TAGGED_BAIL ?? []) {
          expect(dates.has(t.appliesToSentencesFrom)).toBe(true)
          expect(t.numberOfDays).toBeGreaterThan(0)
        }
        for (const type of [
          'UNLAWFULLY_AT_LARGE',
          'ADDITIONAL_DAYS_AWARDED',
          'RESTORATION_OF_ADDITIONAL_DAYS_AWARDED',
        ]) {
          for (const a of adj[type] ?? []) {
            expect(a.appliesToSentencesFrom > first).toBe(true)
            expect(a.appliesToSentencesFrom < REFERENCE_DATE).toBe(true)
            expect(a.numberOfDays).toBeGreaterThan(0)
            if (a.toDate) {
              expect(day(a.toDate) - day(a.fromDate!) + 1).toBe(a.numberOfDays)
              expect(a.toDate < REFERENCE_DATE).toBe(true)
            }
          }
        }
        const ada = (adj.ADDITIONAL_DAYS_AWARDED ?? []).reduce((s, a) => s + a.numberOfDays, 0)
        const rada = (adj.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED ?? []).reduce(
          (s, a) => s + a.numberOfDays,
          0,
        )
        expect(rada).toBeLessThanOrEqual(ada)
        for (const a of adj.ADDITIONAL_DAYS_AWARDED ?? []) expect(a.numberOfDays).toBeLessThanOrEqual(42)
      }
    })

    it('has a realistic mix', () => {
      const count = (pred: (p: SyntheticPerson) => boolean) => list.filter(pred).length / list.length
      const has = (type: string) => (p: SyntheticPerson) => sentencesOf(p).some((s) => s.type === type)
      expect(count(has('StandardSentence'))).toBeGreaterThan(0.8)
      expect(count(has('ExtendedDeterminateSentence'))).toBeGreaterThan(0.04)
      expect(count(has('ExtendedDeterminateSentence'))).toBeLessThan(0.15)
      expect(count(has('SopcSentence'))).toBeGreaterThan(0.003)
      expect(count(has('DetentionAndTrainingOrderSentence'))).toBeGreaterThan(0.01)
      expect(count(has('AFineSentence'))).toBeGreaterThan(0.003)
      const recalled = count((p) => sentencesOf(p).some((s) => s.recall))
      expect(recalled).toBeGreaterThan(0.05)
      expect(recalled).toBeLessThan(0.25)
      expect(
        count((p) => sentencesOf(p).some((s) => s.recall?.recallType === 'FIXED_TERM_RECALL_14')),
      ).toBeGreaterThan(0)
      expect(
        count((p) => sentencesOf(p).some((s) => s.recall?.recallType === 'FIXED_TERM_RECALL_28')),
      ).toBeGreaterThan(0)
      expect(count((p) => sentencesOf(p).some((s) => s.consecutiveSentenceUUIDs.length > 0))).toBeGreaterThan(
        0.1,
      )
      expect(count((p) => sentencesOf(p).some((s) => s.releaseArrangements?.isSDSPlus))).toBeGreaterThan(0.05)
      expect(
        count((p) =>
          sentencesOf(p).some((s) => (s.releaseArrangements?.sdsEarlyReleaseExclusions.length ?? 0) > 0),
        ),
      ).toBeGreaterThan(0.1)
      expect(count((p) => p.courtCases.length > 1)).toBeGreaterThan(0.1)
      for (const type of ['REMAND', 'TAGGED_BAIL', 'UNLAWFULLY_AT_LARGE', 'ADDITIONAL_DAYS_AWARDED'])
        expect(count((p) => (adjustmentsOf(p)[type]?.length ?? 0) > 0)).toBeGreaterThan(0.01)
      expect(
        count((p) => (adjustmentsOf(p).RESTORATION_OF_ADDITIONAL_DAYS_AWARDED?.length ?? 0) > 0),
      ).toBeGreaterThan(0)
      // Spread over the prisons.
      expect(new Set(list.map((p) => p.prisonId)).size).toBe(prisons.length)
    })
  })
})
