/**
 * Guidance: the corpus (rules document, validation catalogue, legislation tables and the
 * documents administrators add), its search index, and the documents with every version kept.
 * The index is rebuilt when a document changes (checked on each use by a cheap stamp query, so
 * several service instances stay in step).
 */
import { z } from 'zod'
import type { ReleaseDateType } from '../../engine/api.js'
import { isoDate } from '../../engine/input/reference-booking.js'
import { ConflictError, NotFoundError, ValidationError } from '../../db/errors.js'
import type { Actor, Store } from '../../db/store.js'
import { buildIndex, type GuidanceDocumentText } from '../domain/corpus.js'
import { guidanceForCode, guidanceForDate, type GuidanceFor } from '../domain/rule-guidance.js'
import type { GuidanceIndex, SearchHit } from '../domain/search.js'
import { readRulesDocument } from './rules-document.js'

export const documentInputSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title').max(200, 'must be 200 characters or fewer'),
  source: z.string().trim().min(1, 'Enter who publishes it').max(200, 'must be 200 characters or fewer'),
  publishedOn: isoDate,
  body: z
    .string()
    .trim()
    .min(20, 'Enter the text of the document (at least 20 characters)')
    .max(500_000, 'must be 500,000 characters or fewer'),
})
export type DocumentInput = z.infer<typeof documentInputSchema>

export const documentIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,58}$/, 'must be 2 to 59 lower-case letters, digits and hyphens')

export interface GuidanceDocumentSummary {
  id: string
  title: string
  source: string
  publishedOn: string
  currentVersion: number
  version: number
  updatedAt: string
  updatedBy: string
}

export interface GuidanceDocumentVersion {
  versionNumber: number
  title: string
  source: string
  publishedOn: string
  body: string
  createdAt: string
  createdBy: string
}

function slugFor(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'document'
  )
}

export class GuidanceService {
  private cached?: { stamp: string; index: GuidanceIndex }

  constructor(
    private readonly store: Store,
    private readonly rulesMarkdown: () => string = () => readRulesDocument(),
  ) {
    // Fail at start-up, not at the first search, when the rules document was not shipped.
    rulesMarkdown()
  }

