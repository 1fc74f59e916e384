/** Add a court case (calculators, in their own prisons); it is numbered after the last one. */
import type { FastifyInstance } from 'fastify'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { FormErrors, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'
import { actorOf } from '../../api/v1/index.js'

const TEMPLATE = 'journeys/court-case/view.njk'
const access = { roles: EDIT_SENTENCES, prison: 'person' } as const

export function courtCaseJourney(app: FastifyInstance): void {
  app.get('/people/:prisonNumber/court-cases/add', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    return reply.render(TEMPLATE, {
      pageTitle: 'Add a court case',
      person,
      values: {},
      errors: {},
      backLink: personUrls.person(person.prisonNumber),
    })
  })

  app.post('/people/:prisonNumber/court-cases/add', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const values = { caseReference: str(body, 'caseReference', 300), courtName: str(body, 'courtName', 300) }
    const errors = new FormErrors()
    if (values.courtName === '') errors.add('courtName', messages.enterCourtName)
    else if (values.courtName.length > 200) errors.add('courtName', messages.courtNameTooLong)
    if (values.caseReference.length > 100) errors.add('caseReference', messages.caseReferenceTooLong)
    if (!errors.any) {
      const created = await app.services.bookings.createCourtCase(actorOf(req), person, {
        caseReference: values.caseReference || null,
        courtName: values.courtName,
      })
      req.session.set('flash', `Court case ${created.case_sequence} added`)
      return reply.redirect(personUrls.person(person.prisonNumber))
    }
    return reply.status(400).render(TEMPLATE, {
      pageTitle: 'Add a court case',
      person,
      values,
      errors: errors.byField,
      errorList: errors.list,
      backLink: personUrls.person(person.prisonNumber),
    })
  })
}
