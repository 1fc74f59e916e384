/**
 * Commencement and other fixed dates that decide which regime applies to a sentence.
 * Each date cites the instrument that brought the change into force.
 */
import { cite, type Sourced } from './citation.js'

function d(value: string, summary: string, provision: string, url?: string): Sourced<string> {
  return { value, summary, source: cite(provision, url) }
}

export const COMMENCEMENTS = {
  CJA_2003: d(
    '2005-04-04',
    'Criminal Justice Act 2003 release provisions apply to offences committed on or after this date',
    'SI 2005/950 (Criminal Justice Act 2003 (Commencement No. 8) Order 2005), art. 2',
  ),
  LASPO: d(
    '2012-12-03',
    'LASPO 2012 release provisions apply to sentences imposed on or after this date',
    'Legal Aid, Sentencing and Punishment of Offenders Act 2012, s.121; SI 2012/2906, art. 2',
  ),
  ORA_2014: d(
    '2015-02-01',
    'Offender Rehabilitation Act 2014: licence and top-up supervision for short sentences (offences on or after)',
    'Offender Rehabilitation Act 2014, s.2; SI 2015/40, art. 2',
  ),
  A_FINE_TEN_MILLION: d(
    '2015-06-01',
    'Default terms for fines of £10 million or more served in full',
    'Criminal Justice Act 2003, s.258 as amended by Criminal Justice and Courts Act 2015, s.16',
  ),
  SDS_PLUS: d(
    '2020-04-01',
    'Serious offenders released at two thirds (SDS+)',
    'SI 2020/158 (Release of Prisoners (Alteration of Relevant Proportion of Sentence) Order 2020), art. 2',
  ),
  SENTENCING_ACT_2020: d('2020-12-01', 'Sentencing Act 2020 commencement', 'SI 2020/1236, reg. 2'),
  PCSC_2022: d(
    '2022-06-28',
    'Police, Crime, Sentencing and Courts Act 2022 release changes (SDS+ extension, SOPC, DTO remand)',
    'Police, Crime, Sentencing and Courts Act 2022, ss.130-132; SI 2022/520',
  ),
  HDC_365: d(
    '2025-06-03',
    'Home detention curfew: maximum period of 365 days',
    'Criminal Justice Act 2003, s.246 as amended by the 2025 HDC order (HDC-365)',
  ),
  ERS_30: d(
    '2025-09-23',
    'Early removal scheme: eligible after 30% and up to 4 years before release',
    'Criminal Justice Act 2003, s.260 as amended (ERS-30 order 2025)',
  ),
  HDC_CLEAN_STOP: d('2026-09-02', 'Post-HDC-repeal rules (toggle)', 'Sentencing Act 2026 (HDC repeal), commencement'),
} as const

export type CommencementName = keyof typeof COMMENCEMENTS
