/**
 * Real headless Chromium (Debian's, driven by playwright-core): sign in, find a person, add a
 * sentence with a mistake, see the GOV.UK error summary, fix it and see it saved. axe-core runs
 * on every page visited and must find no violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, PASSWORD, type TestApp } from '../support/app.js'

describe.runIf(chromiumAvailable)('In a real browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  const consoleErrors: string[] = []

  beforeAll(async () => {
    t = await buildTestApp('sqlite')
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.dispose()
  })

  async function newPage(javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    page.on('console', (m) => {
      // Form errors answer 400 on purpose; anything else (a CSP block, a script error) is a failure.
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
        consoleErrors.push(`${page.url()}: ${m.text()}`)
    })
    return page
  }

  async function signInAs(page: Page, username: string) {
    await page.goto(`${base}/sign-in`)
    await expectAccessible(page)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  it('signs in, finds a person, adds a sentence with a mistake, sees the error summary, fixes it and sees it saved', async () => {
    const page = await newPage()
    // A wrong password first: the error summary names the field.
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username').fill('calculator1')
    await page.getByLabel('Password', { exact: true }).fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('The username or password is not correct')
    await expectAccessible(page)

    await signInAs(page, 'calculator1')
    await page.waitForURL(/\/people\/search$/)
    await expectAccessible(page)

    await page.getByLabel('Name, alias or prison number').fill('Smyth')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=Smyth/)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Smith, John' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
    await expect.poll(() => page.locator('h1').textContent()).toContain('John Smith')
    await expectAccessible(page)
    const rowsBefore = await page.locator('tbody tr').count()

    await page.getByRole('button', { name: 'Add a sentence' }).click()
    await page.waitForURL(/sentences\/add$/)
    await expectAccessible(page)
    await page.getByLabel('Standard determinate sentence (SDS)').check()
    await page.getByLabel('Court case', { exact: true }).selectOption('1')
    // The mistake: no day in the sentence date.
    await page.locator('#sentenceDate-month').fill('3')
    await page.locator('#sentenceDate-year').fill('2024')
    await page.locator('#duration-months').fill('18')
    await page.locator('#offenceCode').fill('TH68010')
    await page.getByRole('button', { name: 'Save sentence' }).click()

    const summary = page.locator('.govuk-error-summary')
    await expect.poll(() => summary.textContent()).toContain('The sentence date must include a day')
    expect(await page.title()).toMatch(/^Error: /)
    // The summary links to the field, and the field keeps what was typed.
    expect(
      await summary.getByRole('link', { name: 'The sentence date must include a day' }).getAttribute('href'),
    ).toBe('#sentenceDate-day')
    expect(await page.locator('#duration-months').inputValue()).toBe('18')
    await expectAccessible(page)

    await page.locator('#sentenceDate-day').fill('27')
    await page.getByRole('button', { name: 'Save sentence' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Sentence added')
    expect(await page.locator('tbody tr').count()).toBe(rowsBefore + 1)
    await expect.poll(() => page.locator('body').textContent()).toContain('18 months')
    await expectAccessible(page)

    // A court case, with a mistake first.
    await page.getByRole('button', { name: 'Add a court case' }).click()
    await page.waitForURL(/court-cases\/add$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Save court case' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the name of the court')
    await expectAccessible(page)
    await page.getByLabel('Court', { exact: true }).fill('York Crown Court')
    await page.getByRole('button', { name: 'Save court case' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Court case 3 added')

    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/people/A1234BC/booking',
      headers: { authorization: `Bearer ${t.tokens.checker}` },
    })
    const sentences = (exported.json() as { sentences: { sentencedAt: string; duration?: unknown }[] })
      .sentences
    expect(sentences.some((s) => s.sentencedAt === '2024-03-27')).toBe(true)
    expect(consoleErrors).toEqual([])
  })

  it('works without JavaScript: sign in, find a person, and see an error summary', async () => {
    const page = await newPage(false)
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username').fill('checker1')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(/\/people\/search$/)
    await page.getByRole('button', { name: 'Search' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter a name, alias or prison number')
    await page.getByLabel('Name, alias or prison number').fill('A1234BC')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('link', { name: 'Smith, John' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
  })

  it('lets an administrator see users and tokens, with an error summary on a bad form', async () => {
    const page = await newPage()
    await signInAs(page, 'admin1')
    await page.waitForURL(/\/admin\/users$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Add a user' }).click()
    await page.waitForURL(/\/admin\/users\/add$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Save user' }).click()
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Username')
    await expectAccessible(page)
    await page.goto(`${base}/admin/tokens`)
    await expectAccessible(page)
  })

  it('shows a checker the person page without the change links, and refuses a person in another prison', async () => {
    const page = await newPage()
    await signInAs(page, 'checker1')
    await page.waitForURL(/\/people\/search$/)
    await page.goto(`${base}/people/A1234BC`)
    expect(await page.getByRole('button', { name: 'Add a sentence' }).count()).toBe(0)
    await expectAccessible(page)
    const res = await page.goto(`${base}/people/B9999ZZ`)
    expect(res?.status()).toBe(403)
    await expectAccessible(page)
  })

  it("lets a calculator change a person's details, remove an adjustment and see a booking import's problems", async () => {
    const page = await newPage()
    await signInAs(page, 'calculator1')
    await page.waitForURL(/\/people\/search$/)
    await page.goto(`${base}/people/A1234BC`)

    // Change details: a mistake first (an alias with no last name), then put right.
    await page.getByRole('link', { name: 'Change aliases' }).click()
    await page.waitForURL(/\/details\/edit/)
    await expectAccessible(page)
    await page.locator('#alias-2-firstName').fill('Jack')
    await page.getByRole('button', { name: 'Save personal details' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the last name of alias 2')
    await expectAccessible(page)
    await page.locator('#alias-2-lastName').fill('Smithson')
    await page.getByRole('button', { name: 'Save personal details' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Personal details changed')

    // Remove an adjustment: the confirmation names it; the person page confirms it went.
    await page.getByRole('link', { name: 'Remove Remand adjustment of 20 days' }).click()
    await page.waitForURL(/\/adjustments\/\d+\/remove$/)
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Remand of 20 days from 10 January 2023')
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Yes, remove this adjustment' }).click()
    await page.waitForURL(/\/people\/A1234BC$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Adjustment removed')
    await expectAccessible(page)

    // A sentence that another is consecutive to cannot be removed, and the page says why.
    await page.getByRole('link', { name: 'Remove Case 1, line 1' }).click()
    await expect
      .poll(() => page.locator('.govuk-warning-text').textContent())
      .toContain('is consecutive to it')
    await expectAccessible(page)

    // Import: a booking with problems is refused, each problem named by its path.
    await page.goto(`${base}/people/A1234BC/booking/import`)
    await expectAccessible(page)
    await page.getByLabel('Booking (JSON)').fill('{"offender":{"dateOfBirth":"1990-04-01"},"sentences":[{}]}')
    await page.getByRole('button', { name: 'Import booking' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('sentences[0].sentencedAt is required')
    await expectAccessible(page)
    expect(consoleErrors).toEqual([])
  })
})
