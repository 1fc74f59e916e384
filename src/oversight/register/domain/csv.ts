/**
 * Importing past incidents from CSV (the columns are documented in docs/register-csv.md). Every
 * row is checked before anything is stored: one bad row refuses the whole file, and each bad row
 * is named by its line number and reference with every problem in it.
 */
import { entryInputSchema, snakeCase, type EntryInput } from './entry.js'

/** The columns, in the documented order; `required` columns must be in the header. */
export const REGISTER_CSV_COLUMNS = [
  { name: 'reference', required: true, field: 'reference' },
  { name: 'prison_number', required: true, field: 'prisonNumber' },
  { name: 'name', required: true, field: 'name' },
  { name: 'prison', required: true, field: 'prisonId' },
  { name: 'direction', required: true, field: 'direction' },
  { name: 'released_on', required: true, field: 'releasedOn' },
  { name: 'correct_release_date', required: false, field: 'correctReleaseDate' },
  { name: 'days', required: false, field: 'days' },
  { name: 'how_found', required: true, field: 'howFound' },
  { name: 'detected_at', required: false, field: 'detectedAt' },
  { name: 'police_notified_at', required: false, field: 'policeNotifiedAt' },
  { name: 'back_in_custody_on', required: false, field: 'backInCustodyOn' },
  { name: 'root_causes', required: true, field: 'rootCauses' },
  { name: 'summary', required: false, field: 'summary' },
] as const

export const MAX_IMPORT_ROWS = 10_000

const COLUMN_BY_FIELD: Record<string, string> = Object.fromEntries(
  REGISTER_CSV_COLUMNS.map((c) => [c.field, c.name]),
)

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { records: string[][] } | { error: string } {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (quoted) return { error: `A quoted field is not closed (line ${records.length + 1})` }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return { records }
}

export interface CsvRowProblem {
  /** The line of the file (the header is line 1). */
  line: number
  reference?: string
  problems: string[]
}

export interface CsvCheckContext {
  /** Prison codes SafeRelease knows. */
  knownPrisons: ReadonlySet<string>
  /** References already in the register (an incident is imported once). */
  existingReferences: ReadonlySet<string>
  /** Whether the importing user may record entries for this prison. */
  mayRecordIn(prisonId: string): boolean
}

export type CsvCheck =
  | { ok: true; entries: (EntryInput & { reference: string; line: number })[] }
  | { ok: false; fileProblems: string[]; rows: CsvRowProblem[] }

/** Checks a whole file; returns every entry, or every problem (and then nothing may be stored). */
export function checkRegisterCsv(text: string, context: CsvCheckContext): CsvCheck {
  const refuse = (fileProblems: string[], rows: CsvRowProblem[] = []): CsvCheck => ({
    ok: false,
    fileProblems,
    rows,
  })
  const parsed = parseCsv(text)
  if ('error' in parsed) return refuse([parsed.error])
  const lines = parsed.records
    .map((cells, index) => ({ cells, line: index + 1 }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (lines.length === 0) return refuse(['The file is empty: it needs a header line and at least one row'])
  const header = lines[0]!.cells.map((h) => h.trim().toLowerCase())
  const known = new Set<string>(REGISTER_CSV_COLUMNS.map((c) => c.name))
  const headerProblems: string[] = []
  for (const h of header)
    if (!known.has(h)) headerProblems.push(`The header has a column SafeRelease does not know: "${h}"`)
  for (const c of REGISTER_CSV_COLUMNS)
    if (c.required && !header.includes(c.name)) headerProblems.push(`The header has no "${c.name}" column`)
  const seenHeader = new Set<string>()
  for (const h of header) {
    if (seenHeader.has(h)) headerProblems.push(`The header has the column "${h}" twice`)
    seenHeader.add(h)
  }
  if (headerProblems.length > 0) return refuse(headerProblems)
  const rows = lines.slice(1)
  if (rows.length === 0) return refuse(['The file has a header but no rows'])
  if (rows.length > MAX_IMPORT_ROWS)
    return refuse([`The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`])

  const entries: (EntryInput & { reference: string; line: number })[] = []
  const problems: CsvRowProblem[] = []
  const referencesInFile = new Map<string, number>()
  for (const { cells, line } of rows) {
    const list: string[] = []
    if (cells.length !== header.length)
      list.push(`has ${cells.length} fields; the header has ${header.length}`)
    const raw: Record<string, unknown> = {}
    header.forEach((h, i) => {
      const column = REGISTER_CSV_COLUMNS.find((c) => c.name === h)!
      const value = (cells[i] ?? '').trim()
      raw[column.field] =
        column.field === 'rootCauses'
          ? value
              .split(/[;|]/)
              .map((s) => s.trim().toUpperCase())
              .filter((s) => s !== '')
          : column.field === 'direction' || column.field === 'howFound'
            ? value.toUpperCase()
            : value
    })
    const reference = typeof raw.reference === 'string' && raw.reference !== '' ? raw.reference : undefined
    const result = entryInputSchema.safeParse(raw)
    if (!result.success)
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '')
        list.push(`${COLUMN_BY_FIELD[field] ?? snakeCase(field)}: ${issue.message}`)
      }
    else {
      const e = result.data
      if (!context.knownPrisons.has(e.prisonId))
        list.push(`prison: "${e.prisonId}" is not a prison SafeRelease knows`)
      else if (!context.mayRecordIn(e.prisonId))
        list.push(`prison: you may not record entries for ${e.prisonId} (it is not in your caseload)`)
    }
    if (reference === undefined) {
      if (!list.some((p) => p.startsWith('reference:'))) list.push('reference: must not be empty')
    } else {
      const earlier = referencesInFile.get(reference)
      if (earlier !== undefined) list.push(`reference: "${reference}" is also on line ${earlier}`)
      else referencesInFile.set(reference, line)
      if (context.existingReferences.has(reference))
        list.push(`reference: "${reference}" is already in the register (imported before?)`)
    }
    if (list.length > 0) problems.push({ line, ...(reference ? { reference } : {}), problems: list })
    else if (result.success) entries.push({ ...result.data, reference: reference!, line })
  }
  if (problems.length > 0) return refuse([], problems)
  return { ok: true, entries }
}
