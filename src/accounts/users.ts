/**
 * Accounts: local users (argon2id password hashes, locked after 5 failed sign-ins), users from
 * the organisation's identity provider (OIDC), and service accounts that call the API with
 * bearer tokens (stored as sha256 hashes, revocable).
 */
import { createHash, randomBytes } from 'node:crypto'
import argon2 from 'argon2'
import { z } from 'zod'
import type { Actor, Store } from '../db/store.js'
import { ConflictError, NotFoundError, ValidationError } from '../db/errors.js'
import { COURT_ROLES, PRISON_ROLES, ROLES, canBeEstateWide, type Caseload, type Role } from './roles.js'
import { DEMO_PASSWORD } from './demo-accounts.js'

export const MAX_FAILED_SIGN_INS = 5
export const USER_KINDS = ['local', 'oidc', 'service'] as const
export type UserKind = (typeof USER_KINDS)[number]

export interface User {
  id: number
  username: string
  displayName: string
  kind: UserKind
  roles: Role[]
  caseload: Caseload
  locked: boolean
  active: boolean
  version: number
}

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be 3 characters or more')
  .max(100, 'must be 100 characters or fewer')
  .regex(/^[a-zA-Z0-9._@:-]+$/, 'must contain only letters, numbers, dots, hyphens, underscores, @ or colons')
const prisonsSchema = z.array(z.string().trim().min(1).max(10)).max(200)
const courtsSchema = z.array(z.string().trim().toUpperCase().min(1).max(10)).max(200)
const rolesSchema = z.array(z.enum(ROLES)).min(1, 'must include at least one role')

/** A new password: long enough, and never the demo password (which is published in the README). */
const passwordSchema = z
  .string()
  .min(12, 'must be 12 characters or more')
  .max(200)
  .refine((p) => p !== DEMO_PASSWORD, 'must not be the public demo password')

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'must not be empty').max(200),
  kind: z.enum(['local', 'service']).default('local'),
  password: passwordSchema.optional(),
  roles: rolesSchema,
  prisons: prisonsSchema.default([]),
  /** Court codes, for court staff. */
  courts: courtsSchema.default([]),
  estateWide: z.boolean().default(false),
})
/** Court codes may be left out (prison staff have none). */
export type CreateUser = Omit<z.infer<typeof createUserSchema>, 'courts'> & { courts?: string[] }

export const updateUserSchema = z.object({
  version: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
  displayName: z.string().trim().min(1, 'must not be empty').max(200),
  roles: rolesSchema,
  prisons: prisonsSchema,
  /** Court codes, for court staff; left as they are when not sent. */
  courts: courtsSchema.optional(),
  estateWide: z.boolean(),
  active: z.boolean(),
  unlock: z.boolean().default(false),
  password: passwordSchema.optional(),
})
export type UpdateUser = z.infer<typeof updateUserSchema>

type UserRow = {
  id: number
  username: string
  display_name: string
  kind: string
  roles: string
  prisons: string
  courts: string
  estate_wide: number
  locked: number
  active: number
  version: number
}

function toUser(r: UserRow): User {
  return {
    id: Number(r.id),
    username: r.username,
    displayName: r.display_name,
    kind: r.kind as UserKind,
    roles: JSON.parse(r.roles) as Role[],
    caseload: {
      estateWide: Number(r.estate_wide) === 1,
      prisons: JSON.parse(r.prisons) as string[],
      courts: JSON.parse(r.courts) as string[],
    },
    locked: Number(r.locked) === 1,
    active: Number(r.active) === 1,
    version: Number(r.version),
  }
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'kind',
  'roles',
  'prisons',
  'courts',
  'estate_wide',
  'locked',
  'active',
  'version',
] as const

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export type SignInResult = { ok: true; user: User } | { ok: false; reason: 'invalid' | 'locked' }

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
export const PASSWORD_HASHING = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const
export type PasswordHashing = { memoryCost: number; timeCost: number; parallelism: number }

export class UsersRepository {
  private readonly hashing: PasswordHashing & { type: typeof argon2.argon2id }
  constructor(
    private readonly store: Store,
    hashing: PasswordHashing = PASSWORD_HASHING,
  ) {
    this.hashing = { ...hashing, type: argon2.argon2id }
  }

  async list(): Promise<User[]> {
    const rows = await this.store.db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute()
    return rows.map(toUser)
  }

  async findById(id: number): Promise<User | undefined> {
    const r = await this.store.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()
    return r ? toUser(r) : undefined
  }

  async getById(id: number): Promise<User> {
    const u = await this.findById(id)
    if (!u) throw new NotFoundError('User')
    return u
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const r = await this.store.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('username', '=', username)
      .executeTakeFirst()
    return r ? toUser(r) : undefined
  }

