/** Checks every command makes before anything else: role, caseload, right person. */
import type { Actor, Role } from './actor.js'
import { canAccessPrison, hasRole, ROLE_NAMES } from './actor.js'
import type { CalculationEvent, CalculationState, PersonRef } from './model.js'
import type { Refusal } from './refusals.js'
import { refuse } from './refusals.js'

export type Decision = { ok: true; events: CalculationEvent[] } | { ok: false; refusal: Refusal }

export const accept = (...events: CalculationEvent[]): Decision => ({ ok: true, events })
export const reject = (refusal: Refusal): Decision => ({ ok: false, refusal })

export function guard(
  actor: Actor,
  role: Role,
  state: CalculationState,
  person: PersonRef,
): Refusal | undefined {
  if (!hasRole(actor, role))
    return refuse('MISSING_ROLE', `You do not have permission to ${ROLE_NAMES[role]}`)
  if (!canAccessPrison(actor, person.prisonId))
    return refuse(
      'NOT_IN_CASELOAD',
      `You cannot work on people in ${person.prisonId}: it is not in your caseload`,
    )
  if (state.prisonNumber !== undefined && state.prisonNumber !== person.prisonNumber)
    return refuse(
      'WRONG_PERSON',
      `These calculations belong to ${state.prisonNumber}, not ${person.prisonNumber}. Start again from the person's page.`,
    )
  return undefined
}
