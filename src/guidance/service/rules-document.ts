/**
 * Where the rules document is read from at run time. It ships with the application as
 * docs/rules.md (the service runs from the repository layout through tsx, with no build step);
 * a deployment that copies only some folders must copy docs/ too, or point
 * GUIDANCE_RULES_PATH at the file. A missing file stops the service starting: guidance without
 * the rules would rank the wrong passages silently.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DEFAULT_RULES_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'docs',
  'rules.md',
)

const cache = new Map<string, string>()

export function readRulesDocument(path = process.env.GUIDANCE_RULES_PATH ?? DEFAULT_RULES_PATH): string {
  const cached = cache.get(path)
  if (cached !== undefined) return cached
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new Error(
      `The rules document is not at ${path} (${(e as Error).message}). Ship docs/rules.md with the service or set GUIDANCE_RULES_PATH.`,
    )
  }
  cache.set(path, text)
  return text
}
