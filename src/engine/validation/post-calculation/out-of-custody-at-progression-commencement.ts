/**
 * UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT: a progression-model tranche was
 * allocated but the person was out of custody when the model commenced (unlawfully at large, or
 * released on ERS or parole without a later admission). Calculated manually.
 */
import type { ValidationMessage } from '../engine-parts.js'
import { parseDate } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

const UAL_REASONS_DAY_BEFORE = new Set(['ESCAPE', 'IMMIGRATION_DETENTION', 'SENTENCED_IN_ABSENCE'])

export function outOfCustodyAtProgressionCommencement({
  booking,
  ctx,
  timeline,
}: PostCalculationInput): ValidationMessage[] {
  const pm = ctx.profile.progressionModel
  if (!pm || !timeline.progression) return []
  const c = parseDate(pm.commencement)
  const before = c.minusDays(1)
  const msg: ValidationMessage = validationMessage(
    'UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT',
    {
      date: pm.commencement,
    },
  )
  for (const u of booking.adjustments.UNLAWFULLY_AT_LARGE ?? []) {
    if (!u.fromDate || !u.toDate) continue
    const reason = u.additionalInfo?.reason ?? null
    const from = parseDate(u.fromDate)
    const to = parseDate(u.toDate)
    const day =
      reason === 'RELEASE_IN_ERROR'
        ? c
        : reason !== null && UAL_REASONS_DAY_BEFORE.has(reason)
          ? before
          : null
    if (day && !from.isAfter(day) && !to.isBefore(day)) return [msg]
  }
  const ms = booking.externalMovements.filter((m) => parseDate(m.movementDate).isBefore(c))
  const lastOut = [...ms].reverse().find((m) => m.direction === 'OUT')
  if (lastOut && (lastOut.movementReason === 'ERS' || lastOut.movementReason === 'PAROLE')) {
    const outDate = parseDate(lastOut.movementDate)
    const admitted = ms.some((m) => m.direction === 'IN' && parseDate(m.movementDate).isAfter(outDate))
    if (!admitted) return [msg]
  }
  return []
}
