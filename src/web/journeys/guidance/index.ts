/**
 * Guidance pages: search (every passage with its source and link), "Guidance for this" for a date
 * or a validation message, each source in full with its anchors, and the administrators' pages
 * for guidance documents (every version kept).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { ADMINISTER } from '../../../accounts/roles.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../db/errors.js'
import { isReleaseDateType } from '../../../guidance/domain/rule-guidance.js'
import { documentSourceId } from '../../../guidance/domain/corpus.js'
import {
  documentIdSchema,
  documentInputSchema,
  type DocumentInput,
} from '../../../guidance/service/guidance-service.js'
import { HttpError } from '../../plugins/errors.js'
import { FormErrors, readVersion, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'
import { actorOf } from '../../api/v1/index.js'
import { guidanceUrls } from './urls.js'

const admin = { roles: ADMINISTER, prison: 'none' } as const
const signedIn = { roles: 'signed-in' } as const
const T = (name: string) => `journeys/guidance/${name}.njk`
const CODE = /^[A-Za-z][A-Za-z0-9_]{1,99}$/

export function guidanceJourney(app: FastifyInstance): void {
  const { guidance } = app.services

  app.get('/guidance', { config: { access: signedIn } }, async (req, reply) => {
    const question = str((req.query ?? {}) as FormBody, 'q', 300)
    const errors = new FormErrors()
    if (question.length > 200) errors.add('q', 'Enter 200 characters or fewer')
    const hits = question === '' || errors.any ? undefined : await guidance.search(question, 10)
    return reply.status(errors.any ? 400 : 200).render(T('search'), {
      pageTitle: question ? `Guidance: ${question.slice(0, 60)}` : 'Guidance',
      heading: 'Guidance',
      intro:
        'Search the rules SafeRelease follows, its validation messages, the legislation it cites and the guidance documents added by administrators.',
      question,
      hits,
      errors: errors.byField,
      errorList: errors.list,
    })
  })

  app.get('/guidance/for', { config: { access: signedIn } }, async (req, reply) => {
    const query = (req.query ?? {}) as FormBody
    const date = str(query, 'date', 20)
    const rule = str(query, 'rule', 100)
    const code = str(query, 'code', 100)
    let result
    if (code !== '' && CODE.test(code)) result = await guidance.forCode(code)
    else if (isReleaseDateType(date) && (rule === '' || CODE.test(rule)))
      result = await guidance.forDate(date, rule || undefined)
    else throw new HttpError(404, 'There is no guidance for that date or message')
    return reply.render(T('search'), {
      pageTitle: `Guidance for ${result.title}`,
      heading: `Guidance for this: ${result.title}`,
      intro:
        'The passages that explain this, from the rule the engine used. Search again in your own words below.',
      question: '',
      hits: result.hits,
      errors: {},
      backLink: req.headers.referer?.startsWith('/') ? req.headers.referer : undefined,
    })
  })

  app.get('/guidance/sources/:sourceId', { config: { access: signedIn } }, async (req, reply) => {
    const sourceId = String((req.params as { sourceId?: unknown }).sourceId ?? '')
    const found = (await guidance.index()).source(sourceId)
    if (!found) throw new HttpError(404, 'There is no such guidance source')
    return reply.render(T('source'), {
      pageTitle: found.source.title,
      source: found.source,
      passages: found.passages,
      backLink: guidanceUrls.search(),
    })
  })

  // ---- administrators ----------------------------------------------------------------------
  app.get('/admin/guidance', { config: { access: admin } }, async (_req, reply) => {
    const documents = (await guidance.listDocuments()).map((d) => ({
      ...d,
      url: guidanceUrls.adminDocument(d.id),
    }))
    return reply.render(T('admin-list'), {
      pageTitle: 'Guidance documents',
      documents,
      addUrl: guidanceUrls.adminAdd(),
    })
  })

  const form = (
    reply: FastifyReply,
    o: {
      title: string
      button: string
      values: Record<string, string>
      errors?: FormErrors
      version?: number
      status?: number
      back: string
    },
  ) =>
    reply.status(o.status ?? 200).render(T('admin-form'), {
      pageTitle: o.title,
      buttonText: o.button,
      values: o.values,
      version: o.version,
      errors: o.errors?.byField ?? {},
      errorList: o.errors?.list ?? [],
      backLink: o.back,
    })

  const read = (
    body: FormBody,
  ): { values: Record<string, string>; errors: FormErrors; input?: DocumentInput } => {
    const values = {
      title: str(body, 'title', 300),
      source: str(body, 'source', 300),
      publishedOn: str(body, 'publishedOn', 20),
      body: typeof body.body === 'string' ? body.body.slice(0, 600_000) : '',
    }
    const errors = new FormErrors()
    const parsed = documentInputSchema.safeParse(values)
    if (!parsed.success)
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? 'title')
        errors.add(
          field,
          field === 'publishedOn'
            ? 'Enter the date of the document as YYYY-MM-DD, for example 2025-06-03'
            : i.message.startsWith('must')
              ? `The ${field === 'body' ? 'text' : field} ${i.message}`
              : i.message,
        )
      }
    return parsed.success ? { values, errors, input: parsed.data } : { values, errors }
  }

  app.get('/admin/guidance/add', { config: { access: admin } }, async (_req, reply) =>
    form(reply, {
      title: 'Add a guidance document',
      button: 'Add document',
      values: {},
      back: guidanceUrls.adminList(),
    }),
  )

  app.post('/admin/guidance/add', { config: { access: admin } }, async (req, reply) => {
    const { values, errors, input } = read((req.body ?? {}) as FormBody)
    if (input) {
      const d = await guidance.addDocument(actorOf(req), input)
      req.session.set('flash', `Guidance document added: ${d.title}`)
      return reply.redirect(guidanceUrls.adminDocument(d.id))
    }
    return form(reply, {
      title: 'Add a guidance document',
      button: 'Add document',
      values,
      errors,
      status: 400,
      back: guidanceUrls.adminList(),
    })
  })

  const documentOf = async (params: unknown) => {
    const id = documentIdSchema.safeParse((params as { documentId?: unknown }).documentId)
    if (!id.success) throw new HttpError(404, 'There is no such guidance document')
    try {
      return await guidance.getDocument(id.data)
    } catch (e) {
      if (e instanceof NotFoundError) throw new HttpError(404, 'There is no such guidance document')
      throw e
    }
  }

  app.get('/admin/guidance/:documentId', { config: { access: admin } }, async (req, reply) => {
    const { document, versions } = await documentOf(req.params)
    const flash = req.session.get('flash') as string | undefined
    if (flash) req.session.set('flash', undefined)
    return reply.render(T('admin-document'), {
      pageTitle: document.title,
      flash,
      document,
      versions,
      editUrl: guidanceUrls.adminEdit(document.id),
      sourceUrl: guidanceUrls.source(documentSourceId(document.id)),
      backLink: guidanceUrls.adminList(),
    })
  })

  app.get('/admin/guidance/:documentId/edit', { config: { access: admin } }, async (req, reply) => {
    const { document, versions } = await documentOf(req.params)
    const latest = versions[0]!
    return form(reply, {
      title: `New version of ${document.title}`,
      button: 'Save new version',
      values: {
        title: latest.title,
        source: latest.source,
        publishedOn: latest.publishedOn,
        body: latest.body,
      },
      version: document.version,
      back: guidanceUrls.adminDocument(document.id),
    })
  })

  app.post('/admin/guidance/:documentId/edit', { config: { access: admin } }, async (req, reply) => {
    const { document } = await documentOf(req.params)
    const body = (req.body ?? {}) as FormBody
    const version = readVersion(body)
    const { values, errors, input } = read(body)
    if (input) {
      try {
        if (version === 0) throw new ConflictError()
        const d = await guidance.reviseDocument(actorOf(req), document.id, version, input)
        req.session.set('flash', `Version ${d.currentVersion} saved`)
        return reply.redirect(guidanceUrls.adminDocument(d.id))
      } catch (e) {
        if (e instanceof ConflictError) errors.add('version', messages.conflict, 'title')
        else if (e instanceof ValidationError) for (const p of e.problems) errors.add(p.path, p.message)
        else throw e
      }
    }
    return form(reply, {
      title: `New version of ${document.title}`,
      button: 'Save new version',
      values,
      errors,
      version: version || document.version,
      status: errors.byField.version ? 409 : 400,
      back: guidanceUrls.adminDocument(document.id),
    })
  })
}
