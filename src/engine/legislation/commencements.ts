/**
 * Commencement and other fixed dates that decide which regime applies to a sentence.
 * Each date cites the instrument that brought the change into force, with its
 * legislation.gov.uk address where the provision is known with confidence.
 *
 * Citation notes (what was checked, and what is still to be verified against
 * legislation.gov.uk; the dates themselves match the reference service and are not in doubt):
 * - CJA_2003: SI 2005/950 is the Commencement No. 8 Order; the article and the paragraph of its
 *   transitional Schedule carrying the "offence on or after 4 April 2005" rule are to be verified.
 * - LASPO: the 3 December 2012 commencement is believed to be the LASPO (Commencement No. 4 and
 *   Saving Provisions) Order 2012; its SI number is to be verified, so the Act is cited at Part level.
 * - ORA_2014: SI 2015/40 is believed to be the Commencement No. 2 Order; to be verified.
 * - A_FINE_TEN_MILLION: the amending section of the Criminal Justice and Courts Act 2015 and the
 *   commencement instrument are to be verified (an earlier text said s.16; not confirmed).
 * - SDS_PLUS: the article of SI 2020/158 that inserts s.244ZA is to be verified.
 * - SENTENCING_ACT_2020: s.2 (application of the Code) is cited from memory, and the commencement
 *   regulations for 1 December 2020 are to be verified.
 * - PCSC_2022: believed to be the provisions commenced two months after Royal Assent
 *   (28 April 2022); the commencement section, and s.130 as the s.244ZA amendment, are to be verified.
 * - HDC_365: the amending order is to be verified (shared notes point at SI 2024/1331).
 * - ERS_30: the amending instrument is to be verified.
 * - HDC_CLEAN_STOP: the restriction of HDC to youth detention is in the Sentencing Act 2026
 *   (secondary sources say s.26); 2 September 2026 is the reference service's date. To be verified.
 */
import { cite, type Sourced } from './citation.js'

function d(value: string, summary: string, provision: string, url?: string): Sourced<string> {
  return { value, summary, source: cite(provision, url) }
}

export const COMMENCEMENTS = {
  CJA_2003: d(
    '2005-04-04',
    'Criminal Justice Act 2003 release provisions apply to offences committed on or after this date',
    'SI 2005/950 (Criminal Justice Act 2003 (Commencement No. 8 and Transitional and Saving Provisions) Order 2005), bringing CJA 2003 Part 12 Chapter 6 (release, ss.237-268) into force on 4 April 2005',
    'https://www.legislation.gov.uk/uksi/2005/950',
  ),
  LASPO: d(
    '2012-12-03',
    'LASPO 2012 release provisions apply to sentences imposed on or after this date',
    'Legal Aid, Sentencing and Punishment of Offenders Act 2012, Part 3 (remand credit, release and recall: s.108 inserting CJA 2003 s.240ZA, and the amendments to CJA 2003 Part 12 Chapter 6), in force 3 December 2012',
    'https://www.legislation.gov.uk/ukpga/2012/10/part/3',
  ),
  ORA_2014: d(
    '2015-02-01',
    'Offender Rehabilitation Act 2014: licence and top-up supervision for short sentences (offences on or after)',
    'Offender Rehabilitation Act 2014, s.2 (inserting CJA 2003 s.256AA) and the related release amendments, in force 1 February 2015 by SI 2015/40',
    'https://www.legislation.gov.uk/ukpga/2014/11/section/2',
  ),
  A_FINE_TEN_MILLION: d(
    '2015-06-01',
    'Default terms for fines of £10 million or more served in full',
    'Criminal Justice Act 2003, s.258 (early release of fine defaulters and contemnors), as amended by the Criminal Justice and Courts Act 2015 (no early release for a default term on a sum of £10 million or more)',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/258',
  ),
  SDS_PLUS: d(
    '2020-04-01',
    'Serious offenders released at two thirds (SDS+)',
    'SI 2020/158 (Release of Prisoners (Alteration of Relevant Proportion of Sentence) Order 2020), inserting Criminal Justice Act 2003, s.244ZA',
    'https://www.legislation.gov.uk/uksi/2020/158',
  ),
  SENTENCING_ACT_2020: d(
    '2020-12-01',
    'Sentencing Act 2020 commencement',
    'Sentencing Act 2020, s.2 (the Sentencing Code applies to convictions on or after its commencement, 1 December 2020)',
    'https://www.legislation.gov.uk/ukpga/2020/17/section/2',
  ),
  PCSC_2022: d(
    '2022-06-28',
    'Police, Crime, Sentencing and Courts Act 2022 release changes (SDS+ extension, SOPC, DTO remand)',
    'Police, Crime, Sentencing and Courts Act 2022, Part 7 (sentencing and release; s.130 amends CJA 2003 s.244ZA), in force 28 June 2022',
    'https://www.legislation.gov.uk/ukpga/2022/32/part/7',
  ),
  HDC_365: d(
    '2025-06-03',
    'Home detention curfew: maximum period of 365 days',
    'Criminal Justice Act 2003, s.246(1) as amended by order with effect from 3 June 2025 (HDC up to 365 days before the requisite custodial period ends)',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
  ),
  ERS_30: d(
    '2025-09-23',
    'Early removal scheme: eligible after 30% and up to 4 years before release',
    'Criminal Justice Act 2003, s.260 as amended with effect from 23 September 2025 (ERS-30)',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/260',
  ),
  HDC_CLEAN_STOP: d(
    '2026-09-02',
    'Post-HDC-repeal rules (toggle)',
    'Criminal Justice Act 2003, s.246 as amended by the Sentencing Act 2026 (HDC confined to detention of young offenders); 2 September 2026 is the reference service date',
    'https://www.legislation.gov.uk/ukpga/2003/44/section/246',
  ),
} as const

export type CommencementName = keyof typeof COMMENCEMENTS
