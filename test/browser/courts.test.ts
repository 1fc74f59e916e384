/**
 * The courts hotline in headless Chromium, with axe-core on every page: the court queue and
 * answering a query (a warrant found); recording an order, refused until the judge's
 * confirmation is recorded, then sent; and the prison inbox acknowledging a change and applying
 * it to the record after comparing the two field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, COURT_A, PASSWORD, PERSON_A, type TestApp } from '../support/app.js'
import { parseBooking } from '../../src/engine/input/reference-booking.js'

describe.runIf(chromiumAvailable)('The courts hotline in a real browser', () => {
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

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext()
    const page = await context.newPage()
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

  const user = async (username: string) => (await t.app.services.users.findByUsername(username))!
  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent()

  it('court staff work the queue and answer a query: a warrant found', async () => {
    const s = t.app.services
    const person = await s.people.getByPrisonNumber(PERSON_A)
    await s.courts.raiseQuery(await user('calculator1'), person, {
      kind: 'OUTSTANDING_WARRANTS',
      courts: [COURT_A.code],
      releaseDate: s.courts.today(),
      question: 'Due out today: any outstanding warrants?',
    })
    const page = await signedIn('court1')
    await page.getByRole('link', { name: 'Court queries queue' }).click()
    await page.waitForURL(/\/court-queries$/)
    await expect.poll(() => page.locator('table').textContent()).toContain('Urgent')
    await expect.poll(() => page.locator('table').textContent()).toContain('left')
    await expectAccessible(page)

    await page.getByRole('link', { name: /Smith, John/ }).click()
    await page.waitForURL(/\/court-queries\/[0-9a-f-]+$/)
    await expectAccessible(page)
    // A warrant found, without its details first: the error summary names the fields.
    await page.getByLabel('A warrant or order exists').check()
    await page.getByRole('button', { name: 'Send the answer' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select what kind of warrant or order it is')
    await expectAccessible(page)
    await page.getByLabel('A warrant or order exists').check()
    await page.getByLabel('Kind of warrant or order').selectOption('OUTSTANDING_WARRANT')
    await page.getByLabel('Court that issued it').fill('Leeds Crown Court')
    await page.getByLabel('Its reference').fill('W-2025-0042')
    await page.locator('#warrantDated-day').fill('1')
    await page.locator('#warrantDated-month').fill('5')
    await page.locator('#warrantDated-year').fill('2025')
    await page.getByLabel('Details').fill('Bench warrant: failed to appear on 1 May')
    await page.getByRole('button', { name: 'Send the answer' }).click()
    await expect.poll(() => banner(page)).toContain('A hold has been opened')
    await expect.poll(() => page.locator('body').textContent()).toContain('W-2025-0042')
    await expectAccessible(page)
    expect(consoleErrors).toEqual([])
  })

  it('court staff record an order, cannot send it until the judge has confirmed it, then send it', async () => {
    const page = await signedIn('court1')
    await page.getByRole('link', { name: 'Court orders' }).click()
    await page.getByRole('button', { name: 'Record an order or change' }).click()
    await page.waitForURL(/\/court-orders\/new$/)
    await expectAccessible(page)
    await page.getByLabel('Prison number').fill(PERSON_A)
    await page.locator('#dateOfBirth-day').fill('1')
    await page.locator('#dateOfBirth-month').fill('4')
    await page.locator('#dateOfBirth-year').fill('1990')
    await page.getByLabel('Court case reference').fill('T20250099')
    await page.getByLabel('Custodial result (new order)').check()
    const today = t.app.services.courts.today().split('-')
    await page.locator('#orderDate-day').fill(String(Number(today[2])))
    await page.locator('#orderDate-month').fill(String(Number(today[1])))
    await page.locator('#orderDate-year').fill(today[0]!)
    await page.getByRole('button', { name: 'Save as a draft' }).click()
    await page.waitForURL(/\/court-orders\/[0-9a-f-]+$/)
    await expect.poll(() => banner(page)).toContain('Draft recorded')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Add a line' }).click()
    await page.waitForURL(/lines\/add$/)
    await expectAccessible(page)
    await page.getByLabel('Standard determinate sentence (SDS)').check()
    await page.locator('#sentenceDate-day').fill(String(Number(today[2])))
    await page.locator('#sentenceDate-month').fill(String(Number(today[1])))
    await page.locator('#sentenceDate-year').fill(today[0]!)
    await page.locator('#duration-years').fill('3')
    await page.getByRole('button', { name: 'Save the line' }).click()
    await expect.poll(() => banner(page)).toContain('Line 1 saved')

    await page.getByRole('button', { name: 'Send to the holding prison' }).click()
    const summary = page.locator('.govuk-error-summary')
    await expect
      .poll(() => summary.textContent())
      .toContain('until you record that it was confirmed with the judge')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Confirm with the judge' }).click()
    await page.waitForURL(/\/judge$/)
    await expectAccessible(page)
    await page.getByLabel("Judge's name").fill('HHJ Example')
    // The date and time are filled in with now; the judge confirmed it just now.
    await page.getByLabel('By phone').check()
    await page.getByRole('button', { name: 'Record the confirmation' }).click()
    await expect.poll(() => banner(page)).toContain('Confirmation with the judge recorded')
    await page.getByRole('button', { name: 'Send to the holding prison' }).click()
    await expect.poll(() => banner(page)).toContain('Sent to the holding prison')
    await expect.poll(() => page.locator('body').textContent()).toContain('waiting for acknowledgement')
    await expectAccessible(page)
    expect(consoleErrors).toEqual([])
  })

  it('the prison inbox shows a change beside the record, and a calculator acknowledges and applies it', async () => {
    const s = t.app.services
    const court = await user('court1')
    const person = await s.people.getByPrisonNumber(PERSON_A)
    const booking = parseBooking(await s.bookings.export(person))
    if (!booking.ok) throw new Error('fixture booking invalid')
    const line1 = booking.value.sentences[0]!
    if (line1.type !== 'StandardSentence') throw new Error('fixture: line 1 is a standard sentence')
    let order = await s.courts.recordOrder(court, {
      prisonNumber: PERSON_A,
      dateOfBirth: person.dateOfBirth,
      court: COURT_A.code,
      kind: 'LENGTH_VARIED',
      caseReference: 'T20230001',
      orderDate: s.courts.today(),
    })
    order = await s.courts.saveOrderLine(
      court,
      order.id,
      { lineSequence: 1, sentence: { ...line1, duration: { durationElements: { YEARS: 3 } } } },
      order.version,
    )
    order = await s.courts.confirmWithJudge(
      court,
      order.id,
      { judgeName: 'HHJ Example', method: 'IN_COURT', confirmedAt: s.store.nowIso() },
      order.version,
    )
    await s.courts.sendOrder(court, order.id, order.version)

    const page = await signedIn('calculator1')
    await page.getByRole('link', { name: 'Court changes inbox' }).click()
    await page.waitForURL(/\/court-orders$/)
    await expect.poll(() => page.locator('table').textContent()).toContain('Length of sentence varied')
    await expectAccessible(page)
    await page.locator('table a', { hasText: 'Length of sentence varied' }).click()
    await page.waitForURL(/\/court-orders\/[0-9a-f-]+$/)
    const comparison = page.locator('table').first()
    await expect.poll(() => comparison.textContent()).toContain('2 years 6 months')
    await expect.poll(() => comparison.textContent()).toContain('3 years')
    await expect.poll(() => comparison.textContent()).toContain('Differs')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Acknowledge and apply to the record' }).click()
    await expect.poll(() => banner(page)).toContain('Applied to the record')
    await expect.poll(() => page.locator('body').textContent()).toContain("Applied to the prison's record")
    await expectAccessible(page)

    await page.goto(`${base}/people/${PERSON_A}`)
    await expect.poll(() => page.locator('body').textContent()).toContain('Acknowledged and applied')
    await expectAccessible(page)
    const after = parseBooking(await s.bookings.export(person))
    expect(
      after.ok && after.value.sentences[0]!.type === 'StandardSentence' && after.value.sentences[0]!.duration,
    ).toEqual({
      durationElements: { YEARS: 3 },
    })
    expect(consoleErrors).toEqual([])
  })
})
