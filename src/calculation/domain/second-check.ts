/**
 * The blind, independent second check of a confirmed calculation.
 *
 * A confirmed calculation is 'unverified' until someone with the `checker` role, who took no part
 * in producing it, checks it in one of two ways:
 * - entry: they enter the sentences and adjustments from the court documents themselves, the
 *   engine calculates from their entry, and SafeRelease compares both inputs and both results;
 * - records: they confirm every sentence and adjustment record, one by one, against the
 *   documents (there is no single "agree" for all), or flag a record that does not match.
 * Every difference must be resolved (corrected and recalculated, or a written reason why the first
 * was right) before the calculation becomes 'verified'.
 *
 * `checkerView` is what the checker may see before they have entered anything: the person and the
 * task, never the first person's inputs or dates.
 */
import type { Instant } from '@js-joda/core'
import { z } from 'zod'
import { Instant as JodaInstant } from '@js-joda/core'
import type { CalculationResult } from '../../engine/api.js'
import { RELEASE_DATE_NAMES, RELEASE_DATE_TYPES } from '../../engine/api.js'
import type { BookingInput } from '../../engine/input/reference-booking.js'
import { ADJUSTMENT_TYPES } from '../../engine/input/reference-booking.js'
import type { Actor } from './actor.js'
import { canAccessPrison, hasRole } from './actor.js'
import { adjustmentSummary, diffBookings, sentenceLabel, sentenceSummary } from './booking-diff.js'
import { daysBetween, formatDate, formatInstantDate } from './format.js'
import type { Decision } from './guards.js'
import { accept, guard, reject } from './guards.js'
import type {
  Calculation,
  CalculationCommand,
  CalculationEvent,
  CalculationSource,
  CalculationState,
  CheckDifference,
  CheckStatus,
  ResolvedDifference,
} from './model.js'
import type { EngineInput } from './input-fingerprint.js'
import { CALCULATION_REASONS } from './reasons.js'
import type { Refusal } from './refusals.js'
import { refuse } from './refusals.js'
import type { ReleaseDates } from './release-dates.js'
import { confirmableDates, isUnsupported, validateEnteredDates } from './release-dates.js'

export const MIN_WRITTEN_REASON = 10

/** A resolution as sent by a form or the JSON API. The decider checks it again. */
export const resolutionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('corrected-and-recalculated'), newCalculationId: z.string().min(1) }),
  z.object({
    kind: z.literal('first-was-right'),
    reason: z
      .string()
      .trim()
      .min(
        MIN_WRITTEN_REASON,
        `Enter why the first calculation was right, in at least ${MIN_WRITTEN_REASON} characters`,
      ),
  }),
])

/**
 * The engine input for the checker's entry: their booking, with the same legislation profile,
 * switches, user choices and bank holidays as the calculation being checked (so a difference is
 * a difference in the records, not in the settings). The web layer runs the engine on this and
 * passes the outcome in SubmitCheckEntry; it must not show the result of this function to anyone.
 */
export function checkerEngineInput(
  state: CalculationState,
  calculationId: string,
  booking: BookingInput,
): EngineInput | undefined {
  const calc = state.calculations[calculationId]
  if (calc === undefined) return undefined
  return { ...calc.input, booking }
}

export interface CheckSide {
  input: BookingInput
  result: Pick<CalculationResult, 'dates'>
}

/**
 * Every difference between the first calculation and the checker's, field by field (sentences
 * matched by court case and line) and date by date.
 */
export function compareCheck(first: CheckSide, second: CheckSide): CheckDifference[] {
  const inputs: CheckDifference[] = diffBookings(first.input, second.input).map((d) => ({
    id: `input:${d.key}`,
    kind: 'input',
    where: d.where,
    field: d.field,
    first: d.before,
    second: d.after,
  }))
  const dates: CheckDifference[] = []
  for (const type of RELEASE_DATE_TYPES) {
    const a = first.result.dates[type]
    const b = second.result.dates[type]
    if ((a ?? '') === (b ?? '')) continue
    dates.push({
      id: `date:${type}`,
      kind: 'date',
      where: `${RELEASE_DATE_NAMES[type]} (${type})`,
      field: 'date',
      first: a === undefined ? 'no date' : formatDate(a),
      second: b === undefined ? 'no date' : formatDate(b),
    })
  }
  return [...inputs, ...dates]
}

