import { describe, expect, it } from 'vitest'
import type { ValidationMessage } from './engine-types.js'
import {
  CATEGORY_OF_REFERENCE_TYPE,
  firstBlockingOrder,
  sortMessages,
  VALIDATION_CATALOGUE,
  VALIDATION_CODES,
  VALIDATION_STAGES,
  type CatalogueEntry,
  validationMessage,
} from './catalogue.js'
import { describeAdjustment, describeSentence, formatDate } from './describe.js'
import { PRE_CALCULATION_CODES } from './pre-calculation/index.js'

/** Every code listed in release-date-rules.md §18, as the reference spells it. */
const SECTION_18_CODES = `
NO_SENTENCES UNSUPPORTED_SENTENCE_TYPE SENTENCE_HAS_NO_IMPRISONMENT_TERM SENTENCE_HAS_MULTIPLE_TERMS
ZERO_IMPRISONMENT_TERM MORE_THAN_ONE_IMPRISONMENT_TERM SENTENCE_HAS_NO_LICENCE_TERM MORE_THAN_ONE_LICENCE_TERM
EDS_LICENCE_TERM_LESS_THAN_ONE_YEAR EDS_LICENCE_TERM_MORE_THAN_EIGHT_YEARS SOPC_LICENCE_TERM_NOT_12_MONTHS
EDS18_EDS21_EDSU18_SENTENCE_TYPE_INCORRECT LASPO_AR_SENTENCE_TYPE_INCORRECT SEC_91_SENTENCE_TYPE_INCORRECT
SOPC18_SOPC21_SENTENCE_TYPE_INCORRECT SEC236A_SENTENCE_TYPE_INCORRECT OFFENCE_MISSING_DATE
OFFENCE_DATE_AFTER_SENTENCE_START_DATE OFFENCE_DATE_AFTER_SENTENCE_RANGE_DATE OFFENCE_DATE_OVER_OR_UNDER_100_YEARS_AGO
SE2020_INVALID_OFFENCE_DETAIL SE2020_INVALID_OFFENCE_COURT_DETAIL INCORRECT_OFFENCE_ENCOURAGING_OR_ASSISTING
INCORRECT_OFFENCE_GENERIC_CONSPIRACY INCORRECT_OFFENCE_BREACH_97 INCORRECT_SUSPENDED_OFFENCE
A_FINE_SENTENCE_MISSING_FINE_AMOUNT REPATRIATED_PRISONER PRISONER_SUBJECT_TO_PTD SDS_TORERA_EXCLUSION
SOPC_TORERA_EXCLUSION COURT_MARTIAL_WITH_SDS_PLUS BROKEN_CONSECUTIVE_CHAINS CONSECUTIVE_TO_SENTENCE_IMPOSED_AFTER
CONCURRENT_CONSECUTIVE_SENTENCES_DURATION CONCURRENT_CONSECUTIVE_SENTENCES_NOTIFICATION MULTIPLE_SENTENCES_CONSECUTIVE_TO
CONSECUTIVE_SENTENCE_WITH_MULTIPLE_OFFENCES A_FINE_SENTENCE_WITH_PAYMENTS A_FINE_SENTENCE_CONSECUTIVE_TO
A_FINE_SENTENCE_CONSECUTIVE DTO_CONSECUTIVE_TO_SENTENCE DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT
UNSUPPORTED_DTO_RECALL_SEC104_SEC105 UNSUPPORTED_CALCULATION_DTO_WITH_RECALL DTO_RECALL PRE_PCSC_DTO_WITH_ADJUSTMENT
BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE BOTUS_CONSECUTIVE_OR_CONCURRENT_TO_OTHER_SENTENCE
UNSUPPORTED_ADJUSTMENT_LAWFULLY_AT_LARGE UNSUPPORTED_ADJUSTMENT_SPECIAL_REMISSION
UNSUPPORTED_ADJUSTMENT_TIME_SPENT_IN_CUSTODY_ABROAD UNSUPPORTED_ADJUSTMENT_TIME_SPENT_AS_AN_APPEAL_APPLICANT
ADJUSTMENT_FUTURE_DATED_ADA ADJUSTMENT_FUTURE_DATED_RADA ADJUSTMENT_FUTURE_DATED_UAL ADJUSTMENT_INVALID_DATE_RANGE
REMAND_FROM_TO_DATES_REQUIRED REMAND_OVERLAPS_WITH_REMAND REMAND_ON_OR_AFTER_SENTENCE_DATE
ADJUSTMENT_LINKED_TO_INACTIVE_SENTENCE DUPLICATE_OR_OVERLAPPING_UAL REMAND_OVERLAPS_WITH_SENTENCE
ADJUSTMENT_AFTER_RELEASE_ADA ADJUSTMENT_AFTER_RELEASE_RADA RELEASE_DATE_BEFORE_SENTENCE_DATE
CUSTODIAL_PERIOD_EXTINGUISHED_REMAND CUSTODIAL_PERIOD_EXTINGUISHED_TAGGED_BAIL
PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE FTR_NO_RETURN_TO_CUSTODY_DATE FTR_SENTENCES_CONFLICT_WITH_EACH_OTHER
FTR_TYPE_14_DAYS_BUT_LENGTH_IS_28 FTR_TYPE_28_DAYS_BUT_LENGTH_IS_14 FTR_RTC_DATE_BEFORE_SENTENCE_DATE
FTR_RTC_DATE_IN_FUTURE RECALL_MISSING_REVOCATION_DATE FTR_RTC_DATE_BEFORE_REVOCATION_DATE REVOCATION_DATE_IN_THE_FUTURE
FTR_14_DAYS_SENTENCE_GE_12_MONTHS FTR_28_DAYS_SENTENCE_LT_12_MONTHS FTR_TYPE_28_DAYS_SENTENCE_LT_12_MONTHS
FTR_TYPE_14_DAYS_SENTENCE_GE_12_MONTHS FTR_14_DAYS_AGGREGATE_GE_12_MONTHS FTR_28_DAYS_AGGREGATE_LT_12_MONTHS
FTR_TYPE_28_DAYS_AGGREGATE_LT_12_MONTHS FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS FTR_TYPE_14_DAYS_SENTENCE_GT_12_MONTHS
FTR_TYPE_14_DAYS_SENTENCE_GAP_GT_14_DAYS FTR_TYPE_28_DAYS_SENTENCE_GAP_LT_14_DAYS FTR_TYPE_56_UNSUPPORTED_RECALL
FTR_TYPE_48_DAYS_OVERLAPPING_SENTENCE UNSUPPORTED_SDS40_RECALL_SENTENCE_TYPE
UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS
UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT PROGRESSION_TRANCHE_ONE_ALLOCATION
PROGRESSION_MODEL_SCHEDULE_EXCLUSION HDCED_REPEAL DATES_MISSING_REQUIRED_TYPE DATES_PAIRINGS_INVALID
`
  .trim()
  .split(/\s+/)

