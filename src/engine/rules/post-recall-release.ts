/**
 * Post-recall release date (PRRD).
 * Sources: Criminal Justice Act 2003, s.254 (standard recall: to sentence expiry, subject to
 * Parole Board), ss.255A-255C (fixed-term recall: 14 or 28 days; 56 days as amended by the
 * Sentencing Act 2026, section not confirmed).
 */
import type { LocalDate } from '@js-joda/core'
import { cite } from '../legislation/citation.js'
import { FTR_56_SOURCE } from '../legislation/sds-legislation.js'
import { step, trace, type DateTrace } from '../explain/trace.js'
import type { Recall } from '../model/part.js'

export class NoValidReturnToCustodyDateError extends Error {
  constructor() {
    super('A fixed-term recall has no return to custody date')
    this.name = 'NoValidReturnToCustodyDateException'
  }
}

const STANDARD = cite(
  'Criminal Justice Act 2003, s.254 (recall: release at sentence expiry unless re-released)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/254',
)
const FTR = cite(
  'Criminal Justice Act 2003, ss.255A-255C (fixed-term recall)',
  'https://www.legislation.gov.uk/ukpga/2003/44/section/255A',
)

export function postRecallRelease(args: {
  recall: Recall
  rtc: LocalDate | null
  expiry: LocalDate
  ualAfterFtr: number
  awardedAfterRelease: number
  ftr56Supported: boolean
  ftr56Tranche: LocalDate | null
}): { date: LocalDate; trace: DateTrace } {
  const { recall } = args
  const days =
    recall.type === 'FIXED_TERM_RECALL_14'
      ? 14
      : recall.type === 'FIXED_TERM_RECALL_28'
        ? 28
        : recall.type === 'FIXED_TERM_RECALL_56' && args.ftr56Supported
          ? 56
          : 0
  if (days === 0) {
    return {
      date: args.expiry,
      trace: trace(
        'PRRD_STANDARD_RECALL',
        'Standard recall: released at sentence expiry',
        [STANDARD],
        [step('Standard recall: detained to the sentence expiry date', args.expiry.toString(), STANDARD)],
      ),
    }
  }
  if (!args.rtc) throw new NoValidReturnToCustodyDateError()
  let base = args.rtc.plusDays(days - 1 + args.ualAfterFtr)
  const steps = [
    step(
      `Returned to custody ${args.rtc.toString()}; ${days}-day fixed-term recall`,
      base.toString(),
      days === 56 ? FTR_56_SOURCE : FTR,
    ),
  ]
  // The tranche date comes with the FTR legislation attached to the sentence, which every sentence
  // placed on the timeline after the first FTR56 event receives: a 14/28-day recall imposed then is
  // held at it too (rules §12.2, quirk kept for parity).
  if (args.ftr56Tranche && !base.isAfter(args.ftr56Tranche)) {
    base = args.ftr56Tranche
    steps.push(step('Not before the 56-day recall tranche commencement', base.toString(), FTR_56_SOURCE))
  }
  let date = base.plusDays(args.awardedAfterRelease)
  if (args.awardedAfterRelease)
    steps.push(step('Plus additional days awarded during recall', `${args.awardedAfterRelease} days`))
  if (date.isAfter(args.expiry)) {
    date = args.expiry
    steps.push(step('Capped at sentence expiry', date.toString()))
  } else if (args.awardedAfterRelease) steps.push(step('Post-recall release date', date.toString()))
  return {
    date,
    trace: trace(
      'PRRD_FIXED_TERM_RECALL',
      `Fixed-term recall of ${days} days`,
      [days === 56 ? FTR_56_SOURCE : FTR],
      steps,
    ),
  }
}