/** One sentence or adjustment record, as the checker confirms it against the documents. */
export interface CheckRecord {
  id: string
  kind: 'sentence' | 'adjustment'
  label: string
  summary: string
}

/** The records of a booking to be confirmed one by one. Ids are stable for a given booking. */
export function recordsOf(booking: BookingInput): CheckRecord[] {
  const sentences: CheckRecord[] = booking.sentences.map((s, i) => ({
    id: `sentence:${i}`,
    kind: 'sentence',
    label: sentenceLabel(s, i),
    summary: `${sentenceSummary(s)}, sentenced on ${formatDate(s.sentencedAt)}`,
  }))
  const adjustments: CheckRecord[] = ADJUSTMENT_TYPES.flatMap((type) =>
    (booking.adjustments[type] ?? []).map((a, i) => ({
      id: `adjustment:${type}:${i}`,
      kind: 'adjustment' as const,
      label: adjustmentSummary(type, a),
      summary: adjustmentSummary(type, a),
    })),
  )
  return [...sentences, ...adjustments]
}

const isAfterOrSame = (a: string, b: string) => !JodaInstant.parse(a).isBefore(JodaInstant.parse(b))

function checkable(
  command: { calculationId: string },
  state: CalculationState,
  actor: Actor,
  mustBeCurrent: boolean,
): { calc: Calculation } | { refusal: Refusal } {
  const calc = state.calculations[command.calculationId]
  if (calc === undefined)
    return {
      refusal: refuse('CALCULATION_NOT_FOUND', 'There is no confirmed calculation with this reference'),
    }
  if (calc.calculatedBy.includes(actor.id))
    return {
      refusal: refuse(
        'SELF_CHECK',
        'You cannot check a calculation you made or confirmed. Ask another checker to check it.',
      ),
    }
  if (calc.check.status === 'verified')
    return { refusal: refuse('ALREADY_VERIFIED', 'This calculation has already been checked and verified') }
  if (mustBeCurrent && state.currentCalculationId !== calc.id)
    return {
      refusal: refuse(
        'NOT_CURRENT',
        'A newer calculation has been confirmed for this person. Check the newer calculation instead.',
      ),
    }
  return { calc }
}

/** Every record confirmed or flagged, and every difference resolved. */
function recordsComplete(calc: Calculation, extraConfirmed?: string): boolean {
  return recordsOf(calc.input.booking).every(
    (r) =>
      r.id === extraConfirmed || r.id in calc.check.recordsConfirmed || r.id in calc.check.recordsFlagged,
  )
}

const allResolved = (differences: ReadonlyArray<ResolvedDifference>, resolvingId?: string) =>
  differences.every((d) => d.resolution !== undefined || d.id === resolvingId)

type SecondCheckCommand = Extract<
  CalculationCommand,
  { type: 'SubmitCheckEntry' | 'ConfirmRecord' | 'FlagRecord' | 'ResolveDifference' }
>

