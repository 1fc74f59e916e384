import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/web/app.js'
import { loadConfig } from '../../src/config.js'
import { freshDatabase, type TestDatabase } from '../support/databases.js'
import { TEST_HASHING } from '../support/app.js'
import { PRISON_A, personInput } from '../support/fixtures.js'
import type { FastifyInstance } from 'fastify'

describe('Logs', () => {
  const lines: string[] = []
  let app: FastifyInstance
  let database: TestDatabase
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString())
      done()
    },
  })

  beforeAll(async () => {
    database = await freshDatabase('sqlite')
    app = await buildApp({
      database,
      config: loadConfig({}),
      logger: { level: 'debug', stream },
      passwordHashing: TEST_HASHING,
    })
    await app.services.prisons.create({ username: 'x' }, PRISON_A)
    await app.services.people.create({ username: 'x' }, personInput())
    const svc = await app.services.users.create(
      { username: 'x' },
      {
        username: 'svc',
        displayName: 'svc',
        kind: 'service',
        roles: ['checker'],
        prisons: ['MDI'],
        estateWide: false,
      },
    )
    const { token } = await app.services.users.createToken({ username: 'x' }, svc.id, 't')
    const auth = { authorization: `Bearer ${token}` }
    await app.inject({ method: 'GET', url: '/api/v1/people/A1234BC', headers: auth })
    await app.inject({ method: 'GET', url: '/api/v1/people?q=Smith', headers: auth })
    await app.inject({
      method: 'PUT',
      url: '/api/v1/people/A1234BC',
      headers: auth,
      payload: { firstName: 'Johnny', dateOfBirth: '1990-04-01' },
    })
    await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: { username: 'Smith', password: 'secret-password' },
    })
  })
  afterAll(async () => {
    await app.close()
    await database.dispose()
  })

  it('record requests by route pattern, with no name, date of birth, prison number, token or password', () => {
    const all = lines.join('')
    expect(all).toContain('/api/v1/people/:prisonNumber')
    for (const secret of ['A1234BC', 'Smith', 'Johnny', '1990-04-01', 'Bearer', 'sr_', 'secret-password'])
      expect(all).not.toContain(secret)
  })
})
