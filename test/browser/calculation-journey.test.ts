/**
 * The calculation journey in real headless Chromium (Debian's, driven by playwright-core), with
 * axe-core on every page of the journey: calculate → explanation → confirm; a confirm refused
 * after an input changed; manual entry for an unsupported case; an override; a blind second check
 * that matches; one that finds a different remand figure and is resolved; printing the slip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, PASSWORD, type TestApp } from '../support/app.js'
import { addPerson } from '../support/calculation.js'

describe.runIf(chromiumAvailable)('The calculation journey in a real browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  const consoleErrors: string[] = []

  beforeAll(async () => {
    t = await buildTestApp('sqlite')
    await addPerson(t.app, 'E1000AA', { firstName: 'Eric' })
    await addPerson(t.app, 'E2000AA', { firstName: 'Edna' })
    await addPerson(t.app, 'E3000AA', { firstName: 'Elsa' })
    await addPerson(t.app, 'E4000AA', { firstName: 'Ewan', recall: true })
    await addPerson(t.app, 'E5000AA', { firstName: 'Enid' })
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.dispose()
    expect(consoleErrors).toEqual([])
  })

  async function signedIn(username: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
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

  /** From the person's page to "Check the information". */
  async function calculateToCheck(page: Page, prisonNumber: string, reason = 'Initial calculation') {
    await page.goto(`${base}/people/${prisonNumber}`)
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/calculate$/)
    await expectAccessible(page)
    await expect.poll(() => page.title()).toBe('Why are you calculating release dates? – SafeRelease')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select the reason for this calculation')
    await expectAccessible(page)
    await page.getByLabel(reason, { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/check-information$/)
    await expectAccessible(page)
  }

  it('calculates, shows how each date was worked out, and confirms', async () => {
    const page = await signedIn('calculator1')
    await calculateToCheck(page, 'E1000AA')
    expect(await page.locator('h1').textContent()).toContain('Check the information')
    expect(await page.locator('main').textContent()).toContain('Court case 1 (T20240001)')
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/result$/)
    await expectAccessible(page)
    const main = page.locator('main')
    await expect.poll(() => main.textContent()).toContain('Conditional release date (CRD)')
    expect(await main.textContent()).toContain('Saturday 1 March 2025 — not a working day')
    const details = page.locator('details', { hasText: 'How this date was worked out' }).first()
    await details.locator('summary').click()
    expect(await details.textContent()).toContain('Criminal Justice Act 2003')
    await expectAccessible(page)
    await page.getByLabel('Yes, confirm these dates').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/\/complete$/)
    await expectAccessible(page)
    expect(await page.locator('h1').textContent()).toContain('Calculation complete')
    await page.getByRole('link', { name: /Return to Eric Case/ }).click()
    await expect.poll(() => page.locator('#calculation-history').count()).toBe(1)
    expect(await page.locator('main').textContent()).toContain('Not verified')
    await expectAccessible(page)
    await page.getByRole('link', { name: /^View/ }).first().click()
    await expect.poll(() => page.locator('h1').textContent()).toContain('Calculation confirmed on')
    await expectAccessible(page)
  })

  it('refuses a confirm after an input changed, says what changed, and starts again from Check the information', async () => {
    const page = await signedIn('calculator1')
    await calculateToCheck(page, 'E2000AA')
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/result$/)
    // Meanwhile someone corrects the remand.
    const person = await t.app.services.people.getByPrisonNumber('E2000AA')
    const adj = (await t.app.services.bookings.load(person.bookingId)).adjustments[0]!
    await t.app.services.bookings.updateAdjustment(
      { username: 'calculator2' },
      person,
      Number(adj.id),
      Number(adj.version),
      {
        type: 'REMAND',
        numberOfDays: 25,
        appliesToSentencesFrom: '2024-06-03',
        fromDate: '2024-01-10',
        toDate: '2024-02-03',
      } as never,
    )
    await page.getByLabel('Yes, confirm these dates').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toContain('The information has changed')
    expect(await page.locator('#changes').textContent()).toMatch(/20.*25/s)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Start again from Check the information' }).click()
    await page.waitForURL(/check-information$/)
    expect(await page.locator('main').textContent()).toContain('25')
  })

  it('enters dates by hand for a case SafeRelease cannot calculate', async () => {
    const page = await signedIn('calculator1')
    await calculateToCheck(page, 'E4000AA')
    expect(await page.locator('main').textContent()).toContain('Cannot calculate')
    await page.getByRole('button', { name: 'Enter the dates by hand' }).click()
    await page.waitForURL(/manual$/)
    await expectAccessible(page)
    await page.getByLabel('Conditional release date (CRD)').check()
    await page.getByLabel('Home detention curfew eligibility date (HDCED)').check()
    await page.getByLabel('Sentence and licence expiry date (SLED)').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/manual\/dates/)
    await expectAccessible(page)
    const fill = async (type: string, day: string, month: string, year: string) => {
      await page.locator(`#date-${type}-day`).fill(day)
      await page.locator(`#date-${type}-month`).fill(month)
      await page.locator(`#date-${type}-year`).fill(year)
    }
    await fill('CRD', '1', '6', '2025')
    await fill('HDCED', '1', '8', '2025')
    await fill('SLED', '13', '5', '')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('must include a year')
    await expectAccessible(page)
    // An HDCED after the CRD cannot be right: refused on the HDCED field.
    await page.locator('#date-SLED-year').fill('2026')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain(
        'The home detention curfew eligibility date (HDCED), 1 August 2025 is after the conditional release date (CRD), 1 June 2025',
      )
    expect(await page.locator('#date-HDCED-error').count()).toBe(1)
    await expectAccessible(page)
    await fill('HDCED', '1', '4', '2025')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/manual\/check-your-answers$/)
    await expectAccessible(page)
    expect(await page.title()).toBe('Check your answers before saving the dates – SafeRelease')
    const answers = await page.locator('#dates').textContent()
    expect(answers).toContain('1 June 2025')
    expect(answers).toContain('Day of release: Friday 30 May 2025 (1 June 2025 is a Sunday')
    await page.getByRole('button', { name: 'Save the dates' }).click()
    await page.waitForURL(/\/complete$/)
    expect(await page.locator('main').textContent()).toContain('Entered by hand')
  })

  it('overrides the calculated dates with a reason', async () => {
    const page = await signedIn('calculator1')
    await calculateToCheck(page, 'E3000AA')
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/result$/)
    await page.getByLabel('No, I will enter the correct dates').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/\/override$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select why the dates are not correct')
    await page.getByLabel('A release date falls on a weekend or bank holiday').check()
    await page.locator('#date-CRD-day').fill('28')
    await page.locator('#date-CRD-month').fill('2')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/override\/check-your-answers$/)
    await expectAccessible(page)
    expect(await page.locator('#dates').textContent()).toContain('28 February 2025')
    await page.getByRole('button', { name: 'Save the dates' }).click()
    await page.waitForURL(/\/complete$/)
    expect(await page.locator('main').textContent()).toContain('SafeRelease calculated 1 March 2025')
    await page.goto(`${base}/people/E3000AA`)
    expect(await page.locator('main').textContent()).toContain('Override: the calculated dates were replaced')
  })

  async function enterCheck(page: Page, remandDays: string) {
    await page.goto(`${base}/people/E1000AA`)
    expect(await page.locator('main').textContent()).toContain('hidden from you')
    await page
      .getByRole('link', { name: /^Check/ })
      .first()
      .click()
    await page.waitForURL(/\/check$/)
    await expectAccessible(page)
    await page
      .getByRole('link', { name: 'Enter the sentences and adjustments from the court documents' })
      .click()
    await page.waitForURL(/check\/entry$/)
    await expectAccessible(page)
    expect(await page.locator('#s0-length-years').inputValue()).toBe('')
    await page.locator('#s0-date-day').fill('3')
    await page.locator('#s0-date-month').fill('6')
    await page.locator('#s0-date-year').fill('2024')
    await page.locator('#s0-length-years').fill('2')
    await page.locator('#a-REMAND-0-days').fill(remandDays)
    await page.locator('#a-REMAND-0-from-day').fill('10')
    await page.locator('#a-REMAND-0-from-month').fill('1')
    await page.locator('#a-REMAND-0-from-year').fill('2024')
    await page.locator('#a-REMAND-0-to-day').fill('29')
    await page.locator('#a-REMAND-0-to-month').fill('1')
    await page.locator('#a-REMAND-0-to-year').fill('2024')
    await page.getByRole('button', { name: 'Calculate and compare' }).click()
    await page.waitForURL(/check\/comparison$/)
  }

  it('a blind second check that matches verifies the calculation', async () => {
    const page = await signedIn('checker1')
    await enterCheck(page, '20')
    await expect.poll(() => page.locator('h1').textContent()).toContain('Calculation verified')
    await expectAccessible(page)
  })

  it('a blind second check that finds a different remand figure, resolved by recording why the first was right', async () => {
    // A new calculation for the same person, confirmed over the API.
    const auth = { authorization: `Bearer ${t.tokens.calculator}` }
    const pre = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people/E1000AA/calculations',
      headers: auth,
      payload: { reason: { code: 'FOURTEEN_DAY_CHECK' } },
    })
    const { calculationId, version } = pre.json() as { calculationId: string; version: string }
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/people/E1000AA/calculations/${calculationId}/confirm`,
          headers: auth,
          payload: { version },
        })
      ).statusCode,
    ).toBe(200)

    const page = await signedIn('checker1')
    await enterCheck(page, '25')
    await expect
      .poll(() => page.locator('h1').textContent())
      .toContain('Differences found by the second check')
    const table = await page.locator('table').first().textContent()
    expect(table).toContain('20')
    expect(table).toContain('25')
    await expectAccessible(page)
    const manager = await signedIn('manager1')
    await manager.goto(`${base}/calculations/checks`)
    expect(await manager.locator('main').textContent()).toContain('E1000AA')
    await expectAccessible(manager)
    for (let i = 0; i < 10; i++) {
      const forms = page.locator('form', { hasText: 'Resolve this difference' })
      if ((await forms.count()) === 0) break
      const form = forms.first()
      await form.getByLabel('The first calculation was right', { exact: true }).check()
      await form
        .getByLabel('If the first calculation was right, say why')
        .fill('The warrant and remand certificate both show 20 days')
      await form.getByRole('button', { name: 'Resolve this difference' }).click()
      await page.waitForLoadState()
    }
    await expect.poll(() => page.locator('h1').textContent()).toContain('Calculation verified')
    expect(await page.locator('main').textContent()).toContain('The first calculation was right')
  })

  it('works without JavaScript: a reason that needs details, calculate and confirm', async () => {
    const page = await signedIn('calculator1', false)
    await page.goto(`${base}/people/E5000AA`)
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.getByLabel('Other', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter more detail about the reason for this calculation')
    // (axe needs JavaScript in the page: it runs on these pages in the tests above.)
    await page.getByLabel('If you selected ‘Other’, give details').fill('Requested by the governor')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/check-information$/)
    await page.getByRole('button', { name: 'Calculate release dates' }).click()
    await page.waitForURL(/\/result$/)
    expect(await page.locator('main').textContent()).toContain('Other: Requested by the governor')
    await page.getByLabel('Yes, confirm these dates').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/\/complete$/)
  })

  it('prints the notification slip (prisoner and establishment copies) and downloads it as a PDF', async () => {
    const page = await signedIn('calculator1')
    await page.goto(`${base}/people/E1000AA`)
    await page.getByRole('link', { name: /^View/ }).first().click()
    await page.getByRole('link', { name: "Print the prisoner's copy" }).click()
    await page.waitForURL(/slip\?variant=prisoner/)
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain('If you think these dates are wrong')
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.govuk-header').isVisible()).toBe(false)
    expect(await page.locator('.app-no-print').isVisible()).toBe(false)
    expect(await page.locator('.app-slip').isVisible()).toBe(true)
    const printed = await page.pdf({ format: 'A4' })
    expect(printed.subarray(0, 5).toString()).toBe('%PDF-')
    await page.emulateMedia({ media: 'screen' })
    const pdfHref = await page.getByRole('link', { name: 'download it as a PDF' }).getAttribute('href')
    const download = await page.request.get(`${base}${pdfHref}`)
    expect(download.headers()['content-type']).toContain('application/pdf')
    await page.getByRole('link', { name: 'view the establishment copy' }).click()
    await page.waitForURL(/variant=establishment/)
    expect(await page.locator('main').textContent()).toContain('For the establishment')
    await expectAccessible(page)
  })
})
