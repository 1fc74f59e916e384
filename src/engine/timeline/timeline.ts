/**
 * The custody timeline: visits every relevant date in order, works out which sentences are
 * served together in one custody period, shares adjustments within it, applies early-release
 * legislation at its commencement and tranche dates, and takes snapshots for the merge rules.
 * Source: the reference service's timeline (see docs/release-date-rules §6, §7, §12, §13).
 */
import { parseDate } from '../calendar/dates.js'
import { LocalDate } from '@js-joda/core'
import type { AdjustmentInput, BookingInput } from '../input/reference-booking.js'
import { daysBetween } from '../calendar/duration.js'
import { emptyBuckets, totalAdjustment, type Buckets } from '../model/adjustments.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Context } from '../model/context.js'
import { identify } from '../model/identification.js'
import { CIVIL_OFFENCE_CODES, type Part } from '../model/part.js'
import { FTR_56_TRANCHES, type SdsLegislation } from '../legislation/sds-legislation.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { applyUnder18Switch, calculateDates } from '../rules/sentence-dates.js'
import { combine } from './combine.js'
import { outOfPrisonBefore, pickTranche, trancheLength, ualFrom } from './tranche-allocation.js'
import { defaultedByCommencement } from '../extraction/booking-dates.js'
import { accepts } from './legislation-filters.js'
import { lengthInDays, addDurations, ZERO } from '../calendar/duration.js'

const PCSC = parseDate(COMMENCEMENTS.PCSC_2022.value)

export interface Group {
  sentences: CalcSentence[]
  from: LocalDate
  to: LocalDate
  hasRecall: boolean
}

export interface Snapshot {
  sentences: CalcSentence[]
}

export interface TrancheAllocation {
  name: string
  date: LocalDate
}

export interface TimelineResult {
  groups: Group[]
  sentences: CalcSentence[]
  sds40: TrancheAllocation | null
  sds40Snapshot: Snapshot | null
  progression: TrancheAllocation | null
  progressionSnapshot: Snapshot | null
  ftr56: TrancheAllocation | null
  /** Snapshot taken at ERS-30 commencement (switch useLatestErsedFromPreErs30Snapshot). */
  ers30Snapshot: Snapshot | null
  latestReleaseDate: LocalDate | null
}

type Handler = { priority: number; run: () => void }
const byPriority = (a: Handler, b: Handler): number => a.priority - b.priority

/** Total days of the entries linked to sentences passed on `iso`. */
function daysLinkedTo(list: AdjustmentInput[] | undefined, iso: string): number {
  let days = 0
  if (list) for (const a of list) if (a.appliesToSentencesFrom === iso) days += a.numberOfDays
  return days
}

/** Entries grouped by the date they apply to sentences from, in order of first appearance. */
function grouped(list: AdjustmentInput[] | undefined): Map<string, AdjustmentInput[]> {
  const m = new Map<string, AdjustmentInput[]>()
  for (const a of list ?? []) {
    const l = m.get(a.appliesToSentencesFrom)
    if (l) l.push(a)
    else m.set(a.appliesToSentencesFrom, [a])
  }
  return m
}

/**
 * What a sentence's dates depend on: its adjustments, each part's release fraction, its types,
 * its FTR56 state and its early-release tranche date. Recorded when its dates are calculated, so
 * that they are recalculated only when one of these has changed.
 */
type Inputs = ReadonlyArray<string | number | boolean | null | undefined>

function inputsOf(s: CalcSentence): Inputs {
  const a = s.adj
  const k: Array<string | number | boolean | null | undefined> = [
    a.remand,
    a.taggedBail,
    a.recallRemand,
    a.recallTaggedBail,
    a.awardedDuringCustody,
    a.ualDuringCustody,
    a.awardedAfterDeterminateRelease,
    a.ualAfterDeterminateRelease,
    a.ualAfterFtr,
    a.servedAdaDays,
    a.unusedAdaDays,
    a.unusedLicenceAdaDays,
    a.lastDayOfUal,
    s.ftr56Supported,
    s.ftr56Tranche?.toEpochDay(),
    s.sdsEarliestApplicable?.toEpochDay(),
    s.parts.length,
  ]
  for (const p of s.parts) k.push(p.multiplier)
  for (const t of s.types) k.push(t)
  return k
}

