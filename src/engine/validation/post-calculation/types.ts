import type { BookingInput } from '../engine-parts.js'
import type { Context } from '../engine-parts.js'
import type { TimelineResult } from '../engine-parts.js'
import type { Extracted } from '../engine-parts.js'

export interface PostCalculationInput {
  booking: BookingInput
  ctx: Context
  timeline: TimelineResult
  result: Extracted
}
