/** User administration (administrators): users, their roles and prisons, API tokens. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ADMINISTER, ROLES, ROLE_NAMES } from '../../../accounts/roles.js'
import { createUserSchema, updateUserSchema, type User } from '../../../accounts/users.js'
import { ConflictError, ValidationError } from '../../../db/errors.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, checked, dateParts, readDate, str, type FormBody } from '../../forms.js'
import { formatDate } from '../../../calculation/domain/format.js'
import { messages } from '../../messages.js'
import { adminUrls } from './urls.js'
import { actorOf } from '../../api/v1/index.js'

const access = { roles: ADMINISTER, prison: 'none' } as const
const idParam = (name: string) =>
  z.object({
    [name]: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })

function listOf(body: FormBody, name: string): string[] {
  const v = body[name]
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return arr.filter((x): x is string => typeof x === 'string').slice(0, 200)
}

function addZodErrors(errors: FormErrors, error: z.ZodError) {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'username')
    errors.add(
      field,
      `${field === 'displayName' ? 'Name' : field.charAt(0).toUpperCase() + field.slice(1)} ${issue.message}`,
    )
  }
}

export function userAdministrationJourney(app: FastifyInstance): void {
  const { users, prisons, courts } = app.services

  const formContext = async (values: Record<string, unknown>) => {
    const roles = (values.roles as string[] | undefined) ?? []
    const prisonIds = (values.prisons as string[] | undefined) ?? []
    const courtCodes = (values.courts as string[] | undefined) ?? []
    return {
      courtItems: (await courts.listCourts()).map((c) => ({
        value: c.code,
        text: `${c.name} (${c.code})`,
        checked: courtCodes.includes(c.code),
      })),
      values,
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r], checked: roles.includes(r) })),
      prisonItems: (await prisons.list()).map((p) => ({
        value: p.id,
        text: `${p.name} (${p.id})`,
        checked: prisonIds.includes(p.id),
      })),
    }
  }

  const renderForm = async (
    reply: FastifyReply,
    opts: { user?: User; values: Record<string, unknown>; errors?: FormErrors; status?: number },
  ) =>
    reply.status(opts.status ?? 200).render('journeys/user-administration/user-form.njk', {
      pageTitle: opts.user ? `Change ${opts.user.username}` : 'Add a user',
      editing: opts.user,
      backLink: adminUrls.users(),
      errors: opts.errors?.byField ?? {},
      errorList: opts.errors?.list ?? [],
      ...(await formContext(opts.values)),
    })

  app.get('/admin/users', { config: { access } }, async (_req, reply) =>
    reply.render('journeys/user-administration/users.njk', {
      pageTitle: 'Users',
      users: (await users.list()).map((u) => ({ ...u, editUrl: adminUrls.editUser(u.id) })),
      addUrl: adminUrls.addUser(),
    }),
  )

  app.get('/admin/users/add', { config: { access } }, async (_req, reply) =>
    renderForm(reply, { values: { kind: 'local' } }),
  )

  app.post('/admin/users/add', { config: { access } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const values = {
      username: str(body, 'username', 100),
      displayName: str(body, 'displayName', 200),
      kind: str(body, 'kind', 20) || 'local',
      roles: listOf(body, 'roles'),
      prisons: listOf(body, 'prisons'),
      courts: listOf(body, 'courts'),
      estateWide: checked(body, 'estateWide'),
    }
    const password = typeof body.password === 'string' && body.password !== '' ? body.password : undefined
    const errors = new FormErrors()
    const parsed = createUserSchema.safeParse({ ...values, password })
    if (!parsed.success) addZodErrors(errors, parsed.error)
    else {
      try {
        await users.create(actorOf(req), parsed.data)
        return reply.redirect(adminUrls.users())
      } catch (e) {
        if (e instanceof ValidationError)
          for (const p of e.problems) errors.add(p.path, `${p.path} ${p.message}`)
        else if (e instanceof ConflictError) errors.add('username', e.message)
        else throw e
      }
    }
    return renderForm(reply, { values, errors, status: 400 })
  })

  const userIdOf = (req: FastifyRequest) => {
    const p = idParam('userId').safeParse(req.params)
    if (!p.success) throw new HttpError(404, 'User not found')
    return Number(p.data.userId)
  }

  app.get('/admin/users/:userId/edit', { config: { access } }, async (req, reply) => {
    const user = await users.getById(userIdOf(req))
    return renderForm(reply, {
      user,
      values: {
        displayName: user.displayName,
        roles: user.roles,
        prisons: user.caseload.prisons,
        courts: user.caseload.courts ?? [],
        estateWide: user.caseload.estateWide,
        active: user.active,
        version: user.version,
      },
    })
  })

  app.post('/admin/users/:userId/edit', { config: { access } }, async (req, reply) => {
    const user = await users.getById(userIdOf(req))
    const body = (req.body ?? {}) as FormBody
    const values = {
      displayName: str(body, 'displayName', 200),
      roles: listOf(body, 'roles'),
      prisons: listOf(body, 'prisons'),
      courts: listOf(body, 'courts'),
      estateWide: checked(body, 'estateWide'),
      active: checked(body, 'active'),
      unlock: checked(body, 'unlock'),
      version: Number(str(body, 'version', 12)),
    }
    const password = typeof body.password === 'string' && body.password !== '' ? body.password : undefined
    const errors = new FormErrors()
    const parsed = updateUserSchema.safeParse({ ...values, password })
    if (!parsed.success) addZodErrors(errors, parsed.error)
    else {
      try {
        await users.update(actorOf(req), user.id, parsed.data)
        return reply.redirect(adminUrls.users())
      } catch (e) {
        if (e instanceof ValidationError)
          for (const p of e.problems) errors.add(p.path, `${p.path} ${p.message}`)
        else if (e instanceof ConflictError) errors.add('displayName', messages.conflict)
        else throw e
      }
    }
    return renderForm(reply, {
      user,
      values,
      errors,
      status: errors.list.some((e) => e.text === messages.conflict) ? 409 : 400,
    })
  })

  const renderTokens = async (reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const all = await users.list()
    return reply.status(status).render('journeys/user-administration/tokens.njk', {
      pageTitle: 'API tokens',
      tokens: (await users.listTokens()).map((t) => ({
        ...t,
        expires:
          t.expiresOn === null ? 'Never' : `${t.expired ? 'Expired after ' : ''}${formatDate(t.expiresOn)}`,
        revokeUrl: adminUrls.revokeToken(t.id),
      })),
      serviceAccountItems: [
        { value: '', text: 'Select a service account' },
        ...all
          .filter((u) => u.kind === 'service')
          .map((u) => ({ value: String(u.id), text: `${u.username} (${u.roles.join(', ')})` })),
      ],
      errors: {},
      errorList: [],
      ...extra,
    })
  }

  app.get('/admin/tokens', { config: { access } }, async (_req, reply) => renderTokens(reply))

  app.post('/admin/tokens', { config: { access } }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const errors = new FormErrors()
    const userId = Number(str(body, 'userId', 12))
    const name = str(body, 'name', 100)
    if (!Number.isInteger(userId) || userId < 1 || userId >= 2 ** 31)
      errors.add('userId', 'Select a service account')
    if (name === '') errors.add('name', 'Enter a name for the token')
    const expiresOn = readDate(body, 'expiresOn', 'last day of the token', errors, false)
    if (!errors.any) {
      try {
        const created = await users.createToken(actorOf(req), userId, name, expiresOn)
        return renderTokens(reply, {
          created: { ...created, expires: created.expiresOn ? formatDate(created.expiresOn) : undefined },
        })
      } catch (e) {
        if (e instanceof ValidationError && e.problems.some((p) => p.path === 'expiresOn'))
          errors.add('expiresOn', 'The last day of the token must be today or in the future', 'expiresOn-day')
        else if (!(e instanceof ValidationError) && !(e instanceof Error && e.message.includes('not found')))
          throw e
        else errors.add('userId', 'Select a service account')
      }
    }
    return renderTokens(
      reply,
      {
        errors: errors.byField,
        errorList: errors.list,
        values: { userId: String(userId), name, expiresOn: dateParts(body, 'expiresOn') },
      },
      400,
    )
  })

  app.post('/admin/tokens/:tokenId/revoke', { config: { access } }, async (req, reply) => {
    const p = idParam('tokenId').safeParse(req.params)
    if (!p.success) throw new HttpError(404, 'Token not found')
    await users.revokeToken(actorOf(req), Number(p.data.tokenId))
    return reply.redirect(adminUrls.tokens())
  })
}
