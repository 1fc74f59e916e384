/** Who may read and change the register (role groups, as route declarations use them). */
import type { Role } from '../../../accounts/roles.js'

/** Managers see their prisons' entries; analysts (and the board) see every entry, read-only. */
export const READ_REGISTER: Role[] = ['manager', 'analyst']
/** Managers record entries, lessons and actions for their own prisons, and import past incidents. */
export const CHANGE_REGISTER: Role[] = ['manager']
