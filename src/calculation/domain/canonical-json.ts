/**
 * Canonical JSON: object keys sorted, `undefined` and `null` object members dropped (a stored
 * record that lost an empty field is the same record), arrays kept in order. Two values with the
 * same meaning give the same text, so the text can be fingerprinted.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalise(value))
}

function canonicalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalise(v)))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v === undefined || v === null) continue
      out[key] = canonicalise(v)
    }
    return out
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error('Cannot fingerprint a non-finite number')
  return value
}