export function decideSecondCheck(
  command: SecondCheckCommand,
  state: CalculationState,
  now: Instant,
  actor: Actor,
): Decision {
  const denied = guard(actor, 'checker', state, command.person)
  if (denied) return reject(denied)
  const at = now.toString()
  const base = { calculationId: command.calculationId, prisonId: command.person.prisonId, by: actor.id, at }

  switch (command.type) {
    case 'SubmitCheckEntry': {
      const found = checkable(command, state, actor, true)
      if ('refusal' in found) return reject(found.refusal)
      const { calc } = found
      if (calc.check.mode === 'records')
        return reject(
          refuse(
            'CHECK_MODE_CONFLICT',
            'This calculation is being checked record by record. Finish confirming each record instead.',
          ),
        )
      if (calc.check.entry !== undefined)
        return reject(
          refuse('CHECK_ALREADY_SUBMITTED', 'An independent entry has already been made for this check'),
        )
      let dates: ReleaseDates
      const engine = confirmableDates(command.outcome)
      if ('dates' in engine) {
        if (command.manualDates !== undefined)
          return reject(
            refuse(
              'ENGINE_CAN_CALCULATE',
              'SafeRelease can calculate your entry, so dates cannot be entered by hand for this check',
            ),
          )
        dates = engine.dates
      } else if (isUnsupported(command.outcome) && command.manualDates !== undefined) {
        const invalid = validateEnteredDates(command.manualDates, command.booking)
        if (invalid) return reject(invalid)
        dates = command.manualDates
      } else {
        return reject(
          refuse('CHECK_NOT_CALCULABLE', `Your entry could not be calculated. ${engine.refusal.message}`),
        )
      }
      const differences = compareCheck(
        { input: calc.input.booking, result: { dates: calc.dates } },
        { input: command.booking, result: { dates } },
      )
      const submitted: CalculationEvent = {
        ...base,
        type: 'CheckEntrySubmitted',
        booking: command.booking,
        outcome: command.outcome,
        dates,
        differences,
      }
      return differences.length === 0
        ? accept(submitted, { ...base, type: 'CalculationVerified', how: 'entry-matched' })
        : accept(submitted)
    }

    case 'ConfirmRecord':
    case 'FlagRecord': {
      const found = checkable(command, state, actor, true)
      if ('refusal' in found) return reject(found.refusal)
      const { calc } = found
      if (calc.check.mode === 'entry')
        return reject(
          refuse('CHECK_MODE_CONFLICT', 'An independent entry has already been made for this check'),
        )
      const record = recordsOf(calc.input.booking).find((r) => r.id === command.recordId)
      if (record === undefined)
        return reject(refuse('RECORD_NOT_FOUND', 'There is no such record in this calculation'))
      if (record.id in calc.check.recordsConfirmed || record.id in calc.check.recordsFlagged)
        return reject(refuse('RECORD_ALREADY_CHECKED', `${record.label} has already been checked`))
      if (command.type === 'FlagRecord') {
        const note = command.note.trim()
        if (note.length < MIN_WRITTEN_REASON)
          return reject(
            refuse(
              'NOTE_TOO_SHORT',
              `Enter what does not match the documents, in at least ${MIN_WRITTEN_REASON} characters`,
            ),
          )
        const difference: CheckDifference = {
          id: `record:${record.id}`,
          kind: 'record',
          where: record.label,
          field: '',
          first: record.summary,
          second: note,
        }
        return accept({ ...base, type: 'RecordFlagged', recordId: record.id, note, difference })
      }
      const confirmed: CalculationEvent = { ...base, type: 'RecordConfirmed', recordId: record.id }
      if (!recordsComplete(calc, record.id) || !allResolved(calc.check.differences)) return accept(confirmed)
      const how = calc.check.differences.length > 0 ? 'differences-resolved' : 'records-confirmed'
      return accept(confirmed, { ...base, type: 'CalculationVerified', how })
    }

    case 'ResolveDifference': {
      const found = checkable(command, state, actor, false)
      if ('refusal' in found) return reject(found.refusal)
      const { calc } = found
      const difference = calc.check.differences.find((d) => d.id === command.differenceId)
      if (difference === undefined)
        return reject(refuse('DIFFERENCE_NOT_FOUND', 'There is no such difference in this check'))
      if (difference.resolution !== undefined)
        return reject(refuse('DIFFERENCE_ALREADY_RESOLVED', 'This difference has already been resolved'))
      const resolution = command.resolution
      switch (resolution.kind) {
        case 'first-was-right': {
          if (resolution.reason.trim().length < MIN_WRITTEN_REASON)
            return reject(
              refuse(
                'REASON_TOO_SHORT',
                `Enter why the first calculation was right, in at least ${MIN_WRITTEN_REASON} characters`,
              ),
            )
          break
        }
        case 'corrected-and-recalculated': {
          const corrected = state.calculations[resolution.newCalculationId]
          if (corrected === undefined || corrected.id === calc.id)
            return reject(
              refuse(
                'CORRECTION_NOT_FOUND',
                'Correct the record, then calculate and confirm again before resolving this difference',
              ),
            )
          if (
            calc.check.differencesFoundAt &&
            !isAfterOrSame(corrected.confirmedAt, calc.check.differencesFoundAt)
          )
            return reject(
              refuse(
                'CORRECTION_TOO_EARLY',
                'That calculation was confirmed before the difference was found. Correct the record and calculate again.',
              ),
            )
          const entry = calc.check.entry
          if (entry !== undefined && difference.kind !== 'record') {
            const still = compareCheck(
              { input: corrected.input.booking, result: { dates: corrected.dates } },
              { input: entry.booking, result: { dates: entry.dates } },
            ).find((d) => d.id === difference.id)
            if (still !== undefined)
              return reject(
                refuse(
                  'DIFFERENCE_STILL_PRESENT',
                  `The corrected calculation still differs: ${still.where}${still.field ? `, ${still.field}` : ''} is ${still.first}, the check found ${still.second}`,
                ),
              )
          }
          break
        }
        default: {
          const never: never = resolution
          throw new Error(`Unknown resolution ${JSON.stringify(never)}`)
        }
      }
      const resolved: CalculationEvent = {
        ...base,
        type: 'DifferenceResolved',
        differenceId: difference.id,
        resolution:
          resolution.kind === 'first-was-right'
            ? { kind: resolution.kind, reason: resolution.reason.trim() }
            : resolution,
      }
      const done =
        allResolved(calc.check.differences, difference.id) &&
        (calc.check.mode !== 'records' || recordsComplete(calc))
      return done
        ? accept(resolved, { ...base, type: 'CalculationVerified', how: 'differences-resolved' })
        : accept(resolved)
    }
    default: {
      const never: never = command
      throw new Error(`Unknown command ${JSON.stringify(never)}`)
    }
  }
}

