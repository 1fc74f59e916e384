/**
 * Who is acting. The web layer builds an Actor from the signed-in user; the deciders check
 * roles and caseload themselves as well (defence in depth).
 */
export const ROLES = ['calculator', 'checker', 'manager', 'court', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface Actor {
  id: string
  roles: ReadonlyArray<Role>
  /** Prison codes whose people this user may work on. */
  caseload: ReadonlyArray<string>
}

export const ROLE_NAMES: Record<Role, string> = {
  calculator: 'calculate release dates',
  checker: 'check calculations',
  manager: 'manage calculations for a prison',
  court: 'answer court queries',
  analyst: 'view reports',
  admin: 'administer SafeRelease',
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role)
}

export function canAccessPrison(actor: Actor, prisonId: string): boolean {
  return actor.caseload.includes(prisonId)
}
