/**
 * Table types for Kysely. Booleans are stored as 0/1 integers and JSON as text in both
 * dialects, so one set of migrations and one set of queries serve SQLite and PostgreSQL.
 * Dates are ISO `YYYY-MM-DD` text; timestamps ISO-8601 text.
 */
import type { Generated } from 'kysely'

export type Bool = 0 | 1

export interface PrisonTable {
  id: string
  name: string
}

export interface PersonTable {
  id: Generated<number>
  prison_number: string
  first_name: string
  last_name: string
  /** JSON array of { firstName, lastName } */
  aliases: string
  /** lower-case names and aliases, for search */
  search_text: string
  date_of_birth: string
  prison_id: string
  is_active_sex_offender: number
  version: number
  created_at: string
  updated_at: string
}

export interface BookingTable {
  id: Generated<number>
  person_id: number
  external_booking_id: number | null
  active: number
  return_to_custody_date: string | null
  has_ftr_details: number
  ftr_booking_id: number | null
  ftr_return_to_custody_date: string | null
  ftr_recall_length: number | null
  has_historical_tused: number
  historical_tused: string | null
  historical_tused_source: string | null
  version: number
}

export interface CourtCaseTable {
  id: Generated<number>
  booking_id: number
  case_sequence: number
  case_reference: string | null
  court_name: string | null
  version: number
  /** The court (reference data) the case is at, when known (migration 0004). */
  court_code: string | null
}

export interface SentenceTable {
  id: Generated<number>
  booking_id: number
  court_case_id: number | null
  ordinal: number
  line_sequence: number | null
  identifier: string
  type: string
  sentenced_at: string
  duration_years: number | null
  duration_months: number | null
  duration_weeks: number | null
  duration_days: number | null
  custodial_years: number | null
  custodial_months: number | null
  custodial_weeks: number | null
  custodial_days: number | null
  extension_years: number | null
  extension_months: number | null
  extension_weeks: number | null
  extension_days: number | null
  consecutive_to: string | null
  offence_code: string | null
  offence_committed_at: string | null
  is_sds_plus: number | null
  is_sds_plus_eligible: number | null
  /** JSON array of exclusion codes, or null when the sentence type has no release arrangements */
  sds_exclusions: string | null
  is_section_250: number | null
  automatic_release: number | null
  sdopcu18: number | null
  fine_amount: number | null
  latest_tused_date: string | null
  latest_tused_source: string | null
  recall_type: string | null
  revocation_date: string | null
  recall_return_to_custody_date: string | null
  external_sentence_sequence: number | null
  external_booking_id: number | null
  version: number
}

export interface AdjustmentTable {
  id: Generated<number>
  booking_id: number
  type: string
  number_of_days: number
  applies_to_sentences_from: string
  from_date: string | null
  to_date: string | null
  info_type: string | null
  ual_reason: string | null
  version: number
  /** Migration 0006: why the number of days differs from the first and last day, when it does. */
  days_differ_reason?: string | null
}

export interface ExternalMovementTable {
  id: Generated<number>
  booking_id: number
  ordinal: number
  movement_date: string
  movement_reason: string
  direction: string
}

export interface CalculationTable {
  id: Generated<number>
  person_id: number
  booking_id: number
  prison_id: string
  reason: string
  status: string
  source: string
  input_snapshot: string
  result: string | null
  calculated_by: string
  calculated_at: string
  version: number
  /** The calculation journey's id for this calculation (migration 0002). */
  calculation_ref: string | null
  check_status: string | null
}

export interface UserTable {
  id: Generated<number>
  username: string
  display_name: string
  kind: string
  password_hash: string | null
  roles: string
  prisons: string
  estate_wide: number
  failed_attempts: number
  locked: number
  active: number
  version: number
  created_at: string
  /** JSON array of court codes, for court staff (migration 0004). */
  courts: Generated<string>
  /** 1 for an account the demo seed created (its password is public): production refuses to start. */
  demo: Generated<number>
}

export interface ApiTokenTable {
  id: Generated<number>
  user_id: number
  name: string
  token_hash: string
  created_at: string
  created_by: string
  revoked_at: string | null
  /** The last day the token works (YYYY-MM-DD, UK time); null: it does not expire. */
  expires_at: string | null
}

export interface SessionTable {
  sid: string
  data: string
  expires_at: string
}

export interface AuditLogTable {
  seq: number
  at: string
  actor: string
  action: string
  prison_id: string | null
  subject_type: string | null
  subject_id: string | null
  before: string | null
  after: string | null
  correlation_id: string | null
  prev_hash: string
  hash: string
}

export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

// The calculation journey (src/calculation, migration 0002): one append-only event stream per
// person, and the bank holidays administrators keep.
export interface CalculationEventTable {
  id: Generated<number>
  person_id: number
  sequence: number
  calculation_id: string
  event_type: string
  payload: string
  actor: string
  prison_id: string
  at: string
}

// Flat cost per person (src/calculation/service/event-store.ts, migration 0012): each person's
// folded state up to an event, and preliminary results' input and outcome, stored once.
export interface CalculationSnapshotTable {
  person_id: number
  sequence: number
  state_version: string
  state: string
  written_at: string
}

export interface CalculationPreliminaryTable {
  calculation_id: string
  person_id: number
  sequence: number
  requested_at: string
  kept_at: string | null
  payload: string
}

export interface BankHolidayTable {
  date: string
  title: string
}

// The courts hotline (src/courts, migration 0004): courts, transfers between prisons, one event
// stream per query and per court order with read rows for the queue and the inbox, and the
// numbered messages court systems send.
export interface CourtTable {
  code: string
  name: string
  kind: string
  region: string
  active: number
  version: number
}