/** Codes the reference suite expects from post-calculation validators (expectedValidationException). */
const EXPECTED_BY_REFERENCE_SUITE = [
  'ADJUSTMENT_AFTER_RELEASE_ADA',
  'FTR_14_DAYS_AGGREGATE_GE_12_MONTHS',
  'FTR_TYPE_14_DAYS_AGGREGATE_GE_12_MONTHS',
  'FTR_TYPE_14_DAYS_SENTENCE_GAP_GT_14_DAYS',
  'FTR_TYPE_14_DAYS_SENTENCE_GT_12_MONTHS',
  'FTR_TYPE_28_DAYS_SENTENCE_GAP_LT_14_DAYS',
  'PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE',
  'PROGRESSION_TRANCHE_ONE_ALLOCATION',
  'RELEASE_DATE_BEFORE_SENTENCE_DATE',
  'REMAND_OVERLAPS_WITH_SENTENCE',
  'UNABLE_TO_DETERMINE_SHPO_RELEASE_PROVISIONS',
  'UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT',
  'UNSUPPORTED_SDS40_CONSECUTIVE_SDS_BETWEEN_TRANCHE_COMMENCEMENTS',
]

const entries = Object.entries(VALIDATION_CATALOGUE) as Array<[string, CatalogueEntry]>

