#!/usr/bin/env node
// Launcher: runs the compiled CLI (dist/cli/main.js) when dist/ holds a build of the current
// sources (`npm run build`), otherwise the TypeScript sources through tsx, so no build step is
// needed while developing and a stale build is never run.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { buildState } from '../scripts/build-state.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (buildState() === 'current') {
  process.setSourceMapsEnabled(true)
  await import(join(root, 'dist', 'cli', 'main.js'))
} else {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const result = spawnSync(
    process.execPath,
    [tsx, join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  )
  process.exit(result.status ?? 1)
}