/** `inputsOf(s)` would equal `k` (compared without building it: most checks find no change). */
function sameInputs(k: Inputs, s: CalcSentence): boolean {
  const a = s.adj
  if (
    k.length !== 17 + s.parts.length + s.types.size ||
    !same(k[0], a.remand) ||
    !same(k[1], a.taggedBail) ||
    !same(k[2], a.recallRemand) ||
    !same(k[3], a.recallTaggedBail) ||
    !same(k[4], a.awardedDuringCustody) ||
    !same(k[5], a.ualDuringCustody) ||
    !same(k[6], a.awardedAfterDeterminateRelease) ||
    !same(k[7], a.ualAfterDeterminateRelease) ||
    !same(k[8], a.ualAfterFtr) ||
    !same(k[9], a.servedAdaDays) ||
    !same(k[10], a.unusedAdaDays) ||
    !same(k[11], a.unusedLicenceAdaDays) ||
    !same(k[12], a.lastDayOfUal) ||
    k[13] !== s.ftr56Supported ||
    !same(k[14], s.ftr56Tranche?.toEpochDay()) ||
    !same(k[15], s.sdsEarliestApplicable?.toEpochDay()) ||
    k[16] !== s.parts.length
  )
    return false
  let i = 17
  for (const p of s.parts) if (k[i++] !== p.multiplier) return false
  for (const t of s.types) if (k[i++] !== t) return false
  return true
}

/** Equal as numbers are when written out (NaN equals NaN; 0 equals -0). */
function same(x: unknown, y: unknown): boolean {
  return x === y || (x !== x && y !== y)
}

/** BOTUS (and all-BOTUS chains) and civil-imprisonment default terms never get remand or tagged bail. */
function neverCreditedRemand(cs: CalcSentence): boolean {
  return (
    cs.parts.every((p) => p.isBotus) ||
    cs.parts.every((p) => p.isFine && p.offenceCode !== null && CIVIL_OFFENCE_CODES.has(p.offenceCode))
  )
}

function isFtr(cs: CalcSentence): boolean {
  return cs.recall !== null && cs.recall.type.startsWith('FIXED_TERM')
}

export class Timeline {
  private current: CalcSentence[] = []
  private currentParts: Part[] = []
  private releasePoint: LocalDate | null = null
  private groups: Group[] = []
  private licence: CalcSentence[] = []
  private expired: CalcSentence[] = []
  private pada = 0
  private recalc = false
  private skip = false
  private sds40: TrancheAllocation | null = null
  private sds40Snapshot: Snapshot | null = null
  private progression: TrancheAllocation | null = null
  private progressionSnapshot: Snapshot | null = null
  private ftr56Commenced = false
  private ftr56: TrancheAllocation | null = null
  private ers30Snapshot: Snapshot | null = null
  private readonly calcKeys = new WeakMap<CalcSentence, Inputs>()
  /** Epoch day → that day and what happens on it. */
  private readonly events = new Map<number, { date: LocalDate; handlers: Handler[] }>()

  constructor(
    private readonly booking: BookingInput,
    private readonly parts: Part[],
    private readonly ctx: Context,
  ) {}

  private on(date: LocalDate, priority: number, run: () => void) {
    const k = date.toEpochDay()
    const day = this.events.get(k)
    if (day) day.handlers.push({ priority, run })
    else this.events.set(k, { date, handlers: [{ priority, run }] })
  }

