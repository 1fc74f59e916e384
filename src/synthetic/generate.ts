/**
 * Synthetic people and bookings for demos and benchmarks.
 *
 * Everything is derived from the seed: person `i` of a run uses its own generator seeded from
 * (seed, i), so the output is byte-identical for the same options and people can be produced one
 * at a time (a streaming generator: 90,000 people never sit in memory together).
 *
 * Dates are handled as epoch days (integers) and converted with js-joda's LocalDate, so every
 * date is a real calendar date.
 */
import { LocalDate } from '@js-joda/core'
import type {
  BookingInputRaw,
  RecallType,
  SdsEarlyReleaseExclusion,
} from '../engine/input/reference-booking.js'
import {
  COURT_REGIONS,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  OFFENCES,
  OFFENCE_WEIGHTS,
  PRISON_NAME_ENDS,
  PRISON_NAME_STARTS,
  SURNAMES,
  type Court,
  type OffenceCategory,
} from './data.js'
import { Rng, deriveSeed, mix32 } from './prng.js'

export interface SyntheticPrison {
  id: string
  name: string
}

export interface SyntheticPerson {
  prisonNumber: string
  firstName: string
  lastName: string
  aliases: { firstName: string; lastName: string }[]
  dateOfBirth: string
  prisonId: string
  courtCases: { caseSequence: number; caseReference: string; courtName: string }[]
  booking: BookingInputRaw
}

export interface GeneratePeopleOptions {
  seed: number
  count: number
  prisons: SyntheticPrison[]
  /** ISO date: "today" for the estate; sentence dates fall within ~6 years before it. */
  referenceDate: string
}

// ---------------------------------------------------------------------------------------------
// Prisons

/** Real prison names that the name parts could produce; never used for a demo prison. */
const REAL_PRISON_NAMES = new Set(['Ashfield', 'Elmley', 'Brixton', 'Stanford', 'Holme'])

export const MAX_PRISONS = PRISON_NAME_STARTS.length * PRISON_NAME_ENDS.length - REAL_PRISON_NAMES.size

/** Fictional prisons with unique 3-letter ids, e.g. `{ id: 'BRX', name: 'HMP Brixworth (demo)' }`. */
export function generatePrisons(count: number, seed = 1): SyntheticPrison[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0')
  const places: string[] = []
  for (const start of PRISON_NAME_STARTS)
    for (const end of PRISON_NAME_ENDS) {
      const place = start + end
      if (!REAL_PRISON_NAMES.has(place)) places.push(place)
    }
  if (count > places.length) throw new RangeError(`at most ${places.length} prisons can be generated`)
  const rng = new Rng(deriveSeed(seed, 0x9815))
  shuffle(rng, places)
  const used = new Set<string>()
  const prisons: SyntheticPrison[] = []
  for (const place of places.slice(0, count)) {
    const id = prisonId(place, used)
    used.add(id)
    prisons.push({ id, name: `HMP ${place} (demo)` })
  }
  return prisons
}

/** First letter of the place, then two later letters (preferring consonants), not yet used. */
function prisonId(place: string, used: Set<string>): string {
  const letters = place.toUpperCase().replace(/[^A-Z]/g, '')
  const first = letters[0]!
  const rest = letters.slice(1)
  const consonants = rest.replace(/[AEIOU]/g, '')
  for (const pool of [consonants, rest]) {
    for (let i = 0; i < pool.length; i++)
      for (let j = i + 1; j < pool.length; j++) {
        const id = first + pool[i] + pool[j]
        if (!used.has(id)) return id
      }
  }
  for (let i = 0; i < 26 * 26; i++) {
    const id = first + String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26))
    if (!used.has(id)) return id
  }
  throw new RangeError(`no free prison id for ${place}`)
}

function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const t = items[i]!
    items[i] = items[j]!
    items[j] = t
  }
}

// ---------------------------------------------------------------------------------------------
// Prison numbers: a keyed permutation of [0, 26·10⁴·26²), so numbers are unique within a run
// without remembering the ones already issued.

const PRISON_NUMBER_SPACE = 26 * 10_000 * 26 * 26 // 175,760,000 < 2^28

function prisonNumberFor(index: number, keys: readonly number[]): string {
  let v = feistel28(index, keys)
  while (v >= PRISON_NUMBER_SPACE) v = feistel28(v, keys) // cycle-walking keeps it a bijection
  const suffix = v % 676
  v = Math.floor(v / 676)
  const digits = v % 10_000
  const first = Math.floor(v / 10_000)
  return (
    String.fromCharCode(65 + first) +
    String(digits).padStart(4, '0') +
    String.fromCharCode(65 + Math.floor(suffix / 26)) +
    String.fromCharCode(65 + (suffix % 26))
  )
}

