/**
 * All dates of one calculable sentence: applies the adjustments to the unadjusted release and
 * expiry, then works out LED, PED, TUSED, HDCED, ERSED, PRRD and DTO transfer dates.
 * Sources: Criminal Justice Act 2003 s.240ZA (remand), s.240A (tagged bail), s.257 (additional
 * days), s.244 (release), s.249 (duration of licence); Prison Act 1952 s.49(2) (unlawfully at
 * large); Prison Rules 1999 r.55 (additional days) and r.61 (restoration); Young Offender
 * Institution Rules 2000 r.60 (additional days).
 */
import { parseDate } from '../calendar/dates.js'
import { LocalDate } from '@js-joda/core'
import type { ExplanationStep } from '../api.js'
import { daysBetween, lengthInDays, thresholdDays } from '../calendar/duration.js'
import { breakdown } from '../explain/breakdown.js'
import { ageOn } from '../calendar/period.js'
import { step, trace, type Traces } from '../explain/trace.js'
import { cite } from '../legislation/citation.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { ceilExact, floorTimes, RELEASE_FRACTIONS } from '../legislation/release-fractions.js'
import { deductions } from '../model/adjustments.js'
import type { CalcSentence, Dates } from '../model/calculable.js'
import type { Context } from '../model/context.js'
import { lessThan, type Recall } from '../model/part.js'
import { earlyRemovalDate } from './early-removal.js'
import { hdcEligibilityDate } from './hdc-eligibility-date.js'
import { postRecallRelease } from './post-recall-release.js'
import { topUpSupervisionExpiry } from './top-up-supervision.js'
import { unadjusted } from './unadjusted-release.js'

const HDC365 = parseDate(COMMENCEMENTS.HDC_365.value)
const ERS30 = parseDate(COMMENCEMENTS.ERS_30.value)
const REMAND = cite(
  'Criminal Justice Act 2003, s.240ZA (time remanded in custody counts as time served)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/240ZA',
)
const TAGGED = cite(
  'Criminal Justice Act 2003, s.240A (tagged bail credit)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/240A',
)
const UAL = cite('Prison Act 1952, s.49(2) (time unlawfully at large does not count)')
const ADA = cite(
  'Criminal Justice Act 2003, s.257 (additional days for disciplinary offences); Prison Rules 1999, r.55 and Young Offender Institution Rules 2000, r.60 (additional days awarded); Prison Rules 1999, r.61 (restoration)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/257',
)
const EXPIRY = cite(
  'Criminal Justice Act 2003, s.249 (licence remains in force until the end of the sentence)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/249',
)
const LED75 = cite(
  'Criminal Justice Act 1991, s.37(1) (licence until three-quarters of the sentence)',
  'https://www.legislation.gov.uk/ukpga/1991/53/section/37',
)
// An earlier text cited "Offender Rehabilitation Act 2014, s.5" here; no section of that Act is
// confirmed as the source of the half-of-the-ORA-parts licence, which follows the reference
// service, so CJA 2003 is cited at section level (docs/rules.md section 7).
const ORA_LED = cite(
  'Criminal Justice Act 2003, s.264 (consecutive terms) and s.249 (duration of licence), as they apply to terms for offences on or after 1 February 2015 (Offender Rehabilitation Act 2014)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/264',
)
const DTO = cite(
  'Sentencing Act 2020, ss.233-248 (detention and training orders: release at the half-way point, early or late release by one or two months); for convictions before 1 December 2020, Powers of Criminal Courts (Sentencing) Act 2000, s.102',
  'https://www.legislation.gov.uk/ukpga/2020/17/section/233',
)
const BOTUS = cite(
  'Criminal Justice Act 2003, s.256AC (breach of supervision requirements)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/256AC',
)

function max(a: LocalDate, b: LocalDate): LocalDate {
  return a.isAfter(b) ? a : b
}

/**
 * The booking and the recall can carry different return-to-custody dates. The reference cases
 * show 14/28-day recalls counting from the booking's date and 56-day recalls from the recall's
 * own date; each falls back to the other when absent.
 */