  run(): TimelineResult {
    const { booking, ctx } = this
    const byDate = new Map<number, Part[]>()
    for (const p of this.parts) {
      const k = p.sentencedAt.toEpochDay()
      const l = byDate.get(k)
      if (l) l.push(p)
      else byDate.set(k, [p])
    }
    for (const ps of byDate.values()) {
      const date = ps[0]!.sentencedAt
      this.on(date, 50, () => this.sentenced(date, ps))
    }
    const adj = booking.adjustments
    for (const [d, list] of grouped(adj.ADDITIONAL_DAYS_AWARDED))
      this.on(parseDate(d), 70, () =>
        this.awarded(
          parseDate(d),
          list.reduce((s, a) => s + a.numberOfDays, 0),
        ),
      )
    for (const [d, list] of grouped(adj.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED))
      this.on(parseDate(d), 80, () =>
        this.awarded(parseDate(d), -list.reduce((s, a) => s + a.numberOfDays, 0)),
      )
    for (const [d, list] of grouped(adj.UNLAWFULLY_AT_LARGE))
      this.on(parseDate(d), 90, () => this.ual(parseDate(d), list))
    // Movements on the same day collapse to the last one listed (rules §14, quirk).
    const lastMovementOn = new Map<string, number>()
    booking.externalMovements.forEach((m, i) => lastMovementOn.set(m.movementDate, i))
    for (const [d, i] of lastMovementOn) {
      const date = parseDate(d)
      this.on(date, 60, () => this.movement(date, i))
    }
    // Early-release legislation.
    const profile = ctx.profile
    const s40 = profile.sds40
    for (const t of s40.tranches) {
      const date = parseDate(t.date)
      this.on(date, 20, () => this.allocateSds40(date))
      this.on(date, 35, () => this.sds40TrancheSnapshotAndApply(date))
    }
    const t3 = parseDate(profile.sds40Dates.trancheThree)
    this.on(t3, 30, () => this.sds40Amendment())
    const pm = profile.progressionModel
    if (pm) {
      for (const t of pm.tranches) {
        const date = parseDate(t.date)
        this.on(date, 20, () => this.allocateProgression(date, pm))
        this.on(date, 36, () => this.progressionSnapshotAndApply(date, pm))
      }
    }
    FTR_56_TRANCHES.forEach((t, i) => {
      const date = parseDate(t.date)
      this.on(date, 40, () => this.ftr56Event(date, i === 0))
    })

    const ers30 = parseDate(COMMENCEMENTS.ERS_30.value)
    if (
      ctx.toggles.useLatestErsedFromPreErs30Snapshot &&
      ctx.calculateErsed &&
      this.parts.some((p) => p.sentencedAt.isAfter(ers30))
    )
      this.on(ers30, 5, () => {
        this.ers30Snapshot = this.snapshot()
      })
    const keys = [...this.events.keys()].sort((a, b) => a - b)
    for (const k of keys) {
      const { date, handlers } = this.events.get(k)!
      this.releaseCheck(date)
      this.recalc = false
      this.skip = false
      if (handlers.length > 1) handlers.sort(byPriority)
      for (const h of handlers) h.run()
      if (this.recalc && !this.skip) this.recalculateGroup()
    }
    this.closeGroup()
    const all: CalcSentence[] = []
    for (const g of this.groups) for (const s of g.sentences) all.push(s)
    for (const s of all) if (!s.d) this.calc(s)
    const latest = all.reduce<LocalDate | null>(
      (m, s) => (s.d && (!m || s.d.releaseDate.isAfter(m)) ? s.d.releaseDate : m),
      null,
    )
    return {
      groups: this.groups,
      sentences: all,
      sds40: this.sds40,
      sds40Snapshot: this.sds40Snapshot,
      progression: this.progression,
      progressionSnapshot: this.progressionSnapshot,
      ftr56: this.ftr56,
      ers30Snapshot: this.ers30Snapshot,
      latestReleaseDate: latest,
    }
  }

  // ---- group handling -------------------------------------------------------------------

  private releaseCheck(date: LocalDate) {
    if (this.current.length && this.releasePoint && date.isAfter(this.releasePoint)) this.closeGroup(date)
    if (this.licence.length) {
      const still: CalcSentence[] = []
      for (const s of this.licence) {
        if (s.d && s.d.licenceExpiryAtRelease.isBefore(date)) this.expired.push(s)
        else still.push(s)
      }
      this.licence = still
    }
  }

