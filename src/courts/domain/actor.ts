/**
 * Who is acting on the courts hotline, and the role groups its routes and deciders share. The
 * web layer builds a CourtActor from the signed-in user; the deciders check roles, prisons and
 * courts themselves as well (defence in depth).
 */
import type { Role } from '../../accounts/roles.js'

export interface CourtActor {
  id: string
  roles: readonly Role[]
  prisons: readonly string[]
  /** Court codes. */
  courts: readonly string[]
  /** Every prison and every court (analysts, administrators, the national warrant query unit). */
  estateWide: boolean
}

/** The system's own actor for scheduled work (escalations). */
export const SYSTEM_ACTOR: CourtActor = {
  id: 'system:courts',
  roles: [],
  prisons: [],
  courts: [],
  estateWide: true,
}

/** Prison staff raise queries and reply on them. */
export const RAISE_QUERY: Role[] = ['calculator', 'checker', 'manager']
/** Court staff answer queries, ask back, and record, confirm and send orders and changes. */
export const COURT_WORK: Role[] = ['court', 'court_manager', 'warrant_unit']
/** Prison staff who acknowledge an order or change at the holding prison. */
export const ACKNOWLEDGE: Role[] = ['calculator', 'manager']
/** Applying an order to the prison's record is a sentence change: calculators only. */
export const APPLY_TO_RECORD: Role[] = ['calculator']
/** Moving a person to another prison. */
export const TRANSFER: Role[] = ['manager']
/** Everyone who works the hotline from either side (queue and inbox pages). */
export const HOTLINE_READERS: Role[] = [...RAISE_QUERY, ...COURT_WORK]

export const hasAnyRole = (actor: Pick<CourtActor, 'roles'>, roles: readonly Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r))

export const worksAtPrison = (actor: CourtActor, prisonId: string): boolean =>
  actor.estateWide || actor.prisons.includes(prisonId)

export const worksAtCourt = (actor: CourtActor, court: string): boolean =>
  actor.estateWide || actor.courts.includes(court)

export const isCourtStaff = (actor: CourtActor): boolean => hasAnyRole(actor, COURT_WORK)
