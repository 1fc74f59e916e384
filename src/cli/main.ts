/** `saferelease <command>`: dispatches to each command's module. */
import { runAccountsCommand } from './accounts.js'
import { runAuditCommand } from './audit.js'
import { runCalcCommand } from './calc.js'
import { runRecheckCommand } from './recheck.js'

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  accounts: runAccountsCommand,
  audit: runAuditCommand,
  calc: runCalcCommand,
  recheck: runRecheckCommand,
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv
  const run = command ? COMMANDS[command] : undefined
  if (!run) {
    console.error(`Usage: saferelease <${Object.keys(COMMANDS).join('|')}> ...`)
    return 2
  }
  return run(args)
}

process.exitCode = await main(process.argv.slice(2))
