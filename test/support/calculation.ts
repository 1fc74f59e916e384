/** People with small, calculable (or deliberately unsupported) bookings for the calculation journey tests. */
import type { FastifyInstance } from 'fastify'
import { parseBooking, type BookingInputRaw } from '../../src/engine/input/reference-booking.js'
import { PRISON_A, personInput } from './fixtures.js'
import { PASSWORD } from './app.js'

const system = { username: 'system:test' }

/** One 2-year SDS sentenced 3 June 2024 with 20 days' remand: CRD falls on Saturday 1 March 2025. */
export function simpleBooking(
  prisonNumber: string,
  options: { recall?: boolean; remandDays?: number } = {},
): BookingInputRaw {
  return {
    offender: { reference: prisonNumber, dateOfBirth: '1990-01-01', isActiveSexOffender: false },
    sentences: [
      {
        type: 'StandardSentence',
        identifier: 'bbbbbbbb-0000-0000-0000-000000000001',
        offence: { committedAt: '2024-01-05', offenceCode: 'TH68010' },
        sentencedAt: '2024-06-03',
        duration: { durationElements: { YEARS: 2 } },
        releaseArrangements: {
          isSDSPlus: false,
          isSDSPlusEligibleSentenceTypeLengthAndOffence: false,
          sdsEarlyReleaseExclusions: [],
          isSection250: false,
        },
        consecutiveSentenceUUIDs: [],
        caseSequence: 1,
        lineSequence: 1,
        caseReference: 'T20240001',
        ...(options.recall
          ? {
              recall: {
                recallType: 'STANDARD_RECALL_255',
                revocationDate: '2025-02-01',
                returnToCustodyDate: '2025-02-10',
              },
            }
          : {}),
      },
    ],
    adjustments: {
      REMAND: [
        {
          appliesToSentencesFrom: '2024-06-03',
          numberOfDays: options.remandDays ?? 20,
          fromDate: '2024-01-10',
          toDate: '2024-01-29',
        },
      ],
    },
    externalMovements: [],
  } as unknown as BookingInputRaw
}

export async function addPerson(
  app: FastifyInstance,
  prisonNumber: string,
  options: { recall?: boolean; firstName?: string } = {},
) {
  const s = app.services
  const person = await s.people.create(
    system,
    personInput({
      prisonNumber,
      firstName: options.firstName ?? 'Carl',
      lastName: 'Case',
      aliases: [],
      dateOfBirth: '1990-01-01',
      prisonId: PRISON_A.id,
    }),
  )
  await s.bookings.defineCourtCases(system, person, [
    { caseSequence: 1, caseReference: 'T20240001', courtName: 'Leeds Crown Court' },
  ])
  const parsed = parseBooking(simpleBooking(prisonNumber, options))
  if (!parsed.ok) throw new Error(`fixture booking invalid: ${JSON.stringify(parsed.problems)}`)
  await s.bookings.import(system, person, parsed.value)
  return s.people.getByPrisonNumber(prisonNumber)
}

/** A user with both roles (to try checking one's own calculation), and an API token for them. */
export async function addCalculatorChecker(app: FastifyInstance, username = 'calccheck1') {
  const s = app.services
  const user = await s.users.create(system, {
    username,
    displayName: 'Calc Checker',
    kind: 'local',
    password: PASSWORD,
    roles: ['calculator', 'checker'],
    prisons: [PRISON_A.id],
    estateWide: false,
  })
  const svc = await s.users.create(system, {
    username: `svc-${username}`,
    displayName: 'Calc Checker service',
    kind: 'service',
    roles: ['calculator', 'checker'],
    prisons: [PRISON_A.id],
    estateWide: false,
  })
  return { user, token: (await s.users.createToken(system, svc.id, 'tests')).token }
}
