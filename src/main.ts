/**
 * `npm start`: reads the configuration, opens the database (running migrations), seeds demo data
 * into an empty development database, and listens. Production refuses to start while any
 * active account still signs in with the public demo password.
 */
import { ConfigError, loadConfig } from './config.js'
import { openDatabase, sqliteFileModeWarning } from './db/database.js'
import { buildApp } from './web/app.js'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo/seed.js'
import { DemoAccountsError, refuseDemoAccounts } from './accounts/demo-accounts.js'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(1)
    }
    throw e
  }
  const modeWarning = sqliteFileModeWarning(config.databaseUrl)
  if (modeWarning) console.warn(modeWarning)
  const database = await openDatabase(config.databaseUrl)
  const app = await buildApp({ database, config })
  if (config.production) {
    try {
      await refuseDemoAccounts(
        app.services.users,
        DEMO_USERS.map((u) => u.username),
      )
    } catch (e) {
      if (!(e instanceof DemoAccountsError)) throw e
      console.error(e.message)
      await app.close()
      await database.close()
      process.exit(1)
    }
    if (config.trustProxy.length === 0)
      console.warn(
        'TRUST_PROXY is not set: X-Forwarded-For is ignored, so behind a proxy every user shares one sign-in rate limit. See docs/deploying.md.',
      )
  }
  let seeded = false
  if (
    config.seedDemoData &&
    (await app.services.people.count()) === 0 &&
    (await app.services.users.list()).length === 0
  ) {
    console.log('Empty database: adding demo prisons, users and about 50 people…')
    await seedDemoData(app.services)
    seeded = true
  }
  const shutdown = async () => {
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown())
  process.once('SIGTERM', () => void shutdown())
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  console.log(`SafeRelease is running at http://localhost:${port}`)
  if (!config.production) {
    const existing = new Set((await app.services.users.list()).map((u) => u.username))
    const demo = DEMO_USERS.filter((u) => existing.has(u.username))
    if (demo.length > 0) {
      console.log(
        `${seeded ? 'Demo' : 'Demo (if unchanged)'} sign-ins, all with the password ${DEMO_PASSWORD} (demo only):`,
      )
      for (const u of demo)
        console.log(`  ${u.username.padEnd(12)} ${u.roles.join(', ').padEnd(11)} ${u.description}`)
    }
    console.log(`API documentation: http://localhost:${port}/api/docs`)
  }
}

void main()
