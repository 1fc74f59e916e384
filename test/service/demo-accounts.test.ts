/**
 * Demo accounts never work in production: the service refuses to start while any active
 * account still signs in with the public demo password (marked by the seed, or found by its
 * username in older databases), names them and says what to do; the demo password cannot be
 * given to any other account.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/web/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/database.js'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from '../../src/demo/seed.js'
import {
  DemoAccountsError,
  deactivateDemoAccounts,
  refuseDemoAccounts,
} from '../../src/accounts/demo-accounts.js'
import { updateUserSchema } from '../../src/accounts/users.js'
import { ValidationError } from '../../src/db/errors.js'
import { runAccountsCommand } from '../../src/cli/accounts.js'
import { generateSigningKey } from '../../src/audit/keys.js'
import { TEST_HASHING } from '../support/app.js'
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../support/databases.js'

const seeded = DEMO_USERS.map((u) => u.username)
const system = { username: 'system:test' }

describeEachDatabase('Demo accounts', (dialect) => {
  let database: TestDatabase
  afterEach(async () => {
    await database.dispose()
  })

  async function seededApp() {
    database = await freshDatabase(dialect)
    const app = await buildApp({
      database,
      config: loadConfig({}),
      logger: false,
      passwordHashing: TEST_HASHING,
    })
    await seedDemoData(app.services, { people: 0 })
    return app
  }

  it('are found while they keep the demo password, named, and cleared by deactivating them', async () => {
    const app = await seededApp()
    const { users } = app.services
    const refused = await refuseDemoAccounts(users, seeded).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(DemoAccountsError)
    expect((refused as DemoAccountsError).usernames).toEqual([...seeded].sort())
    expect((refused as Error).message).toMatch(/public demo password: admin1, analyst1/)
    expect((refused as Error).message).toContain('saferelease accounts deactivate-demo')

    // An account given its own password is no longer a demo account.
    const admin = (await users.findByUsername('admin1'))!
    await users.update(system, admin.id, {
      ...updateUserSchema.parse({
        version: admin.version,
        displayName: admin.displayName,
        roles: admin.roles,
        prisons: admin.caseload.prisons,
        estateWide: admin.caseload.estateWide,
        active: true,
      }),
      password: 'a-real-secret-password',
    })
    // A database seeded before accounts were marked: found by its seeded username and password.
    await database.db.updateTable('users').set({ demo: 0 }).where('username', '=', 'checker1').execute()
    const still = await users.stillUsingDemoPassword(seeded)
    expect(still).not.toContain('admin1')
    expect(still).toContain('checker1')

    expect(await deactivateDemoAccounts(users, system, seeded)).toEqual(still)
    await expect(refuseDemoAccounts(users, seeded)).resolves.toBeUndefined()
    expect(await users.signIn('calculator1', DEMO_PASSWORD)).toEqual({ ok: false, reason: 'invalid' })
    expect((await users.signIn('admin1', 'a-real-secret-password')).ok).toBe(true)
    await app.close()
  })

  it('cannot be made by hand: the demo password is refused for any other account, naming the field', async () => {
    const app = await seededApp()
    const created = app.services.users
      .create(system, {
        username: 'someone',
        displayName: 'Someone',
        kind: 'local',
        password: DEMO_PASSWORD,
        roles: ['checker'],
        prisons: [],
        estateWide: false,
      })
      .catch((e: unknown) => e)
    expect(await created).toBeInstanceOf(ValidationError)
    expect(((await created) as ValidationError).problems).toEqual([
      { path: 'password', message: 'must not be the public demo password' },
    ])
    const update = updateUserSchema.safeParse({
      version: 1,
      displayName: 'x',
      roles: ['checker'],
      prisons: [],
      estateWide: false,
      active: true,
      password: DEMO_PASSWORD,
    })
    expect(update.success ? 'accepted' : update.error.issues[0]).toMatchObject({
      path: ['password'],
      message: 'must not be the public demo password',
    })
    await app.close()
  })
})

describe('Production start-up with demo accounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-demo-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** Runs `npm start`'s entry point; resolves with its exit code and output (stopped if it listens). */
  function start(file: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'main.ts')], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          SESSION_SECRET: 'p'.repeat(40),
          AUDIT_SIGNING_KEY: generateSigningKey('demo-test').privateKey,
          DATABASE_URL: file,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
        },
      })
      let output = ''
      const collect = (b: Buffer) => {
        output += b.toString()
        if (output.includes('SafeRelease is running')) child.kill('SIGTERM')
      }
      child.stdout.on('data', collect)
      child.stderr.on('data', collect)
      child.on('exit', (code) => resolve({ code, output }))
    })
  }

  it('is refused, naming the accounts and what to do; the command it names clears them', async () => {
    const file = join(dir, 'dev.sqlite')
    const database = await openDatabase(file)
    const app = await buildApp({
      database,
      config: loadConfig({}),
      logger: false,
      passwordHashing: TEST_HASHING,
    })
    await seedDemoData(app.services, { people: 0 })
    await app.close()
    await database.close()

    const refused = await start(file)
    expect(refused.code).toBe(1)
    expect(refused.output).toContain('will not start in production')
    expect(refused.output).toMatch(/admin1.*calculator1/)
    // The court staff the courts demo adds are demo accounts too.
    expect(refused.output).toMatch(/court1.*courtmanager1.*warrantunit1/)
    expect(refused.output).toContain('npx saferelease accounts deactivate-demo')

    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    expect(await runAccountsCommand(['deactivate-demo', '--database', file])).toBe(0)
    expect(log.mock.calls.flat().join(' ')).toContain(`Deactivated ${seeded.length} demo account`)
    log.mockRestore()

    const after = await openDatabase(file)
    const again = await buildApp({ database: after, config: loadConfig({}), logger: false })
    await expect(refuseDemoAccounts(again.services.users, seeded)).resolves.toBeUndefined()
    await again.close()
    await after.close()
  }, 60_000)
})
