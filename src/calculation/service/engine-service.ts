/**
 * Runs the engine for the service: the person's stored booking (exported in the reference
 * format), the configured legislation profile, the bank-holiday calendar and "today" from the
 * clock. Pre-calculation checks run first and their messages come first.
 */
import { calculate } from '../../engine/index.js'
import type {
  CalculationOutcome,
  InputProblem,
  LegislationChange,
  ValidationMessage,
} from '../../engine/api.js'
import { parseBooking } from '../../engine/input/reference-booking.js'
import { validateBeforeCalculation } from '../../engine/validation/index.js'
import type { Kysely, Transaction } from 'kysely'
import type { BookingRecords, BookingRepository } from '../../db/repositories/booking.js'
import type { DB } from '../../db/schema.js'
import type { Person } from '../../db/repositories/people.js'
import type { EngineInput } from '../domain/index.js'
import type { BankHolidayRepository } from './bank-holidays.js'
import type { CalculationSettings } from './settings.js'

export type InputResult = { ok: true; input: EngineInput } | { ok: false; problems: InputProblem[] }

export class EngineService {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly calendar: BankHolidayRepository,
    private readonly settings: CalculationSettings,
  ) {}

  /** Everything the engine will be given for this person, as stored now. */
  async currentInput(person: Person): Promise<InputResult> {
    return this.inputFrom(person, await this.bookings.load(person.bookingId))
  }

  /**
   * Inside a writing transaction: locks the person's booking until the transaction ends (see
   * BookingRepository.lockForDecision) and reads everything the engine would be given, as
   * committed now: the check a decision made from `currentInput` is re-made against.
   */
  async lockedInput(trx: Transaction<DB>, person: Person): Promise<InputResult> {
    await this.bookings.lockForDecision(trx, person.bookingId)
    const row = await trx
      .selectFrom('people')
      .select(['date_of_birth', 'is_active_sex_offender'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow()
    const now: Person = {
      ...person,
      dateOfBirth: row.date_of_birth,
      isActiveSexOffender: Number(row.is_active_sex_offender) === 1,
    }
    return this.inputFrom(now, await this.bookings.load(person.bookingId, trx), trx)
  }

  private async inputFrom(person: Person, records: BookingRecords, db?: Kysely<DB>): Promise<InputResult> {
    const parsed = parseBooking(this.bookings.toReference(person, records))
    if (!parsed.ok) return { ok: false, problems: parsed.problems }
    return {
      ok: true,
      input: {
        booking: parsed.value,
        profile: this.settings.profile,
        featureToggles: {},
        userInputs: {},
        bankHolidays: await this.calendar.dates(db),
      },
    }
  }

  /** What the engine says for `input` today (ISO date), pre-calculation messages first. */
  outcome(input: EngineInput, today: string): CalculationOutcome {
    return engineOutcome(input, today)
  }
}

/**
 * What the engine says for `input` today (ISO date), pre-calculation messages first. Pure (no
 * storage), so oversight re-checks run it in worker threads; `legislationChange` only there.
 */
export function engineOutcome(
  input: EngineInput,
  today: string,
  legislationChange?: LegislationChange,
): CalculationOutcome {
  let pre: ValidationMessage[]
  try {
    pre = validateBeforeCalculation(input.booking, { today, featureToggles: input.featureToggles })
  } catch (e) {
    return {
      status: 'error',
      code: 'PRE_CALCULATION_FAILED',
      message: e instanceof Error ? e.message : String(e),
    }
  }
  const outcome = calculate(input.booking, {
    profile: input.profile,
    featureToggles: input.featureToggles,
    userInputs: input.userInputs,
    bankHolidays: input.bankHolidays,
    today,
    ...(legislationChange ? { legislationChange } : {}),
    // Run above, so their messages lead and a blocking check still shows the engine's dates.
    preCalculationChecks: false,
  })
  if (outcome.status !== 'calculated' && outcome.status !== 'rejected') {
    // The pre-calculation checks explain why (e.g. an unsupported recall); the error does not.
    const blocking = pre.filter((m) => m.category !== 'WARNING')
    return blocking.length === 0 ? outcome : { status: 'rejected', messages: pre }
  }
  const key = (m: ValidationMessage) => `${m.code}|${m.path ?? ''}|${m.sentence?.index ?? ''}|${m.message}`
  const seen = new Set(pre.map(key))
  const messages = [...pre, ...outcome.messages.filter((m) => !seen.has(key(m)))]
  return { ...outcome, messages }
}