  private closeGroup(date?: LocalDate) {
    if (!this.current.length) return
    const from = this.current.reduce(
      (m, s) => (s.sentencedAt.isBefore(m) ? s.sentencedAt : m),
      this.current[0]!.sentencedAt,
    )
    this.groups.push({
      sentences: this.current,
      from,
      to: this.releasePoint ?? from,
      hasRecall: this.current.some((s) => s.recall !== null),
    })
    for (const s of this.current) s.custodyPeriod = this.groups.length - 1
    for (const s of this.current) {
      if (date && s.d && s.d.licenceExpiryAtRelease.isAfter(date)) this.licence.push(s)
      else if (date) this.expired.push(s)
    }
    this.current = []
    this.currentParts = []
    this.releasePoint = null
  }

  /** Recalculate a sentence's dates, unless nothing they depend on has changed. */
  private calc(s: CalcSentence) {
    const previous = this.calcKeys.get(s)
    if (s.d && previous && sameInputs(previous, s)) return
    this.calcKeys.set(s, inputsOf(s))
    s.d = calculateDates(s, this.ctx)
    if (s.d.releaseDate.isAfter(s.d.expiry) && !s.recall && s.adj.awardedDuringCustody > 0) {
      s.adj.unusedAdaDays += daysBetween(s.d.expiry, s.d.releaseDate)
      s.d = calculateDates(s, this.ctx)
    }
    applyUnder18Switch(s, this.ctx)
  }

  private recalculateGroup() {
    if (!this.current.length) return
    let latest: CalcSentence | null = null
    for (const s of this.current) {
      this.calc(s)
      if (!latest || s.d!.adjustedRelease.isAfter(latest.d!.adjustedRelease)) latest = s
    }
    this.capLicenceAtGroupExpiry()
    let rp = defaultedByCommencement(latest!, latest!.d!.adjustedRelease)
    rp = this.ctx.workingDays.previousWorkingDay(rp)
    if (rp.isBefore(latest!.sentencedAt)) rp = latest!.sentencedAt
    this.releasePoint = rp
  }

  /**
   * Unused licence ADAs: a licence (from a consecutive ORA/non-ORA chain) cannot run beyond the
   * latest sentence expiry in the custody period; the excess is recorded on every sentence.
   */
  private capLicenceAtGroupExpiry() {
    let maxExpiry: LocalDate | null = null
    for (const s of this.current)
      if (s.d && (!maxExpiry || s.d.expiry.isAfter(maxExpiry))) maxExpiry = s.d.expiry
    if (!maxExpiry) return
    let excess = 0
    for (const s of this.current) {
      const led = s.d?.traces.LED?.rule === 'LED_CONSEC_ORA_AND_NON_ORA' ? s.d.led : null
      if (led && led.isAfter(maxExpiry)) excess = Math.max(excess, daysBetween(maxExpiry, led))
    }
    if (!excess) return
    for (const s of this.current) {
      s.adj.unusedLicenceAdaDays += excess
      this.calc(s)
    }
  }

  /** The in-custody sentence whose release is latest. */
  private latestInGroup(): CalcSentence | null {
    let latest: CalcSentence | null = null
    for (const s of this.current)
      if (s.d && (!latest || s.d.adjustedRelease.isAfter(latest.d!.adjustedRelease))) latest = s
    return latest
  }

  // ---- handlers ------------------------------------------------------------------------

  private multiplierFor(p: Part, date: LocalDate) {
    for (const l of this.ctx.profile.sdsLegislations) {
      if (parseDate(l.commencement).isAfter(date)) continue
      if (accepts(l, p)) {
        const m = l.multipliers[p.track === 'SDS_PLUS' ? 'SDS_PLUS' : 'SDS']
        if (m) {
          p.multiplier = m
          p.legislation = l.name
          return
        }
      }
    }
  }

