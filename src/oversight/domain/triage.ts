/**
 * Triage of one finding at the person's prison, as a decider: assign it to someone, investigate,
 * and resolve it — by recalculating (the person's dates are marked "recalculation required") or
 * by recording why the recorded date stands. `decideTriage(command, state, actor, at)` returns
 * the next state or a coded refusal. Pure: no I/O, no clock ("at" is an input).
 */
export const TRIAGE_STATUSES = ['OPEN', 'ASSIGNED', 'INVESTIGATING', 'RESOLVED'] as const
export type TriageStatus = (typeof TRIAGE_STATUSES)[number]
export const TRIAGE_STATUS_LABELS: Record<TriageStatus, string> = {
  OPEN: 'Not started',
  ASSIGNED: 'Assigned',
  INVESTIGATING: 'Being investigated',
  RESOLVED: 'Resolved',
}

export type Resolution = 'RECALCULATE' | 'DATE_STANDS'
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  RECALCULATE: 'Recalculation required',
  DATE_STANDS: 'The recorded date stands',
}

export interface TriageEntry {
  action: 'ASSIGNED' | 'INVESTIGATING' | 'RESOLVED'
  by: string
  at: string
  note?: string
  assignedTo?: string
  resolution?: Resolution
}

export interface TriageState {
  status: TriageStatus
  assignedTo: string | null
  resolution: Resolution | null
  reason: string | null
  history: TriageEntry[]
}

export const NEW_TRIAGE: TriageState = {
  status: 'OPEN',
  assignedTo: null,
  resolution: null,
  reason: null,
  history: [],
}

export type TriageCommand =
  | { type: 'Assign'; to: string }
  | { type: 'Investigate'; note?: string }
  | { type: 'Resolve'; resolution: 'RECALCULATE'; note?: string }
  | { type: 'Resolve'; resolution: 'DATE_STANDS'; reason: string }

export interface TriageActor {
  username: string
  roles: readonly string[]
  estateWide: boolean
  prisons: readonly string[]
}

export interface TriageRefusal {
  code: 'NOT_PERMITTED' | 'ALREADY_RESOLVED' | 'ASSIGNEE_REQUIRED' | 'REASON_REQUIRED'
  message: string
  field?: string
}

export type TriageDecision = { ok: true; state: TriageState } | { ok: false; refusal: TriageRefusal }

/** Managers triage their own prison's findings; administrators any. Analysts only read. */
export function mayTriage(actor: TriageActor, prisonId: string): boolean {
  if (actor.roles.includes('admin')) return true
  return actor.roles.includes('manager') && (actor.estateWide || actor.prisons.includes(prisonId))
}

export const REASON_MIN = 10
export const REASON_MAX = 1000

export function decideTriage(
  command: TriageCommand,
  state: TriageState,
  prisonId: string,
  actor: TriageActor,
  at: string,
): TriageDecision {
  const refuse = (code: TriageRefusal['code'], message: string, field?: string): TriageDecision => ({
    ok: false,
    refusal: { code, message, ...(field ? { field } : {}) },
  })
  if (!mayTriage(actor, prisonId))
    return refuse('NOT_PERMITTED', "Only a manager at the person's prison can triage this")
  if (state.status === 'RESOLVED') return refuse('ALREADY_RESOLVED', 'This difference is already resolved')
  const entry = { by: actor.username, at }
  switch (command.type) {
    case 'Assign': {
      const to = command.to.trim()
      if (to.length === 0 || to.length > 100)
        return refuse('ASSIGNEE_REQUIRED', 'Enter the username of the person to assign it to', 'assignTo')
      return {
        ok: true,
        state: {
          ...state,
          status: state.status === 'INVESTIGATING' ? 'INVESTIGATING' : 'ASSIGNED',
          assignedTo: to,
          history: [...state.history, { ...entry, action: 'ASSIGNED', assignedTo: to }],
        },
      }
    }
    case 'Investigate':
      return {
        ok: true,
        state: {
          ...state,
          status: 'INVESTIGATING',
          assignedTo: state.assignedTo ?? actor.username,
          history: [
            ...state.history,
            {
              ...entry,
              action: 'INVESTIGATING',
              ...(command.note?.trim() ? { note: command.note.trim() } : {}),
            },
          ],
        },
      }
    case 'Resolve': {
      const text = command.resolution === 'DATE_STANDS' ? command.reason.trim() : (command.note ?? '').trim()
      if (command.resolution === 'DATE_STANDS' && (text.length < REASON_MIN || text.length > REASON_MAX))
        return refuse(
          'REASON_REQUIRED',
          `Say why the recorded date stands (${REASON_MIN} to ${REASON_MAX} characters)`,
          'reason',
        )
      return {
        ok: true,
        state: {
          ...state,
          status: 'RESOLVED',
          resolution: command.resolution,
          reason: text.length > 0 ? text : null,
          history: [
            ...state.history,
            { ...entry, action: 'RESOLVED', resolution: command.resolution, ...(text ? { note: text } : {}) },
          ],
        },
      }
    }
  }
}
