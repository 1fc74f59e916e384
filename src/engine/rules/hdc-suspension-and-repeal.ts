/**
 * Suspension and repeal of home detention curfew for adults (feature switches
 * `adultHdcSuspended` and `applyPostHdcedRepealRules`): HDC remains only for section 250
 * detention (Sentencing Act 2020, s.250) and default/detention terms.
 */
import type { CalcSentence } from '../model/calculable.js'
import type { Context } from '../model/context.js'
import type { Extracted } from '../extraction/booking-dates.js'
import { COMMENCEMENTS } from '../legislation/commencements.js'
import { parseDate } from '../calendar/dates.js'

const CLEAN_STOP = parseDate(COMMENCEMENTS.HDC_CLEAN_STOP.value)

export function isAdultSentence(s: CalcSentence): boolean {
  return s.parts.some((p) => !p.isTerm && !(p.isSds && p.isSection250))
}

export function applyHdcSuspensionAndRepeal(
  r: Extracted,
  all: readonly CalcSentence[],
  ctx: Context,
  progressionAffected: boolean,
): Extracted {
  const hdced = r.dates.get('HDCED')
  if (!hdced) return r
  const anyAdult = all.some(isAdultSentence)
  let drop = false
  if (ctx.toggles.adultHdcSuspended && anyAdult) drop = true
  if (
    ctx.toggles.applyPostHdcedRepealRules &&
    anyAdult &&
    (!hdced.isBefore(CLEAN_STOP) || progressionAffected)
  )
    drop = true
  if (!drop) return r
  const dates = new Map(r.dates)
  const traces = new Map(r.traces)
  const breakdowns = new Map(r.breakdowns)
  dates.delete('HDCED')
  traces.delete('HDCED')
  breakdowns.delete('HDCED')
  return { ...r, dates, traces, breakdowns }
}
