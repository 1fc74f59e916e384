/**
 * Guidance passages: the units search ranks and links point at. Every passage belongs to a source
 * (the rules document, the validation catalogue, the legislation tables or a document an
 * administrator added) and has an anchor that stays the same when other passages are added,
 * removed or reordered: the section's heading slug plus a slug of the passage's own lead words.
 */

export type SourceKind = 'rules' | 'validation' | 'legislation' | 'document'

export interface GuidanceSource {
  /** Stable id used in links, e.g. "rules", "validation-codes", "legislation", "doc-hdc-policy". */
  id: string
  kind: SourceKind
  title: string
  /** How a person cites it: "SafeRelease rules (docs/rules.md)", "HMPPS HDC policy framework". */
  citation: string
  /** Admin-added documents: the version shown and the date it was published. */
  version?: number
  publishedOn?: string
}

export interface Passage {
  /** `${sourceId}#${anchor}`: unique in the corpus and stable. */
  id: string
  sourceId: string
  anchor: string
  /** The headings above the passage, outermost first, joined with " › ". */
  heading: string
  /** Plain text (Markdown syntax removed). */
  text: string
  /** The passage's own lead-in: its bold term, its table key or its first words. */
  lead?: string
  /** The law the passage states, where it is one entry of the legislation tables. */
  provision?: string
  /** The first legislation.gov.uk (or other http) address in the passage. */
  url?: string
  /** Extra words to index (codes split into words, date names). */
  keywords?: string
}

export interface SourceWithPassages {
  source: GuidanceSource
  passages: Passage[]
}

/** GitHub-style heading slug: what rules.md's own contents links use. */
export function slugify(text: string): string {
  return plain(text)
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .trim()
    .replace(/ /g, '-')
}

/** Markdown inline syntax removed: links keep their text, emphasis and code marks go. */
export function plain(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function firstUrl(markdown: string): string | undefined {
  return /\]\((https?:\/\/[^)\s]+)\)/.exec(markdown)?.[1] ?? /(https?:\/\/[^\s)|]+)/.exec(markdown)?.[1]
}

function leadOf(block: string, kind: 'item' | 'row' | 'para'): { text: string; short: boolean } {
  const bold = /^\*\*([^*]{1,60})\*\*/.exec(block)?.[1]
  if (kind === 'row')
    return {
      text:
        block
          .split('|')
          .map((c) => c.trim())
          .find((c) => c !== '') ?? '',
      short: true,
    }
  return bold ? { text: bold, short: true } : { text: block, short: false }
}

function leadSlug(block: string, kind: 'item' | 'row' | 'para'): string {
  const lead = leadOf(block, kind)
  const words = slugify(lead.text).split('-').filter(Boolean)
  return words.slice(0, lead.short ? 8 : 6).join('-') || 'passage'
}

interface Block {
  kind: 'item' | 'row' | 'para'
  markdown: string
}

/**
 * Splits a Markdown (or plain text) document into passages: each paragraph, list item and table
 * row under its headings. Table rows carry their column headings ("Date: SLED. What it is: ...").
 * A "Contents" section and code blocks are left out.
 */
export function passagesFromMarkdown(sourceId: string, markdown: string): Passage[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const headings: string[] = []
  const passages: Passage[] = []
  const used = new Set<string>()
  let blocks: Block[] = []
  let tableHeader: string[] | undefined
  let inCode = false

  const section = () => slugify(headings[headings.length - 1] ?? 'start') || 'start'
  const flushBlock = (b: Block) => {
    const text =
      b.kind === 'row' && tableHeader
        ? cells(b.markdown)
            .map((c) => plain(c).replace(/\.$/, ''))
            .map((c, i) => (tableHeader![i] ? `${tableHeader![i]}: ${c}` : c))
            .filter((c) => !/: ?[–-]?$/.test(c))
            .join('. ')
        : plain(b.markdown.replace(/^\s*([-*]|\d+\.)\s+/, ''))
    if (text.length < 3) return
    if (/^contents$/i.test(headings[headings.length - 1] ?? '')) return
    const body = b.markdown.replace(/^\s*([-*]|\d+\.)\s+/, '')
    const lead = leadOf(body, b.kind)
    const base = `${section()}--${leadSlug(body, b.kind)}`
    let anchor = base
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`
    used.add(anchor)
    const url = firstUrl(b.markdown)
    passages.push({
      id: `${sourceId}#${anchor}`,
      sourceId,
      anchor,
      heading: headings.map(plain).join(' › '),
      text,
      lead: plain(lead.text)
        .split(' ')
        .slice(0, lead.short ? 12 : 8)
        .join(' '),
      ...(url ? { url } : {}),
    })
  }
  const flush = () => {
    for (const b of blocks) flushBlock(b)
    blocks = []
  }

  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      flush()
      inCode = !inCode
      continue
    }
    if (inCode) continue
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      flush()
      tableHeader = undefined
      const level = heading[1]!.length
      headings.length = Math.max(0, level - 1)
      while (headings.length < level - 1) headings.push('')
      headings[level - 1] = heading[2]!.trim()
      for (let i = headings.length - 1; i >= 0; i--) if (headings[i] === '') headings.splice(i, 1)
      continue
    }
    if (line.trim() === '') {
      flush()
      tableHeader = undefined
      continue
    }
    if (/^\s*\|/.test(line)) {
      if (/^\s*\|[\s|:-]+\|\s*$/.test(line)) continue // the separator row
      const last = blocks[blocks.length - 1]
      if (!tableHeader && (!last || last.kind !== 'row')) {
        flush()
        tableHeader = cells(line).map(plain)
        continue
      }
      blocks.push({ kind: 'row', markdown: line })
      continue
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line) && !/^\s{2,}/.test(line)) {
      blocks.push({ kind: 'item', markdown: line })
      continue
    }
    const last = blocks[blocks.length - 1]
    if (last && (last.kind === 'item' || last.kind === 'para')) last.markdown += ` ${line.trim()}`
    else blocks.push({ kind: 'para', markdown: line.trim() })
  }
  flush()
  return passages
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\\\|/g, '|').trim())
}
