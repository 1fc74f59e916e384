/**
 * A fast path for reading well-formed bookings. It accepts only input that the zod schema in
 * reference-booking.ts certainly accepts, and returns exactly what that schema would return;
 * anything unusual returns `undefined` and the caller falls back to the schema (which names every
 * problem). A test checks both give the same result on every reference booking and on fuzzed input.
 */
import {
  ADJUSTMENT_TYPES,
  DURATION_UNITS,
  EXTERNAL_MOVEMENT_REASONS,
  HISTORICAL_TUSED_SOURCES,
  RECALL_TYPES,
  SDS_EARLY_RELEASE_EXCLUSIONS,
  type BookingInput,
} from './reference-booking.js'

class Bail extends Error {}
const bail = (): never => {
  throw new Bail()
}

type Obj = Record<string, unknown>
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const adjustmentTypes = new Set<string>(ADJUSTMENT_TYPES)
const units = new Set<string>(DURATION_UNITS)
const reasons = new Set<string>(EXTERNAL_MOVEMENT_REASONS)
const recallTypes = new Set<string>(RECALL_TYPES)
const exclusions = new Set<string>(SDS_EARLY_RELEASE_EXCLUSIONS)
const tusedSources = new Set<string>(HISTORICAL_TUSED_SOURCES)

function obj(v: unknown): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) bail()
  return v as Obj
}
function date(v: unknown): string {
  if (typeof v !== 'string' || !DATE.test(v)) bail()
  const s = v as string
  const y = +s.slice(0, 4)
  const m = +s.slice(5, 7)
  const d = +s.slice(8, 10)
  if (m < 1 || m > 12 || d < 1) bail()
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  if (d > (m === 2 && leap ? 29 : DIM[m - 1]!)) bail()
  return s
}
/** Optional+nullable: returns undefined (absent), null or the value. */
function nullish<T>(o: Obj, k: string, f: (v: unknown) => T): T | null | undefined {
  const v = o[k]
  if (v === undefined) return undefined
  if (v === null) return null
  return f(v)
}
function str(max: number, min = 0) {
  return (v: unknown): string => {
    if (typeof v !== 'string' || v.length > max || v.length < min) bail()
    return v as string
  }
}
function int(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) bail()
  return v as number
}
function count(v: unknown): number {
  const n = int(v)
  if (n < 0 || n > 100_000) bail()
  return n
}
function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') bail()
  return v as boolean
}
function oneOf(set: Set<string>) {
  return (v: unknown): string => {
    if (typeof v !== 'string' || !set.has(v)) bail()
    return v as string
  }
}
function arr(v: unknown, max: number): unknown[] {
  if (!Array.isArray(v) || v.length > max) bail()
  return v as unknown[]
}
function put(out: Obj, k: string, v: unknown) {
  if (v !== undefined) out[k] = v
}
// The readers used for every sentence, made once (not per call).
const str40 = str(40)
const str60 = str(60)
const str100 = str(100)
const identifier = str(100, 1)
const recallType = oneOf(recallTypes)
const exclusion = oneOf(exclusions)
const tusedSource = oneOf(tusedSources)
const movementReason = oneOf(reasons)
function uuid(x: unknown): string {
  return typeof x === 'string' ? x : bail()
}
function exclusionOrNo(x: unknown): string {
  return x === null ? 'NO' : exclusion(x)
}
/** A boolean that defaults to false when absent (undefined). */
function flagOrFalse(o: Obj, k: string): boolean {
  return o[k] === undefined ? false : bool(o[k])
}
/** A boolean that defaults to false when absent or null. */
function nullableFlag(o: Obj, k: string): boolean {
  const x = o[k]
  return x === undefined || x === null ? false : bool(x)
}
function externalSentenceId(x: unknown): Obj {
  const e = obj(x)
  return {
    sentenceSequence: e.sentenceSequence === undefined ? 0 : int(e.sentenceSequence),
    bookingId: e.bookingId === undefined ? 0 : int(e.bookingId),
  }
}
function recall(x: unknown): Obj {
  const r = obj(x)
  const o: Obj = { recallType: recallType(r.recallType) }
  put(o, 'revocationDate', nullish(r, 'revocationDate', date))
  put(o, 'returnToCustodyDate', nullish(r, 'returnToCustodyDate', date))
  return o
}
function fineAmount(x: unknown): number {
  return typeof x === 'number' && x >= 0 && Number.isFinite(x) ? x : bail()
}

function duration(v: unknown): Obj {
  const o = obj(v)
  const e = obj(o.durationElements)
  const out: Obj = {}
  for (const k of Object.keys(e)) {
    if (!units.has(k) || e[k] === undefined) bail()
    out[k] = count(e[k])
  }
  return { durationElements: out }
}