  private checkEstateWide(roles: Role[], estateWide: boolean) {
    if (estateWide && !canBeEstateWide(roles))
      throw new ValidationError([
        {
          path: 'estateWide',
          message:
            'only analysts, administrators, the national warrant query unit and court unit managers may be estate-wide',
        },
      ])
  }

  /** Court staff work at courts instead of prisons; the national warrant query unit at every court. */
  private checkCaseload(roles: Role[], prisons: string[], courts: string[], estateWide: boolean) {
    const court = roles.some((r) => COURT_ROLES.includes(r))
    const problems: { path: string; message: string }[] = []
    if (court && roles.some((r) => PRISON_ROLES.includes(r)))
      problems.push({ path: 'roles', message: 'must not mix court roles with prison roles' })
    if (court && prisons.length > 0)
      problems.push({ path: 'prisons', message: 'must be empty for court staff: they have courts instead' })
    if (!court && courts.length > 0) problems.push({ path: 'courts', message: 'are only for court staff' })
    if (roles.includes('warrant_unit') && !estateWide)
      problems.push({ path: 'estateWide', message: 'must be selected for the national warrant query unit' })
    if (problems.length > 0) throw new ValidationError(problems)
  }

  /**
   * `options.demo`: the demo seed's own accounts, marked so that production refuses to start
   * while one is active (src/accounts/demo-accounts.ts). Only they may have the demo password.
   */
  async create(actor: Actor, input: CreateUser, options: { demo?: boolean } = {}): Promise<User> {
    this.checkEstateWide(input.roles, input.estateWide)
    this.checkCaseload(input.roles, input.prisons, input.courts ?? [], input.estateWide)
    if (input.kind === 'local' && !input.password)
      throw new ValidationError([{ path: 'password', message: 'is required for a local account' }])
    if (input.password === DEMO_PASSWORD && options.demo !== true)
      throw new ValidationError([{ path: 'password', message: 'must not be the public demo password' }])
    if (await this.findByUsername(input.username))
      throw new ConflictError('A user with this username already exists')
    const passwordHash = input.password ? await argon2.hash(input.password, this.hashing) : null
    await this.store.change(actor, async ({ trx, at, audit }) => {
      await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          kind: input.kind,
          password_hash: passwordHash,
          roles: JSON.stringify(input.roles),
          prisons: JSON.stringify(input.prisons),
          courts: JSON.stringify(input.courts ?? []),
          estate_wide: input.estateWide ? 1 : 0,
          failed_attempts: 0,
          locked: 0,
          active: 1,
          version: 1,
          created_at: at,
          demo: options.demo === true ? 1 : 0,
        })
        .execute()
      const { password: _p, ...after } = input
      await audit({
        action: 'USER_CREATED',
        subjectType: 'user',
        subjectId: input.username,
        after: options.demo === true ? { ...after, demo: true } : after,
      })
    })
    return (await this.findByUsername(input.username))!
  }

  async update(actor: Actor, id: number, input: UpdateUser): Promise<User> {
    const current = await this.getById(id)
    this.checkEstateWide(input.roles, input.estateWide)
    const courts = input.courts ?? current.caseload.courts ?? []
    this.checkCaseload(input.roles, input.prisons, courts, input.estateWide)
    const passwordHash = input.password ? await argon2.hash(input.password, this.hashing) : undefined
    await this.store.change(actor, async ({ trx, audit }) => {
      const res = await trx
        .updateTable('users')
        .set({
          display_name: input.displayName,
          roles: JSON.stringify(input.roles),
          prisons: JSON.stringify(input.prisons),
          courts: JSON.stringify(courts),
          estate_wide: input.estateWide ? 1 : 0,
          active: input.active ? 1 : 0,
          ...(input.unlock ? { locked: 0, failed_attempts: 0 } : {}),
          // A new password is never the demo one, so the account is no longer a demo account.
          ...(passwordHash ? { password_hash: passwordHash, demo: 0 } : {}),
          version: input.version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new ConflictError()
      const { password, ...after } = input
      await audit({
        action: 'USER_UPDATED',
        subjectType: 'user',
        subjectId: current.username,
        before: {
          displayName: current.displayName,
          roles: current.roles,
          caseload: current.caseload,
          active: current.active,
          locked: current.locked,
        },
        after: { ...after, passwordChanged: password !== undefined },
      })
    })
    return this.getById(id)
  }

  /**
   * Active local accounts that still sign in with the demo password: every account marked as a
   * demo account, and any with one of `alsoCheck` usernames. Checked against the stored hash,
   * so an account whose password was changed is not reported.
   */
  async stillUsingDemoPassword(alsoCheck: readonly string[]): Promise<string[]> {
    const candidates = await this.store.db
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .where('kind', '=', 'local')
      .where('active', '=', 1)
      .where((eb) =>
        eb.or([eb('demo', '=', 1), ...(alsoCheck.length > 0 ? [eb('username', 'in', [...alsoCheck])] : [])]),
      )
      .orderBy('username')
      .execute()
    const found: string[] = []
    for (const c of candidates)
      if (c.password_hash !== null && (await argon2.verify(c.password_hash, DEMO_PASSWORD)))
        found.push(c.username)
    return found
  }

  /** Deactivates one account (audited, with why). */
  async deactivate(actor: Actor, username: string, why: string): Promise<void> {
    await this.store.change(actor, async ({ trx, audit }) => {
      const res = await trx
        .updateTable('users')
        .set((eb) => ({ active: 0, version: eb('version', '+', 1) }))
        .where('username', '=', username)
        .where('active', '=', 1)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError('Active user')
      await audit({
        action: 'USER_UPDATED',
        subjectType: 'user',
        subjectId: username,
        before: { active: true },
        after: { active: false, why },
      })
    })
  }

  /**
   * Local sign-in. Every attempt is audited; the fifth consecutive failure locks the account.
   * Parallel guesses cannot beat the count: each attempt first claims its place with one atomic
   * `failed_attempts = failed_attempts + 1 … RETURNING` (the database serialises them), and only
   * the first five claims while unlocked have their password checked at all. A right password
   * gives its claim back; the account is never signed in once it has been locked.
   */
  async signIn(username: string, password: string, correlationId?: string): Promise<SignInResult> {
    const row = await this.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst()
    const actor = { username: username.slice(0, 100), correlationId }
    if (!row || row.kind !== 'local' || row.password_hash === null || Number(row.active) !== 1) {
      // Hash anyway so a missing account takes as long as a wrong password.
      await argon2.hash(password.slice(0, 200), this.hashing)
      await this.store.change(actor, ({ audit }) =>
        audit({ action: 'SIGN_IN_FAILED', subjectType: 'user', subjectId: actor.username }),
      )
      return { ok: false, reason: 'invalid' }
    }
    const claimed = await this.store.db
      .updateTable('users')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('locked', '=', 0)
      .returning('failed_attempts')
      .executeTakeFirst()
    const attempt = claimed === undefined ? undefined : Number(claimed.failed_attempts)
    if (attempt === undefined || attempt > MAX_FAILED_SIGN_INS) {
      // Already locked, or more guesses in flight than the account allows: lock, check nothing.
      await this.store.change(actor, async ({ trx, audit }) => {
        const res = await trx
          .updateTable('users')
          .set({ locked: 1 })
          .where('id', '=', row.id)
          .where('locked', '=', 0)
          .executeTakeFirst()
        const lockedNow = Number(res.numUpdatedRows) === 1
        await audit({
          action: lockedNow ? 'ACCOUNT_LOCKED' : 'SIGN_IN_FAILED',
          subjectType: 'user',
          subjectId: username,
          after: { locked: true, ...(attempt === undefined ? {} : { failedAttempts: attempt }) },
        })
      })
      return { ok: false, reason: 'locked' }
    }
    const good = await argon2.verify(row.password_hash, password.slice(0, 200))
    if (good) {
      const signedIn = await this.store.change(actor, async ({ trx, audit }) => {
        // Locked meanwhile by guesses running alongside this one: refused like any locked account.
        const res = await trx
          .updateTable('users')
          .set({ failed_attempts: 0 })
          .where('id', '=', row.id)
          .where('locked', '=', 0)
          .executeTakeFirst()
        const ok = Number(res.numUpdatedRows) === 1
        await audit({
          action: ok ? 'SIGN_IN' : 'SIGN_IN_FAILED',
          subjectType: 'user',
          subjectId: username,
          after: ok ? { method: 'local' } : { locked: true },
        })
        return ok
      })
      return signedIn ? { ok: true, user: toUser(row) } : { ok: false, reason: 'locked' }
    }
    const lock = attempt === MAX_FAILED_SIGN_INS
    await this.store.change(actor, async ({ trx, audit }) => {
      // Only the attempt that actually locks says so (a parallel one may have locked first).
      const lockedNow =
        lock &&
        Number(
          (
            await trx
              .updateTable('users')
              .set({ locked: 1 })
              .where('id', '=', row.id)
              .where('locked', '=', 0)
              .executeTakeFirst()
          ).numUpdatedRows,
        ) === 1
      await audit({
        action: lockedNow ? 'ACCOUNT_LOCKED' : 'SIGN_IN_FAILED',
        subjectType: 'user',
        subjectId: username,
        after: { failedAttempts: attempt },
      })
    })
    return { ok: false, reason: lock ? 'locked' : 'invalid' }
  }

  /** Signs in (creating or refreshing) a user from the identity provider's claims. */
  async signInFromOidc(claims: {
    sub: string
    name?: string
    roles: Role[]
    prisons: string[]
    courts?: string[]
  }): Promise<User> {
    const username = `oidc:${claims.sub}`.slice(0, 100)
    const estateWide =
      canBeEstateWide(claims.roles) && claims.prisons.length === 0 && (claims.courts ?? []).length === 0
    await this.store.change({ username }, async ({ trx, at, audit }) => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst()
      const values = {
        display_name: claims.name ?? username,
        roles: JSON.stringify(claims.roles),
        prisons: JSON.stringify(claims.prisons),
        courts: JSON.stringify(claims.courts ?? []),
        estate_wide: estateWide ? 1 : 0,
      }
      if (existing) await trx.updateTable('users').set(values).where('id', '=', existing.id).execute()
      else
        await trx
          .insertInto('users')
          .values({
            ...values,
            username,
            kind: 'oidc',
            password_hash: null,
            failed_attempts: 0,
            locked: 0,
            active: 1,
            version: 1,
            created_at: at,
          })
          .execute()
      await audit({
        action: 'SIGN_IN',
        subjectType: 'user',
        subjectId: username,
        after: { method: 'oidc', roles: claims.roles, prisons: claims.prisons },
      })
    })
    return (await this.findByUsername(username))!
  }

  async recordSignOut(user: User): Promise<void> {
    await this.store.change({ username: user.username }, ({ audit }) =>
      audit({ action: 'SIGN_OUT', subjectType: 'user', subjectId: user.username }),
    )
  }

  // --- API tokens -------------------------------------------------------------------------

  /** Today in the UK (YYYY-MM-DD): a token works to the end of its last day. */
  private today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(this.store.clock.now())
  }

  /**
   * Issues a token for a service account. The token is shown once; only its hash is kept.
   * `expiresOn`: its last day (YYYY-MM-DD, today or later); without it the token does not expire.
   */
  async createToken(
    actor: Actor,
    userId: number,
    name: string,
    expiresOn?: string,
  ): Promise<{ id: number; token: string; expiresOn: string | null }> {
    const user = await this.getById(userId)
    if (user.kind !== 'service')
      throw new ValidationError([{ path: 'userId', message: 'must be a service account' }])
    if (expiresOn !== undefined && expiresOn < this.today())
      throw new ValidationError([{ path: 'expiresOn', message: 'must be today or in the future' }])
    const token = `sr_${randomBytes(32).toString('base64url')}`
    const id = await this.store.change(actor, async ({ trx, at, audit }) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          user_id: userId,
          name,
          token_hash: hashToken(token),
          created_at: at,
          created_by: actor.username,
          revoked_at: null,
          expires_at: expiresOn ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit({
        action: 'TOKEN_CREATED',
        subjectType: 'token',
        subjectId: String(row.id),
        after: { user: user.username, name, expiresOn: expiresOn ?? null },
      })
      return Number(row.id)
    })
    return { id, token, expiresOn: expiresOn ?? null }
  }

  async listTokens(): Promise<
    {
      id: number
      name: string
      username: string
      createdAt: string
      revokedAt: string | null
      expiresOn: string | null
      expired: boolean
    }[]
  > {
    const today = this.today()
    const rows = await this.store.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id',
        'api_tokens.name',
        'users.username',
        'api_tokens.created_at',
        'api_tokens.revoked_at',
        'api_tokens.expires_at',
      ])
      .orderBy('api_tokens.id')
      .execute()
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      username: r.username,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      expiresOn: r.expires_at,
      expired: r.expires_at !== null && r.expires_at < today,
    }))
  }

  async revokeToken(actor: Actor, tokenId: number): Promise<void> {
    await this.store.change(actor, async ({ trx, at, audit }) => {
      const res = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', tokenId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError('Active token')
      await audit({ action: 'TOKEN_REVOKED', subjectType: 'token', subjectId: String(tokenId) })
    })
  }

  /** The active service account behind a bearer token, if any. */
  async userForToken(token: string): Promise<User | undefined> {
    if (!/^sr_[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
    const r = await this.store.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(USER_COLUMNS.map((c) => `users.${c}` as const))
      .where('api_tokens.token_hash', '=', hashToken(token))
      .where('api_tokens.revoked_at', 'is', null)
      .where((eb) =>
        eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>=', this.today())]),
      )
      .executeTakeFirst()
    if (!r) return undefined
    const user = toUser(r)
    return user.active ? user : undefined
  }
}
