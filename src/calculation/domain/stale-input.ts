/**
 * A decision made from the stored inputs must still hold when its events are written. The
 * service decides from inputs it read first, then, inside the writing transaction with the
 * booking locked, reads them again and asks `staleInputRefusal` whether the decision relied on
 * anything that has changed meanwhile (issue 17: a confirm racing an edit on PostgreSQL).
 */
import type { CalculationCommand, CalculationState } from './model.js'
import { describeEngineInputChanges, fingerprintInput, type EngineInput } from './input-fingerprint.js'
import { refuse, type Refusal } from './refusals.js'

interface Reliance {
  /** The inputs the decision was made from, and their fingerprint. */
  input: EngineInput
  fingerprint: string
  message: string
}

/** What the command's decision relied on from the stored inputs; undefined when nothing. */
export function inputsReliedOn(command: CalculationCommand, state: CalculationState): Reliance | undefined {
  switch (command.type) {
    case 'ConfirmCalculation':
    case 'OverrideDates':
      return {
        input: command.currentInput,
        fingerprint: fingerprintInput(command.currentInput),
        message:
          'The information changed after these dates were calculated. Check the information and calculate again.',
      }
    case 'EnterManualDates':
      return {
        input: command.currentInput,
        fingerprint: fingerprintInput(command.currentInput),
        message:
          'The information changed while you were entering the dates. Check the information and start again.',
      }
    case 'ResolveDifference': {
      if (command.resolution.kind !== 'corrected-and-recalculated') return undefined
      const corrected = state.calculations[command.resolution.newCalculationId]
      if (corrected === undefined) return undefined
      // "Corrected and recalculated" holds only while the correction is what is stored.
      return {
        input: corrected.input,
        fingerprint: corrected.fingerprint,
        message:
          'The information changed after the corrected calculation was confirmed. Calculate and confirm the dates again, then resolve this difference.',
      }
    }
    case 'RequestCalculation':
    case 'SubmitCheckEntry':
    case 'ConfirmRecord':
    case 'FlagRecord':
    case 'RequireRecalculation':
      return undefined
    default: {
      const never: never = command
      throw new Error(`Unknown command ${JSON.stringify(never)}`)
    }
  }
}

/**
 * INPUTS_CHANGED, with what changed, when the inputs stored now (`storedNow`; undefined when the
 * booking can no longer be read) are not the inputs the decision relied on. Undefined otherwise.
 */
export function staleInputRefusal(
  command: CalculationCommand,
  state: CalculationState,
  storedNow: EngineInput | undefined,
): Refusal | undefined {
  const relied = inputsReliedOn(command, state)
  if (relied === undefined) return undefined
  if (storedNow !== undefined && fingerprintInput(storedNow) === relied.fingerprint) return undefined
  const changes =
    storedNow === undefined
      ? ['The booking can no longer be read. Check the information.']
      : describeEngineInputChanges(relied.input, storedNow)
  return refuse('INPUTS_CHANGED', relied.message, changes)
}