  private sentenced(date: LocalDate, newParts: Part[]) {
    const ctx = this.ctx
    let servedAda = 0
    const latest = this.latestInGroup()
    if (latest && latest.d && date.isAfter(latest.d.releaseWithoutAwarded)) {
      servedAda = daysBetween(latest.d.releaseWithoutAwarded, date) - 1
      const groupIds = new Set(this.currentParts.map((p) => p.id))
      if (newParts.some((p) => p.consecutiveTo && groupIds.has(p.consecutiveTo))) servedAda = 0
    }
    for (const p of newParts) if (p.isSds) this.multiplierFor(p, date)
    const existing = new Map(this.current.map((s) => [s.key, s]))
    const allParts = [...this.currentParts, ...newParts]
    const combos = combine(allParts)
    let donor: Buckets | null = null
    for (const s of this.current) if (!donor || totalAdjustment(s.adj) > totalAdjustment(donor)) donor = s.adj
    const next: CalcSentence[] = []
    for (const c of combos) {
      const key = c.kind + ':' + c.parts.map((p) => p.id + '@' + p.index).join('>')
      const old = existing.get(key)
      if (old) {
        next.push(old)
        continue
      }
      const S = c.parts.reduce(
        (m, p) => (p.sentencedAt.isBefore(m) ? p.sentencedAt : m),
        c.parts[0]!.sentencedAt,
      )
      const total = c.termDuration ?? c.parts.map((p) => p.total).reduce((a, b) => addDurations(a, b), ZERO)
      let lengthDays = lengthInDays(total, S)
      // An all-DTO chain's length is capped at 24 months (rules §2.2).
      if (c.kind === 'chain' && c.parts.every((p) => p.isDto))
        lengthDays = Math.min(lengthDays, lengthInDays({ years: 0, months: 24, weeks: 0, days: 0 }, S))
      const recall = c.parts[0]!.recall
      const progressionArdToCrd = c.parts.some((p) => p.legislation === 'SDS_PROGRESSION_MODEL')
      const adj = emptyBuckets()
      if (donor) {
        adj.remand = donor.remand
        adj.taggedBail = donor.taggedBail
        adj.recallRemand = donor.recallRemand
        adj.recallTaggedBail = donor.recallTaggedBail
        adj.awardedDuringCustody = donor.awardedDuringCustody
        adj.servedAdaDays = donor.servedAdaDays
      }
      if (servedAda > 0) adj.servedAdaDays = servedAda
      // Carry UAL from any absorbed sentence.
      for (const o of this.current)
        if (o.parts.every((p) => c.parts.includes(p)))
          adj.ualDuringCustody = Math.max(adj.ualDuringCustody, o.adj.ualDuringCustody)
      const cs: CalcSentence = {
        key,
        parts: c.parts,
        kind: c.kind,
        sentencedAt: S,
        termDuration: c.termDuration,
        recall,
        lengthDays,
        types: new Set(),
        adj,
        ...this.inheritedTranche(c.parts, S),
        ftr56Tranche: this.ftr56Commenced && this.ftr56 ? this.ftr56.date : null,
        ftr56Supported: this.ftr56Commenced,
        progressionArdToCrd,
        d: null,
      }
      this.fixRecallRules(cs)
      cs.types = identify(
        {
          parts: c.parts,
          kind: c.kind,
          sentencedAt: S,
          lengthDays,
          isRecall: recall !== null,
          progressionArdToCrd,
        },
        ctx,
      )
      next.push(cs)
    }
    this.current = next
    this.currentParts = allParts
    // Remand and tagged bail linked to this date, and prospective ADAs.
    const iso = date.toString()
    const adj = this.booking.adjustments
    const remand = daysLinkedTo(adj.REMAND, iso)
    const tagged = daysLinkedTo(adj.TAGGED_BAIL, iso)
    const recallRemand = daysLinkedTo(adj.RECALL_REMAND, iso)
    const recallTagged = daysLinkedTo(adj.RECALL_TAGGED_BAIL, iso)
    for (const s of this.current) {
      const isRecall = s.recall !== null
      const noRemand = neverCreditedRemand(s)
      const preDto = s.parts.every((p) => p.isDto) && s.parts.every((p) => p.sentencedAt.isBefore(PCSC))
      if (!isRecall && !noRemand) {
        if (!preDto) s.adj.remand += remand
        s.adj.taggedBail += tagged
      }
      if (isRecall && !noRemand) {
        s.adj.recallRemand += recallRemand
        s.adj.recallTaggedBail += recallTagged
      }
      if (this.pada && !s.parts.every((p) => p.isTerm)) s.adj.awardedDuringCustody += this.pada
    }
    this.pada = 0
    for (const s of this.current) if (!s.d || newParts.some((p) => s.parts.includes(p))) this.calc(s)
    this.recalc = true
  }

