/** Find a person by name, alias or prison number, within the user's caseload. */
import type { FastifyInstance } from 'fastify'
import { READ_PEOPLE } from '../../../accounts/roles.js'
import { FormErrors, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'

export function findPersonJourney(app: FastifyInstance): void {
  app.get('/people/search', { config: { access: { roles: READ_PEOPLE, prison: 'none' } } }, async (req, reply) => {
    const query = (req.query ?? {}) as FormBody
    const submitted = query.q !== undefined
    const raw = typeof query.q === 'string' ? query.q : ''
    const q = raw.trim()
    const errors = new FormErrors()
    if (submitted && q === '') errors.add('q', messages.enterSearch)
    if (q.length > 100) errors.add('q', messages.searchTooLong)
    const results = submitted && !errors.any ? await app.services.people.search(q, req.user!.caseload) : []
    return reply.status(errors.any ? 400 : 200).render('journeys/find-a-person/view.njk', {
      pageTitle: 'Find a person',
      q: str({ q: raw }, 'q', 100),
      submitted,
      results: results.map((p) => ({ ...p, url: personUrls.person(p.prisonNumber) })),
      errors: errors.byField,
      errorList: errors.list,
    })
  })
}
