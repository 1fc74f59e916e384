/** Roles (one `as const` list, the only source of truth) and what each may do. */
export const ROLES = ['calculator', 'checker', 'manager', 'court', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  calculator: 'Calculator (records sentences and adjustments)',
  checker: 'Checker',
  manager: 'Manager',
  court: 'Court',
  analyst: 'Analyst (read-only, estate-wide)',
  admin: 'Administrator (users and tokens)',
}

/** The prisons a user works in; analysts and administrators may be estate-wide. */
export interface Caseload {
  estateWide: boolean
  prisons: string[]
}

/** Role groups used by route declarations. */
export const READ_PEOPLE: Role[] = ['calculator', 'checker', 'manager', 'court', 'analyst']
export const EDIT_SENTENCES: Role[] = ['calculator']
export const ADMINISTER: Role[] = ['admin']

export function canBeEstateWide(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'analyst' || r === 'admin')
}

export function inCaseload(caseload: Caseload, prisonId: string): boolean {
  return caseload.estateWide || caseload.prisons.includes(prisonId)
}
