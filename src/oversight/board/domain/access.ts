/** Who reads the board: analysts (and the board itself) estate-wide, managers for their prisons. */
import type { Role } from '../../../accounts/roles.js'

export const READ_BOARD: Role[] = ['manager', 'analyst']
