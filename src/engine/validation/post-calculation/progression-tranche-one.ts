/**
 * PROGRESSION_TRANCHE_ONE_ALLOCATION: with the tranche-one manual journey switched on, an
 * allocation to progression-model tranche 1 is routed to manual calculation.
 */
import type { ValidationMessage } from '../engine-parts.js'
import type { PostCalculationInput } from './types.js'
import { validationMessage } from '../catalogue.js'

export function progressionTrancheOne({ ctx, timeline }: PostCalculationInput): ValidationMessage[] {
  if (!ctx.toggles.progressionTrancheOneManualJourney || timeline.progression?.name !== 'TRANCHE_1') return []
  return [validationMessage('PROGRESSION_TRANCHE_ONE_ALLOCATION')]
}
