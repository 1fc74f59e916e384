/** People with confirmed dates for the oversight re-check tests: some agree with the engine, some do not. */
import type { FastifyInstance } from 'fastify'
import { LocalDate } from '@js-joda/core'
import { addPerson } from './calculation.js'

type Dates = Record<string, string>

/**
 * Adds a person, calculates and confirms; with `shiftCrdDays` the confirmed dates are an
 * override that moves the CRD by that many days (negative: earlier than the engine's).
 * Returns the engine's dates at confirmation.
 */
export async function personWithConfirmedDates(
  app: FastifyInstance,
  calculatorToken: string,
  prisonNumber: string,
  shiftCrdDays?: number,
): Promise<Dates> {
  await addPerson(app, prisonNumber)
  const headers = { authorization: `Bearer ${calculatorToken}` }
  const pre = await app.inject({
    method: 'POST',
    url: `/api/v1/people/${prisonNumber}/calculations`,
    headers,
    payload: { reason: { code: 'INITIAL_CALCULATION' } },
  })
  if (pre.statusCode !== 201) throw new Error(`calculate failed: ${pre.body}`)
  const body = pre.json() as { calculationId: string; version: string; outcome: { result: { dates: Dates } } }
  const dates = body.outcome.result.dates
  const url = `/api/v1/people/${prisonNumber}/calculations/${body.calculationId}`
  const res =
    shiftCrdDays === undefined
      ? await app.inject({
          method: 'POST',
          url: `${url}/confirm`,
          headers,
          payload: { version: body.version },
        })
      : await app.inject({
          method: 'POST',
          url: `${url}/override`,
          headers,
          payload: {
            version: body.version,
            reason: { code: 'TRIAL_RECORD_MISMATCH' },
            dates: { ...dates, CRD: LocalDate.parse(dates.CRD!).plusDays(shiftCrdDays).toString() },
          },
        })
  if (res.statusCode !== 200) throw new Error(`confirm failed: ${res.body}`)
  return dates
}
