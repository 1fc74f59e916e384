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
  private readonly auditListeners = new Set<(entries: number) => void>()

  constructor(
    readonly database: Database,
    readonly clock: Clock = systemClock,
  ) {}

  /**
   * Hears, after each change commits, how many audit entries it wrote (the audit checkpointer
   * counts them). Called outside the transaction; returns a function that stops listening.
   */
  onAuditCommitted(listener: (entries: number) => void): () => void {
    this.auditListeners.add(listener)
    return () => this.auditListeners.delete(listener)
  }

  get db() {
    return this.database.db
  }

  nowIso(): string {
    return this.clock.now().toISOString()
  }

  /** Runs `fn` in one transaction; its audit entries commit with it or not at all. */
  async change<T>(actor: Actor, fn: (ctx: ChangeContext) => Promise<T>): Promise<T> {
    const at = this.nowIso()
    let audited = 0
    const result = await this.db.transaction().execute(async (trx) => {
      const ctx: ChangeContext = {
        trx,
        at,
        audit: async (entry) => {
          await appendAudit(trx, this.database.dialect, at, {
            ...entry,
            actor: actor.username,
            correlationId: actor.correlationId ?? null,
          })
          audited++
        },
      }
      return fn(ctx)
    })
    if (audited > 0) for (const listener of this.auditListeners) listener(audited)
    return result
  }
}