export interface PrisonTransferTable {
  id: Generated<number>
  person_id: number
  from_prison_id: string
  to_prison_id: string
  reason: string
  transferred_by: string
  transferred_at: string
}

export interface CourtEventTable {
  id: Generated<number>
  stream_id: string
  stream_type: string
  sequence: number
  event_type: string
  payload: string
  actor: string
  at: string
}

export interface CourtQueryRowTable {
  id: string
  person_id: number
  prison_id: string
  kind: string
  urgency: string
  status: string
  raised_at: string
  due_by: string
  answered_at: string | null
  escalated_at: string | null
  /** The query's state (JSON), as its events fold to. */
  state: string
  version: number
}

export interface CourtQueryCourtTable {
  query_id: string
  court_code: string
}

export interface CourtOrderRowTable {
  id: string
  person_id: number
  court_code: string
  kind: string
  status: string
  recorded_at: string
  sent_at: string | null
  sent_to_prison_id: string | null
  due_by: string | null
  escalated_at: string | null
  state: string
  version: number
}

export interface CourtMessageTable {
  id: Generated<number>
  court_code: string
  sequence: number
  message_type: string
  content_hash: string
  payload: string
  result: string
  received_by: string
  received_at: string
}

// Guidance and court documents (src/guidance, migration 0009): administrator-added guidance with
// every version kept, and drafts read from court documents (the decider's state as JSON).
export interface GuidanceDocumentTable {
  id: string
  title: string
  source: string
  published_on: string
  current_version: number
  version: number
  updated_at: string
  updated_by: string
}

export interface GuidanceDocumentVersionTable {
  id: Generated<number>
  document_id: string
  version_number: number
  title: string
  source: string
  published_on: string
  body: string
  created_at: string
  created_by: string
}

export interface CourtDocumentDraftTable {
  id: string
  person_id: number
  prison_id: string
  status: string
  /** JSON: the DraftState (src/guidance/domain/draft.ts). */
  state: string
  version: number
  created_at: string
  created_by: string
  updated_at: string
}

// The releases-in-error register (src/oversight/register, migration 0011): one row per release
// in error or late release, its root causes (one row each) and the review's lessons and actions.
export interface RegisterEntryTable {
  id: string
  reference: string
  person_id: number | null
  prison_number: string
  name: string
  prison_id: string
  direction: string
  released_on: string
  correct_release_date: string | null
  days: number
  how_found: string
  detected_at: string | null
  police_notified_at: string | null
  back_in_custody_on: string | null
  /** JSON array of root-cause codes (also one row each in register_entry_causes). */
  root_causes: string
  summary: string
  source: string
  source_reference: string | null
  version: number
  created_at: string
  created_by: string
  updated_at: string
}

export interface RegisterEntryCauseTable {
  entry_id: string
  cause: string
}

export interface RegisterActionTable {
  id: Generated<number>
  entry_id: string
  kind: string
  text: string
  owner: string | null
  due_on: string | null
  status: string
  version: number
  created_at: string
  created_by: string
}

// Oversight re-checks (src/oversight, migration 0010): runs, their batches (the job queue) and
// the findings with their triage state.
export interface RecheckRunTable {
  id: string
  kind: string
  scope_kind: string
  scope: string
  profile: string
  law_change: string | null
  engine_version: string
  today: string
  status: string
  total_people: number
  total_batches: number
  applied_batches: number
  checked_people: number
  started_by: string
  started_at: string
  finished_at: string | null
  cancelled_by: string | null
  version: number
}

export interface RecheckBatchTable {
  run_id: string
  batch_no: number
  person_ids: string
  status: string
  claimed_by: string | null
  lease_until: number | string | null
  attempts: number
  applied_by: string | null
  applied_at: string | null
  summary: string | null
}

export interface RecheckFindingTable {
  id: Generated<number>
  run_id: string
  batch_no: number
  person_id: number
  prison_id: string
  prison_number: string
  outcome: string
  impact: string
  priority: string
  recorded_release: string | null
  engine_release: string | null
  days_difference: number | null
  details: string
  triage: string
  triage_status: string
  version: number
}

export interface DB {
  prisons: PrisonTable
  people: PersonTable
  bookings: BookingTable
  court_cases: CourtCaseTable
  sentences: SentenceTable
  adjustments: AdjustmentTable
  external_movements: ExternalMovementTable
  calculations: CalculationTable
  users: UserTable
  api_tokens: ApiTokenTable
  sessions: SessionTable
  audit_log: AuditLogTable
  audit_head: AuditHeadTable
  calculation_events: CalculationEventTable
  bank_holidays: BankHolidayTable
  courts: CourtTable
  prison_transfers: PrisonTransferTable
  court_events: CourtEventTable
  court_queries: CourtQueryRowTable
  court_query_courts: CourtQueryCourtTable
  court_orders: CourtOrderRowTable
  court_messages: CourtMessageTable
  guidance_documents: GuidanceDocumentTable
  guidance_document_versions: GuidanceDocumentVersionTable
  court_document_drafts: CourtDocumentDraftTable
  register_entries: RegisterEntryTable
  register_entry_causes: RegisterEntryCauseTable
  register_actions: RegisterActionTable
  recheck_runs: RecheckRunTable
  recheck_batches: RecheckBatchTable
  recheck_findings: RecheckFindingTable
  calculation_snapshots: CalculationSnapshotTable
  calculation_preliminaries: CalculationPreliminaryTable
}
