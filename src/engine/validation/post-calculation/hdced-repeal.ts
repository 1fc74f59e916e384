/**
 * HDCED_REPEAL: with the post-HDC-repeal rules switched on, a person released on home detention
 * curfew and not readmitted since cannot be calculated by the engine.
 */
import type { ValidationMessage } from '../engine-parts.js'
import { parseDate } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

export function hdcedRepeal({ booking, ctx, timeline }: PostCalculationInput): ValidationMessage[] {
  if (!ctx.toggles.applyPostHdcedRepealRules) return []
  if (!timeline.sentences.some((s) => s.d?.hdced)) return []
  const ms = booking.externalMovements
  const hdcOut = ms.filter((m) => m.direction === 'OUT' && m.movementReason === 'HDC')
  const last = hdcOut[hdcOut.length - 1]
  if (!last) return []
  const outDate = parseDate(last.movementDate)
  if (ms.some((m) => m.direction === 'IN' && parseDate(m.movementDate).isAfter(outDate))) return []
  return [validationMessage('HDCED_REPEAL', { date: last.movementDate })]
}
