/**
 * Demo accounts in production (issue 17). The demo seed's password is published in the README,
 * so an account that still has it must never work in production: the service refuses to start
 * while any active account signs in with it, naming the accounts and what to do.
 */
import type { Actor } from '../db/store.js'
import type { UsersRepository } from './users.js'

/** The password of every seeded demo account (demo only: printed at start-up and in the README). */
export const DEMO_PASSWORD = 'demo-password-1'

export class DemoAccountsError extends Error {
  constructor(readonly usernames: string[]) {
    super(
      [
        `SafeRelease will not start in production: ${usernames.length === 1 ? 'this account still signs' : 'these accounts still sign'} in with the public demo password: ${usernames.join(', ')}.`,
        'Deactivate them with `npx saferelease accounts deactivate-demo` (same DATABASE_URL), or give each a new password,',
        'or point DATABASE_URL at a database that was never seeded with demo data. See docs/deploying.md.',
      ].join('\n'),
    )
  }
}

/**
 * Throws DemoAccountsError while any active account still signs in with the demo password.
 * `seededUsernames`: the demo seed's usernames, checked too in databases seeded before demo
 * accounts were marked.
 */
export async function refuseDemoAccounts(
  users: UsersRepository,
  seededUsernames: readonly string[],
): Promise<void> {
  const found = await users.stillUsingDemoPassword(seededUsernames)
  if (found.length > 0) throw new DemoAccountsError(found)
}

/** Deactivates (audited) every active account that still signs in with the demo password. */
export async function deactivateDemoAccounts(
  users: UsersRepository,
  actor: Actor,
  seededUsernames: readonly string[],
): Promise<string[]> {
  const found = await users.stillUsingDemoPassword(seededUsernames)
  for (const username of found) await users.deactivate(actor, username, 'demo password')
  return found
}