function feistel28(x: number, keys: readonly number[]): number {
  let l = x >>> 14
  let r = x & 0x3fff
  for (const k of keys) {
    const next = l ^ (mix32(r ^ k) & 0x3fff)
    l = r
    r = next
  }
  return (l << 14) | r
}

// ---------------------------------------------------------------------------------------------
// People

type Kind = 'SDS' | 'EDS' | 'SOPC' | 'FINE' | 'DTO'
type Bucket = 0 | 1 | 2 // short (< 12 months), medium (1–4 years), long (4+ years)

interface DurationElements {
  YEARS?: number
  MONTHS?: number
  WEEKS?: number
  DAYS?: number
}

interface Draft {
  kind: Kind
  caseIndex: number
  line: number
  /** Sentence date as days after the first sentence date. */
  offset: number
  category: OffenceCategory
  duration: DurationElements
  extension?: DurationElements
  /** Approximate custodial length in days (what consecutive sentences add up). */
  days: number
  /** Approximate share of `days` served in custody (kept low, so estimates err towards "still in"). */
  fraction: number
  /** Index of the draft this one is consecutive to, or -1. */
  parent: number
  hasChild: boolean
  /** Estimated release and sentence end, in days after the first sentence date. */
  release: number
  end: number
  releaseAcc: number
  endAcc: number
  chainStart: number
  isSDSPlus: boolean
  exclusions: SdsEarlyReleaseExclusion[]
  automaticRelease: boolean
  fineAmount: number
}

interface CaseDraft {
  offset: number
  court: Court
}

type Scenario = 'SDS' | 'EDS' | 'SOPC' | 'STANDARD_RECALL' | 'FIXED_TERM_RECALL' | 'DTO' | 'FINE_ONLY'

const SCENARIOS: readonly (readonly [Scenario, number])[] = [
  ['SDS', 69],
  ['EDS', 8],
  ['SOPC', 1.5],
  ['STANDARD_RECALL', 8],
  ['FIXED_TERM_RECALL', 5.5],
  ['DTO', 2.5],
  ['FINE_ONLY', 0.5],
]

/** Stock, not flow: long sentences accumulate in an estate, short ones pass through. */
const STOCK_FACTOR: readonly [number, number, number] = [0.35, 1, 1.5]

const ADULT_AGES: readonly (readonly [[number, number], number])[] = [
  [[18, 20], 7],
  [[21, 24], 14],
  [[25, 29], 18],
  [[30, 39], 30],
  [[40, 49], 17],
  [[50, 59], 9],
  [[60, 70], 4],
  [[71, 82], 0.5],
]

const DTO_MONTHS: readonly (readonly [number, number])[] = [
  [4, 3],
  [6, 4],
  [8, 3],
  [10, 2],
  [12, 3],
  [18, 2],
  [24, 1.5],
]

/** Fine bands: upper amount (£) and the default term (Sentencing Code, s.129 table). */
const FINE_BANDS: readonly (readonly [number, number, DurationElements, number])[] = [
  [50, 200, { DAYS: 7 }, 4],
  [200.01, 500, { DAYS: 14 }, 5],
  [500.01, 1000, { DAYS: 28 }, 5],
  [1000.01, 2500, { DAYS: 45 }, 4],
  [2500.01, 5000, { MONTHS: 3 }, 3],
  [5000.01, 10_000, { MONTHS: 6 }, 2],
  [10_000.01, 20_000, { MONTHS: 9 }, 1],
  [20_000.01, 50_000, { MONTHS: 12 }, 0.6],
  [50_000.01, 100_000, { MONTHS: 18 }, 0.3],
  [100_000.01, 250_000, { YEARS: 2 }, 0.15],
]

const SIX_YEARS = 2191

export function* generatePeople(options: GeneratePeopleOptions): Generator<SyntheticPerson> {
  const { seed, count, prisons, referenceDate } = options
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number ≥ 0')
  if (count > PRISON_NUMBER_SPACE) throw new RangeError(`count must be at most ${PRISON_NUMBER_SPACE}`)
  if (count > 0 && prisons.length === 0) throw new RangeError('at least one prison is needed')
  const ref = LocalDate.parse(referenceDate).toEpochDay()
  const keys = [0, 1, 2, 3, 4, 5].map((r) => deriveSeed(seed, 0x7e57, r))
  // Prisons differ in size: a fixed weight per prison for this run.
  const cumulative: number[] = []
  let total = 0
  for (let j = 0; j < prisons.length; j++) {
    total += 0.4 + (1.6 * deriveSeed(seed, 0x9815, j)) / 0x1_0000_0000
    cumulative.push(total)
  }
  for (let i = 0; i < count; i++) {
    const rng = new Rng(deriveSeed(seed, i))
    const r = rng.next() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! > r) hi = mid
      else lo = mid + 1
    }
    yield makePerson(rng, prisonNumberFor(i, keys), prisons[lo]!.id, ref)
  }
}

