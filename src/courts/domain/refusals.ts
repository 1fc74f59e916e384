/**
 * Every way a courts command can be refused, with the plain-English text the user sees. A
 * refusal about one field names it, so a page can put the message beside that field.
 */
export const COURT_REFUSAL_CODES = [
  'MISSING_ROLE',
  'NOT_IN_CASELOAD',
  'NOT_AT_COURT',
  'PRISON_CANNOT_ANSWER',
  'INVALID_INPUT',
  'UNKNOWN_COURT',
  'DUPLICATE_ID',
  'NOT_FOUND',
  'STALE',
  'QUERY_ANSWERED',
  'ALREADY_ANSWERED_BY_COURT',
  'NOT_OVERDUE',
  'ALREADY_ESCALATED',
  'NOT_A_DRAFT',
  'NOT_CONFIRMED_WITH_JUDGE',
  'NO_LINES',
  'NOT_SENT',
  'ALREADY_ACKNOWLEDGED',
  'NOT_ACKNOWLEDGED',
  'ALREADY_APPLIED',
  'NOT_HOLDING_PRISON',
] as const
export type CourtRefusalCode = (typeof COURT_REFUSAL_CODES)[number]

export interface CourtRefusal {
  code: CourtRefusalCode
  message: string
  /** The input field the refusal is about, when it is about one. */
  field?: string
}

export const refuse = (code: CourtRefusalCode, message: string, field?: string): CourtRefusal =>
  field === undefined ? { code, message } : { code, message, field }

export type Decision<E> = { ok: true; events: E[] } | { ok: false; refusal: CourtRefusal }
export const accept = <E>(...events: E[]): Decision<E> => ({ ok: true, events })
export const reject = <E>(refusal: CourtRefusal): Decision<E> => ({ ok: false, refusal })

/** 403 for who you are, 404 for what is missing, 409 for stale or repeated work, otherwise 422. */
export function refusalStatus(code: CourtRefusalCode): number {
  switch (code) {
    case 'MISSING_ROLE':
    case 'NOT_IN_CASELOAD':
    case 'NOT_AT_COURT':
    case 'PRISON_CANNOT_ANSWER':
    case 'NOT_HOLDING_PRISON':
      return 403
    case 'NOT_FOUND':
      return 404
    case 'STALE':
    case 'DUPLICATE_ID':
    case 'QUERY_ANSWERED':
    case 'ALREADY_ANSWERED_BY_COURT':
    case 'ALREADY_ESCALATED':
    case 'NOT_A_DRAFT':
    case 'ALREADY_ACKNOWLEDGED':
    case 'ALREADY_APPLIED':
      return 409
    default:
      return 422
  }
}
