/**
 * `saferelease audit verify [--database URL]`: re-computes the audit trail's hash chain and
 * reports any edited, inserted or deleted entry. Exit code 0 when intact, 1 when not, 2 on misuse.
 */
import { openDatabase } from '../db/database.js'
import { verifyAudit } from '../audit/audit.js'

const USAGE = 'Usage: saferelease audit verify [--database URL]   (default: DATABASE_URL or ./data/saferelease.sqlite)'

export async function runAuditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'verify') {
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
  const database = await openDatabase(url, { migrate: false })
  try {
    const result = await verifyAudit(database.db)
    if (result.ok) {
      console.log(`Audit trail intact: ${result.entries} entries, hash chain verified.`)
      return 0
    }
    console.log(`Audit trail NOT intact (${result.entries} entries read):`)
    for (const p of result.problems) console.log(`  - ${p}`)
    return 1
  } finally {
    await database.close()
  }
}
