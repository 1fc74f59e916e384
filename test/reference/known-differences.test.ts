/** docs/known-differences.md gives a reason for every case in known-failures.txt. */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

it('every known failure is explained in docs/known-differences.md', () => {
  const listed = readFileSync(resolve(repoRoot, 'test/reference/known-failures.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  const doc = readFileSync(resolve(repoRoot, 'docs/known-differences.md'), 'utf8')
  expect(listed.filter((id) => !doc.includes('`' + id + '`'))).toEqual([])
})