function makePerson(rng: Rng, prisonNumber: string, prisonId: string, ref: number): SyntheticPerson {
  const scenario = rng.weighted(SCENARIOS)
  const female = rng.chance(0.045)
  const firstNames = female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES
  const firstName = rng.pick(firstNames)
  let lastName = rng.pick(SURNAMES)
  while (lastName === firstName) lastName = rng.pick(SURNAMES) // no 'Bradley Bradley'
  const aliases: { firstName: string; lastName: string }[] = []
  if (rng.chance(0.15)) {
    const n = rng.chance(0.8) ? 1 : 2
    for (let k = 0; k < n; k++) {
      const style = rng.int(0, 2)
      const alias = {
        firstName: style === 1 ? firstName : rng.pick(firstNames),
        lastName: style === 0 ? lastName : rng.pick(SURNAMES),
      }
      if (
        (alias.firstName !== firstName || alias.lastName !== lastName) &&
        !aliases.some((a) => a.firstName === alias.firstName && a.lastName === alias.lastName)
      )
        aliases.push(alias)
    }
  }
  const region = rng.pick(COURT_REGIONS)

  const drafts: Draft[] = []
  const cases: CaseDraft[] = []
  let recall: { type: RecallType; revocation: number; rtc: number; ual: number } | undefined
  let remand: { from: number; to: number }[] = []
  let taggedBail = 0
  let day0: number
  let dob: number

  if (scenario === 'STANDARD_RECALL' || scenario === 'FIXED_TERM_RECALL') {
    // One earlier case; released at the halfway point (estimated), recalled, back in custody.
    const ftr = scenario === 'FIXED_TERM_RECALL'
    const bucket: Bucket = ftr
      ? rng.chance(0.35)
        ? 0
        : 1
      : rng.weighted([
          [0, 0.5],
          [1, 5],
          [2, 3],
        ] as const)
    const category = pickCategory(rng)
    const lines = rng.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const)
    addCase(rng, cases, region, 0, bucket, 'SDS')
    for (let l = 0; l < lines; l++) {
      const d = sdsDraft(rng, 0, l, 0, l === 0 ? category : pickCategory(rng), bucket, false, true)
      // Further lines are no longer than the first, so the first sets the booking's length.
      if (l > 0 && d.days > drafts[0]!.days) {
        d.duration = { ...drafts[0]!.duration }
        d.days = drafts[0]!.days
      }
      drafts.push(d)
    }
    const len = drafts[0]!.days
    const type: RecallType = ftr
      ? len < 365
        ? 'FIXED_TERM_RECALL_14'
        : 'FIXED_TERM_RECALL_28'
      : 'STANDARD_RECALL'
    const recallLength = type === 'FIXED_TERM_RECALL_14' ? 14 : type === 'FIXED_TERM_RECALL_28' ? 28 : 0
    // Served before release: at least half (two-thirds for SDS+), whatever early-release scheme applied.
    const served = Math.ceil(len * Math.max(0.5, ...drafts.map((d) => d.fraction)))
    const half = Math.ceil(len / 2)
    // Back in custody `gap` days before the reference date; for a fixed-term recall still inside it.
    const gap = ftr
      ? rng.int(1, recallLength - 1)
      : rng.int(1, Math.max(1, Math.min(540, Math.floor((len - served) * 0.6), SIX_YEARS - served - 120)))
    const ual = rng.chance(0.45) ? 0 : rng.skewed(1, 45)
    const rtc = ref - gap
    const revocation = rtc - ual - (ual > 0 ? 1 : rng.int(0, 1))
    const remandDays = rng.chance(0.5) ? 0 : rng.skewed(1, Math.floor(half / 3))
    // Released (less remand) at least two weeks before revocation; licence not yet expired.
    const latest = revocation - 14 - served + remandDays
    const earliest = Math.max(ref - len + remandDays + 1, ref - SIX_YEARS)
    day0 = earliest <= latest ? rng.int(earliest, latest) : latest
    if (remandDays > 0) remand = [{ from: day0 - remandDays, to: day0 - 1 }]
    recall = { type, revocation, rtc, ual }
    dob = dateOfBirth(rng, day0, adultAge(rng))
  } else {
    let firstKind: Kind = 'SDS'
    if (scenario === 'EDS') firstKind = 'EDS'
    else if (scenario === 'SOPC') firstKind = 'SOPC'
    else if (scenario === 'DTO') firstKind = 'DTO'
    else if (scenario === 'FINE_ONLY') firstKind = 'FINE'

    // Case 0, then (sometimes) further cases sentenced while still in custody for the earlier ones.
    const maxCases =
      firstKind === 'SDS'
        ? rng.weighted([
            [1, 74],
            [2, 18],
            [3, 6],
            [4, 2],
          ] as const)
        : firstKind === 'DTO' || firstKind === 'FINE'
          ? 1
          : rng.weighted([
              [1, 8],
              [2, 2],
            ] as const)
    let latestRelease = 0
    for (let c = 0; c < maxCases; c++) {
      let offset = 0
      if (c > 0) {
        const prev = cases[c - 1]!.offset
        const upper = Math.min(prev + 700, latestRelease - 14, SIX_YEARS - 60)
        if (upper < prev + 14) break
        offset = prev + rng.skewed(14, upper - prev, 1.6)
      }
      const kind: Kind = c === 0 ? firstKind : rng.chance(0.04) ? 'FINE' : 'SDS'
      const lines =
        kind === 'FINE'
          ? 1
          : kind === 'DTO'
            ? rng.weighted([
                [1, 7],
                [2, 3],
              ] as const)
            : rng.weighted([
                [1, 50],
                [2, 25],
                [3, 13],
                [4, 6],
                [5, 4],
                [6, 2],
              ] as const)
      const principal = kind === 'EDS' || kind === 'SOPC' ? pickSeriousCategory(rng, kind) : pickCategory(rng)
      const principalBucket = kind === 'SDS' ? pickBucket(rng, principal) : 2
      const firstIndex = drafts.length
      for (let l = 0; l < lines; l++) {
        const category = l === 0 || rng.chance(0.55) ? principal : pickCategory(rng)
        let d: Draft
        if (l === 0 && kind === 'EDS') d = edsDraft(rng, c, l, offset, category)
        else if (l === 0 && kind === 'SOPC') d = sopcDraft(rng, c, l, offset, category)
        else if (kind === 'DTO') d = dtoDraft(rng, c, l, offset, category)
        else if (kind === 'FINE') d = fineDraft(rng, c, l, offset, category)
        else {
          // Secondary lines are usually shorter than the principal one.
          const bucket = l === 0 ? principalBucket : (Math.max(0, principalBucket - rng.int(0, 1)) as Bucket)
          d = sdsDraft(rng, c, l, offset, category, bucket, kind !== 'SDS' && l > 0)
        }
        // Consecutive links: to the previous line of the same case, or (first line of a later case)
        // to the tail of an earlier chain. Always to an earlier-or-same-dated sentence.
        if (l > 0 && !drafts[drafts.length - 1]!.hasChild && rng.chance(kind === 'DTO' ? 0.3 : 0.22)) {
          d.parent = drafts.length - 1
        } else if (l === 0 && c > 0 && rng.chance(kind === 'FINE' ? 0.75 : 0.4)) {
          const tails = drafts.map((x, k) => (x.hasChild ? -1 : k)).filter((k) => k >= 0)
          if (tails.length > 0) d.parent = rng.pick(tails)
        }
        if (kind === 'DTO' && d.parent >= 0 && drafts[d.parent]!.kind === 'DTO') {
          // A DTO term (with any consecutive DTOs) is at most 24 months.
          if (drafts[d.parent]!.days + d.days > 731) d.parent = -1
        }
        if (d.parent >= 0) drafts[d.parent]!.hasChild = true
        estimate(d, drafts)
        drafts.push(d)
        latestRelease = Math.max(latestRelease, d.release)
      }
      addCase(
        rng,
        cases,
        region,
        offset,
        drafts[firstIndex]!.kind === 'SDS' ? maxBucket(drafts, firstIndex) : 2,
        kind,
      )
    }

    // Remand (only before the first case: later remand would overlap the sentence being served)
    // and tagged bail, never so much that the person would already be out on day one.
    const release0 = Math.max(...drafts.filter((d) => d.caseIndex === 0).map((d) => d.release))
    const remandCap = Math.floor(0.8 * (release0 - 7))
    if (remandCap > 0 && rng.chance(firstKind === 'FINE' ? 0.1 : 0.6)) {
      const days = rng.skewed(1, Math.min(remandCap, 540), 1.7)
      if (days >= 30 && rng.chance(0.12)) {
        // Remanded, bailed, remanded again.
        const second = rng.int(1, days - 1)
        const bailed = rng.int(7, 120)
        const firstFrom = -days - bailed
        remand = [
          { from: firstFrom, to: firstFrom + (days - second) - 1 },
          { from: -second, to: -1 },
        ]
      } else remand = [{ from: -days, to: -1 }]
    }
    const remandDays = remand.reduce((s, p) => s + p.to - p.from + 1, 0)
    if (firstKind !== 'FINE' && release0 - remandDays > 40 && rng.chance(0.1))
      taggedBail = rng.skewed(5, Math.min(150, Math.floor((release0 - remandDays) / 3)))

    // Place the booking in time: all sentences before the reference date, estimated release after it.
    const latestRel = Math.max(...drafts.map((d) => d.release)) - remandDays - taggedBail
    const lastOffset = cases[cases.length - 1]!.offset
    const lo = lastOffset + 1
    const hi = Math.min(SIX_YEARS, latestRel - 1)
    const back = lo <= hi ? rng.int(lo, hi) : lo + rng.int(0, 6)
    day0 = ref - back
    remand = remand.map((p) => ({ from: day0 + p.from, to: day0 + p.to }))
    dob =
      firstKind === 'DTO'
        ? dateOfBirth(rng, day0 + lastOffset, rng.int(15, 17))
        : dateOfBirth(rng, day0, adultAge(rng))
  }

  // -------------------------------------------------------------------------------------------
  // Assemble the booking.
  const iso = (day: number) => LocalDate.ofEpochDay(day).toString()
  const identifiers: string[] = []
  const seen = new Set<string>()
  for (let k = 0; k < drafts.length; k++) {
    let id = rng.uuid()
    while (seen.has(id)) id = rng.uuid()
    seen.add(id)
    identifiers.push(id)
  }
  const references: string[] = []
  for (const c of cases) {
    let reference: string
    do reference = caseReference(rng, c.court, LocalDate.ofEpochDay(day0 + c.offset))
    while (references.includes(reference))
    references.push(reference)
  }
  const earliestCustody = remand.length > 0 ? remand[0]!.from : day0
  const sentences = drafts.map((d, k) => {
    const sentencedAt = day0 + d.offset
    // Committed before arrest (remand) or sentence; a later case may be for an older offence.
    const before = d.caseIndex === 0 ? Math.min(earliestCustody, sentencedAt) : sentencedAt
    let committed = before - rng.skewed(1, d.kind === 'FINE' ? 400 : 700, 1.8)
    if (d.kind === 'DTO') committed = Math.max(committed, dob + 4383) // at least 12 years old
    committed = Math.min(committed, sentencedAt - 1)
    const prefix = rng.pick(OFFENCES[d.category].prefixes)
    const common = {
      offence: {
        committedAt: iso(committed),
        offenceCode: prefix + String(rng.int(0, 999)).padStart(3, '0'),
      },
      sentencedAt: iso(sentencedAt),
      identifier: identifiers[k]!,
      consecutiveSentenceUUIDs: d.parent >= 0 ? [identifiers[d.parent]!] : [],
      caseSequence: d.caseIndex + 1,
      lineSequence: d.line + 1,
      caseReference: references[d.caseIndex]!,
    }
    const recallField = recall
      ? {
          recall: {
            recallType: recall.type,
            revocationDate: iso(recall.revocation),
            returnToCustodyDate: iso(recall.rtc),
          },
        }
      : {}
    switch (d.kind) {
      case 'EDS':
        return {
          type: 'ExtendedDeterminateSentence' as const,
          ...common,
          custodialDuration: { durationElements: d.duration },
          extensionDuration: { durationElements: d.extension! },
          automaticRelease: d.automaticRelease,
        }
      case 'SOPC':
        return {
          type: 'SopcSentence' as const,
          ...common,
          custodialDuration: { durationElements: d.duration },
          extensionDuration: { durationElements: d.extension! },
          sdopcu18: false,
        }
      case 'FINE':
        return {
          type: 'AFineSentence' as const,
          ...common,
          duration: { durationElements: d.duration },
          fineAmount: d.fineAmount,
        }
      case 'DTO':
        return {
          type: 'DetentionAndTrainingOrderSentence' as const,
          ...common,
          duration: { durationElements: d.duration },
        }
      case 'SDS':
        return {
          type: 'StandardSentence' as const,
          ...common,
          ...recallField,
          duration: { durationElements: d.duration },
          releaseArrangements: {
            isSDSPlus: d.isSDSPlus,
            isSDSPlusEligibleSentenceTypeLengthAndOffence: d.isSDSPlus,
            sdsEarlyReleaseExclusions: d.exclusions,
            isSection250: false,
          },
        }
    }
  })

  const adjustments: NonNullable<BookingInputRaw['adjustments']> = {}
  if (remand.length > 0)
    adjustments.REMAND = remand.map((p) => ({
      appliesToSentencesFrom: iso(day0),
      numberOfDays: p.to - p.from + 1,
      fromDate: iso(p.from),
      toDate: iso(p.to),
    }))
  if (taggedBail > 0)
    adjustments.TAGGED_BAIL = [{ appliesToSentencesFrom: iso(day0), numberOfDays: taggedBail }]

  // Events in custody: after the last sentence date, before the reference date.
  const custodyFrom = recall ? recall.rtc + 1 : day0 + cases[cases.length - 1]!.offset + 1
  const window = ref - 1 - custodyFrom
  const ual: { from: number; to: number; reason: string }[] = []
  if (recall && recall.ual > 0)
    ual.push({ from: recall.revocation + 1, to: recall.rtc - 1, reason: 'RECALL' })
  if (!recall && window > 60 && drafts[0]!.kind !== 'DTO' && rng.chance(0.025)) {
    const days = rng.skewed(1, Math.min(90, Math.floor(window / 2)), 1.5)
    const from = rng.int(custodyFrom + 14, ref - 1 - days)
    ual.push({
      from,
      to: from + days - 1,
      reason: rng.weighted([
        ['ESCAPE', 3],
        ['RELEASE_IN_ERROR', 4],
        ['OTHER', 1],
      ] as const),
    })
  }
  if (ual.length > 0)
    adjustments.UNLAWFULLY_AT_LARGE = ual.map((u) => ({
      appliesToSentencesFrom: iso(u.from),
      numberOfDays: u.to - u.from + 1,
      fromDate: iso(u.from),
      toDate: iso(u.to),
      additionalInfo: { type: 'UAL', reason: u.reason },
    }))
  const adult = drafts[0]!.kind !== 'DTO'
  if (adult && window > 30 && rng.chance(Math.min(0.22, window / 3000))) {
    const awards = rng.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const)
    const dates: number[] = []
    for (let k = 0; k < awards; k++) dates.push(rng.int(custodyFrom + 7, ref - 1))
    dates.sort((a, b) => a - b)
    const ada = dates
      .filter((day) => !ual.some((u) => day >= u.from && day <= u.to))
      .map((day) => ({ day, days: rng.bell(1, 42) }))
    if (ada.length > 0) {
      adjustments.ADDITIONAL_DAYS_AWARDED = ada.map((a) => ({
        appliesToSentencesFrom: iso(a.day),
        numberOfDays: a.days,
        fromDate: iso(a.day),
      }))
      const awarded = ada.reduce((s, a) => s + a.days, 0)
      const first = ada[0]!.day
      if (awarded >= 2 && ref - 1 - first > 28 && rng.chance(0.3)) {
        const day = rng.int(first + 28, ref - 1)
        adjustments.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED = [
          {
            appliesToSentencesFrom: iso(day),
            numberOfDays: rng.int(1, Math.floor(awarded / 2)),
            fromDate: iso(day),
          },
        ]
      }
    }
  }

  const dobIso = iso(dob)
  const booking: BookingInputRaw = {
    offender: {
      reference: prisonNumber,
      dateOfBirth: dobIso,
      isActiveSexOffender: drafts.some((d) => d.category === 'SEXUAL') && rng.chance(0.7),
    },
    sentences,
    adjustments,
  }
  if (recall) {
    booking.returnToCustodyDate = iso(recall.rtc)
    if (recall.type !== 'STANDARD_RECALL')
      booking.fixedTermRecallDetails = {
        returnToCustodyDate: iso(recall.rtc),
        recallLength: recall.type === 'FIXED_TERM_RECALL_14' ? 14 : 28,
      }
  }

  return {
    prisonNumber,
    firstName,
    lastName,
    aliases,
    dateOfBirth: dobIso,
    prisonId,
    courtCases: cases.map((c, k) => ({
      caseSequence: k + 1,
      caseReference: references[k]!,
      courtName: c.court.name,
    })),
    booking,
  }
}

