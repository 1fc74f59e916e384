/**
 * The board pack and the releases-in-error register in headless Chromium, with axe-core on every
 * page: the pack with its server-drawn charts and tables; importing past incidents (a bad row
 * refuses the file, named on the page; the corrected file is imported); an entry with its as-at
 * comparison; and the PDF pack, downloaded and rendered to PNG (pdftoppm) to be looked at.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, expectAccessible, launchChromium, listenLocally } from '../support/browser.js'
import { buildTestApp, PASSWORD, type TestApp } from '../support/app.js'
import { addPerson } from '../support/calculation.js'
import { PRISON_A, PRISON_B } from '../support/fixtures.js'
import type { DischargesReader } from '../../src/oversight/board/domain/ports.js'

const PDFTOPPM = '/usr/bin/pdftoppm'
/** Where the rendered pack is left for a person to look at. */
export const OUTPUT = process.env.SAFERELEASE_TEST_OUTPUT ?? join(tmpdir(), 'saferelease-browser')
const PN = 'W1234WW'

describe.runIf(chromiumAvailable)('The board pack and the register in a real browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  let month: string

  beforeAll(async () => {
    // Discharges as the release gate would report them, for every month asked about.
    const discharges: DischargesReader = {
      dischargesByMonth: async (from, to) => {
        const out = []
        for (let m = from; m <= to; m = nextMonth(m))
          out.push(
            { month: m, prisonId: PRISON_A.id, discharges: 3000 },
            { month: m, prisonId: PRISON_B.id, discharges: 1200 },
          )
        return out
      },
    }
    t = await buildTestApp('sqlite', { dischargesReader: discharges })
    base = await listenLocally(t)
    browser = await launchChromium()
    month = t.app.services.board.lastMonth()
    const s = t.app.services
    const manager = await s.users.create(
      { username: 'system:test' },
      {
        username: 'managerab',
        displayName: 'Manager of both',
        kind: 'local',
        password: PASSWORD,
        roles: ['manager'],
        prisons: [PRISON_A.id, PRISON_B.id],
        estateWide: false,
      },
    )
    // A year of entries, so the trend has something to show.
    const causes = [
      'SENTENCE_MISCALCULATED',
      'WARRANT_NOT_APPLIED',
      'DATA_ENTRY',
      'LATE_COURT_CHANGE',
      'HOLD_NOT_CLEARED',
    ]
    let m = month
    for (let i = 0; i < 13; i++) {
      for (let k = 0; k < (i % 4) + 1; k++)
        await s.register.record(manager, {
          prisonNumber: `H${String(i).padStart(2, '0')}${k}0HH`,
          name: `Historic Person ${i}-${k}`,
          prisonId: k % 2 === 0 ? PRISON_A.id : PRISON_B.id,
          direction: k === 2 ? 'LATE' : 'EARLY',
          releasedOn: `${m}-1${k}`,
          days: 2 + k * 3,
          howFound: 'HISTORIC_REVIEW',
          rootCauses: [causes[(i + k) % causes.length]!],
          ...(k !== 2 ? { detectedAt: `${m}-1${k}T09:00`, policeNotifiedAt: `${m}-1${k}T1${k + 1}:30` } : {}),
        })
      m = previousMonth(m)
    }
  })
  afterAll(async () => {
    await browser?.close()
    await t?.dispose()
  })

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(/\/people\/search$/)
    return page
  }

  it('shows the pack with charts and a table behind each, and the PDF renders', async () => {
    const page = await signedIn('analyst1')
    await page.getByRole('link', { name: 'Performance board' }).click()
    await page.waitForURL(/\/board$/)
    await expect.poll(() => page.locator('h1').textContent()).toContain('Justice Performance Board pack')
    const charts = page.locator('svg[role="img"]')
    expect(await charts.count()).toBeGreaterThanOrEqual(5)
    // Each chart is named for screen readers; the register's charts have bars or points drawn
    // (beyond their two legend keys).
    for (let i = 0; i < (await charts.count()); i++)
      expect(await charts.nth(i).locator('title').textContent()).not.toBe('')
    for (const id of ['chart-trend', 'chart-rates', 'chart-prisons', 'chart-causes'])
      expect(
        await page.locator(`svg:has(title#${id}-title)`).locator('rect, circle').count(),
        id,
      ).toBeGreaterThan(2)
    expect(await page.locator('table.govuk-table').count()).toBeGreaterThanOrEqual(7)
    await expectAccessible(page)
    await page.screenshot({ path: join(ensureOutput(), 'board-pack-page.png'), fullPage: true })
    await page.locator('#trend').screenshot({ path: join(ensureOutput(), 'board-pack-trend.png') })

    // Choose one prison and the month before.
    await page.getByLabel('Prison', { exact: true }).selectOption(PRISON_B.id)
    await page.getByRole('button', { name: 'Show the pack' }).click()
    await page.waitForURL(new RegExp(`prison=${PRISON_B.id}`))
    await expect.poll(() => page.locator('p.govuk-body').first().textContent()).toContain(PRISON_B.name)

    // The PDF, as a browser downloads it, rendered to PNG to be looked at.
    const res = await page.request.get(`${base}/board/pack.pdf?month=${month}`)
    expect(res.status()).toBe(200)
    const pdf = await res.body()
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pdfPath = join(ensureOutput(), `board-pack-${month}.pdf`)
    writeFileSync(pdfPath, pdf)
    if (!existsSync(PDFTOPPM)) {
      console.warn(`pdftoppm not installed: the PDF is at ${pdfPath} but was not rendered to PNG`)
      return
    }
    execFileSync(PDFTOPPM, [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      pdfPath,
      join(ensureOutput(), 'board-pack-pdf'),
    ])
    const png = join(ensureOutput(), 'board-pack-pdf-1.png')
    expect(existsSync(png)).toBe(true)
    expect(readFileSync(png).length).toBeGreaterThan(10_000) // a page with charts, not a blank one
  })

  it('imports past incidents (a bad row refuses the file) and shows an entry with its as-at comparison', async () => {
    // A person with a confirmed calculation, released today: the as-at recalculation has history.
    await addPerson(t.app, PN)
    const api = (url: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${t.tokens.calculator}` },
        payload,
      })
    const pre = (
      await api(`/api/v1/people/${PN}/calculations`, { reason: { code: 'INITIAL_CALCULATION' } })
    ).json() as {
      calculationId: string
      version: string
    }
    expect(
      (await api(`/api/v1/people/${PN}/calculations/${pre.calculationId}/confirm`, { version: pre.version }))
        .statusCode,
    ).toBe(200)
    const today = t.app.services.calculationJourney.today()

    const page = await signedIn('manager1')
    await page.getByRole('link', { name: 'Releases in error' }).click()
    await page.waitForURL(/\/register$/)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Import past incidents from CSV' }).click()
    await page.waitForURL(/\/register\/import$/)
    await expectAccessible(page)
    const header =
      'reference,prison_number,name,prison,direction,released_on,days,how_found,root_causes,summary'
    const good = `B-1,${PN},Carl Case,${PRISON_A.id},LATE,${today},3,HISTORIC_REVIEW,DATA_ENTRY;HOLD_NOT_CLEARED,Held three days`
    await page
      .getByLabel('Paste the CSV')
      .fill(
        [header, good, `B-2,${PN},Carl Case,${PRISON_A.id},LATE,${today},3,ASTROLOGY,DATA_ENTRY,`].join('\n'),
      )
    await page.getByRole('button', { name: 'Import' }).click()
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Line 3 (B-2): how_found: must be one of')
    await expectAccessible(page)
    await page.getByLabel('Paste the CSV').fill([header, good].join('\n'))
    await page.getByRole('button', { name: 'Import' }).click()
    await page.waitForURL(/\/register$/)
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('1 entry imported')

    await page.getByRole('link', { name: 'B-1' }).click()
    await page.waitForURL(/\/register\/[0-9a-f-]{36}$/)
    const comparison = page.locator('#as-at-comparison')
    await expect.poll(() => comparison.textContent()).toContain('Conditional release date (CRD)')
    await expect.poll(() => page.locator('#as-at ~ ul').first().textContent()).toContain('Reproduced')
    await expectAccessible(page)

    // An action with its owner and due date.
    await page.getByLabel('Action (needs an owner and a due date)').check()
    await page.getByLabel('What', { exact: true }).fill('Check every hold before discharge')
    await page.getByLabel('Owner', { exact: true }).fill('Head of OMU')
    await page.getByLabel('Day', { exact: true }).fill('1')
    await page.getByLabel('Month', { exact: true }).fill('3')
    await page.getByLabel('Year', { exact: true }).fill('2027')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Action added')
    await expect.poll(() => page.locator('#actions ~ table').textContent()).toContain('Head of OMU')
    await expectAccessible(page)
    await page.screenshot({ path: join(ensureOutput(), 'register-entry.png'), fullPage: true })
    await page.locator('#as-at-comparison').screenshot({ path: join(ensureOutput(), 'register-as-at.png') })
  })
})

function ensureOutput(): string {
  mkdirSync(OUTPUT, { recursive: true })
  return OUTPUT
}
function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number]
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
}
function previousMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number]
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`
}