describe('The validation catalogue', () => {
  it('holds exactly the codes of the reference, spelt the same way', () => {
    expect([...VALIDATION_CODES].sort()).toEqual([...new Set(SECTION_18_CODES)].sort())
  })

  it('includes every code the reference suite expects after calculation, as a post-calculation code', () => {
    for (const code of EXPECTED_BY_REFERENCE_SUITE)
      expect(VALIDATION_CATALOGUE[code as keyof typeof VALIDATION_CATALOGUE]?.stage, code).toBe(
        'post-calculation',
      )
  })

  it.each(entries)('gives %s a title, a message, guidance, a valid category and a stage', (code, e) => {
    expect(e.title.trim()).not.toBe('')
    expect(e.action.trim()).toMatch(/\.$/)
    expect(['UNSUPPORTED', 'BAD_DATA', 'WARNING']).toContain(e.category)
    expect(VALIDATION_STAGES).toContain(e.stage)
    expect(e.category).toBe(CATEGORY_OF_REFERENCE_TYPE[e.referenceType])
    const bare = e.problem({})
    expect(bare.trim(), code).not.toBe('')
    expect(bare, code).not.toMatch(/undefined|null|NaN|\$\{/)
    const full = e.problem({
      sentence: { index: 1, caseSequence: 2, lineSequence: 3 },
      other: { index: 0, caseSequence: 2, lineSequence: 1 },
      path: 'adjustments.REMAND[0]',
      otherPath: 'adjustments.REMAND[1]',
      date: '2023-03-02',
      comparedWith: '2023-03-01',
      offenceCode: 'XX00001',
      length: '2 years',
      count: 2,
      recallDays: 14,
    })
    expect(full, code).not.toMatch(/undefined|null|NaN|\$\{|\s{2}/)
  })

  it('routes every unsupported code to manual calculation and nothing else', () => {
    for (const [code, e] of entries) {
      if (e.category === 'UNSUPPORTED') expect(e.action, code).toMatch(/manually/)
      else expect(e.action, code).not.toMatch(/Calculate the release dates manually/)
    }
  })

  it('puts every code the pre-calculation checks emit in the catalogue, as a pre-calculation code', () => {
    for (const code of PRE_CALCULATION_CODES)
      expect(['pre-source', 'pre-booking']).toContain(VALIDATION_CATALOGUE[code].stage)
  })

  it('reports NO_SENTENCES in the unsupported pass although it is bad data, as the reference does', () => {
    expect(VALIDATION_CATALOGUE.NO_SENTENCES.category).toBe('BAD_DATA')
    expect(VALIDATION_CATALOGUE.NO_SENTENCES.order).toBe(1)
  })

  it('treats the consecutive-chain notice as the only kind of warning', () => {
    const warnings = entries.filter(([, e]) => e.category === 'WARNING').map(([c]) => c)
    expect(warnings.sort()).toEqual([
      'CONCURRENT_CONSECUTIVE_SENTENCES_DURATION',
      'CONCURRENT_CONSECUTIVE_SENTENCES_NOTIFICATION',
    ])
  })
})

describe('A validation message', () => {
  it('names the court case and line, says what is wrong and what to do', () => {
    const m = validationMessage('OFFENCE_DATE_AFTER_SENTENCE_START_DATE', {
      sentence: { index: 4, caseSequence: 2, lineSequence: 3 },
      date: '2023-03-02',
      comparedWith: '2023-03-01',
    })
    expect(m).toEqual({
      code: 'OFFENCE_DATE_AFTER_SENTENCE_START_DATE',
      category: 'BAD_DATA',
      message:
        'Court case 2, line 3: the offence date (2 March 2023) is after the sentence date (1 March 2023). Correct the offence date and calculate again.',
      sentence: { index: 4, caseSequence: 2, lineSequence: 3 },
    })
  })

  it('names an adjustment by its type and position and carries its path', () => {
    const m = validationMessage('REMAND_OVERLAPS_WITH_REMAND', {
      path: 'adjustments.REMAND[1]',
      otherPath: 'adjustments.REMAND[0]',
    })
    expect(m.path).toBe('adjustments.REMAND[1]')
    expect(m.message).toMatch(/^Remand period 2 overlaps remand period 1\./)
  })

  it('tells the user to calculate manually when the case is unsupported', () => {
    expect(validationMessage('DTO_CONSECUTIVE_TO_SENTENCE', { sentence: { index: 0 } }).message).toMatch(
      /Calculate the release dates manually\.$/,
    )
  })

  it('asks for the breach of a restraining order to be recoded to SE20002', () => {
    expect(
      validationMessage('INCORRECT_OFFENCE_BREACH_97', { sentence: { index: 0 }, date: '2021-10-27' })
        .message,
    ).toMatch(/PH97003.*27 October 2021.*SE20002/)
  })
})

describe('Naming a sentence', () => {
  it('uses court case and line when both are known', () => {
    expect(describeSentence({ index: 0, caseSequence: 1, lineSequence: 2 })).toBe('Court case 1, line 2')
  })
  it('adds the case reference when there is one', () => {
    expect(describeSentence({ index: 0, caseSequence: 1, lineSequence: 2, caseReference: 'T20237001' })).toBe(
      'Court case 1 (T20237001), line 2',
    )
  })
  it('falls back to the position in the booking, counting from 1', () => {
    expect(describeSentence({ index: 3 })).toBe('Sentence 4')
    expect(describeSentence({ index: 3, caseSequence: null, lineSequence: null })).toBe('Sentence 4')
  })
  it('names adjustments and dates in plain English', () => {
    expect(describeAdjustment('adjustments.UNLAWFULLY_AT_LARGE[0]')).toBe(
      'Unlawfully at large (UAL) period 1',
    )
    expect(describeAdjustment('returnToCustodyDate')).toBe('returnToCustodyDate')
    expect(formatDate('2024-09-10')).toBe('10 September 2024')
    expect(formatDate('not a date')).toBe('not a date')
  })
})

describe('Message order', () => {
  const warning = validationMessage('CONCURRENT_CONSECUTIVE_SENTENCES_DURATION', {})
  const badData = validationMessage('OFFENCE_DATE_AFTER_SENTENCE_START_DATE', {})
  const badBooking = validationMessage('DUPLICATE_OR_OVERLAPPING_UAL', {})
  const unsupported = validationMessage('DTO_CONSECUTIVE_TO_SENTENCE', {})
  const noSentences = validationMessage('NO_SENTENCES', {})

  it('lists unsupported first, then bad data (source checks before booking checks), then warnings', () => {
    expect(sortMessages([warning, badBooking, badData, unsupported]).map((m) => m.code)).toEqual([
      unsupported.code,
      badData.code,
      badBooking.code,
      warning.code,
    ])
  })

  it('shows only the first order that has messages, as the reference stops there', () => {
    expect(firstBlockingOrder([warning, badData, unsupported])).toEqual([unsupported])
    expect(firstBlockingOrder([warning, badBooking, badData])).toEqual([badData, badBooking])
    expect(firstBlockingOrder([warning])).toEqual([warning])
    expect(firstBlockingOrder([])).toEqual([])
  })

  it('stops at NO_SENTENCES in the unsupported pass', () => {
    expect(firstBlockingOrder([badData, noSentences])).toEqual([noSentences])
  })

  it('places unknown codes by their category', () => {
    const foreign: ValidationMessage = { code: 'SOMETHING_ELSE', category: 'UNSUPPORTED', message: 'x' }
    expect(firstBlockingOrder([badData, foreign])).toEqual([foreign])
  })
})
