// Whether dist/ holds a build of the current sources. Plain JavaScript so that `npm start` and the
// `saferelease` launcher can decide before anything is compiled.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DIST = join(ROOT, 'dist')
export const FINGERPRINT_FILE = join(DIST, '.build-fingerprint')

// Everything the compiled output depends on: the sources and their run-time files, the compiler
// settings and the build script itself.
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']

function* files(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    yield { path, stat }
    return
  }
  for (const name of readdirSync(path).sort()) yield* files(join(path, name))
}

/**
 * A hash of every input file's path, size and modification time: any edit, added or deleted file
 * changes it. Undefined when the sources are not there (a deployment that ships dist/ only).
 */
export function sourceFingerprint() {
  if (!existsSync(join(ROOT, 'src'))) return undefined
  const hash = createHash('sha256')
  for (const input of INPUTS) {
    const path = join(ROOT, input)
    if (!existsSync(path)) continue
    for (const f of files(path)) hash.update(`${relative(ROOT, f.path)}\0${f.stat.size}\0${f.stat.mtimeMs}\n`)
  }
  return hash.digest('hex')
}

/** 'missing' (no build), 'stale' (sources changed since) or 'current'. */
export function buildState() {
  if (!existsSync(FINGERPRINT_FILE)) return 'missing'
  const current = sourceFingerprint()
  if (current === undefined) return 'current'
  return readFileSync(FINGERPRINT_FILE, 'utf8').trim() === current ? 'current' : 'stale'
}