function sentence(v: unknown): Obj {
  const s = obj(v)
  const type = 'type' in s ? s.type : 'StandardSentence'
  const offence = obj(s.offence)
  const out: Obj = { type }
  const off: Obj = {}
  put(off, 'committedAt', nullish(offence, 'committedAt', date))
  put(off, 'offenceCode', nullish(offence, 'offenceCode', str40))
  out.offence = off
  out.sentencedAt = date(s.sentencedAt)
  if (s.identifier !== undefined) out.identifier = identifier(s.identifier)
  if (s.consecutiveSentenceUUIDs === undefined) out.consecutiveSentenceUUIDs = []
  else out.consecutiveSentenceUUIDs = arr(s.consecutiveSentenceUUIDs, 1).map(uuid)
  put(out, 'caseSequence', nullish(s, 'caseSequence', int))
  put(out, 'lineSequence', nullish(s, 'lineSequence', int))
  put(out, 'caseReference', nullish(s, 'caseReference', str100))
  put(out, 'externalSentenceId', nullish(s, 'externalSentenceId', externalSentenceId))
  put(out, 'recall', nullish(s, 'recall', recall))
  switch (type) {
    case 'StandardSentence': {
      out.duration = duration(s.duration)
      const ra = obj(s.releaseArrangements)
      out.releaseArrangements = {
        isSDSPlus: flagOrFalse(ra, 'isSDSPlus'),
        isSDSPlusEligibleSentenceTypeLengthAndOffence: flagOrFalse(
          ra,
          'isSDSPlusEligibleSentenceTypeLengthAndOffence',
        ),
        sdsEarlyReleaseExclusions:
          ra.sdsEarlyReleaseExclusions === undefined
            ? []
            : arr(ra.sdsEarlyReleaseExclusions, Infinity).map(exclusionOrNo),
        isSection250: flagOrFalse(ra, 'isSection250'),
      }
      break
    }
    case 'ExtendedDeterminateSentence':
      out.custodialDuration = duration(s.custodialDuration)
      out.extensionDuration = duration(s.extensionDuration)
      out.automaticRelease = nullableFlag(s, 'automaticRelease')
      break
    case 'SopcSentence':
      out.custodialDuration = duration(s.custodialDuration)
      out.extensionDuration = duration(s.extensionDuration)
      out.sdopcu18 = nullableFlag(s, 'sdopcu18')
      break
    case 'AFineSentence':
      out.duration = duration(s.duration)
      put(out, 'fineAmount', nullish(s, 'fineAmount', fineAmount))
      break
    case 'DetentionAndTrainingOrderSentence':
      out.duration = duration(s.duration)
      break
    case 'BotusSentence':
      out.duration = duration(s.duration)
      put(out, 'latestTusedDate', nullish(s, 'latestTusedDate', date))
      put(out, 'latestTusedSource', nullish(s, 'latestTusedSource', tusedSource))
      break
    default:
      bail()
  }
  return out
}

function adjustment(v: unknown): Obj {
  const a = obj(v)
  const out: Obj = { appliesToSentencesFrom: date(a.appliesToSentencesFrom) }
  out.numberOfDays = a.numberOfDays === undefined || a.numberOfDays === null ? 0 : count(a.numberOfDays)
  put(out, 'fromDate', nullish(a, 'fromDate', date))
  put(out, 'toDate', nullish(a, 'toDate', date))
  put(out, 'additionalInfo', nullish(a, 'additionalInfo', additionalInfo))
  return out
}

function additionalInfo(x: unknown): Obj {
  const i = obj(x)
  const o: Obj = { type: str40(i.type) }
  put(o, 'reason', nullish(i, 'reason', str60))
  return o
}

function movement(x: unknown): Obj {
  const m = obj(x)
  const dir = m.direction
  if (dir !== 'IN' && dir !== 'OUT') bail()
  return {
    movementDate: date(m.movementDate),
    movementReason: movementReason(m.movementReason),
    direction: dir,
  }
}

export function fastParseBooking(raw: unknown): BookingInput | undefined {
  try {
    const b = obj(raw)
    const o = obj(b.offender)
    const out: Obj = {
      offender: {
        reference: o.reference === undefined ? '' : str100(o.reference),
        dateOfBirth: date(o.dateOfBirth),
        isActiveSexOffender:
          o.isActiveSexOffender === undefined || o.isActiveSexOffender === null
            ? false
            : bool(o.isActiveSexOffender),
      },
      sentences: arr(b.sentences, 500).map(sentence),
    }
    const adj: Obj = {}
    if (b.adjustments !== undefined) {
      const a = obj(b.adjustments)
      for (const k of Object.keys(a)) {
        if (!adjustmentTypes.has(k) || a[k] === undefined) bail()
        adj[k] = arr(a[k], 1000).map(adjustment)
      }
    }
    out.adjustments = adj
    put(out, 'returnToCustodyDate', nullish(b, 'returnToCustodyDate', date))
    put(
      out,
      'fixedTermRecallDetails',
      nullish(b, 'fixedTermRecallDetails', (x) => {
        const f = obj(x)
        const o2: Obj = {
          bookingId: f.bookingId === undefined || f.bookingId === null ? 0 : int(f.bookingId),
          recallLength: f.recallLength === undefined || f.recallLength === null ? 0 : int(f.recallLength),
        }
        put(o2, 'returnToCustodyDate', nullish(f, 'returnToCustodyDate', date))
        return o2
      }),
    )
    put(
      out,
      'historicalTusedData',
      nullish(b, 'historicalTusedData', (x) => {
        const h = obj(x)
        const o2: Obj = {}
        put(o2, 'tused', nullish(h, 'tused', date))
        put(o2, 'historicalTusedSource', nullish(h, 'historicalTusedSource', tusedSource))
        return o2
      }),
    )
    out.externalMovements =
      b.externalMovements === undefined ? [] : arr(b.externalMovements, 1000).map(movement)
    put(out, 'bookingId', nullish(b, 'bookingId', int))
    return out as unknown as BookingInput
  } catch (e) {
    if (e instanceof Bail) return undefined
    return undefined
  }
}
