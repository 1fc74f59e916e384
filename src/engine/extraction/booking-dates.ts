/**
 * Booking-level dates: choosing, from every calculable sentence of every custody period, the
 * dates that govern the person's release (mostly the latest of each type, with the special
 * cases of §8 of the rules).
 */
import type { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { ageOn, periodBetween } from '../calendar/period.js'
import { step, trace, withHintRule, type DateTrace } from '../explain/trace.js'
import { cite } from '../legislation/citation.js'
import { breakdown, withBreakdown, type BreakdownRule, type DateBreakdown } from '../explain/breakdown.js'
import { daysBetween } from '../calendar/duration.js'
import type { CalcSentence } from '../model/calculable.js'
import type { Context } from '../model/context.js'
import { lessThan } from '../model/part.js'
import { mixedFixedTermRecallRelease } from '../rules/mixed-fixed-term-recall.js'

export interface Extracted {
  dates: Map<ReleaseDateType, LocalDate>
  traces: Map<ReleaseDateType, DateTrace>
  /**
   * Each date's breakdown, as recorded when the date was decided. Kept apart from `dates`: as in
   * the reference, a date worked out and then withheld (an HDCED after the release date, a date
   * the SDS40 merge drops) keeps its breakdown.
   */
  breakdowns: Map<ReleaseDateType, DateBreakdown>
  esl: string
  otherDates: Map<ReleaseDateType, LocalDate>
  ersedNotApplicableDueToDtoLaterThanCrd: boolean
  /** Sentence whose release is latest. */
  active: CalcSentence | null
  /** A 40% release date (or date derived from it) is one of the booking dates. */
  affectedBySds40: boolean
  /** A progression-model release date is one of the booking dates. */
  affectedByProgressionModel: boolean
  /** The sentence the ERSED came from. */
  ersedSentence?: CalcSentence | null
  /** Dates the SDS40 merge moved to the tranche date. */
  trancheDefaulted?: Set<ReleaseDateType>
  /** Dates the SDS40 merge labelled with one of its three rules. */
  sds40Labelled?: Set<ReleaseDateType>
}

function affected(
  all: readonly CalcSentence[],
  dates: Map<ReleaseDateType, LocalDate>,
  legislation: string,
  types: readonly ReleaseDateType[],
): boolean {
  return all.some(
    (s) =>
      s.d !== null &&
      !s.recall &&
      s.parts.some((p) => p.isSds && p.legislation === legislation) &&
      types.some((t) => {
        const bd = dates.get(t)
        const d = s.d!
        const sd =
          t === 'CRD' || t === 'ARD'
            ? d.adjustedRelease
            : t === 'HDCED'
              ? d.hdced
              : t === 'TUSED'
                ? d.tused
                : t === 'PED'
                  ? d.ped
                  : d.ersed
        return bd !== undefined && sd !== null && bd.equals(sd)
      }),
  )
}

const AGG = cite('Criminal Justice Act 2003, s.263 (concurrent terms) and s.264 (consecutive terms)')

function latest<T>(items: readonly T[], f: (t: T) => LocalDate | null): { item: T; date: LocalDate } | null {
  let best: { item: T; date: LocalDate } | null = null
  for (const it of items) {
    const d = f(it)
    if (d && (!best || d.isAfter(best.date))) best = { item: it, date: d }
  }
  return best
}

function withNote(
  t: DateTrace | undefined,
  note: string,
  hintRule?: string,
  moved?: DateBreakdown,
  value: LocalDate | undefined = moved?.date,
): DateTrace {
  const base = t ?? trace('EXTRACTED', note, [AGG], [])
  // A note that moves the date says where to, so the explanation ends on the date shown.
  let r: DateTrace = { ...base, steps: [...base.steps, step(note, value?.toString(), AGG)] }
  if (hintRule) r = withHintRule(r, hintRule)
  return moved ? withBreakdown(r, moved) : r
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The last date a trace's steps arrive at. */
function lastDate(t: DateTrace): string | undefined {
  for (let i = t.steps.length - 1; i >= 0; i--) {
    const v = t.steps[i]!.value
    if (v !== undefined && ISO_DATE.test(v)) return v
  }
  return undefined
}

/**
 * The breakdown of a date a booking-level rule moved to another sentence's date. The reference
 * counts the days moved only for an HDCED; for other dates it records 0.
 */
function movedTo(rule: BreakdownRule, to: LocalDate, from: LocalDate, countDays = false): DateBreakdown {
  return breakdown([rule], countDays ? daysBetween(to, from) : 0, to, from)
}

/**
 * Released on the day of sentence because remand and tagged bail exactly use up the custodial
 * period (the release is not merely held at the sentence date because more was credited).
 */
function immediateCustodyRelease(s: CalcSentence): boolean {
  const d = s.d!
  return d.immediateRelease && d.uncappedRelease.minusDays(s.adj.unusedAdaDays).equals(s.sentencedAt)
}

export function releaseDefaulted(s: CalcSentence): LocalDate {
  const d = s.d!
  if (s.recall) return d.releaseDate
  return defaultedByCommencement(s, d.adjustedRelease)
}

/**
 * Release cannot be before the commencement (tranche) date of the early-release law that set it.
 * Under the progression model the comparison is made without additional days awarded, which
 * are then added to the tranche date.
 */
export function defaultedByCommencement(s: CalcSentence, release: LocalDate): LocalDate {
  const T = s.sdsEarliestApplicable
  if (!T) return release
  if (s.sdsLegislationName === 'SDS_PROGRESSION_MODEL') {
    const awarded = s.adj.awardedDuringCustody
    return T.isAfter(release.minusDays(awarded)) ? T.plusDays(awarded) : release
  }
  return T.isAfter(release) ? T : release
}

function licenceExpiry(s: CalcSentence): LocalDate | null {
  if (s.types.has('SLED')) return s.d!.expiry
  if (s.types.has('LED')) return s.d!.led
  return null
}

export function extract(all: readonly CalcSentence[], ctx: Context): Extracted {
  const dates = new Map<ReleaseDateType, LocalDate>()
  const traces = new Map<ReleaseDateType, DateTrace>()
  const otherDates = new Map<ReleaseDateType, LocalDate>()
  const breakdowns = new Map<ReleaseDateType, DateBreakdown>()
  const recordBreakdown = (t: ReleaseDateType, tr: DateTrace | undefined) => {
    if (tr?.breakdown) breakdowns.set(t, tr.breakdown)
    else breakdowns.delete(t)
  }
  const set = (t: ReleaseDateType, d: LocalDate, tr: DateTrace | undefined, note?: string) => {
    dates.set(t, d)
    // A booking-level choice that lands on a date other than the one the trace arrives at says
    // which date it chose, so the explanation ends on the date shown.
    const final =
      note || !tr
        ? withNote(
            tr,
            note ?? 'Latest date of this type across all sentences',
            undefined,
            undefined,
            tr && lastDate(tr) !== d.toString() ? d : undefined,
          )
        : tr
    traces.set(t, final)
    recordBreakdown(t, final)
  }
  const ss = all.filter((s) => s.d)
  if (!ss.length)
    return {
      dates,
      traces,
      breakdowns,
      esl: 'P0D',
      otherDates,
      ersedNotApplicableDueToDtoLaterThanCrd: false,
      active: null,
      affectedBySds40: false,
      affectedByProgressionModel: false,
    }
  const multi = ss.length > 1
  const note = multi ? 'Latest of the concurrent and consecutive sentences' : undefined

  // ESED and effective sentence length.
  const loneBotus = ss.length === 1 && ss[0]!.parts.every((p) => p.isBotus)
  const esedFrom = latest(ss, (s) => s.d!.unadjustedExpiry)!
  const earliest = ss.reduce((m, s) => (s.sentencedAt.isBefore(m) ? s.sentencedAt : m), ss[0]!.sentencedAt)
  const esl = periodBetween(earliest, esedFrom.date.plusDays(1))
  if (!loneBotus) {
    set(
      'ESED',
      esedFrom.date,
      trace(
        'ESED',
        'Latest unadjusted sentence end date',
        [AGG],
        [step('Latest unadjusted expiry of all sentences', esedFrom.date.toString(), AGG)],
      ),
    )
  }

  // Release.
  const byRelease = latest(ss, releaseDefaulted)!
  const maxRel = byRelease.date
  const mostRecent = ss.filter((s) => releaseDefaulted(s).equals(maxRel))
  const active = mostRecent[0]!
  const latestReleaseDate = active.d!.releaseDate
  const dtos = ss.filter((s) => s.parts.every((p) => p.isDto))
  const nonDtos = ss.filter((s) => !s.parts.every((p) => p.isDto))
  const anyNonRecallRecent = mostRecent.some((s) => !s.recall)

  // Expiry.
  const lExp = latest(ss, (s) => s.d!.expiry)!
  const lLic = latest(ss, licenceExpiry)
  const expTrace = (s: CalcSentence) => s.d!.traces.SLED ?? s.d!.traces.SED
  let hasLicence = false
  if (lLic && lLic.date.equals(lExp.date) && lExp.item.types.has('SLED')) {
    set('SLED', lExp.date, expTrace(lExp.item), note)
    hasLicence = true
  } else if (dtos.length && nonDtos.length) {
    const ln = latest(nonDtos, (s) => s.d!.expiry)!
    const ld = latest(dtos, (s) => s.d!.expiry)!
    if (ln.date.equals(ld.date)) set('SLED', lExp.date, expTrace(lExp.item), note)
    else set('SED', lExp.date, expTrace(lExp.item), note)
  } else {
    set('SED', lExp.date, expTrace(lExp.item), note)
    // One calculable sentence: its LED whenever it is typed (§8.1); several: only when not
    // before the latest release date (§8.2).
    if (lLic && (!multi || !lLic.date.isBefore(latestReleaseDate))) {
      set('LED', lLic.date, lLic.item.d!.traces.LED ?? expTrace(lLic.item), note)
      hasLicence = true
    }
  }

  // Conditional or automatic.
  const relTrace = (s: CalcSentence) => s.d!.traces.CRD ?? s.d!.traces.ARD ?? s.d!.traces.MTD
  let conditional: boolean
  const under18 = ss.map((s) => ageOn(ctx.dob, s.d!.releaseDate) < 18)
  const allUnder18 = under18.every((u) => u)
  const lRel = latest(ss, (s) => s.d!.adjustedRelease)!
  const oraShort = ss
    .filter((s) => s.parts.every((p) => p.isSds))
    .some((s) => !s.parts.some((p) => p.ora) && lessThan(s.lengthDays, s.sentencedAt, 12, 'MONTHS'))
  const oraAny = ss.filter((s) => s.parts.every((p) => p.isSds)).some((s) => s.parts.some((p) => p.ora))
  if (!lRel.item.types.has('CRD') && oraShort && oraAny && lessThanYears(earliest, esedFrom.date, 4)) {
    const ledSentence = lExp.item
    const lSled = latest(
      ss.filter((s) => s.types.has('SLED')),
      (s) => s.d!.expiry,
    )
    conditional = !(ledSentence.types.has('SED') && (!lSled || latestReleaseDate.isAfter(lSled.date)))
    if (!conditional) dates.delete('LED')
  } else if (dtos.length) {
    const allAdults = under18.every((u) => !u)
    if (allUnder18 && lessThanMonths(earliest, esedFrom.date, 12)) conditional = false
    else if (nonDtos.length && allAdults) conditional = true
    else
      conditional = ss.some((s) => {
        const le = licenceExpiry(s)
        return le !== null && !le.isBefore(latestReleaseDate)
      })
    if (!nonDtos.length) conditional = false
    if (conditional && nonDtos.length && !dates.has('SLED')) {
      const nl = latest(nonDtos, licenceExpiry)
      if (nl) {
        set('LED', nl.date, nl.item.d!.traces.LED ?? expTrace(nl.item), note)
        hasLicence = true
      }
    }
  } else {
    conditional = ss.some((s) => {
      const le = licenceExpiry(s)
      return le !== null && !le.isBefore(latestReleaseDate)
    })
  }

  if (dtos.length && !nonDtos.length) {
    set('MTD', latestReleaseDate, relTrace(active), note)
    const ld = latest(dtos, (s) => s.d!.expiry)!.item
    if (ld.d!.etd && ld.d!.ltd) {
      set('ETD', ld.d!.etd, ld.d!.traces.ETD)
      set('LTD', ld.d!.ltd, ld.d!.traces.LTD)
    }
  } else if (dtos.length) {
    const lnd = latest(nonDtos, releaseDefaulted)!
    set(conditional ? 'CRD' : 'ARD', lnd.date, relTrace(lnd.item), note)
    const dto = latest(dtos, (s) => s.d!.adjustedRelease)!.item
    const pre = dto.parts.every((p) => p.track === 'DTO_BEFORE_PCSC')
    let mtd: LocalDate
    if (dto.d!.immediateRelease && !pre) mtd = dto.sentencedAt
    else if (conditional && pre) mtd = dto.d!.unadjustedRelease
    else if (conditional || allUnder18) mtd = dto.d!.adjustedRelease
    else mtd = latestReleaseDate
    set('MTD', mtd, relTrace(dto), 'Mid-term date of the detention and training order')
    if (!dtos.some((s) => s.d!.immediateRelease)) {
      const ld = latest(dtos, (s) => s.d!.expiry)!.item
      if (ld.d!.etd && ld.d!.ltd) {
        set('ETD', ld.d!.etd, ld.d!.traces.ETD)
        set('LTD', ld.d!.ltd, ld.d!.traces.LTD)
      }
    }
  } else if (anyNonRecallRecent) {
    const why = active.recall
      ? 'The sentence released last is a recall: its post-recall release date'
      : !latestReleaseDate.equals(active.d!.adjustedRelease)
        ? 'Not before the early-release tranche commencement date'
        : note
    set(conditional ? 'CRD' : 'ARD', latestReleaseDate, relTrace(active), why)
  }

  // PRRD.
  const lPrrd = latest(ss, (s) => s.d!.prrd)
  if (lPrrd) otherDates.set('PRRD', lPrrd.date)
  const recallRecent = mostRecent.some((s) => s.recall !== null)
  if (recallRecent) {
    const mixed = mixedFixedTermRecallRelease(ss, ctx.bookingRtc, dates.get('SLED'), latestReleaseDate)
    if (mixed) set('PRRD', mixed.date, active.d!.traces.PRRD, mixed.says)
    else set('PRRD', latestReleaseDate, active.d!.traces.PRRD, note)
  }

  // PED.
  if (active.types.has('PED')) {
    const lPed = latest(ss, (s) => s.d!.ped)
    if (lPed) {
      let pedTrace = lPed.item.d!.traces.PED
      let ped = lPed.date
      if (ped.isBefore(earliest)) {
        ped = earliest
        pedTrace = withNote(pedTrace, 'Not before the earliest sentence date', undefined, undefined, ped)
      }
      const others = ss.filter(
        (s) => !s.recall && !s.types.has('PED') && !s.parts.every((p) => p.isDto) && !s.d!.immediateRelease,
      )
      const lo = latest(others, releaseDefaulted)
      let skipPed = false
      if (lo) {
        if (!lo.date.isBefore(active.d!.adjustedRelease)) skipPed = true
        else if (ped.isBefore(lo.date)) {
          const ard = lo.item.types.has('ARD')
          pedTrace = withNote(
            pedTrace,
            'Adjusted to the release date of a concurrent sentence without a parole eligibility date',
            ard
              ? 'PED_ADJUSTED_TO_CONCURRENT_ACTUAL_RELEASE'
              : 'PED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE',
            movedTo(
              ard
                ? 'PED_EQUAL_TO_LATEST_NON_PED_ACTUAL_RELEASE'
                : 'PED_EQUAL_TO_LATEST_NON_PED_CONDITIONAL_RELEASE',
              lo.date,
              ped,
            ),
          )
          ped = lo.date
        }
      }
      if (!skipPed) set('PED', ped, pedTrace, note)
    }
  }

  // TUSED.
  if (lLic || hasLicence) {
    const nonB = ss.filter((s) => !s.parts.every((p) => p.isBotus))
    const lt = latest(nonB, (s) => s.d!.tused) ?? latest(ss, (s) => s.d!.tused)
    const licEnd = lLic?.date ?? dates.get('LED') ?? dates.get('SLED')
    if (lt && (!licEnd || lt.date.isAfter(licEnd))) {
      const dtoSed = latest(dtos, (s) => s.d!.expiry)
      if (!dtoSed || !dtoSed.date.isAfter(lt.date)) set('TUSED', lt.date, lt.item.d!.traces.TUSED)
    }
  } else if (dtos.length && !nonDtos.length) {
    const lt = latest(dtos, (s) => s.d!.tused)
    if (lt && !allUnder18 && dtos.every((s) => lessThan(s.lengthDays, s.sentencedAt, 2, 'YEARS')))
      set('TUSED', lt.date, lt.item.d!.traces.TUSED)
  } else {
    const botus = latest(
      ss.filter((s) => s.parts.every((p) => p.isBotus)),
      (s) => s.d!.tused,
    )
    if (botus) set('TUSED', botus.date, botus.item.d!.traces.TUSED)
  }

  // HDCED.
  const anyPlusEligible = ss.some((s) => s.parts.some((p) => p.isSds && (p.sdsPlusEligible || p.isSDSPlus)))
  const lnr = latest(
    ss.filter((s) => !s.recall && !s.parts.every((p) => p.isDto)),
    releaseDefaulted,
  )
  if (!anyPlusEligible && lnr && lnr.item.d!.hdced) {
    const candidates = ss.filter((s) => s.d!.hdced && !s.sentencedAt.plusDays(14).isAfter(latestReleaseDate))
    const lh = latest(candidates, (s) => s.d!.hdced)
    if (lh) {
      let hdced = lh.date
      let tr = lh.item.d!.traces.HDCED
      const relForHdc = dates.get('CRD') ?? dates.get('ARD') ?? latestReleaseDate
      const eligible = relForHdc.isAfter(hdced)
      // Rules §9.4: the sentences without an HDCED (not DTOs) that release after it. An
      // immediate release counts when some of them are not immediate releases, or when it is the
      // latest and an immediate custody release (its remand ends exactly on the day of sentence).
      const without = ss.filter(
        (s) => !s.d!.hdced && !s.parts.every((p) => p.isDto) && releaseDefaulted(s).isAfter(hdced),
      )
      const onlyImmediate = without.every((s) => s.recall === null && s.d!.immediateRelease)
      const lw = latest(without, releaseDefaulted)
      if (lw && (!onlyImmediate || immediateCustodyRelease(lw.item))) {
        const rule = lw.item.recall
          ? 'HDCED_ADJUSTED_TO_CONCURRENT_PRRD'
          : lw.item.types.has('ARD')
            ? 'HDCED_ADJUSTED_TO_CONCURRENT_ACTUAL_RELEASE'
            : 'HDCED_ADJUSTED_TO_CONCURRENT_CONDITIONAL_RELEASE'
        tr = withNote(
          tr,
          lw.item.recall
            ? 'Adjusted to the post-recall release date of a concurrent sentence'
            : 'Adjusted to the release date of a concurrent sentence not eligible for HDC',
          rule,
          movedTo(rule, lw.date, hdced, true),
        )
        hdced = lw.date
      }
      recordBreakdown('HDCED', tr)
      if (eligible) {
        if (recallRecent) {
          const prrd = dates.get('PRRD')
          const crdArd = dates.get('CRD') ?? dates.get('ARD')
          if (prrd && crdArd && !prrd.equals(crdArd) && prrd.isBefore(crdArd)) set('HDCED', hdced, tr)
        } else set('HDCED', hdced, tr)
      }
    }
  }

  // ERSED.
  let ersedNotApplicable = false
  let ersedSentence: CalcSentence | null = null
  if (ctx.calculateErsed) {
    const cands = ss.filter((s) => s.d!.ersed && (ss.length === 1 || !s.d!.immediateRelease))
    const le = latest(cands, (s) => s.d!.ersed)
    if (le) {
      let ersed: LocalDate | null = le.date
      let tr = le.item.d!.traces.ERSED
      // Only default terms served in the same custody period as the ERSED's sentence count.
      const terms = ss.filter(
        (s) => s.parts.every((p) => p.isFine || p.isBotus) && s.custodyPeriod === le.item.custodyPeriod,
      )
      const lt = latest(terms, (s) => s.d!.adjustedRelease)
      if (lt && lt.date.isAfter(le.item.d!.adjustedRelease)) ersed = null
      else if (lt && lt.date.isAfter(le.date)) {
        tr = withNote(
          tr,
          'Adjusted to the release of a concurrent default term',
          undefined,
          movedTo('ERSED_ADJUSTED_TO_CONCURRENT_TERM', lt.date, le.date),
        )
        ersed = lt.date
      }
      const mtd = dates.get('MTD')
      const rel = dates.get('CRD') ?? dates.get('ARD')
      if (ersed && mtd && rel && dtos.length) {
        if (mtd.isBefore(rel)) {
          if (mtd.isAfter(ersed)) {
            tr = withNote(
              tr,
              'Adjusted to the mid-term date of the detention and training order',
              undefined,
              movedTo('ERSED_ADJUSTED_TO_MTD', mtd, ersed),
            )
            ersed = mtd
          }
        } else {
          ersed = null
          ersedNotApplicable = true
        }
      }
      if (ersed) {
        set('ERSED', ersed, tr)
        ersedSentence = le.item
      }
    }
  }
  return {
    dates,
    traces,
    breakdowns,
    esl,
    otherDates,
    ersedNotApplicableDueToDtoLaterThanCrd: ersedNotApplicable,
    active,
    ersedSentence,
    affectedBySds40: affected(ss, dates, 'SDS_40', ['CRD', 'ARD', 'HDCED', 'TUSED', 'PED', 'ERSED']),
    affectedByProgressionModel: affected(ss, dates, 'SDS_PROGRESSION_MODEL', ['CRD', 'PED', 'ERSED']),
  }
}

function lessThanMonths(from: LocalDate, esed: LocalDate, months: number): boolean {
  return esed.plusDays(1).isBefore(from.plusMonths(months))
}

function lessThanYears(from: LocalDate, esed: LocalDate, years: number): boolean {
  return esed.plusDays(1).isBefore(from.plusYears(years))
}