/** What the checker sees before entering anything: the person and the task. Never the first inputs or dates. */
export interface CheckerView {
  person: { prisonNumber: string; prisonId: string }
  task: {
    calculationId: string
    /** The reason's label only; its free text could quote inputs. */
    reason: string
    confirmedOn: string
    status: CheckStatus
    mode: 'entry' | 'records' | 'not started'
    /** False, with a reason, when this actor may not check it. */
    canCheck: boolean
    cannotCheckBecause?: string
  }
}

export function checkerView(
  state: CalculationState,
  calculationId: string,
  actor: Actor,
): CheckerView | undefined {
  const calc = state.calculations[calculationId]
  if (calc === undefined || state.prisonNumber === undefined) return undefined
  const prisonId = state.prisonId ?? calc.prisonId
  const cannot = !hasRole(actor, 'checker')
    ? 'You do not have permission to check calculations'
    : !canAccessPrison(actor, prisonId)
      ? 'This person is not in your caseload'
      : calc.calculatedBy.includes(actor.id)
        ? 'You made or confirmed this calculation, so another checker must check it'
        : calc.check.status === 'verified'
          ? 'This calculation has already been verified'
          : state.currentCalculationId !== calc.id
            ? 'A newer calculation has been confirmed'
            : undefined
  return {
    person: { prisonNumber: state.prisonNumber, prisonId },
    task: {
      calculationId: calc.id,
      reason: CALCULATION_REASONS.find((r) => r.code === calc.reason.code)?.label ?? calc.reason.code,
      confirmedOn: formatInstantDate(calc.confirmedAt),
      status: calc.check.status,
      mode: calc.check.mode ?? 'not started',
      canCheck: cannot === undefined,
      ...(cannot === undefined ? {} : { cannotCheckBecause: cannot }),
    },
  }
}

