/**
 * Why some source-data and booking codes of the reference have no pre-calculation check here.
 * Every pre-source / pre-booking code in the catalogue is either checked (PRE_CALCULATION_CODES)
 * or listed here with its reason; a test keeps the two lists complete and disjoint.
 */
import type { ValidationCode } from '../catalogue.js'

const NOT_IN_FORMAT_TERMS =
  'The booking format holds exactly one imprisonment term (and one licence term for extended sentences), so several terms cannot be recorded.'
const NEEDS_NOMIS_TYPE =
  'Needs the NOMIS sentence calculation type (e.g. EDS18, LASPO_AR, SEC91); the booking format only has the sentence class. (An EDS with automaticRelease passed in 2023 appears in a reference case that calculates: tranches/crs-2035-ac2-eds-sopc-tranche-0.)'
const PARSER_REJECTS =
  'The booking format has no such adjustment type: the input parser rejects the booking and names the path, so it never reaches the checks.'

export const CATALOGUE_ONLY_REASONS: Partial<Record<ValidationCode, string>> = {
  SENTENCE_HAS_MULTIPLE_TERMS: NOT_IN_FORMAT_TERMS,
  MORE_THAN_ONE_IMPRISONMENT_TERM: NOT_IN_FORMAT_TERMS,
  MORE_THAN_ONE_LICENCE_TERM: NOT_IN_FORMAT_TERMS,
  EDS18_EDS21_EDSU18_SENTENCE_TYPE_INCORRECT: NEEDS_NOMIS_TYPE,
  LASPO_AR_SENTENCE_TYPE_INCORRECT: NEEDS_NOMIS_TYPE,
  SEC_91_SENTENCE_TYPE_INCORRECT: NEEDS_NOMIS_TYPE,
  SOPC18_SOPC21_SENTENCE_TYPE_INCORRECT: NEEDS_NOMIS_TYPE,
  OFFENCE_DATE_AFTER_SENTENCE_RANGE_DATE:
    'Needs the offence end date; the booking format has a single offence date (committedAt), which is checked by OFFENCE_DATE_AFTER_SENTENCE_START_DATE.',
  SE2020_INVALID_OFFENCE_COURT_DETAIL:
    'Concerns the court-case record held by the court cases service, which is not part of the booking; the booking offence is checked by SE2020_INVALID_OFFENCE_DETAIL.',
  INCORRECT_OFFENCE_ENCOURAGING_OR_ASSISTING:
    "Needs the reference's list of generic inchoate offence codes, which our reference notes do not give.",
  INCORRECT_OFFENCE_GENERIC_CONSPIRACY:
    "Needs the reference's list of generic conspiracy offence codes, which our reference notes do not give.",
  INCORRECT_SUSPENDED_OFFENCE:
    'Needs the placeholder offence code used for suspended-sentence breaches, which our reference notes do not give.',
  REPATRIATED_PRISONER: 'Needs the sentencing court; the booking format does not carry it.',
  PRISONER_SUBJECT_TO_PTD: 'Needs the person’s alerts; the booking format does not carry them.',
  SDS_TORERA_EXCLUSION: 'Needs the schedule 19ZA offence list (Manage Offences); not in the booking format.',
  SOPC_TORERA_EXCLUSION: 'Needs the schedule 19ZA offence list (Manage Offences); not in the booking format.',
  A_FINE_SENTENCE_WITH_PAYMENTS: 'Needs fine payment records; the booking format does not carry them.',
  UNSUPPORTED_ADJUSTMENT_LAWFULLY_AT_LARGE: PARSER_REJECTS,
  UNSUPPORTED_ADJUSTMENT_SPECIAL_REMISSION: PARSER_REJECTS,
  UNSUPPORTED_ADJUSTMENT_TIME_SPENT_IN_CUSTODY_ABROAD: PARSER_REJECTS,
  UNSUPPORTED_ADJUSTMENT_TIME_SPENT_AS_AN_APPEAL_APPLICANT: PARSER_REJECTS,
  REMAND_FROM_TO_DATES_REQUIRED:
    'In the booking format remand is a number of days and its dates are optional (most reference remand entries have none), so missing dates are not an error.',
  ADJUSTMENT_LINKED_TO_INACTIVE_SENTENCE:
    'The booking format holds active sentences only and links adjustments by date, so an inactive link cannot be seen.',
  FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER:
    'Our reference notes do not say what makes fixed-term recalls conflict, and mixed 14/28-day recalls are calculated (§12.4), so no safe rule can be stated.',
  RECALL_MISSING_REVOCATION_DATE:
    'The revocation date is optional in the booking format (most reference recalls have none) and the calculation proceeds without it.',
}
