/**
 * `npm start`: reads the configuration, opens the database (running migrations), starts the
 * audit checkpoints, seeds demo data into an empty development database, and listens.
 * Production refuses to start while any active account still signs in with the public demo
 * password.
 */
import { ConfigError, loadConfig, type AuditConfig } from './config.js'
import { AuditKeyError, buildKeyring, loadOrCreateDevelopmentKey, type AuditSigner } from './audit/keys.js'
import { startAuditCheckpoints } from './audit/checkpointer.js'
import { openDatabase, sqliteFileModeWarning } from './db/database.js'
import type { FastifyInstance } from 'fastify'
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
  const signer = auditSigner(config.audit)
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
  const checkpoints = await startCheckpoints(app, config.audit, signer)
  app.addHook('onClose', () => checkpoints.close())
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

/** Signs the audit head every N entries and every few minutes, to the checkpoint file and the logs. */
async function startCheckpoints(app: FastifyInstance, audit: AuditConfig, signer: AuditSigner) {
  try {
    return await startAuditCheckpoints(app.services.store, {
      signer,
      keys: buildKeyring(signer, audit.publicKeys),
      file: audit.checkpointFile,
      everyEntries: audit.everyEntries,
      everyMs: audit.everySeconds * 1000,
      // Checkpoints are logged whatever LOG_LEVEL says: the logs are their second copy.
      logger: app.log.child({ component: 'audit' }, { level: 'info' }),
    })
  } catch (e) {
    console.error(
      `Cannot open the audit checkpoint file ${audit.checkpointFile} (AUDIT_CHECKPOINT_FILE): ${(e as Error).message}`,
    )
    process.exit(1)
  }
}

/** The configured key, or in development one kept in a file beside the data (never in the database). */
function auditSigner(audit: AuditConfig): AuditSigner {
  if (audit.signer) return audit.signer
  try {
    const dev = loadOrCreateDevelopmentKey(audit.developmentKeyFile)
    console.log(
      `Audit checkpoints are signed with a development key ${dev.created ? 'created' : 'read'} at ${audit.developmentKeyFile} (outside the database; key id ${dev.signer.keyId}). Production needs AUDIT_SIGNING_KEY.`,
    )
    if (dev.readableByOthers)
      console.warn(`Warning: ${audit.developmentKeyFile} can be read by other users; make it mode 0600.`)
    return dev.signer
  } catch (e) {
    if (!(e instanceof AuditKeyError) && !(e instanceof Error && 'code' in e)) throw e
    console.error(`Cannot use the development audit key: ${e.message}`)
    process.exit(1)
  }
}

void main()
