/**
 * The register's fixed lists, as data: root causes (several may apply to one entry), how an error
 * was found, its direction and where the entry came from. Codes are stable (CSV imports and the
 * board's tables use them); labels are what people read.
 */
export const ROOT_CAUSES = [
  { code: 'WRONG_PERSON', label: 'Wrong person released' },
  { code: 'SENTENCE_MISCALCULATED', label: 'Sentence miscalculated' },
  { code: 'ADA_OMITTED', label: 'Additional days awarded (ADA) omitted' },
  {
    code: 'WARRANT_NOT_APPLIED',
    label: 'Immigration, remand or imprisonment warrant not applied, misfiled or missing',
  },
  { code: 'COURT_OUTCOME_MISRECORDED', label: 'Court outcome mis-recorded' },
  { code: 'LATE_COURT_CHANGE', label: 'Late court change' },
  { code: 'HOLD_NOT_CLEARED', label: 'Hold not cleared' },
  { code: 'RECALL_NOT_ACTIONED', label: 'Recall not actioned' },
  { code: 'LAW_CHANGE_NOT_APPLIED', label: 'Law change not applied' },
  { code: 'DATA_ENTRY', label: 'Data entry' },
  { code: 'OTHER', label: 'Other' },
] as const
export type RootCause = (typeof ROOT_CAUSES)[number]['code']
export const ROOT_CAUSE_CODES = ROOT_CAUSES.map((c) => c.code) as [RootCause, ...RootCause[]]
export const rootCauseLabel = (code: string): string =>
  ROOT_CAUSES.find((c) => c.code === code)?.label ?? code

export const HOW_FOUND = [
  { code: 'POST_RELEASE_RECONCILIATION', label: 'Post-release reconciliation (SafeRelease)' },
  { code: 'COURT', label: 'The court' },
  { code: 'HOME_OFFICE', label: 'The Home Office' },
  { code: 'POLICE', label: 'The police' },
  { code: 'ESCORT_CONTRACTOR', label: 'The escort contractor' },
  { code: 'PRISON_STAFF', label: 'Prison staff' },
  { code: 'PRISONER_OR_REPRESENTATIVE', label: 'The person or their representative' },
  { code: 'HISTORIC_REVIEW', label: 'Historic case review' },
  { code: 'OTHER', label: 'Other' },
] as const
export type HowFound = (typeof HOW_FOUND)[number]['code']
export const HOW_FOUND_CODES = HOW_FOUND.map((c) => c.code) as [HowFound, ...HowFound[]]
export const howFoundLabel = (code: string): string => HOW_FOUND.find((c) => c.code === code)?.label ?? code

/** EARLY: a release in error (released before they should have been). LATE: held past their date. */
export const DIRECTIONS = ['EARLY', 'LATE'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const DIRECTION_LABELS: Record<Direction, string> = {
  EARLY: 'Released early (release in error)',
  LATE: 'Released late (held past release date)',
}

export const SOURCES = ['RECONCILIATION', 'IMPORT', 'MANUAL'] as const
export type EntrySource = (typeof SOURCES)[number]
export const SOURCE_LABELS: Record<EntrySource, string> = {
  RECONCILIATION: 'Release gate reconciliation',
  IMPORT: 'Imported (past incidents)',
  MANUAL: 'Recorded by hand',
}

export const ACTION_KINDS = ['LESSON', 'ACTION'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]