// ---------------------------------------------------------------------------------------------
// Sentence drafts

function blankDraft(
  kind: Kind,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
): Draft {
  return {
    kind,
    caseIndex,
    line,
    offset,
    category,
    duration: {},
    days: 0,
    fraction: 0.4,
    parent: -1,
    hasChild: false,
    release: 0,
    end: 0,
    releaseAcc: 0,
    endAcc: 0,
    chainStart: 0,
    isSDSPlus: false,
    exclusions: [],
    automaticRelease: false,
    fineAmount: 0,
  }
}

function sdsDraft(
  rng: Rng,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
  bucket: Bucket,
  shortish: boolean,
  recalled = false,
): Draft {
  const d = blankDraft('SDS', caseIndex, line, offset, category)
  d.duration = sdsDuration(rng, shortish ? (Math.min(bucket, 1) as Bucket) : bucket, recalled)
  d.days = approxDays(d.duration)
  const years = d.days / 365.25
  if (
    years >= 4 &&
    ['SEXUAL', 'VIOLENCE', 'ROBBERY', 'WEAPONS', 'DOMESTIC_ABUSE', 'TERRORISM'].includes(category)
  )
    d.isSDSPlus = rng.chance(years >= 7 ? 0.8 : 0.4)
  if (category === 'SEXUAL') d.exclusions = ['SEXUAL']
  else if (category === 'DOMESTIC_ABUSE') d.exclusions = rng.chance(0.85) ? ['DOMESTIC_ABUSE'] : ['VIOLENT']
  else if (category === 'TERRORISM') d.exclusions = [rng.chance(0.7) ? 'TERRORISM' : 'NATIONAL_SECURITY']
  else if (category === 'VIOLENCE' && years >= 4) d.exclusions = ['VIOLENT']
  d.fraction = d.isSDSPlus ? 2 / 3 : d.exclusions.length > 0 ? 0.5 : 0.4
  return d
}

