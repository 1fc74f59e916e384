/**
 * Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, the app
 * listening on a random local port, and axe-core run inside each page.
 */
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { TestApp } from './app.js'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const AXE_TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']"

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Whether Chromium is installed; in CI its absence is an error, elsewhere the suite is skipped. */
export const chromiumAvailable = existsSync(CHROMIUM)
if (!chromiumAvailable && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM} and CI is set`)
if (!chromiumAvailable)
  console.warn(`Chromium not found at ${CHROMIUM}: skipping the browser tests (apt-get install chromium).`)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Starts the app on a random local port and returns its base URL. */
export async function listenLocally(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const address = t.app.server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]
}

/** axe-core finds no violations; `within` narrows the check to one part of the page (a CSS selector). */
export async function expectAccessible(page: Page, within?: string): Promise<void> {
  await page.evaluate(AXE_SOURCE)
  const context = within === undefined ? 'document' : `{ include: [[${JSON.stringify(within)}]] }`
  // Runs in the page (a string, so the test needs no DOM types).
  const result = (await page.evaluate(
    `axe.run(${context}, { runOnly: { type: 'tag', values: ${AXE_TAGS} } })`,
  )) as AxeResult
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `axe on ${page.url()}`).toEqual([])
}
