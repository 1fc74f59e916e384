// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json) and copies the files the
// service reads at run time from beside its code (templates, styles, the bank-holiday calendar).
// docs/rules.md stays where it is: dist/ sits in the repository layout, so the path from
// dist/guidance/service resolves to it as it does from src/ (or set GUIDANCE_RULES_PATH).
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative } from 'node:path'
import process from 'node:process'
import console from 'node:console'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { DIST, FINGERPRINT_FILE, ROOT, sourceFingerprint } from './build-state.mjs'

const SRC = join(ROOT, 'src')

export function build() {
  const fingerprint = sourceFingerprint()
  let tsc
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  } catch {
    throw new Error(
      'Cannot build: TypeScript is not installed (a production install omits it). Run `npm ci` with dev dependencies, `npm run build`, then `npm prune --omit=dev`.',
    )
  }
  rmSync(DIST, { recursive: true, force: true })
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`)
  let copied = 0
  for (const file of runtimeFiles(SRC)) {
    const target = join(DIST, relative(SRC, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
    copied++
  }
  // Written last: a build that failed part way is never taken for a current one.
  writeFileSync(FINGERPRINT_FILE, `${fingerprint ?? ''}\n`)
  return copied
}

/** Every file under src/ that is not TypeScript or a folder's README: what the code reads at run time. */
function* runtimeFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* runtimeFiles(path)
    else if (extname(name) !== '.ts' && name !== 'README.md') yield path
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const started = performance.now()
  try {
    const copied = build()
    console.log(
      `Built dist/ (${copied} run-time files copied) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  } catch (e) {
    console.error(e.message)
    process.exit(1)
  }
}