  /**
   * A new calculable sentence (e.g. a chain formed when a consecutive sentence is added) whose
   * sentence date is before an early-release law's commencement keeps that law's tranche date.
   */
  private inheritedTranche(
    parts: Part[],
    S: LocalDate,
  ): Pick<CalcSentence, 'sdsEarliestApplicable' | 'sdsLegislationName'> {
    const pm = this.ctx.profile.progressionModel
    if (
      pm &&
      this.progression &&
      this.progressionSnapshot &&
      S.isBefore(parseDate(pm.commencement)) &&
      parts.some((p) => p.legislation === pm.name)
    )
      return { sdsEarliestApplicable: this.progression.date, sdsLegislationName: pm.name }
    const s40 = this.ctx.profile.sds40
    if (
      this.sds40 &&
      this.sds40Snapshot &&
      S.isBefore(parseDate(s40.commencement)) &&
      parts.some((p) => p.legislation === s40.name)
    )
      return { sdsEarliestApplicable: this.sds40.date, sdsLegislationName: s40.name }
    return { sdsEarliestApplicable: null, sdsLegislationName: null }
  }

  private fixRecallRules(cs: CalcSentence) {
    if (cs.parts.every((p) => p.isTerm)) cs.adj.awardedDuringCustody = 0
    if (cs.recall) {
      cs.adj.remand = 0
      cs.adj.taggedBail = 0
    } else {
      cs.adj.recallRemand = 0
      cs.adj.recallTaggedBail = 0
    }
    // Also for what a new sentence inherits from the custody period (rules §7).
    if (neverCreditedRemand(cs)) {
      cs.adj.remand = 0
      cs.adj.taggedBail = 0
    }
    if (cs.parts.every((p) => p.isDto) && cs.parts.every((p) => p.sentencedAt.isBefore(PCSC)))
      cs.adj.remand = 0
  }

  private awarded(date: LocalDate, n: number) {
    if (this.current.length) {
      let latestNonTerm: LocalDate | null = null
      for (const s of this.current) {
        if (s.parts.every((p) => p.isTerm) || !s.d) continue
        if (!latestNonTerm || s.d.adjustedRelease.isAfter(latestNonTerm)) latestNonTerm = s.d.adjustedRelease
      }
      if (latestNonTerm && !latestNonTerm.isBefore(date)) {
        for (const s of this.current) if (!s.parts.every((p) => p.isTerm)) s.adj.awardedDuringCustody += n
        this.recalc = true
      }
      return
    }
    const rtc = this.ctx.bookingRtc
    const ftrs = this.licence.filter(isFtr)
    if (ftrs.length && rtc && !date.isBefore(rtc)) {
      for (const s of ftrs) s.adj.awardedAfterDeterminateRelease += n
      for (const s of ftrs) this.calc(s)
    } else if (!this.licence.some((s) => s.recall !== null)) {
      this.pada += n
    }
  }