  private async stamp(): Promise<string> {
    const row = await this.store.db
      .selectFrom('guidance_documents')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.max('updated_at').as('at'),
        eb.fn.sum('version').as('v'),
      ])
      .executeTakeFirst()
    return `${String(row?.n ?? 0)}/${String(row?.at ?? '')}/${String(row?.v ?? 0)}`
  }

  async index(): Promise<GuidanceIndex> {
    const stamp = await this.stamp()
    if (this.cached?.stamp === stamp) return this.cached.index
    const rows = await this.store.db
      .selectFrom('guidance_documents as d')
      .innerJoin('guidance_document_versions as v', (j) =>
        j.onRef('v.document_id', '=', 'd.id').onRef('v.version_number', '=', 'd.current_version'),
      )
      .select(['d.id', 'v.title', 'v.source', 'v.published_on', 'v.version_number', 'v.body'])
      .orderBy('d.id')
      .execute()
    const documents: GuidanceDocumentText[] = rows.map((r) => ({
      id: r.id,
      title: r.title,
      source: r.source,
      publishedOn: r.published_on,
      version: Number(r.version_number),
      body: r.body,
    }))
    const index = buildIndex({ rulesMarkdown: this.rulesMarkdown(), documents })
    this.cached = { stamp, index }
    return index
  }

  async search(question: string, limit = 10): Promise<SearchHit[]> {
    return (await this.index()).search(question, { limit })
  }

  async forDate(type: ReleaseDateType, rule: string | undefined): Promise<GuidanceFor> {
    return guidanceForDate(await this.index(), type, rule)
  }

  async forCode(code: string): Promise<GuidanceFor> {
    return guidanceForCode(await this.index(), code)
  }

  async listDocuments(): Promise<GuidanceDocumentSummary[]> {
    const rows = await this.store.db.selectFrom('guidance_documents').selectAll().orderBy('title').execute()
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      source: r.source,
      publishedOn: r.published_on,
      currentVersion: Number(r.current_version),
      version: Number(r.version),
      updatedAt: r.updated_at,
      updatedBy: r.updated_by,
    }))
  }

  async getDocument(
    id: string,
  ): Promise<{ document: GuidanceDocumentSummary; versions: GuidanceDocumentVersion[] }> {
    const document = (await this.listDocuments()).find((d) => d.id === id)
    if (!document) throw new NotFoundError('Guidance document')
    const versions = await this.store.db
      .selectFrom('guidance_document_versions')
      .selectAll()
      .where('document_id', '=', id)
      .orderBy('version_number', 'desc')
      .execute()
    return {
      document,
      versions: versions.map((v) => ({
        versionNumber: Number(v.version_number),
        title: v.title,
        source: v.source,
        publishedOn: v.published_on,
        body: v.body,
        createdAt: v.created_at,
        createdBy: v.created_by,
      })),
    }
  }

  async addDocument(actor: Actor, input: DocumentInput): Promise<GuidanceDocumentSummary> {
    return this.store.change(actor, async ({ trx, at, audit }) => {
      const base = slugFor(input.title)
      let id = base
      for (
        let n = 2;
        await trx.selectFrom('guidance_documents').select('id').where('id', '=', id).executeTakeFirst();
        n++
      )
        id = `${base}-${n}`
      await trx
        .insertInto('guidance_documents')
        .values({
          id,
          title: input.title,
          source: input.source,
          published_on: input.publishedOn,
          current_version: 1,
          version: 1,
          updated_at: at,
          updated_by: actor.username,
        })
        .execute()
      await trx
        .insertInto('guidance_document_versions')
        .values({
          document_id: id,
          version_number: 1,
          title: input.title,
          source: input.source,
          published_on: input.publishedOn,
          body: input.body,
          created_at: at,
          created_by: actor.username,
        })
        .execute()
      await audit({
        action: 'GUIDANCE_DOCUMENT_ADDED',
        prisonId: null,
        subjectType: 'guidance-document',
        subjectId: id,
        after: { title: input.title, source: input.source, publishedOn: input.publishedOn, version: 1 },
      })
      return {
        id,
        title: input.title,
        source: input.source,
        publishedOn: input.publishedOn,
        currentVersion: 1,
        version: 1,
        updatedAt: at,
        updatedBy: actor.username,
      }
    })
  }

  /** A new version of a document; the earlier versions are kept. Refused (409) from a stale version. */
  async reviseDocument(
    actor: Actor,
    id: string,
    version: number,
    input: DocumentInput,
  ): Promise<GuidanceDocumentSummary> {
    return this.store.change(actor, async ({ trx, at, audit }) => {
      const current = await trx
        .selectFrom('guidance_documents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      if (!current) throw new NotFoundError('Guidance document')
      const next = Number(current.current_version) + 1
      const res = await trx
        .updateTable('guidance_documents')
        .set({
          title: input.title,
          source: input.source,
          published_on: input.publishedOn,
          current_version: next,
          version: version + 1,
          updated_at: at,
          updated_by: actor.username,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      await trx
        .insertInto('guidance_document_versions')
        .values({
          document_id: id,
          version_number: next,
          title: input.title,
          source: input.source,
          published_on: input.publishedOn,
          body: input.body,
          created_at: at,
          created_by: actor.username,
        })
        .execute()
      await audit({
        action: 'GUIDANCE_DOCUMENT_REVISED',
        prisonId: null,
        subjectType: 'guidance-document',
        subjectId: id,
        before: { title: current.title, version: Number(current.current_version) },
        after: { title: input.title, source: input.source, publishedOn: input.publishedOn, version: next },
      })
      return {
        id,
        title: input.title,
        source: input.source,
        publishedOn: input.publishedOn,
        currentVersion: next,
        version: version + 1,
        updatedAt: at,
        updatedBy: actor.username,
      }
    })
  }
}

/** zod problems as the repository's ValidationError (each names its field). */
export function parseDocumentInput(raw: unknown): DocumentInput {
  const parsed = documentInputSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  throw new ValidationError(
    parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? 'document'), message: i.message })),
  )
}
