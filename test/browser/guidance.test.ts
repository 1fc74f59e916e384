/**
 * Guidance and court documents in real headless Chromium, with axe-core on every page: from a
 * date's "Guidance for this" link to its passages and a search in the person's own words; a
 * pasted warrant read into a draft, one field corrected, every field decided, the records created
 * and seen on the person's page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, PASSWORD, type TestApp } from '../support/app.js'
import { addPerson } from '../support/calculation.js'

describe.runIf(chromiumAvailable)('Guidance and court documents in a real browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  const consoleErrors: string[] = []

  beforeAll(async () => {
    t = await buildTestApp('sqlite')
    await addPerson(t.app, 'G1000AA', { firstName: 'Gail' })
    await addPerson(t.app, 'G2000AA', { firstName: 'Gary' })
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.dispose()
    expect(consoleErrors).toEqual([])
  })

  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage()
    page.setDefaultTimeout(15_000)
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
        consoleErrors.push(`${page.url()}: ${m.text()}`)
    })
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(/\/people\/search$/)
    return page
  }

  it("opens a date's guidance from the result page and searches from there", async () => {
    const page = await signedIn('calculator1')
    await page.goto(`${base}/people/G1000AA`)
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.getByLabel('Initial calculation', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/check-information$/)
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/result$/)
    await expectAccessible(page)
    const link = page.getByRole('link', { name: /Guidance for this date \(CRD\)/ })
    expect(await link.getAttribute('href')).toMatch(/^\/guidance\/for\?date=CRD&rule=RELEASE_AT_/)
    await link.click()
    await page.waitForURL(/\/guidance\/for\?date=CRD/)
    expect(await page.locator('h1').textContent()).toContain('Conditional release date (CRD)')
    const first = page.locator('#results li').first()
    expect(await first.textContent()).toContain('CRD – conditional release')
    expect(await first.textContent()).toContain('Source: SafeRelease rules (docs/rules.md)')
    await expectAccessible(page)

    await page.getByLabel('Search the guidance').fill('when does HDC apply to a 3 month sentence')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/guidance\?q=/)
    expect(await page.locator('#results li').count()).toBeGreaterThan(2)
    expect(await page.locator('#results').textContent()).toMatch(/home detention curfew/i)
    await expectAccessible(page)
    await page.locator('#results li h2 a').first().click()
    await page.waitForURL(/\/guidance\/sources\//)
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1))
    expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1)
    await expectAccessible(page)
  })

  it('pastes a warrant, corrects a field, decides every field, and sees the records on the person page', async () => {
    const page = await signedIn('calculator1')
    await page.goto(`${base}/people/G2000AA`)
    const rowsBefore = await page.locator('tbody tr').count()
    await page.getByRole('link', { name: /Read a court document/ }).click()
    await page.waitForURL(/court-documents\/new$/)
    await expectAccessible(page)
    await page
      .getByLabel('Text of the document')
      .fill(
        [
          'Court: The Crown Court at Hull',
          'Case number: T20245555',
          'Date of sentence: 12 June 2024',
          'Count 1: Robbery (TH68023), offence date 2 February 2024. Sentence: 3 years imprisonment.',
        ].join('\n'),
      )
    await page.getByRole('button', { name: 'Read the document' }).click()
    await page.waitForURL(/court-documents\/[0-9a-f-]{36}$/)
    expect(await page.locator('mark#ev-court').textContent()).toBe('The Crown Court at Hull')
    expect(await page.locator('#field-count-1-relation').textContent()).toContain('Not found')
    await expectAccessible(page)

    // Confirm what was found, reject what was not; correct the length; say it is concurrent.
    const groups = page.locator('[id^="field-"]')
    for (let i = 0; i < (await groups.count()); i++) {
      const g = groups.nth(i)
      const confirm = g.locator('input[value="confirm"]')
      if ((await confirm.count()) > 0) await confirm.check()
      else await g.locator('input[value="reject"]').check()
    }
    await page.locator('#decision-count-1-length-correct').check()
    await page.locator('#value-count-1-length').fill('3 years 4 months')
    await page.locator('#decision-count-1-relation-correct').check()
    await page.locator('#value-count-1-relation').selectOption('CONCURRENT')
    await page.getByRole('button', { name: 'Save decisions' }).click()
    await page.waitForURL(/\/check$/)
    expect(await page.locator('#row-count-1-length').textContent()).toContain('3 years 4 months')
    expect(await page.locator('#row-count-1-length').textContent()).toContain('Corrected by you')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Create the records' }).click()
    await page.waitForURL(/\/people\/G2000AA$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Records created from the court document')
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(rowsBefore)
    expect(await page.locator('main').textContent()).toContain('3 years 4 months')
    expect(await page.locator('main').textContent()).toContain('The Crown Court at Hull')
    await expectAccessible(page)
  })
})
