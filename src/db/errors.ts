/** Domain errors the web layer maps to HTTP statuses. */
export interface Problem {
  path: string
  message: string
}

/** 404: no such record (or not visible). */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found`)
  }
}

/** 409: the record changed since the user loaded it (optimistic concurrency) or already exists. */
export class ConflictError extends Error {
  constructor(message = 'This record was changed by someone else. Reload and try again.') {
    super(message)
  }
}

/** 422/400: input that parses but breaks a rule; each problem names its field. */
export class ValidationError extends Error {
  constructor(public readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
  }
}
