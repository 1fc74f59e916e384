/** Roles (one `as const` list, the only source of truth) and what each may do. */
export const ROLES = [
  'calculator',
  'checker',
  'manager',
  'court',
  'court_manager',
  'warrant_unit',
  'analyst',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  calculator: 'Calculator (records sentences and adjustments)',
  checker: 'Checker',
  manager: 'Manager',
  court: 'Court staff (answers queries, records orders, at their courts)',
  court_manager: 'Court unit manager (sees escalations at their courts)',
  warrant_unit: 'National warrant query unit (every court, estate-wide)',
  analyst: 'Analyst (read-only, estate-wide)',
  admin: 'Administrator (users and tokens)',
}

/**
 * Where a user works: prisons for prison staff, courts (codes) for court staff. Analysts,
 * administrators and the national warrant query unit may be estate-wide (every prison, every court).
 */
export interface Caseload {
  estateWide: boolean
  prisons: string[]
  /** Court codes, for court staff (none for prison staff). */
  courts?: string[]
}

/** Court staff work a caseload of courts instead of prisons. */
export const COURT_ROLES: Role[] = ['court', 'court_manager', 'warrant_unit']
export const PRISON_ROLES: Role[] = ['calculator', 'checker', 'manager']

export function isCourtUser(user: { roles: readonly Role[] }): boolean {
  return user.roles.some((r) => COURT_ROLES.includes(r))
}

/** Role groups used by route declarations. */
export const READ_PEOPLE: Role[] = [
  'calculator',
  'checker',
  'manager',
  'court',
  'court_manager',
  'warrant_unit',
  'analyst',
]
export const EDIT_SENTENCES: Role[] = ['calculator']
export const ADMINISTER: Role[] = ['admin']

export function canBeEstateWide(roles: readonly Role[]): boolean {
  return (
    roles.length > 0 &&
    roles.every((r) => r === 'analyst' || r === 'admin' || r === 'warrant_unit' || r === 'court_manager')
  )
}

export function inCaseload(caseload: Caseload, prisonId: string): boolean {
  return caseload.estateWide || caseload.prisons.includes(prisonId)
}
