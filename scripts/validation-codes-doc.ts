/** Writes docs/validation-codes.md from the validation catalogue. Run: npx tsx scripts/validation-codes-doc.ts */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderValidationCodesDoc } from '../src/engine/validation/docs.js'

const target = fileURLToPath(new URL('../docs/validation-codes.md', import.meta.url))
writeFileSync(target, renderValidationCodesDoc())
console.log(`wrote ${target}`)