function returnToCustody(recall: Recall, bookingRtc: LocalDate | null): LocalDate | null {
  return recall.type === 'FIXED_TERM_RECALL_56'
    ? (recall.returnToCustodyDate ?? bookingRtc)
    : (bookingRtc ?? recall.returnToCustodyDate)
}

function adjustmentSteps(cs: CalcSentence, withAwarded: boolean): ExplanationStep[] {
  const a = cs.adj
  const out: ExplanationStep[] = []
  if (a.remand) out.push(step('Less remand', `${a.remand} days`, REMAND))
  if (a.taggedBail) out.push(step('Less tagged bail', `${a.taggedBail} days`, TAGGED))
  if (a.recallRemand) out.push(step('Less recall remand', `${a.recallRemand} days`, REMAND))
  if (a.recallTaggedBail) out.push(step('Less recall tagged bail', `${a.recallTaggedBail} days`, TAGGED))
  if (a.ualDuringCustody) out.push(step('Plus unlawfully at large', `${a.ualDuringCustody} days`, UAL))
  if (withAwarded) {
    if (a.awardedDuringCustody)
      out.push(step('Plus net additional days awarded', `${a.awardedDuringCustody} days`, ADA))
    if (a.servedAdaDays) out.push(step('Less additional days already served', `${a.servedAdaDays} days`, ADA))
    if (a.unusedAdaDays)
      out.push(step('Less additional days that would pass expiry (unused)', `${a.unusedAdaDays} days`, ADA))
  }
  return out
}

