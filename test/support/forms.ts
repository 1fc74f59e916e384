/** Reads the values a browser would submit from a rendered GOV.UK form (tests only). */
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? decode(m[1]!) : undefined
}

export function formValues(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name')
    const type = attr(tag, 'type') ?? 'text'
    if (!name || type === 'password') continue
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue
    out[name] = attr(tag, 'value') ?? ''
  }
  for (const m of html.matchAll(/<select\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"\s+selected/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!)
    out[m[1]!] = selected ? decode(selected[1]!) : ''
  }
  return out
}
