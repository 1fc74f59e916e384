/**
 * The checkpoint file: one JSON checkpoint a line, opened for append only and fsynced after
 * every line, outside the database. A crash can leave at most a torn last line; the next open
 * ends it with a newline so the following checkpoint starts on a line of its own.
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises'
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  checkSignature,
  describeCheckpoint,
  readCheckpointLines,
  type Checkpoint,
  type CheckpointReading,
  type LocatedCheckpoint,
} from './checkpoint.js'
import type { PublicKeyring } from './keys.js'

export class CheckpointFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<CheckpointFile> {
    mkdirSync(dirname(path), { recursive: true })
    const existed = await stat(path).then(
      () => true,
      () => false,
    )
    const handle = await open(path, 'a', 0o600)
    try {
      const { size } = await handle.stat()
      if (size > 0) {
        const last = Buffer.alloc(1)
        // Reading needs its own descriptor: an append-only handle is write-only.
        const reader = await open(path, 'r')
        try {
          await reader.read(last, 0, 1, size - 1)
        } finally {
          await reader.close()
        }
        if (last[0] !== 0x0a) {
          await handle.write('\n')
          await handle.datasync()
        }
      }
      if (!existed) syncDirectory(dirname(path))
    } catch (e) {
      await handle.close()
      throw e
    }
    return new CheckpointFile(path, handle)
  }

  /** Appends one line and waits until it is on disk. */
  async append(checkpoint: Checkpoint): Promise<void> {
    await this.handle.write(`${JSON.stringify(checkpoint)}\n`)
    await this.handle.datasync()
  }

  async close(): Promise<void> {
    await this.handle.close()
  }
}

/** A new file's name is only durable once its directory is synced too. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems cannot sync a directory; the file's own fsync still holds its content.
  }
}

/** Every checkpoint in a file (the checkpoint file or a pino log). */
export async function readCheckpointFile(path: string, label = path): Promise<CheckpointReading> {
  return readCheckpointLines(await readFile(path, 'utf8'), label)
}

export interface NewestCheckpoint {
  newest: LocatedCheckpoint | undefined
  /** Lines near the end that could not be trusted, for the logs. */
  warnings: string[]
}

/**
 * The newest checkpoint whose signature verifies, from the end of the file only (the file
 * grows for ever; start-up should not read all of it). Several service instances may append
 * to one file, so the highest entry wins rather than the last line.
 */
export async function readNewestCheckpoint(
  path: string,
  keys: PublicKeyring,
  tailBytes = 64 * 1024,
): Promise<NewestCheckpoint> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { newest: undefined, warnings: [] }
    throw e
  }
  let text: string
  let firstLine = 1
  try {
    const { size } = await handle.stat()
    const start = Math.max(0, size - tailBytes)
    const buffer = Buffer.alloc(size - start)
    await handle.read(buffer, 0, buffer.length, start)
    text = buffer.toString('utf8')
    if (start > 0) {
      // Drop the partial first line; line numbers are then relative to the tail.
      text = text.slice(text.indexOf('\n') + 1)
      firstLine = 0
    }
  } finally {
    await handle.close()
  }
  const reading = readCheckpointLines(text, firstLine === 1 ? path : `${path} (end)`)
  const warnings: string[] = reading.malformed.map((w) => `${w} is not a well-formed checkpoint`)
  const unknownKeys = new Set<string>()
  let newest: LocatedCheckpoint | undefined
  for (const located of reading.checkpoints) {
    const check = checkSignature(located.checkpoint, keys)
    if (check === 'invalid')
      warnings.push(`${describeCheckpoint(located)} has a signature that does not verify`)
    else if (check === 'unknown-key') unknownKeys.add(located.checkpoint.keyId)
    else if (!newest || located.checkpoint.seq > newest.checkpoint.seq) newest = located
  }
  for (const keyId of unknownKeys)
    warnings.push(
      `checkpoints near the end of ${path} are signed with key "${keyId}", which is not configured`,
    )
  return { newest, warnings }
}
