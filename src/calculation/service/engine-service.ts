/**
 * Runs the engine for the service: the person's stored booking (exported in the reference
 * format), the configured legislation profile, the bank-holiday calendar and "today" from the
 * clock. Pre-calculation checks run first and their messages come first.
 */
import { calculate } from '../../engine/index.js'
import type { CalculationOutcome, InputProblem, ValidationMessage } from '../../engine/api.js'
import { parseBooking } from '../../engine/input/reference-booking.js'
import { validateBeforeCalculation } from '../../engine/validation/index.js'
import type { BookingRepository } from '../../db/repositories/booking.js'
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
    const parsed = parseBooking(await this.bookings.export(person))
    if (!parsed.ok) return { ok: false, problems: parsed.problems }
    return {
      ok: true,
      input: {
        booking: parsed.value,
        profile: this.settings.profile,
        featureToggles: {},
        userInputs: {},
        bankHolidays: await this.calendar.dates(),
      },
    }
  }

  /** What the engine says for `input` today (ISO date), pre-calculation messages first. */
  outcome(input: EngineInput, today: string): CalculationOutcome {
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
}
