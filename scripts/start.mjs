// `npm start`: runs the compiled service (dist/main.js), building it first when there is no build
// or the sources changed since the last one. `npm run dev` runs the sources through tsx instead.
import process from 'node:process'
import console from 'node:console'
import { buildState } from './build-state.mjs'
import { build } from './build.mjs'

const state = buildState()
if (state !== 'current') {
  console.log(state === 'missing' ? 'Building the service (first start)…' : 'Sources changed: rebuilding…')
  try {
    build()
  } catch (e) {
    console.error(e.message)
    process.exit(1)
  }
}
// Stack traces name the TypeScript lines.
process.setSourceMapsEnabled(true)
await import('../dist/main.js')