export function calculateDates(cs: CalcSentence, ctx: Context): Dates {
  const S = cs.sentencedAt
  const a = cs.adj
  const types = cs.types
  const u = unadjusted(cs)
  const D = deductions(a)
  const Uc = a.ualDuringCustody
  const Ul = a.ualAfterDeterminateRelease
  const Ac = a.awardedDuringCustody
  const unadjustedExpiry = S.plusDays(u.daysToExpiry - 1)
  const unadjustedRelease = S.plusDays(u.daysToRelease - 1)
  const unadjustedPed = u.daysToPed === null ? null : S.plusDays(u.daysToPed - 1)
  const releaseWithoutAwarded = unadjustedRelease.plusDays(Uc - D)
  const uncappedRelease = releaseWithoutAwarded.plusDays(Ac - a.servedAdaDays)
  const adjustedRelease = max(S, uncappedRelease.minusDays(a.unusedAdaDays))
  const adjustedExpiry = unadjustedExpiry.plusDays(Uc + Ul - D)
  let expiry = max(adjustedExpiry, S)
  if (a.lastDayOfUal !== null) expiry = max(expiry, LocalDate.ofEpochDay(a.lastDayOfUal + 1))
  const immediateRelease = adjustedRelease.equals(S)
  const traces: Traces = {}
  const isDto = cs.parts.every((p) => p.isDto)

  const releaseType = types.has('CRD') ? 'CRD' : types.has('ARD') ? 'ARD' : 'MTD'
  const releaseSteps = [
    step('Sentence date (day 1)', S.toString()),
    ...u.steps,
    step(`Day ${u.daysToRelease} counting the sentence date as day 1`, unadjustedRelease.toString()),
    ...adjustmentSteps(cs, true),
  ]
  if (uncappedRelease.minusDays(a.unusedAdaDays).isBefore(S))
    releaseSteps.push(step('Not before the sentence date', S.toString()))
  releaseSteps.push(step('Release date', adjustedRelease.toString()))
  const mult = RELEASE_FRACTIONS[cs.parts[0]!.multiplier]
  traces[releaseType] = {
    ...trace(
      isDto ? 'DTO_MID_TERM' : `RELEASE_AT_${cs.parts[0]!.multiplier}`,
      isDto
        ? 'Detention and training order: mid-term release at one half'
        : 'Release after the requisite custodial period, adjusted',
      [isDto ? DTO : mult.source],
      releaseSteps,
    ),
    breakdown: breakdown(
      immediateRelease ? ['IMMEDIATE_RELEASE'] : [],
      daysBetween(unadjustedRelease, adjustedRelease),
      adjustedRelease,
      unadjustedRelease,
    ),
  }
  const expirySteps = [
    step('Sentence date (day 1)', S.toString()),
    step('Sentence length', `${u.daysToExpiry} days`, EXPIRY),
    step(`Day ${u.daysToExpiry}`, unadjustedExpiry.toString()),
    ...adjustmentSteps(cs, false),
  ]
  if (Ul) expirySteps.push(step('Plus unlawfully at large after release', `${Ul} days`, UAL))
  expirySteps.push(step('Sentence expiry', expiry.toString(), EXPIRY))
  traces[types.has('SLED') ? 'SLED' : 'SED'] = {
    ...trace(
      'SENTENCE_EXPIRY',
      'End of the sentence, adjusted for remand, tagged bail and UAL',
      [EXPIRY],
      expirySteps,
    ),
    breakdown: breakdown([], daysBetween(unadjustedExpiry, expiry), expiry, unadjustedExpiry),
  }

  // Parole eligibility (EDS discretionary, SOPC).
  let ped: LocalDate | null = null
  if (unadjustedPed) {
    ped = unadjustedPed.plusDays(Uc - D + Ac - a.servedAdaDays)
    traces.PED = {
      breakdown: breakdown([], daysBetween(unadjustedPed, ped), ped, unadjustedPed),
      ...trace(
        'PED_EXTENDED_OR_SOPC',
        'Parole eligibility date',
        [u.pedSteps[0]?.cites ?? EXPIRY],
        [
          step('Sentence date (day 1)', S.toString()),
          ...u.pedSteps,
          ...adjustmentSteps(cs, true),
          step('Parole eligibility date', ped.toString()),
        ],
      ),
    }
  }

  // Licence expiry (only where LED is typed separately from SED).
  let led: LocalDate | null = null
  if (types.has('LED') && !types.has('SLED')) {
    const anyOra = cs.parts.some((p) => p.ora)
    const allOra = cs.parts.every((p) => p.ora)
    if (cs.kind === 'chain' && anyOra && !allOra) {
      const oraDays = lengthInDays(
        cs.parts
          .filter((p) => p.ora)
          .reduce(
            (acc, p) => ({
              years: acc.years + p.total.years,
              months: acc.months + p.total.months,
              weeks: acc.weeks + p.total.weeks,
              days: acc.days + p.total.days,
            }),
            { years: 0, months: 0, weeks: 0, days: 0 },
          ),
        S,
      )
      const half = floorTimes(oraDays, { numerator: 1, denominator: 2 })
      led = adjustedRelease.plusDays(half - a.unusedLicenceAdaDays)
      traces.LED = trace(
        'LED_CONSEC_ORA_AND_NON_ORA',
        'Licence for half of the ORA parts after release',
        [ORA_LED],
        [
          step('Release date', adjustedRelease.toString()),
          step('Plus half the ORA parts, rounded down', `${half} days`, ORA_LED),
          step('Licence expiry date', led.toString()),
        ],
      )
    } else {
      const three = ceilExact(u.daysToExpiry * 3, 4)
      const extra = cs.recall === null && D >= u.daysToRelease ? D - u.daysToRelease : 0
      led = S.plusDays(three + extra + Uc - D - 1)
      const ledFrom = S.plusDays(three - 1)
      traces.LED = {
        breakdown: breakdown([], daysBetween(ledFrom, led), led, ledFrom),
        ...trace(
          'LED_THREE_QUARTERS',
          'Licence until three quarters of the sentence',
          [LED75],
          [
            step('Sentence date (day 1)', S.toString()),
            step('Three quarters of the sentence, rounded up', `${three} days`, LED75),
            ...adjustmentSteps(cs, false),
            step('Licence expiry date', led.toString()),
          ],
        ),
      }
    }
  }

  // Top-up supervision.
  let tused: LocalDate | null = null
  if (
    types.has('TUSED') &&
    !ctx.toggles.applyPostRecallRepealRules &&
    u.daysToExpiry - u.daysToRelease < 365 &&
    ageOn(ctx.dob, releaseWithoutAwarded) >= 18
  ) {
    if (cs.parts.length === 1 && cs.parts[0]!.isBotus) {
      const hist = cs.parts[0]!.latestTusedDate
      if (hist) {
        tused = hist
        traces.TUSED = trace(
          'TUSED_HISTORIC_BOTUS',
          'Top-up supervision expiry recorded for the breach',
          [BOTUS],
          [step('Latest TUSED recorded before the breach', hist.toString(), BOTUS)],
        )
      }
    } else {
      const t = topUpSupervisionExpiry({
        S,
        immediateRelease,
        unadjustedRelease,
        adjustmentDays: Uc - D,
        ualAfterRelease: Ul,
      })
      tused = t.date
      traces.TUSED = t.trace
    }
  } else if (
    types.has('TUSED') &&
    cs.parts.length === 1 &&
    cs.parts[0]!.isBotus &&
    cs.parts[0]!.latestTusedDate
  ) {
    tused = cs.parts[0]!.latestTusedDate
    traces.TUSED = trace(
      'TUSED_HISTORIC_BOTUS',
      'Top-up supervision expiry recorded for the breach',
      [BOTUS],
      [step('Latest TUSED recorded before the breach', tused.toString(), BOTUS)],
    )
  }

  // Home detention curfew.
  let hdced: LocalDate | null = null
  if (types.has('HDCED')) {
    const spans =
      cs.kind === 'chain' &&
      cs.parts.some((p) => p.sentencedAt.isBefore(HDC365)) &&
      cs.parts.some((p) => !p.sentencedAt.isBefore(HDC365))
    const h = hdcEligibilityDate({
      S,
      daysToRelease: u.daysToRelease,
      releaseNum: u.releaseNum,
      releaseDen: u.releaseDen,
      adjustedRelease,
      deductions: D,
      ual: Uc,
      awarded: Ac - a.unusedAdaDays - a.servedAdaDays,
      spansHdc365: spans,
    })
    if (h) {
      hdced = h.date
      traces.HDCED = h.trace
    }
  }

  // Recall.
  let prrd: LocalDate | null = null
  if (cs.recall) {
    const p = postRecallRelease({
      recall: cs.recall,
      rtc: returnToCustody(cs.recall, ctx.bookingRtc),
      expiry,
      ualAfterFtr: a.ualAfterFtr,
      awardedAfterRelease: a.awardedAfterDeterminateRelease,
      ftr56Supported: cs.ftr56Supported,
      ftr56Tranche: cs.ftr56Tranche,
    })
    prrd = p.date
    traces.PRRD = p.trace
  }

  // Early removal.
  let ersed: LocalDate | null = null
  const ersTrack = cs.parts.some(
    (p) =>
      p.track === 'SDS' || p.track === 'SDS_PLUS' || p.track.startsWith('EDS') || p.track.startsWith('SOPC'),
  )
  const oldStyle = cs.parts.every((p) => !p.isSds || p.oldStyle) && cs.parts.some((p) => p.isSds)
  if (ctx.calculateErsed && !cs.recall && ersTrack && !oldStyle) {
    const e = earlyRemovalDate({
      S,
      effective: ped ?? adjustedRelease,
      effectiveUnadjusted: unadjustedPed ?? unadjustedRelease,
      adjustments: Uc - D + Ac - a.servedAdaDays,
      ual: Uc,
      awarded: Ac,
      unusedAda: a.unusedAdaDays,
      servedAda: a.servedAdaDays,
      afterErs30: cs.parts.some((p) => !p.sentencedAt.isBefore(ERS30)),
    })
    ersed = e.date
    traces.ERSED = e.trace
  }

  // DTO transfer dates.
  let etd: LocalDate | null = null
  let ltd: LocalDate | null = null
  if (isDto && !immediateRelease) {
    // The sentence length (§2.2: for a chain the element-wise sum of the durations, capped at
    // 24 months), not the days served end to end.
    const L = cs.lengthDays
    let shift = 0
    if (L >= thresholdDays(S, 8, 'MONTHS') && lessThan(L, S, 18, 'MONTHS')) shift = 1
    else if (L >= thresholdDays(S, 18, 'MONTHS') && L <= thresholdDays(S, 24, 'MONTHS')) shift = 2
    if (shift) {
      etd = adjustedRelease.minusMonths(shift)
      ltd = adjustedRelease.plusMonths(shift)
      traces.ETD = trace(
        'DTO_EARLY_TRANSFER',
        `Early transfer: ${shift} month(s) before mid-term`,
        [DTO],
        [
          step('Mid-term date', adjustedRelease.toString()),
          step(`Less ${shift} month(s)`, etd.toString(), DTO),
        ],
      )
      traces.LTD = trace(
        'DTO_LATE_TRANSFER',
        `Late transfer: ${shift} month(s) after mid-term`,
        [DTO],
        [
          step('Mid-term date', adjustedRelease.toString()),
          step(`Plus ${shift} month(s)`, ltd.toString(), DTO),
        ],
      )
    }
  }

  // Licence expiry at initial release: extended by deductions exceeding the days to release.
  const licBase = led ?? expiry
  const excess = D - u.daysToRelease
  const licenceExpiryAtRelease = excess > 0 && cs.recall === null ? licBase.plusDays(excess) : licBase

  return {
    daysToExpiry: u.daysToExpiry,
    releaseNum: u.releaseNum,
    releaseDen: u.releaseDen,
    daysToRelease: u.daysToRelease,
    daysToPed: u.daysToPed,
    unadjustedExpiry,
    unadjustedRelease,
    unadjustedPed,
    releaseWithoutAwarded,
    uncappedRelease,
    adjustedRelease,
    adjustedExpiry,
    expiry,
    ped,
    led,
    tused,
    hdced,
    ersed,
    prrd,
    etd,
    ltd,
    releaseDate: prrd ?? adjustedRelease,
    immediateRelease,
    licenceExpiryAtRelease,
    traces,
  }
}

