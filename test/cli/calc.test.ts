import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(join(tmpdir(), 'saferelease-cli-'))

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'saferelease.js'), ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const booking = {
  offender: { reference: 'A1', dateOfBirth: '1990-01-01' },
  sentences: [
    {
      offence: { committedAt: '2013-09-01' },
      duration: { durationElements: { YEARS: 2 } },
      sentencedAt: '2013-09-21',
      releaseArrangements: { isSDSPlus: false, sdsEarlyReleaseExclusions: [] },
    },
  ],
}

describe('saferelease calc', () => {
  it('prints each date with its full name and the steps that produced it', () => {
    const f = join(dir, 'ok.json')
    writeFileSync(f, JSON.stringify(booking))
    const r = run('calc', f, '--profile', 'sds-50', '--today', '2026-01-01')
    expect(r.code).toBe(0)
    expect(r.out).toContain('CRD Conditional release date')
    expect(r.out).toContain('2014-09-20')
    expect(r.out).toContain('s.244(3)(a)')
  })

  it('--json prints the outcome as JSON', () => {
    const f = join(dir, 'ok2.json')
    writeFileSync(f, JSON.stringify({ booking, params: 'sds-50' }))
    const r = run('calc', f, '--json')
    expect(JSON.parse(r.out)).toMatchObject({
      status: 'calculated',
      result: { dates: { CRD: '2014-09-20' } },
    })
  })

  it('a missing file, a file that is not JSON, and an invalid booking each give a clear message and a non-zero exit', () => {
    const missing = run('calc', join(dir, 'nope.json'))
    expect(missing.code).not.toBe(0)
    expect(missing.err).toContain('cannot read')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{ not json')
    const notJson = run('calc', bad)
    expect(notJson.code).not.toBe(0)
    expect(notJson.err).toContain('not valid JSON')
    const invalid = join(dir, 'invalid.json')
    writeFileSync(invalid, JSON.stringify({ offender: {}, sentences: [] }))
    const r = run('calc', invalid)
    expect(r.code).not.toBe(0)
    expect(r.err).toContain('offender.dateOfBirth')
    for (const x of [missing, notJson, r]) expect(x.err).not.toMatch(/\n\s+at /)
  })
})
