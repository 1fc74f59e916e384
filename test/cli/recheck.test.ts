/**
 * `saferelease recheck` on a SQLite file: a law-change run for the estate, started and worked
 * from the command line with its progress, then its status; misuse is refused with the usage.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/database.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import { BookingRepository } from '../../src/db/repositories/booking.js'
import { UsersRepository } from '../../src/accounts/users.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'
import { PRISON_A, personInput } from '../support/fixtures.js'
import { simpleBooking } from '../support/calculation.js'
import { TEST_HASHING } from '../support/app.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(join(tmpdir(), 'saferelease-recheck-cli-'))
const file = join(dir, 'db.sqlite')
const system = { username: 'system:test' }

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'saferelease.js'), 'recheck', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: file, RECHECK_THREADS: '1' },
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('saferelease recheck', () => {
  let database: Database
  beforeAll(async () => {
    database = await openDatabase(file)
    const store = new Store(database)
    await new PrisonsRepository(store).create(system, PRISON_A)
    const people = new PeopleRepository(store)
    const person = await people.create(
      system,
      personInput({ prisonNumber: 'K1000AA', aliases: [], dateOfBirth: '1990-01-01' }),
    )
    const parsed = parseBooking(simpleBooking('K1000AA'))
    if (!parsed.ok) throw new Error('fixture booking invalid')
    await new BookingRepository(store).import(system, person, parsed.value)
    await new UsersRepository(store, TEST_HASHING).create(system, {
      username: 'admin1',
      displayName: 'Admin',
      kind: 'service',
      roles: ['admin'],
      prisons: [],
      courts: [],
      estateWide: true,
    })
    await database.close()
  })
  afterAll(async () => undefined)

  it('starts a law-change run for the estate, works it with a progress bar, and reports its status', () => {
    const change = join(dir, 'change.json')
    writeFileSync(
      change,
      JSON.stringify({ description: 'Tranche one moves to 2026', sds40Dates: { trancheOne: '2026-01-01' } }),
    )
    const r = run('start', '--as', 'admin1', '--estate', '--law-change', change)
    expect(r.err).toContain('100%')
    expect(r.code, r.err).toBe(0)
    const id = /Run ([0-9a-f-]{36})/.exec(r.out)![1]!
    const status = run('status', id)
    expect(status.code).toBe(0)
    expect(status.out).toMatch(/100%\s+1\/1 batches, 1\/1 people\s+COMPLETED/)
  })

  it('refuses misuse with the usage and exit code 2', () => {
    const none = run('start', '--as', 'admin1')
    expect(none.code).toBe(2)
    expect(none.err).toContain('Give exactly one of --prison, --people and --estate')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ description: 'x' }))
    const refused = run('start', '--as', 'admin1', '--estate', '--law-change', bad)
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/description|tranche/i)
  })
})
