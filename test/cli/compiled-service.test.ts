/**
 * `npm start` runs the compiled service: it builds dist/ when the sources changed, and the
 * compiled code finds every file it reads at run time (templates, styles, the bank-holiday
 * calendar the migrations seed, docs/rules.md for guidance) from dist/ as it does from src/.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(join(tmpdir(), 'saferelease-compiled-'))
let child: ChildProcess | undefined
let base = ''
let output = ''

function cookiesOf(res: Response, jar: Map<string, string>): string {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';')
    const eq = pair!.indexOf('=')
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1))
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

describe('npm start (compiled)', () => {
  beforeAll(async () => {
    child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: join(dir, 'data', 'saferelease.sqlite'),
        AUDIT_CHECKPOINT_FILE: join(dir, 'data', 'checkpoints'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    base = await new Promise<string>((ok, fail) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        const m = /SafeRelease is running at (http:\/\/localhost:\d+)/.exec(output)
        if (m) ok(m[1]!.replace('localhost', '127.0.0.1'))
      }
      child!.stdout!.on('data', onData)
      child!.stderr!.on('data', onData)
      child!.once('exit', (code) => fail(new Error(`npm start exited ${code}:\n${output}`)))
    })
  }, 240_000)

  afterAll(() => {
    child?.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs dist/main.js built from the current sources and prints where to open it', () => {
    expect(output).toMatch(/SafeRelease is running at http:\/\/localhost:\d+/)
    expect(existsSync(join(root, 'dist', 'main.js'))).toBe(true)
    expect(readFileSync(join(root, 'dist', '.build-fingerprint'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
    // The demo seed ran, so the migrations found the bank-holiday calendar beside the compiled code.
    expect(output).toContain('Empty database: adding demo')
  })

  it('serves templates and styles, and signed in finds a person and reads guidance', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200)
    expect((await fetch(`${base}/assets/app/calculation.css`)).status).toBe(200)
    const jar = new Map<string, string>()
    const page = await fetch(`${base}/sign-in`)
    const html = await page.text()
    expect(html).toContain('govuk-template')
    const signIn = await fetch(`${base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(page, jar) },
      body: new URLSearchParams({ _csrf: csrfOf(html), username: 'analyst1', password: 'demo-password-1' }),
    })
    expect(signIn.status).toBe(302)
    const cookie = cookiesOf(signIn, jar)
    const search = await fetch(`${base}/people/search?q=a`, { headers: { cookie } })
    expect(search.status).toBe(200)
    expect(await search.text()).toMatch(/\/people\/[A-Z0-9]+/)
    const guidance = await fetch(`${base}/guidance?q=${encodeURIComponent('conditional release date')}`, {
      headers: { cookie },
    })
    expect(guidance.status).toBe(200)
    expect(await guidance.text()).toContain('/guidance/sources/')
  })
})