/**
 * The switches made by `applyUnder18Switch`, keyed by the type set they were made on (a fresh
 * identification starts without any).
 */
const under18Switched = new WeakMap<CalcSentence['types'], { sled: boolean; crd: boolean }>()

/**
 * Under-18 switch: short sentences of under-18s carry no licence (SLED→SED, CRD→ARD). The
 * reference evaluates it on the current release date each time the types are read, so a switch
 * made earlier on the timeline is undone when the release date moves to the 18th birthday or later.
 */
export function applyUnder18Switch(cs: CalcSentence, ctx: Context): void {
  const d = cs.d
  if (!d) return
  const t = cs.types
  const done = under18Switched.get(t)
  const applies =
    !cs.parts.every((p) => p.isDto) &&
    lessThan(cs.lengthDays, cs.sentencedAt, 12, 'MONTHS') &&
    ageOn(ctx.dob, d.releaseDate) < 18
  if (!applies) {
    if (!done) return
    under18Switched.delete(t)
    if (done.sled) {
      t.delete('SED')
      t.add('SLED')
      if (d.traces.SED) d.traces.SLED = d.traces.SED
    }
    if (done.crd) {
      t.delete('ARD')
      t.add('CRD')
      if (d.traces.ARD) d.traces.CRD = d.traces.ARD
    }
    return
  }
  const sled = t.has('SLED')
  const crd = t.has('CRD')
  if (sled || crd)
    under18Switched.set(t, { sled: (done?.sled ?? false) || sled, crd: (done?.crd ?? false) || crd })
  if (sled) {
    t.delete('SLED')
    t.add('SED')
    if (d.traces.SLED) d.traces.SED = d.traces.SLED
  }
  if (crd) {
    t.delete('CRD')
    t.add('ARD')
    if (d.traces.CRD) d.traces.ARD = d.traces.CRD
  }
}
