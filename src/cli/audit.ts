/**
 * `saferelease audit …`: verify the audit trail against its signed checkpoints, export a range
 * as a bundle, verify a bundle elsewhere with only the public keys, and make a signing key.
 *
 * Exit codes: 0 no tampering found; 1 tampering found; 2 misuse, or something could not be
 * checked (a checkpoint whose public key is not configured); 3 (bundles only) intact, but some
 * entries are not covered by any checkpoint, so the bundle does not prove them.
 */
import { open, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import type { KeyObject } from 'node:crypto'
import { openDatabase } from '../db/database.js'
import { ConfigError, loadAuditConfig, type AuditConfig } from '../config.js'
import {
  AuditKeyError,
  buildKeyring,
  generateSigningKey,
  loadOrCreateDevelopmentKey,
  parsePublicKeyList,
} from '../audit/keys.js'
import type { CheckpointReading } from '../audit/checkpoint.js'
import { readCheckpointFile } from '../audit/checkpoint-file.js'
import { verifyTrail, type CoveredRange, type TrailReport } from '../audit/verify.js'
import { BundleRangeError, exportBundle, verifyBundle } from '../audit/bundle.js'

const USAGE = `Usage:
  saferelease audit verify [--database URL] [--checkpoints FILE]... [--public-key ID=KEY]... [--list]
  saferelease audit verify --bundle FILE [--public-key ID=KEY]... [--list]
  saferelease audit export --from N --to N [--out FILE] [--database URL] [--checkpoints FILE]...
  saferelease audit keygen [--key-id ID]
Defaults: DATABASE_URL (or ./data/saferelease.sqlite), AUDIT_CHECKPOINT_FILE, AUDIT_PUBLIC_KEYS and
AUDIT_SIGNING_KEY from the environment, as the service reads them. --checkpoints also reads a pino
log, taking its "audit checkpoint" lines.`

/** Misuse: the message and the usage. */
class UsageError extends Error {}
/** Cannot do what was asked (no such file): the message alone. */
class CannotError extends Error {}

interface Options {
  database?: string
  checkpoints: string[]
  publicKeys: string[]
  bundle?: string
  from?: number
  to?: number
  out?: string
  keyId?: string
  list: boolean
}

function parseOptions(args: string[], allowed: (keyof Options)[]): Options {
  const options: Options = { checkpoints: [], publicKeys: [], list: false }
  const value = (i: number, name: string) => {
    const v = args[i + 1]
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`)
    return v
  }
  const integer = (text: string, name: string) => {
    if (!/^\d+$/.test(text) || Number(text) < 1)
      throw new UsageError(`${name} must be a whole number of 1 or more`)
    return Number(text)
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const take = (key: keyof Options) => {
      if (!allowed.includes(key)) throw new UsageError(`${arg} cannot be used here`)
      return value(i++, arg)
    }
    if (arg === '--database') options.database = take('database')
    else if (arg === '--checkpoints') options.checkpoints.push(take('checkpoints'))
    else if (arg === '--public-key') options.publicKeys.push(take('publicKeys'))
    else if (arg === '--bundle') options.bundle = take('bundle')
    else if (arg === '--from') options.from = integer(take('from'), '--from')
    else if (arg === '--to') options.to = integer(take('to'), '--to')
    else if (arg === '--out') options.out = take('out')
    else if (arg === '--key-id') options.keyId = take('keyId')
    else if (arg === '--list' && allowed.includes('list')) options.list = true
    else throw new UsageError(`unknown option ${arg}`)
  }
  return options
}

function databaseUrl(options: Options, env: NodeJS.ProcessEnv): string {
  const url = options.database ?? env.DATABASE_URL ?? './data/saferelease.sqlite'
  // Opening a SQLite path that does not exist would create an empty database and report it clean.
  if (
    !/^postgres(ql)?:\/\//.test(url) &&
    url !== ':memory:' &&
    !existsSync(url.replace(/^sqlite:(\/\/)?/, ''))
  )
    throw new CannotError(`there is no database at ${url}`)
  return url
}

function settings(options: Options, env: NodeJS.ProcessEnv): AuditConfig {
  return loadAuditConfig(options.database === undefined ? env : { ...env, DATABASE_URL: options.database }, {
    forSigning: false,
  })
}

/** The public keys to trust: the configured ones, --public-key, and a development key file if there is one. */
function keyringFor(
  config: AuditConfig,
  options: Options,
): { keys: Map<string, KeyObject>; sources: string[] } {
  let extra: Map<string, KeyObject>
  try {
    extra = parsePublicKeyList(options.publicKeys.join(','))
  } catch (e) {
    throw new UsageError(`--public-key: ${(e as Error).message}`)
  }
  let signer = config.signer
  const sources: string[] = []
  if (!signer && existsSync(config.developmentKeyFile)) {
    signer = loadOrCreateDevelopmentKey(config.developmentKeyFile).signer
    sources.push(`the development key ${config.developmentKeyFile}`)
  }
  const keys = buildKeyring(signer, new Map([...config.publicKeys, ...extra]))
  return { keys, sources }
}

async function readCheckpoints(
  config: AuditConfig,
  options: Options,
): Promise<{ readings: CheckpointReading[]; notes: string[] }> {
  const notes: string[] = []
  const readings: CheckpointReading[] = []
  if (options.checkpoints.length > 0) {
    for (const file of options.checkpoints) {
      try {
        readings.push(await readCheckpointFile(file))
      } catch (e) {
        throw new CannotError(`cannot read the checkpoints in ${file}: ${(e as Error).message}`)
      }
    }
  } else if (existsSync(config.checkpointFile)) {
    readings.push(await readCheckpointFile(config.checkpointFile))
  } else {
    notes.push(
      `there is no checkpoint file at ${config.checkpointFile} (AUDIT_CHECKPOINT_FILE), so no entry is covered by a checkpoint`,
    )
  }
  return { readings, notes }
}

const range = (from: number, to: number) => (from === to ? `Entry ${from}` : `Entries ${from}–${to}`)

/** Consecutive ranges signed with the same key, unless every checkpoint is asked for. */
function coverageLines(covered: CoveredRange[], list: boolean): string[] {
  const groups: CoveredRange[][] = []
  for (const c of covered) {
    const group = groups[groups.length - 1]
    if (!list && group && group[0]!.by.checkpoint.keyId === c.by.checkpoint.keyId) group.push(c)
    else groups.push([c])
  }
  return groups.map((group) => {
    const first = group[0]!
    const last = group[group.length - 1]!
    const cp = last.by.checkpoint
    return group.length === 1
      ? `  ${range(first.from, last.to)}: covered by the checkpoint at entry ${cp.seq} (${last.by.where}, signed ${cp.signedAt} with key ${cp.keyId})`
      : `  ${range(first.from, last.to)}: covered by ${group.length} checkpoints signed with key ${cp.keyId} (the newest at entry ${cp.seq}, ${last.by.where}, signed ${cp.signedAt})`
  })
}

function printReport(report: TrailReport, subject: string, list: boolean, extraNotes: string[]): void {
  const out: string[] = []
  if (!report.ok) {
    out.push(`${subject} NOT intact: tampering found (${report.entries} entries read):`)
    for (const p of report.tampering) out.push(`  - ${p}`)
  } else {
    out.push(
      `${subject} intact: ${report.entries} entries${report.entries > 0 ? ` (${range(report.firstSeq, report.lastSeq).toLowerCase()})` : ''}, hash chain verified, no tampering found.`,
    )
    out.push(`Checkpoints verified: ${report.checkpointsVerified}.`)
    out.push(...coverageLines(report.covered, list))
    if (report.uncovered)
      out.push(
        `  ${range(report.uncovered.from, report.uncovered.to)}: NOT yet covered by a checkpoint (written after the newest one: normal for entries since the last checkpoint, or after a crash; nothing vouches for them yet)`,
      )
  }
  if (report.cannotCheck.length > 0) {
    out.push('Could not check:')
    for (const c of report.cannotCheck) out.push(`  - ${c}`)
  }
  const notes = [...extraNotes, ...report.notes]
  if (notes.length > 0) {
    out.push('Notes:')
    for (const n of notes) out.push(`  - ${n}`)
  }
  console.log(out.join('\n'))
}

function exitCode(report: TrailReport, bundle: boolean): number {
  if (!report.ok) return 1
  if (report.cannotCheck.length > 0) return 2
  if (bundle && report.uncovered) return 3
  return 0
}

async function verifyCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseOptions(args, ['database', 'checkpoints', 'publicKeys', 'bundle', 'list'])
  const config = settings(options, env)
  const { keys, sources } = keyringFor(config, options)
  if (options.bundle !== undefined) {
    if (options.database !== undefined || options.checkpoints.length > 0)
      throw new UsageError('--bundle is checked on its own: give no --database or --checkpoints')
    let text: string
    try {
      text = await readFile(options.bundle, 'utf8')
    } catch (e) {
      throw new CannotError(`cannot read the bundle ${options.bundle}: ${(e as Error).message}`)
    }
    const report = verifyBundle(text, keys)
    const notes = keyNotes(keys, sources)
    if (report.header && report.header.to !== report.header.requestedTo)
      notes.push(
        `the range asked for ended at entry ${report.header.requestedTo}; it was extended to ${report.header.to}, the next checkpoint, so it can be proved`,
      )
    printReport(report, `Bundle ${options.bundle}`, options.list, notes)
    return exitCode(report, true)
  }
  const { readings, notes } = await readCheckpoints(config, options)
  const database = await openDatabase(databaseUrl(options, env), { migrate: false })
  try {
    const report = await verifyTrail(database.db, { checkpoints: readings, keys })
    printReport(report, 'Audit trail', options.list, [...keyNotes(keys, sources), ...notes])
    return exitCode(report, false)
  } finally {
    await database.close()
  }
}

function keyNotes(keys: Map<string, KeyObject>, sources: string[]): string[] {
  if (keys.size === 0)
    return [
      'no public key is configured (AUDIT_PUBLIC_KEYS, AUDIT_SIGNING_KEY or --public-key): no checkpoint can be checked',
    ]
  return [
    `public keys used: ${[...keys.keys()].join(', ')}${sources.length > 0 ? ` (including ${sources.join(', ')})` : ''}`,
  ]
}

async function exportCommand(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseOptions(args, ['database', 'checkpoints', 'from', 'to', 'out'])
  if (options.from === undefined || options.to === undefined)
    throw new UsageError('export needs --from and --to (entry numbers)')
  const config = settings(options, env)
  const { readings, notes } = await readCheckpoints(config, options)
  const database = await openDatabase(databaseUrl(options, env), { migrate: false })
  try {
    const bundle = await exportBundle(database.db, {
      from: options.from,
      to: options.to,
      checkpoints: readings.flatMap((r) => r.checkpoints),
      exportedAt: new Date().toISOString(),
    })
    const count = await writeLines(bundle.lines, options.out)
    const { header } = bundle
    const said = [
      `Exported ${range(header.from, header.to).toLowerCase()} (${count} lines) to ${options.out ?? 'standard output'}.`,
    ]
    if (header.to !== header.requestedTo)
      said.push(
        `The range was extended from entry ${header.requestedTo} to ${header.to}, the next checkpoint, so it can be proved.`,
      )
    else if (!readings.some((r) => r.checkpoints.some((c) => c.checkpoint.seq === header.to)))
      said.push(
        `Warning: no checkpoint covers entry ${header.to} yet, so the bundle cannot prove the entries after the last checkpoint in it.`,
      )
    for (const n of notes) said.push(`Note: ${n}`)
    console.error(said.join('\n'))
    return 0
  } finally {
    await database.close()
  }
}

/** Writes the lines to a file (fsynced) or standard output, a batch at a time. */
async function writeLines(lines: AsyncIterable<string>, file: string | undefined): Promise<number> {
  let count = 0
  let batch: string[] = []
  if (file !== undefined) {
    const handle = await open(file, 'w', 0o600)
    try {
      for await (const line of lines) {
        batch.push(line)
        count++
        if (batch.length >= 1000) {
          await handle.write(batch.join('\n') + '\n')
          batch = []
        }
      }
      if (batch.length > 0) await handle.write(batch.join('\n') + '\n')
      await handle.sync()
    } finally {
      await handle.close()
    }
    return count
  }
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())))
  for await (const line of lines) {
    batch.push(line)
    count++
    if (batch.length >= 1000) {
      await write(batch.join('\n') + '\n')
      batch = []
    }
  }
  if (batch.length > 0) await write(batch.join('\n') + '\n')
  return count
}

function keygenCommand(args: string[]): number {
  const options = parseOptions(args, ['keyId'])
  const key = generateSigningKey(options.keyId)
  console.log(
    [
      '# The private key: keep it secret, in the service’s secret store, never in the database.',
      `AUDIT_SIGNING_KEY=${key.privateKey}`,
      `AUDIT_SIGNING_KEY_ID=${key.keyId}`,
      '# The public key, for AUDIT_PUBLIC_KEYS or --public-key wherever checkpoints are verified',
      '# (and, after the next rotation, on the service itself):',
      `${key.keyId}=${key.publicKey}`,
    ].join('\n'),
  )
  return 0
}

export async function runAuditCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args
  try {
    if (sub === 'verify') return await verifyCommand(rest, env)
    if (sub === 'export') return await exportCommand(rest, env)
    if (sub === 'keygen') return keygenCommand(rest)
    throw new UsageError(sub === undefined ? 'which audit command?' : `unknown audit command "${sub}"`)
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof CannotError ||
      e instanceof ConfigError ||
      e instanceof AuditKeyError ||
      e instanceof BundleRangeError
    ) {
      console.error(`saferelease audit: ${e.message}\n${e instanceof UsageError ? USAGE : ''}`.trimEnd())
      return 2
    }
    throw e
  }
}