function edsDraft(
  rng: Rng,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
): Draft {
  const d = blankDraft('EDS', caseIndex, line, offset, category)
  const years = rng.skewed(2, 16, 1.6)
  d.duration = withZeros(
    rng,
    rng.chance(0.25) && years < 16 ? { YEARS: years, MONTHS: rng.int(1, 11) } : { YEARS: years },
  )
  const maxExtension = category === 'SEXUAL' || category === 'TERRORISM' ? 8 : 5
  d.extension = withZeros(rng, { YEARS: rng.int(1, maxExtension) })
  d.days = approxDays(d.duration)
  d.automaticRelease = rng.chance(0.15)
  d.fraction = 2 / 3
  return d
}

function sopcDraft(
  rng: Rng,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
): Draft {
  const d = blankDraft('SOPC', caseIndex, line, offset, category)
  d.duration = withZeros(
    rng,
    rng.chance(0.3) ? { YEARS: rng.int(1, 9), MONTHS: rng.int(1, 11) } : { YEARS: rng.skewed(1, 12, 1.4) },
  )
  d.extension = rng.chance(0.8) ? { YEARS: 1 } : { MONTHS: 12 }
  d.days = approxDays(d.duration)
  d.fraction = 0.5
  return d
}

function dtoDraft(
  rng: Rng,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
): Draft {
  const d = blankDraft('DTO', caseIndex, line, offset, category)
  d.duration = { MONTHS: rng.weighted(DTO_MONTHS) }
  d.days = approxDays(d.duration)
  d.fraction = 0.5
  return d
}

