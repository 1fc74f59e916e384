import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/web/app.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/database.js'
import { TEST_HASHING, PASSWORD, signIn } from '../support/app.js'
import { PRISON_A } from '../support/fixtures.js'

describe('Sessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-sessions-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('survive a restart of the service, because they are kept in the database', async () => {
    const file = join(dir, 's.sqlite')
    const config = loadConfig({})
    const db1 = await openDatabase(file)
    const app1 = await buildApp({ database: db1, config, logger: false, passwordHashing: TEST_HASHING })
    await app1.services.prisons.create({ username: 'x' }, PRISON_A)
    await app1.services.users.create(
      { username: 'x' },
      {
        username: 'checker1',
        displayName: 'c',
        kind: 'local',
        password: PASSWORD,
        roles: ['checker'],
        prisons: ['MDI'],
        estateWide: false,
      },
    )
    const session = await signIn(app1, 'checker1')
    await app1.close()
    await db1.close()

    const db2 = await openDatabase(file)
    const app2 = await buildApp({ database: db2, config, logger: false, passwordHashing: TEST_HASHING })
    const res = await app2.inject({
      method: 'GET',
      url: '/people/search',
      headers: { cookie: session.cookie },
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Signed in as')
    await app2.close()
    await db2.close()
  })
})
