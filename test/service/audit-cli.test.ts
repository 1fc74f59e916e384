import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import { runAuditCommand } from '../../src/cli/audit.js'
import { PRISON_A, personInput } from '../support/fixtures.js'

describe('saferelease audit verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saferelease-audit-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 0 on an intact trail and 1 after an entry is edited, saying which', async () => {
    const file = join(dir, 'a.sqlite')
    const database = await openDatabase(file)
    const store = new Store(database)
    await new PrisonsRepository(store).create({ username: 'x' }, PRISON_A)
    await new PeopleRepository(store).create({ username: 'x' }, personInput())
    await database.close()
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    expect(await runAuditCommand(['verify', '--database', file])).toBe(0)
    const again = await openDatabase(file)
    await again.db
      .updateTable('audit_log')
      .set({ after: '{"firstName":"Someone else"}' })
      .where('seq', '=', 2)
      .execute()
    await again.close()
    expect(await runAuditCommand(['verify', '--database', file])).toBe(1)
    expect(log.mock.calls.flat().join('\n')).toMatch(/entry 2 has been edited/)
    log.mockRestore()
  })

  it('explains its usage and exits 2 when misused', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(await runAuditCommand(['check'])).toBe(2)
    err.mockRestore()
  })
})
