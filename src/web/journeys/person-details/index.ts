/**
 * Change a person's name, date of birth and aliases (calculators, in their own prisons).
 * Their prison and other details are kept as they are. Post/redirect/get; the version the user
 * loaded is sent back, and a change made meanwhile by someone else is refused (409, reload).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { EDIT_SENTENCES } from '../../../accounts/roles.js'
import { requirePerson } from '../../plugins/access.js'
import { ConflictError, ValidationError } from '../../../db/errors.js'
import { personFieldsSchema, type Person, type UpdatePerson } from '../../../db/repositories/people.js'
import { formatPath, plainMessages } from '../../../engine/input/reference-booking.js'
import {
  FormErrors,
  dateParts,
  partsFromIso,
  readDate,
  readVersion,
  str,
  type DateParts,
  type FormBody,
} from '../../forms.js'
import { messages } from '../../messages.js'
import { personUrls } from '../person/urls.js'
import { personDetailsUrls } from './urls.js'
import { actorOf } from '../../api/v1/index.js'

const TEMPLATE = 'journeys/person-details/view.njk'
const access = { roles: EDIT_SENTENCES, prison: 'person' } as const
/** As many aliases as the person record allows (see personFieldsSchema). */
export const MAX_ALIASES = 20
/** Blank alias rows offered after the existing ones, so aliases can be added without JavaScript. */
const SPARE_ALIAS_ROWS = 2
const NAME_MAX = 100

interface Values {
  firstName: string
  lastName: string
  dateOfBirth: DateParts
  aliases: { firstName: string; lastName: string }[]
}

const aliasField = (n: number, part: 'firstName' | 'lastName') => `alias-${n}-${part}`

function valuesFromPerson(person: Person): Values {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: partsFromIso(person.dateOfBirth),
    aliases: person.aliases.map((a) => ({ ...a })),
  }
}

function valuesFromBody(body: FormBody): Values {
  const aliases: Values['aliases'] = []
  for (let n = 1; n <= MAX_ALIASES; n++)
    aliases.push({
      firstName: str(body, aliasField(n, 'firstName'), 300),
      lastName: str(body, aliasField(n, 'lastName'), 300),
    })
  while (aliases.length > 0 && aliases.at(-1)!.firstName === '' && aliases.at(-1)!.lastName === '')
    aliases.pop()
  return {
    firstName: str(body, 'firstName', 300),
    lastName: str(body, 'lastName', 300),
    dateOfBirth: dateParts(body, 'dateOfBirth'),
    aliases,
  }
}

/** The field a zod issue on the person's details belongs to (`rows`: each alias's row number on the form). */
function fieldOf(path: PropertyKey[], rows: number[]): { field: string; anchor: string } {
  if (path[0] === 'aliases' && typeof path[1] === 'number') {
    const part = path[2] === 'lastName' ? 'lastName' : 'firstName'
    const f = aliasField(rows[path[1]] ?? 1, part)
    return { field: f, anchor: f }
  }
  if (path[0] === 'dateOfBirth') return { field: 'dateOfBirth', anchor: 'dateOfBirth-day' }
  if (path[0] === 'lastName') return { field: 'lastName', anchor: 'lastName' }
  return { field: 'firstName', anchor: 'firstName' }
}

function readForm(
  body: FormBody,
  person: Person,
  today: string,
): { errors: FormErrors; values: Values; update?: Omit<UpdatePerson, 'version'> } {
  const errors = new FormErrors()
  const values = valuesFromBody(body)
  const name = (field: 'firstName' | 'lastName', label: string, empty: string) => {
    if (values[field] === '') errors.add(field, empty)
    else if (values[field].length > NAME_MAX) errors.add(field, messages.nameTooLong(label))
  }
  name('firstName', 'first name', messages.enterFirstName)
  name('lastName', 'last name', messages.enterLastName)
  const dateOfBirth = readDate(body, 'dateOfBirth', 'date of birth', errors, true)
  if (dateOfBirth !== undefined && dateOfBirth >= today)
    errors.add('dateOfBirth', messages.dateOfBirthInFuture, 'dateOfBirth-day')
  const aliases: Values['aliases'] = []
  const rows: number[] = []
  values.aliases.forEach((a, i) => {
    const n = i + 1
    if (a.firstName === '' && a.lastName === '') return // a blank row: no alias (or one removed)
    for (const [part, label] of [
      ['firstName', 'first'],
      ['lastName', 'last'],
    ] as const) {
      const f = aliasField(n, part)
      if (a[part] === '') errors.add(f, messages.aliasNamePart(label, n))
      else if (a[part].length > NAME_MAX) errors.add(f, messages.nameTooLong(`${label} name of alias ${n}`))
    }
    aliases.push(a)
    rows.push(n)
  })
  if (errors.any) return { errors, values }
  const parsed = personFieldsSchema.safeParse(
    {
      firstName: values.firstName,
      lastName: values.lastName,
      aliases,
      dateOfBirth,
      prisonId: person.prisonId,
      isActiveSexOffender: person.isActiveSexOffender,
    },
    { error: plainMessages },
  )
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { field, anchor } = fieldOf(issue.path, rows)
      errors.add(field, `${formatPath(issue.path)} ${issue.message}`, anchor)
    }
    return { errors, values }
  }
  return { errors, values, update: parsed.data }
}

function render(
  reply: FastifyReply,
  person: Person,
  opts: { values: Values; version: number; errors?: FormErrors; status?: number },
) {
  const rows = Math.min(MAX_ALIASES, opts.values.aliases.length + SPARE_ALIAS_ROWS)
  const aliasRows = Array.from({ length: rows }, (_, i) => ({
    n: i + 1,
    firstName: opts.values.aliases[i]?.firstName ?? '',
    lastName: opts.values.aliases[i]?.lastName ?? '',
    firstNameField: aliasField(i + 1, 'firstName'),
    lastNameField: aliasField(i + 1, 'lastName'),
  }))
  return reply.status(opts.status ?? 200).render(TEMPLATE, {
    pageTitle: 'Change personal details',
    person,
    version: opts.version,
    values: opts.values,
    aliasRows,
    maxAliases: MAX_ALIASES,
    errors: opts.errors?.byField ?? {},
    errorList: opts.errors?.list ?? [],
    backLink: personUrls.person(person.prisonNumber),
    actionUrl: personDetailsUrls.edit(person.prisonNumber),
  })
}

export function personDetailsJourney(app: FastifyInstance): void {
  const { people, store } = app.services

  app.get('/people/:prisonNumber/details/edit', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    return render(reply, person, { values: valuesFromPerson(person), version: person.version })
  })

  app.post('/people/:prisonNumber/details/edit', { config: { access } }, async (req, reply) => {
    const person = requirePerson(req)
    const body = (req.body ?? {}) as FormBody
    const today = store.clock.now().toISOString().slice(0, 10)
    const { errors, values, update } = readForm(body, person, today)
    const version = readVersion(body)
    if (update) {
      try {
        if (version === 0) throw new ConflictError()
        await people.update(actorOf(req), person, { ...update, version })
        req.session.set('flash', 'Personal details changed')
        return reply.redirect(personUrls.person(person.prisonNumber))
      } catch (e) {
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'firstName')
        else if (e instanceof ValidationError)
          for (const p of e.problems) errors.add('firstName', `${p.path} ${p.message}`)
        else throw e
      }
    }
    return render(reply, person, {
      values,
      version,
      errors,
      status: errors.byField.version ? 409 : 400,
    })
  })
}
