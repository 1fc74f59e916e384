/**
 * Demo data for the courts hotline, so it can be tried on first sign-in: the Crown, magistrates'
 * and youth courts the synthetic people were sentenced at (court cases linked by name), court
 * staff for the courts most of the first prison's people were sentenced at, their unit manager,
 * the national warrant query unit, open queries at each urgency (one already past its deadline,
 * then escalated), and a late change the first prison has not acknowledged.
 */
import type { Services } from '../web/app.js'
import type { User } from '../accounts/users.js'
import { COURT_REGIONS } from '../synthetic/data.js'
import { parseBooking, type SentenceInput } from '../engine/input/reference-booking.js'
import type { Person } from '../db/repositories/people.js'
import { CourtsService } from '../courts/service/courts-service.js'
import type { Store } from '../db/store.js'
import type { Role } from '../accounts/roles.js'
import { LocalDate } from '@js-joda/core'

const SEED_ACTOR = { username: 'system:demo-seed' }
type StandardSentence = Extract<SentenceInput, { type: 'StandardSentence' }>

const REGION_NAMES = [
  'Yorkshire',
  'North West',
  'Midlands',
  'London',
  'South West',
  'Wales',
  'North East',
  'South East',
  'East of England',
  'Thames Valley',
]

export interface DemoCourtUser {
  username: string
  roles: Role[]
  description: string
}

export const DEMO_COURT_USERS: DemoCourtUser[] = [
  {
    username: 'court1',
    roles: ['court'],
    description: 'answers queries and records orders at three demo courts',
  },
  {
    username: 'courtmanager1',
    roles: ['court_manager'],
    description: 'court unit manager: sees escalations at those courts',
  },
  {
    username: 'warrantunit1',
    roles: ['warrant_unit'],
    description: 'national warrant query unit: every court',
  },
]

/** A short code from a court's name: "Leeds Crown Court" → LEEDSCC, "Leeds Magistrates’ Court" → LEEDSMC. */
export function courtCode(name: string, taken: Set<string>): string {
  const suffix = /Crown/.test(name) ? 'CC' : /Youth/.test(name) ? 'YC' : 'MC'
  const place = (name.split(/\s+/)[0] ?? 'COURT')
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 6)
  let code = `${place}${suffix}`
  for (let n = 2; taken.has(code); n++) code = `${place.slice(0, 5)}${suffix}${n}`
  taken.add(code)
  return code
}

