/**
 * Demo data for a fresh machine: two prisons (so caseload separation shows), a demo user for
 * each role, and about 50 people with varied sentences from the synthetic generator. Refused in
 * production (the demo password is public).
 */
import type { Services } from '../web/app.js'
import type { Role } from '../accounts/roles.js'
import { generatePeople, generatePrisons } from '../synthetic/index.js'
import { parseBooking } from '../engine/input/reference-booking.js'
import { DEMO_COURT_USERS, seedCourtsDemo } from './courts.js'
import { seedRegisterDemo } from './register.js'
import { DEMO_PASSWORD } from '../accounts/demo-accounts.js'

export { DEMO_PASSWORD } from '../accounts/demo-accounts.js'
const SEED_ACTOR = { username: 'system:demo-seed' }

export interface DemoUser {
  username: string
  roles: Role[]
  /** 'courts': court staff, created by the courts demo (src/demo/courts.ts). */
  prisons: 'first' | 'second' | 'estate' | 'courts'
  description: string
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'calculator1',
    roles: ['calculator'],
    prisons: 'first',
    description: 'records sentences and adjustments in the first prison',
  },
  {
    username: 'checker1',
    roles: ['checker'],
    prisons: 'first',
    description: 'reads people in the first prison',
  },
  {
    username: 'manager1',
    roles: ['manager'],
    prisons: 'first',
    description: 'reads people in the first prison',
  },
  { username: 'analyst1', roles: ['analyst'], prisons: 'estate', description: 'reads everyone, estate-wide' },
  { username: 'admin1', roles: ['admin'], prisons: 'estate', description: 'users and API tokens' },
  {
    username: 'calculator2',
    roles: ['calculator'],
    prisons: 'second',
    description: 'records sentences in the second prison only',
  },
  ...DEMO_COURT_USERS.map((u) => ({ ...u, prisons: 'courts' as const })),
]

export interface SeedOptions {
  people?: number
  seed?: number
  referenceDate?: string
}

export async function seedDemoData(
  services: Services,
  options: SeedOptions = {},
): Promise<{ prisons: { id: string; name: string }[] }> {
  const prisons = generatePrisons(2, options.seed ?? 1)
  for (const p of prisons) await services.prisons.create(SEED_ACTOR, { id: p.id, name: p.name })
  for (const u of DEMO_USERS) {
    if (u.prisons === 'courts') continue
    const prisonIds = u.prisons === 'estate' ? [] : [u.prisons === 'first' ? prisons[0]!.id : prisons[1]!.id]
    await services.users.create(
      SEED_ACTOR,
      {
        username: u.username,
        displayName: `${u.username} (demo)`,
        kind: 'local',
        password: DEMO_PASSWORD,
        roles: u.roles,
        prisons: prisonIds,
        estateWide: u.prisons === 'estate',
      },
      { demo: true },
    )
  }
  const referenceDate = options.referenceDate ?? services.store.nowIso().slice(0, 10)
  for (const synthetic of generatePeople({
    seed: options.seed ?? 1,
    count: options.people ?? 50,
    prisons,
    referenceDate,
  })) {
    await importSyntheticPerson(services, synthetic)
  }
  await seedCourtsDemo(services, { prisons, password: DEMO_PASSWORD })
  await seedRegisterDemo(services, { prisons, referenceDate, seed: options.seed ?? 1 })
  return { prisons }
}

export async function importSyntheticPerson(
  services: Services,
  synthetic: ReturnType<typeof generatePeople> extends Generator<infer P> ? P : never,
  actor = SEED_ACTOR,
): Promise<void> {
  const person = await services.people.create(actor, {
    prisonNumber: synthetic.prisonNumber,
    firstName: synthetic.firstName,
    lastName: synthetic.lastName,
    aliases: synthetic.aliases,
    dateOfBirth: synthetic.dateOfBirth,
    prisonId: synthetic.prisonId,
    isActiveSexOffender: false,
  })
  await services.bookings.defineCourtCases(actor, person, synthetic.courtCases)
  const booking = parseBooking(synthetic.booking)
  if (!booking.ok)
    throw new Error(
      `synthetic booking for a demo person is invalid: ${JSON.stringify(booking.problems.slice(0, 3))}`,
    )
  await services.bookings.import(actor, person, booking.value)
}
