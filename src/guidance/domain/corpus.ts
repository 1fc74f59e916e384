/**
 * The corpus: the rules document, the validation catalogue, the legislation tables and every
 * document an administrator added (its current version). Pure: the caller reads the files and
 * the database and passes the text in.
 */
import { legislationSource, RULES_SOURCE_ID, validationSource } from './engine-sources.js'
import { passagesFromMarkdown, type SourceWithPassages } from './passages.js'
import { GuidanceIndex } from './search.js'

export interface GuidanceDocumentText {
  /** Stable id, e.g. "hdc-policy-framework"; links use `doc-${id}`. */
  id: string
  title: string
  /** Who publishes it, e.g. "HMPPS Home Detention Curfew policy framework". */
  source: string
  /** ISO date the publisher dated it. */
  publishedOn: string
  version: number
  /** Markdown or plain text. */
  body: string
}

export const documentSourceId = (documentId: string): string => `doc-${documentId}`

export function buildCorpus(input: {
  rulesMarkdown: string
  documents: readonly GuidanceDocumentText[]
}): SourceWithPassages[] {
  return [
    {
      source: {
        id: RULES_SOURCE_ID,
        kind: 'rules',
        title: 'How SafeRelease calculates release dates',
        citation: 'SafeRelease rules (docs/rules.md)',
      },
      passages: passagesFromMarkdown(RULES_SOURCE_ID, input.rulesMarkdown),
    },
    validationSource(),
    legislationSource(),
    ...input.documents.map((d) => {
      const id = documentSourceId(d.id)
      return {
        source: {
          id,
          kind: 'document' as const,
          title: d.title,
          citation: `${d.source}, ${d.publishedOn} (version ${d.version})`,
          version: d.version,
          publishedOn: d.publishedOn,
        },
        passages: passagesFromMarkdown(id, d.body).map((p) => ({
          ...p,
          heading: p.heading === '' ? d.title : `${d.title} › ${p.heading}`,
        })),
      }
    }),
  ]
}

export function buildIndex(input: Parameters<typeof buildCorpus>[0]): GuidanceIndex {
  return new GuidanceIndex(buildCorpus(input))
}