  private ual(date: LocalDate, list: AdjustmentInput[]) {
    const days = list.reduce((s, a) => s + a.numberOfDays, 0)
    let last: number | null = null
    for (const a of list) if (a.toDate) last = Math.max(last ?? -Infinity, parseDate(a.toDate).toEpochDay())
    const rtc = this.ctx.bookingRtc
    for (const s of this.current) {
      if (!s.d) continue
      if (!s.d.adjustedRelease.isBefore(date)) s.adj.ualDuringCustody += days
      else if (s.recall) {
        s.adj.ualAfterDeterminateRelease += days
        if (last !== null) s.adj.lastDayOfUal = Math.max(s.adj.lastDayOfUal ?? -Infinity, last)
      }
    }
    for (const s of this.licence) {
      if (!s.d) continue
      if (!s.d.adjustedRelease.isBefore(date)) {
        if (s.recall) s.adj.ualAfterDeterminateRelease += days
        else s.adj.ualDuringCustody += days
      } else if (s.recall) {
        s.adj.ualAfterDeterminateRelease += days
        if (isFtr(s) && rtc && !date.isBefore(rtc) && s.d.prrd && !date.isAfter(s.d.prrd))
          s.adj.ualAfterFtr += days
        if (last !== null) s.adj.lastDayOfUal = Math.max(s.adj.lastDayOfUal ?? -Infinity, last)
      }
      this.calc(s)
    }
    this.recalc = true
  }

  private movement(date: LocalDate, index: number) {
    const ms = this.booking.externalMovements
    const m = ms[index]!
    if (m.direction === 'OUT') {
      if (!this.current.length) return
      if (m.movementReason === 'ERS') {
        const next = ms[index + 1]
        if ((next && next.movementReason === 'FAILED_ERS_REMOVAL') || !date.isBefore(PCSC)) return
      }
      this.releasePoint = date
      this.skip = true
    } else {
      this.recalc = true
    }
  }

  // ---- SDS40 -------------------------------------------------------------------------

  private inScope(): CalcSentence[] {
    return [...this.current, ...this.licence]
  }

  private allocateSds40(date: LocalDate) {
    if (this.sds40) return
    const l = this.ctx.profile.sds40
    const commencement = parseDate(l.commencement)
    const cands = this.inScope().filter(
      (s) =>
        s.d &&
        s.d.adjustedRelease.isAfter(commencement) &&
        s.parts.some((p) => p.sentencedAt.isBefore(commencement) && p.track === 'SDS' && p.isSds),
    )
    if (!cands.length) return
    if (outOfPrisonBefore(this.booking, date)) return
    const lengths: number[] = []
    for (const s of this.inScope()) {
      const len = trancheLength(s, commencement, 'YEARS')
      if (len !== null) lengths.push(len)
    }
    const t = pickTranche(l.tranches, lengths)
    this.sds40 = { name: t.name, date: parseDate(t.date) }
  }

  private snapshot(): Snapshot {
    const list: CalcSentence[] = []
    for (const g of this.groups) for (const s of g.sentences) list.push(s)
    for (const s of this.current) list.push(s)
    return {
      sentences: list.map((s) => ({
        ...s,
        adj: { ...s.adj },
        types: new Set(s.types),
        parts: s.parts.map((p) => ({ ...p })),
      })),
    }
  }

  private sds40TrancheSnapshotAndApply(date: LocalDate) {
    if (!this.sds40 || !this.sds40.date.equals(date)) return
    this.sds40Snapshot = this.snapshot()
    const l = this.ctx.profile.sds40
    const commencement = parseDate(l.commencement)
    this.applyLegislation(l, date, (s) => s.d !== null && s.d.adjustedRelease.isAfter(date), commencement)
  }

  private applyLegislation(
    l: SdsLegislation,
    date: LocalDate,
    eligible: (s: CalcSentence) => boolean,
    commencement: LocalDate,
  ) {
    let changed = false
    for (const s of this.inScope()) {
      if (!eligible(s)) continue
      const ps = s.parts.filter((p) => accepts(l, p) && p.sentencedAt.isBefore(commencement))
      if (!ps.length) continue
      for (const p of ps) {
        const m = l.multipliers[p.track === 'SDS_PLUS' ? 'SDS_PLUS' : 'SDS']
        if (m) {
          p.multiplier = m
          p.legislation = l.name
        }
      }
      s.sdsEarliestApplicable = date
      s.sdsLegislationName = l.name
      s.adj.unusedAdaDays = 0
      if (l.name === 'SDS_PROGRESSION_MODEL' && !s.progressionArdToCrd) {
        s.progressionArdToCrd = true
        s.types = identify(
          {
            parts: s.parts,
            kind: s.kind,
            sentencedAt: s.sentencedAt,
            lengthDays: s.lengthDays,
            isRecall: s.recall !== null,
            progressionArdToCrd: true,
          },
          this.ctx,
        )
      }
      this.calc(s)
      changed = true
    }
    if (changed) this.recalc = true
  }

