/**
 * Moving a person to another prison (managers of the prison holding them). Their court orders
 * and changes follow them: the inbox reads the holding prison when it is read.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { TRANSFER } from '../../../courts/domain/index.js'
import { transferSchema } from '../../../db/repositories/transfers.js'
import type { Person } from '../../../db/repositories/people.js'
import { ConflictError, ValidationError } from '../../../db/errors.js'
import { FormErrors, readVersion, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { requirePerson } from '../../plugins/access.js'
import { actorOf } from '../../api/v1/index.js'
import { personUrls } from '../person/urls.js'

export function transferJourney(app: FastifyInstance): void {
  const access = { config: { access: { roles: TRANSFER, prison: 'person' } } } as const

  const render = async (
    reply: FastifyReply,
    person: Person,
    values: Record<string, unknown>,
    errors?: FormErrors,
    status = 200,
  ) =>
    reply.status(status).render('journeys/transfer/view.njk', {
      pageTitle: 'Transfer to another prison',
      person,
      values,
      errors: errors?.byField ?? {},
      errorList: errors?.list ?? [],
      backLink: personUrls.person(person.prisonNumber),
      prisonItems: [
        { value: '', text: 'Select the prison' },
        ...(await app.services.prisons.list())
          .filter((p) => p.id !== person.prisonId)
          .map((p) => ({ value: p.id, text: `${p.name} (${p.id})` })),
      ],
      history: await app.services.transfers.history(person),
    })

  app.get('/people/:prisonNumber/transfer', access, async (req, reply) =>
    render(reply, requirePerson(req), {}),
  )

  app.post('/people/:prisonNumber/transfer', access, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const values = { toPrisonId: str(body, 'toPrisonId', 10), reason: str(body, 'reason', 500) }
    const errors = new FormErrors()
    const parsed = transferSchema.safeParse({ ...values, version: readVersion(body) || person.version })
    if (!parsed.success)
      for (const i of parsed.error.issues) errors.add(String(i.path[0] ?? 'toPrisonId'), i.message)
    else {
      try {
        const moved = await app.services.transfers.transfer(actorOf(req), person, parsed.data)
        req.session.set('flash', `Transferred to ${moved.toPrisonId}`)
        // They are no longer in this caseload, perhaps: go back to the search.
        return reply.redirect('/people/search')
      } catch (e) {
        if (e instanceof ConflictError) errors.add('toPrisonId', messages.conflict)
        else if (e instanceof ValidationError)
          for (const p of e.problems) errors.add(p.path, `Prison ${p.message}`)
        else throw e
      }
    }
    return render(reply, person, values, errors, errors.byField.toPrisonId === messages.conflict ? 409 : 400)
  })
}