/** Records mode: the records to confirm one by one (inputs only, never dates), with their state. */
export function recordsToCheck(
  state: CalculationState,
  calculationId: string,
): Array<CheckRecord & { checked: 'confirmed' | 'flagged' | 'not checked' }> {
  const calc = state.calculations[calculationId]
  if (calc === undefined) return []
  return recordsOf(calc.input.booking).map((r) => ({
    ...r,
    checked:
      r.id in calc.check.recordsConfirmed
        ? 'confirmed'
        : r.id in calc.check.recordsFlagged
          ? 'flagged'
          : 'not checked',
  }))
}

/**
 * After the checker has entered their own data (or flagged a record): every difference side by
 * side, with how it was resolved. Undefined before, so it cannot leak the first inputs early.
 */
export function checkComparisonView(
  state: CalculationState,
  calculationId: string,
): { status: CheckStatus; differences: ResolvedDifference[]; open: number } | undefined {
  const calc = state.calculations[calculationId]
  if (calc === undefined) return undefined
  if (calc.check.entry === undefined && calc.check.differences.length === 0) return undefined
  return {
    status: calc.check.status,
    differences: calc.check.differences,
    open: calc.check.differences.filter((d) => d.resolution === undefined).length,
  }
}

export interface WaitingCheck {
  prisonNumber: string
  calculationId: string
  reason: string
  source: CalculationSource
  confirmedAt: string
  /** Whole days waited, on the UK calendar, up to `now`. */
  waitingDays: number
}

export interface ManagerView {
  prisonId: string
  awaitingCheck: WaitingCheck[]
  differencesFound: Array<WaitingCheck & { openDifferences: number }>
}

/**
 * For a manager: the prison's current calculations awaiting a check, and checks with differences
 * not yet resolved, longest waiting first. `states` are the people's calculation states.
 */
export function managerView(
  states: ReadonlyArray<CalculationState>,
  prisonId: string,
  now: Instant,
  actor: Actor,
): { ok: true; view: ManagerView } | { ok: false; refusal: Refusal } {
  if (!hasRole(actor, 'manager'))
    return {
      ok: false,
      refusal: refuse('MISSING_ROLE', 'You do not have permission to manage calculations for a prison'),
    }
  if (!canAccessPrison(actor, prisonId))
    return {
      ok: false,
      refusal: refuse('NOT_IN_CASELOAD', `You cannot see ${prisonId}: it is not in your caseload`),
    }
  const awaitingCheck: WaitingCheck[] = []
  const differencesFound: ManagerView['differencesFound'] = []
  for (const state of states) {
    if (state.prisonId !== prisonId || state.prisonNumber === undefined) continue
    for (const id of state.order) {
      const calc = state.calculations[id]
      if (calc === undefined) continue
      const row = {
        prisonNumber: state.prisonNumber,
        calculationId: calc.id,
        reason: CALCULATION_REASONS.find((r) => r.code === calc.reason.code)?.label ?? calc.reason.code,
        source: calc.source,
        confirmedAt: calc.confirmedAt,
      }
      if (calc.check.status === 'differences-found') {
        const since = calc.check.differencesFoundAt ?? calc.confirmedAt
        differencesFound.push({
          ...row,
          waitingDays: daysBetween(JodaInstant.parse(since), now),
          openDifferences: calc.check.differences.filter((d) => d.resolution === undefined).length,
        })
      } else if (calc.check.status === 'unverified' && id === state.currentCalculationId) {
        awaitingCheck.push({ ...row, waitingDays: daysBetween(JodaInstant.parse(calc.confirmedAt), now) })
      }
    }
  }
  const longest = (a: WaitingCheck, b: WaitingCheck) => b.waitingDays - a.waitingDays
  return {
    ok: true,
    view: {
      prisonId,
      awaitingCheck: awaitingCheck.sort(longest),
      differencesFound: differencesFound.sort(longest),
    },
  }
}
