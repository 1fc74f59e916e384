/**
 * Reading GOV.UK forms: every field is a string (or missing); errors are collected per field and
 * shown in the error summary (linking to the field) and inline.
 */
import { checkRecordDate } from '../boundary/dates.js'
import { messages } from './messages.js'

export type FormBody = Record<string, unknown>

export class FormErrors {
  readonly byField: Record<string, string> = {}
  readonly list: { text: string; href: string }[] = []
  add(field: string, text: string, anchor = field): void {
    if (this.byField[field]) return
    this.byField[field] = text
    this.list.push({ text, href: `#${anchor}` })
  }
  get any(): boolean {
    return this.list.length > 0
  }
}

export function str(body: FormBody, name: string, max = 200): string {
  const v = body[name]
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
  return s.trim().slice(0, max)
}

export function checked(body: FormBody, name: string): boolean {
  const v = body[name]
  return v === 'yes' || v === 'true' || v === 'on' || (Array.isArray(v) && v.includes('yes'))
}

export interface DateParts {
  day: string
  month: string
  year: string
}

export function dateParts(body: FormBody, name: string): DateParts {
  return {
    day: str(body, `${name}-day`, 4),
    month: str(body, `${name}-month`, 4),
    year: str(body, `${name}-year`, 6),
  }
}

export function partsFromIso(iso: string | null | undefined): DateParts {
  if (!iso) return { day: '', month: '', year: '' }
  const [y, m, d] = iso.split('-')
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? '' }
}

/** A GOV.UK date input as YYYY-MM-DD, with the GOV.UK wording for each mistake. */
export function readDate(
  body: FormBody,
  name: string,
  label: string,
  errors: FormErrors,
  required: boolean,
): string | undefined {
  const p = dateParts(body, name)
  const missing = (['day', 'month', 'year'] as const).filter((k) => p[k] === '')
  if (missing.length === 3) {
    if (required) errors.add(name, messages.dateRequired(label), `${name}-day`)
    return undefined
  }
  if (missing.length > 0) {
    errors.add(name, messages.dateMissingPart(label, missing), `${name}-${missing[0]}`)
    return undefined
  }
  if (!/^\d{1,2}$/.test(p.day) || !/^\d{1,2}$/.test(p.month) || !/^\d{4}$/.test(p.year)) {
    errors.add(name, messages.dateNotReal(label), `${name}-day`)
    return undefined
  }
  const iso = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`
  // The same rule as the API and storage (src/boundary/dates.ts), in GOV.UK words.
  const check = checkRecordDate(iso)
  if (check === 'out-of-range') {
    errors.add(name, messages.dateOutOfRange(label), `${name}-year`)
    return undefined
  }
  if (check !== 'ok') {
    errors.add(name, messages.dateNotReal(label), `${name}-day`)
    return undefined
  }
  return iso
}

/** A whole number 0..max, or undefined when blank. */
export function readCount(
  body: FormBody,
  name: string,
  label: string,
  errors: FormErrors,
  max = 100_000,
): number | undefined {
  const s = str(body, name, 20)
  if (s === '') return undefined
  if (!/^\d+$/.test(s) || Number(s) > max) {
    errors.add(name, messages.wholeNumber(label, max))
    return undefined
  }
  return Number(s)
}

/**
 * The version the user loaded (a hidden field). A missing or mangled version can never match a
 * stored one, so it is read as 0 and the change is refused as stale (never applied blind).
 */
export function readVersion(body: FormBody): number {
  const s = str(body, 'version', 12)
  if (!/^\d+$/.test(s)) return 0
  const v = Number(s)
  return v > 0 && v < 2 ** 31 ? v : 0
}
