/**
 * What every repository needs: the database, its dialect and a clock. Changes go through
 * `store.change(actor, fn)`, one transaction that also appends the audit entries.
 */
import type { Transaction } from 'kysely'
import type { Database } from './database.js'
import type { DB } from './schema.js'
import { appendAudit, type AuditEntry } from '../audit/audit.js'

export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

/** Who is acting, for the audit trail. */
export interface Actor {
  username: string
  correlationId?: string
}

export interface ChangeContext {
  trx: Transaction<DB>
  at: string
  audit(entry: Omit<AuditEntry, 'actor' | 'correlationId'>): Promise<void>
}

export class Store {
  constructor(
    readonly database: Database,
    readonly clock: Clock = systemClock,
  ) {}

  get db() {
    return this.database.db
  }

  nowIso(): string {
    return this.clock.now().toISOString()
  }

  /** Runs `fn` in one transaction; its audit entries commit with it or not at all. */
  async change<T>(actor: Actor, fn: (ctx: ChangeContext) => Promise<T>): Promise<T> {
    const at = this.nowIso()
    return this.db.transaction().execute(async (trx) => {
      const ctx: ChangeContext = {
        trx,
        at,
        audit: (entry) =>
          appendAudit(trx, this.database.dialect, at, {
            ...entry,
            actor: actor.username,
            correlationId: actor.correlationId ?? null,
          }),
      }
      return fn(ctx)
    })
  }
}