function fineDraft(
  rng: Rng,
  caseIndex: number,
  line: number,
  offset: number,
  category: OffenceCategory,
): Draft {
  const d = blankDraft('FINE', caseIndex, line, offset, category)
  const [low, high, term] = rng.weighted(FINE_BANDS.map((b) => [b, b[3]] as const))
  const pounds = rng.int(Math.ceil(low), Math.floor(high))
  d.fineAmount = rng.chance(0.2) && pounds < high ? pounds + 0.5 : pounds
  d.duration = { ...term }
  d.days = approxDays(d.duration)
  d.fraction = 0.5
  return d
}

function sdsDuration(rng: Rng, bucket: Bucket, recalled = false): DurationElements {
  if (bucket === 0 && recalled) {
    // Long enough to have been released on licence and recalled.
    return withZeros(rng, rng.chance(0.6) ? { MONTHS: rng.int(6, 11) } : { WEEKS: rng.int(26, 50) })
  }
  if (bucket === 0) {
    const form = rng.weighted([
      ['WEEKS', 40],
      ['MONTHS', 55],
      ['DAYS', 5],
    ] as const)
    if (form === 'WEEKS') return withZeros(rng, { WEEKS: rng.skewed(2, 50, 1.3) })
    if (form === 'DAYS') return withZeros(rng, { DAYS: rng.int(14, 300) })
    return withZeros(rng, { MONTHS: rng.skewed(1, 11, 1.2) })
  }
  if (bucket === 1) {
    if (rng.chance(0.3)) return withZeros(rng, { MONTHS: rng.int(12, 47) })
    const years = rng.int(1, 3)
    const months = rng.chance(0.5) ? 0 : rng.pick([3, 4, 6, 8, 9, 10] as const)
    return withZeros(rng, months > 0 ? { YEARS: years, MONTHS: months } : { YEARS: years })
  }
  // A recalled person was released half-way through: keep that within the ~6-year window.
  const years = recalled ? rng.int(4, 8) : rng.skewed(4, 18, 2)
  return withZeros(rng, rng.chance(0.3) ? { YEARS: years, MONTHS: rng.int(1, 11) } : { YEARS: years })
}

