/**
 * `npm start`: reads the configuration, opens the database (running migrations), seeds demo data
 * into an empty development database, and listens.
 */
import { ConfigError, loadConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { buildApp } from './web/app.js'
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo/seed.js'

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
  const database = await openDatabase(config.databaseUrl)
  const app = await buildApp({ database, config })
  let seeded = false
  if (config.seedDemoData && (await app.services.people.count()) === 0 && (await app.services.users.list()).length === 0) {
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
      console.log(`${seeded ? 'Demo' : 'Demo (if unchanged)'} sign-ins, all with the password ${DEMO_PASSWORD} (demo only):`)
      for (const u of demo) console.log(`  ${u.username.padEnd(12)} ${u.roles.join(', ').padEnd(11)} ${u.description}`)
    }
    console.log(`API documentation: http://localhost:${port}/api/docs`)
  }
}

void main()
