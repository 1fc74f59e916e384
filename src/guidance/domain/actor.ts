/** Who is acting, as the guidance deciders see them (the web layer builds it from the signed-in user). */
import type { Role } from '../../accounts/roles.js'

export interface Actor {
  id: string
  roles: ReadonlyArray<Role>
  /** Prisons whose people this user may work on; estate-wide users list none and set estateWide. */
  caseload: ReadonlyArray<string>
  estateWide?: boolean
}

export const canWorkOn = (actor: Actor, prisonId: string): boolean =>
  actor.estateWide === true || actor.caseload.includes(prisonId)
