/** Administrators keep the England and Wales bank-holiday calendar up to date (every change audited). */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ADMINISTER } from '../../../accounts/roles.js'
import { ConflictError } from '../../../db/errors.js'
import { FormErrors, dateParts, readDate, str, type FormBody } from '../../forms.js'
import { HttpError } from '../../plugins/errors.js'
import { actorOf } from '../../api/v1/index.js'
import { formatDateWithDay } from '../../../calculation/domain/format.js'
import { bankHolidayCalendar, calendarRangeText } from '../../../calculation/domain/release-day.js'
import { bankHolidayUrls } from '../calculation/urls.js'

const access = { roles: ADMINISTER, prison: 'none' } as const

export function bankHolidaysJourney(app: FastifyInstance): void {
  const { bankHolidays } = app.services

  async function render(
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FormErrors,
    status = 200,
  ) {
    const list = await bankHolidays.list()
    const flash = reply.request.session.get('flash')
    if (flash) reply.request.session.set('flash', undefined)
    return reply.status(status).render('journeys/bank-holidays/view.njk', {
      pageTitle: 'Bank holidays',
      range: calendarRangeText(bankHolidayCalendar(list.map((h) => h.date))),
      holidays: list
        .map((h) => ({
          ...h,
          day: formatDateWithDay(h.date),
          removeUrl: `${bankHolidayUrls.list()}/${h.date}/remove`,
        }))
        .reverse(),
      values,
      flash,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
    })
  }

  app.get('/admin/bank-holidays', { config: { access } }, async (_req, reply) => render(reply))

  app.post('/admin/bank-holidays', { config: { access } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const date = readDate(body, 'date', 'date of the bank holiday', errors, true)
    const title = str(body, 'title', 100)
    if (title === '') errors.add('title', 'Enter the name of the bank holiday')
    const values = { date: dateParts(body, 'date'), title }
    if (errors.any || !date) return render(reply, values, errors, 400)
    try {
      await bankHolidays.add(actorOf(req), { date, title })
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e
      errors.add('date', `${formatDateWithDay(date)} is already a bank holiday`, 'date-day')
      return render(reply, values, errors, 409)
    }
    req.session.set('flash', `${title} added`)
    return reply.redirect(bankHolidayUrls.list())
  })

  const dateParam = (req: { params: unknown }) => {
    const date = String((req.params as Record<string, unknown>).date ?? '')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new HttpError(404, 'Bank holiday not found')
    return date
  }
  const removeUrl = (date: string) => `${bankHolidayUrls.list()}/${date}/remove`

  // Removing a holiday makes release dates on it working days: it is confirmed on a page of its own.
  app.get('/admin/bank-holidays/:date/remove', { config: { access } }, async (req, reply) => {
    const date = dateParam(req)
    const holiday = (await bankHolidays.list()).find((h) => h.date === date)
    if (!holiday) throw new HttpError(404, 'Bank holiday not found')
    return reply.render('journeys/bank-holidays/remove.njk', {
      pageTitle: 'Are you sure you want to remove this bank holiday?',
      holiday: { ...holiday, day: formatDateWithDay(date) },
      cancelUrl: bankHolidayUrls.list(),
      backLink: bankHolidayUrls.list(),
    })
  })

  app.post('/admin/bank-holidays/:date/remove', { config: { access } }, async (req, reply) => {
    const date = dateParam(req)
    if (str((req.body ?? {}) as FormBody, 'confirm', 5) !== 'yes') return reply.redirect(removeUrl(date))
    await bankHolidays.remove(actorOf(req), date)
    req.session.set('flash', `${formatDateWithDay(date)} removed`)
    return reply.redirect(bankHolidayUrls.list())
  })
}