export async function seedCourtsDemo(
  services: Services,
  options: { prisons: { id: string }[]; password: string },
): Promise<void> {
  const { courts, users } = services
  const taken = new Set<string>()
  for (const [i, region] of COURT_REGIONS.entries())
    for (const c of region)
      await courts.createCourt(SEED_ACTOR, {
        code: courtCode(c.name, taken),
        name: c.name,
        kind: c.kind,
        region: REGION_NAMES[i] ?? `Region ${i + 1}`,
        active: true,
      })

  // The three courts most of the first prison's people have a case at.
  const first = options.prisons[0]!.id
  const busiest = await services.store.db
    .selectFrom('court_cases')
    .innerJoin('bookings', 'bookings.id', 'court_cases.booking_id')
    .innerJoin('people', 'people.id', 'bookings.person_id')
    .select(['court_cases.court_code', (eb) => eb.fn.countAll().as('n')])
    .where('people.prison_id', '=', first)
    .where('court_cases.court_code', 'is not', null)
    .groupBy('court_cases.court_code')
    .orderBy('n', 'desc')
    .orderBy('court_cases.court_code')
    .limit(3)
    .execute()
  const demoCourts = busiest.map((r) => r.court_code!)
  const created: Record<string, User> = {}
  for (const u of DEMO_COURT_USERS) {
    const estate = u.roles.includes('warrant_unit')
    created[u.username] = await users.create(
      SEED_ACTOR,
      {
        username: u.username,
        displayName: `${u.username} (demo)`,
        kind: 'local',
        password: options.password,
        roles: u.roles,
        prisons: [],
        courts: estate ? [] : demoCourts,
        estateWide: estate,
      },
      { demo: true },
    )
  }

  // People in the first prison with a case at the demo courts, for the queries and the change.
  const candidates = await services.store.db
    .selectFrom('people')
    .innerJoin('bookings', (j) =>
      j.onRef('bookings.person_id', '=', 'people.id').on('bookings.active', '=', 1),
    )
    .innerJoin('court_cases', 'court_cases.booking_id', 'bookings.id')
    .select(['people.prison_number', 'court_cases.court_code', 'court_cases.case_reference'])
    .where('people.prison_id', '=', first)
    .where('court_cases.court_code', 'in', demoCourts.length > 0 ? demoCourts : ['-'])
    .orderBy('people.prison_number')
    .limit(12)
    .execute()
  const calculator = await users.findByUsername('calculator1')
  if (!calculator || candidates.length < 4) return

  // Raised a while ago, so one is already past its deadline (and is escalated below).
  const earlier = new CourtsService(
    // The same store (its audit listeners too), read three hours back.
    Object.create(services.store, {
      clock: { value: { now: () => new Date(services.store.clock.now().getTime() - 3 * 3600_000) } },
    }) as Store,
    services.people,
    services.bookings,
    services.calculationJourney,
    {
      openHoldIn: async () => ({ holdId: 'demo' }),
      dischargedAt: async () => null,
      reportChangeAfterDischargeIn: async () => undefined,
    },
    courts.settings,
  )
  const today = LocalDate.parse(courts.today())
  const raise = async (
    service: CourtsService,
    index: number,
    releaseInDays: number,
    kind: string,
    question: string,
  ) => {
    const c = candidates[index]!
    const person = await services.people.getByPrisonNumber(c.prison_number)
    await service.raiseQuery(calculator, person, {
      kind,
      courts: [c.court_code!],
      caseReference: c.case_reference,
      releaseDate: today.plusDays(releaseInDays).toString(),
      question,
    })
  }
  await raise(
    earlier,
    0,
    0,
    'OUTSTANDING_WARRANTS',
    'Due out today: any outstanding warrants or unrecorded orders before release?',
  )
  await raise(
    courts,
    1,
    1,
    'OUTSTANDING_WARRANTS',
    'Due out tomorrow: any outstanding warrants before release?',
  )
  await raise(
    courts,
    2,
    12,
    'ORDER_FINAL_AND_CORRECT',
    'Is the order on this case final and correctly recorded?',
  )
  await courts.runEscalations()

  // A late change to a sentence the prison holds: the length varied, sent and not yet acknowledged.
  const court = created.court1!
  let found: { c: (typeof candidates)[number]; person: Person; sentence: StandardSentence } | undefined
  for (const c of candidates.slice(3)) {
    const person = await services.people.getByPrisonNumber(c.prison_number)
    const booking = parseBooking(await services.bookings.export(person))
    const sentence = booking.ok
      ? booking.value.sentences.find(
          (s): s is StandardSentence =>
            s.type === 'StandardSentence' &&
            s.caseReference === c.case_reference &&
            s.lineSequence !== undefined,
        )
      : undefined
    if (sentence && c.case_reference) {
      found = { c, person, sentence }
      break
    }
  }
  if (!found) return
  const { c, person, sentence } = found
  const order = await courts.recordOrder(court, {
    prisonNumber: person.prisonNumber,
    dateOfBirth: person.dateOfBirth,
    court: c.court_code!,
    kind: 'LENGTH_VARIED',
    caseReference: c.case_reference!,
    orderDate: today.toString(),
    notes: 'Sentence varied under the slip rule at a hearing this morning',
  })
  const months = (sentence.duration.durationElements.MONTHS ?? 0) + 6
  const line = await courts.saveOrderLine(
    court,
    order.id,
    {
      lineSequence: sentence.lineSequence!,
      sentence: {
        ...sentence,
        duration: { durationElements: { ...sentence.duration.durationElements, MONTHS: months } },
      },
    },
    order.version,
  )
  const confirmed = await courts.confirmWithJudge(
    court,
    order.id,
    { judgeName: 'HHJ Demo', method: 'IN_COURT', confirmedAt: services.store.nowIso() },
    line.version,
  )
  await courts.sendOrder(court, order.id, confirmed.version)
}