/** NOMIS-style records sometimes carry every unit, zeros included. */
function withZeros(rng: Rng, d: DurationElements): DurationElements {
  if (!rng.chance(0.15)) return d
  return { YEARS: d.YEARS ?? 0, MONTHS: d.MONTHS ?? 0, WEEKS: d.WEEKS ?? 0, DAYS: d.DAYS ?? 0 }
}

function approxDays(d: DurationElements): number {
  return Math.round((d.YEARS ?? 0) * 365.25 + (d.MONTHS ?? 0) * 30.44 + (d.WEEKS ?? 0) * 7 + (d.DAYS ?? 0))
}

/** Estimated release and end (days after the first sentence date), following consecutive chains. */
function estimate(d: Draft, drafts: readonly Draft[]): void {
  const p = d.parent >= 0 ? drafts[d.parent]! : undefined
  d.chainStart = p ? p.chainStart : d.offset
  d.releaseAcc = (p ? p.releaseAcc : 0) + d.fraction * d.days
  d.endAcc = (p ? p.endAcc : 0) + d.days
  // A consecutive sentence never releases before its own sentence date.
  d.release = Math.max(d.offset + 1, Math.floor(d.chainStart + d.releaseAcc))
  d.end = d.chainStart + d.endAcc
}

function maxBucket(drafts: readonly Draft[], from: number): Bucket {
  const days = Math.max(...drafts.slice(from).map((d) => d.days))
  return days < 365 ? 0 : days < 1461 ? 1 : 2
}

