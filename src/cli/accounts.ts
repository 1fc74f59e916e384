/**
 * `saferelease accounts deactivate-demo [--database URL]`: deactivates (audited) every active
 * account that still signs in with the public demo password, so that a database first used in
 * development can be used in production. Exit code 0, or 2 on misuse.
 */
import { openDatabase } from '../db/database.js'
import { Store } from '../db/store.js'
import { UsersRepository } from '../accounts/users.js'
import { deactivateDemoAccounts } from '../accounts/demo-accounts.js'
import { DEMO_USERS } from '../demo/seed.js'

const USAGE =
  'Usage: saferelease accounts deactivate-demo [--database URL]   (default: DATABASE_URL or ./data/saferelease.sqlite)'

export async function runAccountsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'deactivate-demo') {
    console.error(USAGE)
    return 2
  }
  let url = process.env.DATABASE_URL ?? './data/saferelease.sqlite'
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--database' && rest[i + 1]) url = rest[++i]!
    else {
      console.error(USAGE)
      return 2
    }
  }
  const database = await openDatabase(url)
  try {
    const users = new UsersRepository(new Store(database))
    const done = await deactivateDemoAccounts(
      users,
      { username: 'system:cli' },
      DEMO_USERS.map((u) => u.username),
    )
    console.log(
      done.length === 0
        ? 'No active account signs in with the demo password.'
        : `Deactivated ${done.length} demo account(s): ${done.join(', ')}.`,
    )
    return 0
  } finally {
    await database.close()
  }
}
