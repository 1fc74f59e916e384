/**
 * A re-check in headless Chromium, with axe-core on every page: a manager starts a re-check of
 * their prison, watches the progress page refresh itself (no JavaScript) until it finishes,
 * opens the triage list, and resolves a potential release in error by recording why the date
 * stands; then the impact page with its chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, PASSWORD, type TestApp } from '../support/app.js'
import { personWithConfirmedDates } from '../support/recheck.js'

describe.runIf(chromiumAvailable)('A re-check in a real browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser

  beforeAll(async () => {
    t = await buildTestApp('sqlite')
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'X1000AA', -8)
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'X1000BB', 6)
    await personWithConfirmedDates(t.app, t.tokens.calculator, 'X1000CC')
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.dispose()
  })

  it('starts a re-check, shows its progress until done, and triages a difference', async () => {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username').fill('manager1')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(/\/people\/search$/)

    await page.getByRole('link', { name: 'Re-checks' }).click()
    await page.waitForURL(/\/recheck$/)
    await expectAccessible(page)
    // Nothing chosen: the error summary says what to do.
    await page.getByRole('button', { name: 'Start' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Choose who to re-check')
    await expectAccessible(page)

    await page.getByLabel('Everyone in a prison').check()
    await page.getByRole('button', { name: 'Start' }).click()
    await page.waitForURL(/\/recheck\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.locator('progress').count()).toBe(1)
    // While it refreshes itself, axe checks the content (its meta-refresh rule fails any timed
    // refresh; WCAG 2.2.1 is met by the "Stop updating this page" link, checked next).
    await expectAccessible(page, 'main')
    await page.getByRole('link', { name: 'Stop updating this page' }).click()
    await page.waitForURL(/refresh=off$/)
    await expect.poll(() => page.locator('meta[http-equiv=refresh]').count()).toBe(0)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Update this page' }).click()
    await expect.poll(() => page.locator('meta[http-equiv=refresh]').count()).toBe(1)
    // The service's worker picks the run up; the page refreshes itself until it is done.
    t.app.services.recheckWorker.start(1)
    t.app.services.recheckWorker.kick()
    await expect
      .poll(() => page.locator('[role=status]').textContent(), { timeout: 30_000 })
      .toContain('100% done')
    await expect.poll(() => page.locator('meta[http-equiv=refresh]').count()).toBe(0)
    const body = await page.locator('main').textContent()
    expect(body).toMatch(/1\s*potential release in error/)
    expect(body).toMatch(/1\s*potential unlawful detention/)
    await expectAccessible(page)

    await page.getByRole('link', { name: 'X1000AA' }).click()
    await page.waitForURL(/\/findings\/\d+$/)
    await expect.poll(() => page.locator('h1').textContent()).toContain('Potential release in error')
    await expectAccessible(page)
    await page.getByLabel('Resolve: the recorded date stands').check()
    await page.getByLabel('Why the recorded date stands').fill('ok')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Say why the recorded date stands')
    await expectAccessible(page)
    await page.getByLabel('Resolve: the recorded date stands').check()
    await page
      .getByLabel('Why the recorded date stands')
      .fill('The override follows the court record, checked with the court on the phone')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => page.locator('main').textContent()).toContain('The recorded date stands')
    await expectAccessible(page)

    await page.getByRole('link', { name: 'Back' }).click()
    await page.getByRole('link', { name: 'Releases per week, chart and CSV' }).click()
    await page.waitForURL(/\/impact$/)
    await expect.poll(() => page.locator('svg.app-chart').count()).toBe(1)
    await expectAccessible(page)
    await page.screenshot({ path: '/tmp/recheck-impact.png', fullPage: true })
  })
})
