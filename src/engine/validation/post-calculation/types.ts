import type { BookingInput } from '../engine-parts.js'
import type { Context } from '../engine-parts.js'
import type { TimelineResult } from '../engine-parts.js'
import type { Extracted } from '../engine-parts.js'
import type { CalcSentence } from '../engine-parts.js'
import type { SentenceRef } from '../engine-types.js'
import { sentenceRef } from '../describe.js'

export interface PostCalculationInput {
  booking: BookingInput
  ctx: Context
  timeline: TimelineResult
  result: Extracted
}

/** The booking sentence behind a part of a calculated sentence, for naming it in a message. */
export function refOf(part: CalcSentence['parts'][number]): SentenceRef {
  return sentenceRef(part.index, part.input)
}