function pickCategory(rng: Rng): OffenceCategory {
  return rng.weighted(OFFENCE_WEIGHTS)
}

function pickSeriousCategory(rng: Rng, kind: Kind): OffenceCategory {
  if (kind === 'SOPC')
    return rng.weighted([
      ['SEXUAL', 9],
      ['TERRORISM', 1],
    ] as const)
  return rng.weighted([
    ['SEXUAL', 10],
    ['VIOLENCE', 8],
    ['ROBBERY', 4],
    ['WEAPONS', 2],
    ['DOMESTIC_ABUSE', 2],
    ['TERRORISM', 0.3],
  ] as const)
}

function pickBucket(rng: Rng, category: OffenceCategory): Bucket {
  const w = OFFENCES[category].length
  return rng.weighted([
    [0, w[0] * STOCK_FACTOR[0]],
    [1, w[1] * STOCK_FACTOR[1]],
    [2, w[2] * STOCK_FACTOR[2]],
  ] as const)
}

function adultAge(rng: Rng): number {
  const [min, max] = rng.weighted(ADULT_AGES)
  return rng.int(min, max)
}

/** A date of birth making the person exactly `age` on `day`. */
function dateOfBirth(rng: Rng, day: number, age: number): number {
  return LocalDate.ofEpochDay(day).minusYears(age).minusDays(rng.int(0, 364)).toEpochDay()
}

function addCase(
  rng: Rng,
  cases: CaseDraft[],
  region: readonly Court[],
  offset: number,
  bucket: Bucket,
  kind: Kind,
): void {
  const kindWanted: Court['kind'] =
    kind === 'DTO'
      ? rng.chance(0.75)
        ? 'YOUTH'
        : 'CROWN'
      : kind === 'FINE' || (bucket === 0 && rng.chance(0.7))
        ? 'MAGISTRATES'
        : 'CROWN'
  const courts = region.filter((c) => c.kind === kindWanted)
  cases.push({ offset, court: rng.pick(courts) })
}

/** Crown Court: T + year + 4 digits (T20241234); other courts: a police URN (01LE1234524). */
function caseReference(rng: Rng, court: Court, sentencedAt: LocalDate): string {
  const year = sentencedAt.year()
  if (court.kind === 'CROWN') return `T${year}${String(rng.int(1000, 9999))}`
  const letters = String.fromCharCode(65 + rng.int(0, 25)) + String.fromCharCode(65 + rng.int(0, 25))
  return `${String(rng.int(1, 62)).padStart(2, '0')}${letters}${String(rng.int(0, 99_999)).padStart(5, '0')}${String(year % 100).padStart(2, '0')}`
}

export const _internal = { prisonNumberFor, PRISON_NUMBER_SPACE }