  private sds40Amendment() {
    let changed = false
    for (const s of this.current) {
      for (const p of s.parts) {
        if (
          p.isSds &&
          p.track === 'SDS' &&
          p.legislation === 'SDS_40' &&
          p.exclusions.some((e) => e.endsWith('_T3'))
        ) {
          p.multiplier = 'ONE_HALF'
          p.legislation = 'SDS_40_ADDITIONAL_EXCLUDED_OFFENCES'
          changed = true
        }
      }
    }
    if (changed) this.recalc = true
  }

  // ---- progression model -------------------------------------------------------------

  private allocateProgression(date: LocalDate, pm: SdsLegislation) {
    if (this.progression) return
    const commencement = parseDate(pm.commencement)
    const cands = this.inScope().filter(
      (s) =>
        s.d &&
        !s.d.releaseWithoutAwarded.minusDays(ualFrom(this.booking, commencement)).isBefore(commencement) &&
        s.parts.some((p) => p.sentencedAt.isBefore(commencement) && accepts(pm, p)),
    )
    if (!cands.length) return
    const lengths: number[] = []
    for (const s of this.inScope()) {
      const len = trancheLength(s, commencement, 'DAYS')
      if (len !== null) lengths.push(len)
    }
    const t = pickTranche(pm.tranches, lengths)
    this.progression = { name: t.name, date: parseDate(t.date) }
  }

  private progressionSnapshotAndApply(date: LocalDate, pm: SdsLegislation) {
    if (!this.progression || !this.progression.date.equals(date)) return
    this.progressionSnapshot = this.snapshot()
    const commencement = parseDate(pm.commencement)
    this.applyLegislation(
      pm,
      date,
      (s) => s.d !== null && s.d.releaseWithoutAwarded.isAfter(date),
      commencement,
    )
  }

  // ---- FTR56 -------------------------------------------------------------------------

  private ftr56Event(date: LocalDate, first: boolean) {
    const all = [...this.current, ...this.licence, ...this.expired]
    const ftr56 = all.filter(
      (s) =>
        s.recall?.type === 'FIXED_TERM_RECALL_56' ||
        s.parts.some((p) => p.recall?.type === 'FIXED_TERM_RECALL_56'),
    )
    if (first) {
      this.ftr56Commenced = true
      const t1 = date
      const revs = ftr56.map((s) => s.recall?.revocationDate).filter((d): d is LocalDate => !!d)
      if (revs.length) {
        const latestRev = revs.reduce((m, d) => (d.isAfter(m) ? d : m))
        const keep = ftr56.filter((s) => {
          if (!s.d || !s.d.adjustedExpiry.isAfter(latestRev)) return false
          if (s.recall?.revocationDate && s.recall.revocationDate.equals(t1)) return false
          // Kept when some 56-day recall part returned to custody by the first tranche date.
          return s.parts.some((p) => {
            if (p.recall?.type !== 'FIXED_TERM_RECALL_56') return false
            const rtc = p.recall.returnToCustodyDate ?? this.ctx.bookingRtc
            return rtc !== null && !rtc.isAfter(t1)
          })
        })
        if (keep.length) {
          const lengths = keep.map((s) => s.d!.daysToExpiry)
          const t = pickTranche(FTR_56_TRANCHES, lengths)
          this.ftr56 = { name: t.name, date: parseDate(t.date) }
        }
      }
    }
    let changed = false
    for (const s of ftr56) {
      if (s.ftr56Supported || !s.d) continue
      if (s.d.releaseDate.isAfter(date)) {
        s.ftr56Supported = true
        s.ftr56Tranche = this.ftr56 ? this.ftr56.date : null
        this.calc(s)
        changed = true
      }
    }
    if (changed) this.recalc = true
  }
}
