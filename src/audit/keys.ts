/**
 * The keys that sign audit checkpoints: Ed25519 (node:crypto, no dependency). The private key
 * comes from configuration and never touches the database; anyone holding only the public keys
 * can check a checkpoint. Every checkpoint names its key id, so old public keys stay usable
 * after a rotation.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export class AuditKeyError extends Error {}

export interface AuditSigner {
  keyId: string
  privateKey: KeyObject
  publicKey: KeyObject
}

/** Public keys by key id: what a verifier needs. */
export type PublicKeyring = ReadonlyMap<string, KeyObject>

export const KEY_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/

/** The public key as one line: base64 of its SubjectPublicKeyInfo (DER). */
export function publicKeyText(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64')
}

/** A key id derived from the public key, so a key and its id cannot drift apart by accident. */
export function defaultKeyId(publicKey: KeyObject): string {
  const digest = createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
  return `ed25519-${digest.slice(0, 16)}`
}

function checkKeyId(keyId: string, what: string): string {
  if (!KEY_ID_PATTERN.test(keyId))
    throw new AuditKeyError(`${what} must be 1–64 letters, digits, '.', '_', ':' or '-' (got "${keyId}")`)
  return keyId
}

/** Reads an Ed25519 private key given as PEM (PKCS#8) or as base64 of its DER. */
export function parseSigningKey(text: string, keyId?: string): AuditSigner {
  let privateKey: KeyObject
  try {
    const trimmed = text.trim()
    privateKey = trimmed.includes('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' })
  } catch {
    throw new AuditKeyError('is not a private key (expected PEM or base64 PKCS#8 DER)')
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError(
      `must be an Ed25519 key (this one is ${privateKey.asymmetricKeyType ?? 'unknown'})`,
    )
  const publicKey = createPublicKey(privateKey)
  return {
    keyId: keyId === undefined ? defaultKeyId(publicKey) : checkKeyId(keyId, 'the key id'),
    privateKey,
    publicKey,
  }
}

/** Reads one Ed25519 public key: base64 of its SPKI DER, or PEM. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject
  try {
    const trimmed = text.trim()
    key = trimmed.includes('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' })
  } catch {
    throw new AuditKeyError('is not a public key (expected base64 SPKI DER or PEM)')
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError('must be an Ed25519 public key')
  return key
}

/**
 * Reads "keyId=base64,keyId=base64" (commas, spaces or newlines between entries): the public
 * keys of earlier signing keys, so checkpoints they signed still verify after a rotation.
 */
export function parsePublicKeyList(text: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>()
  for (const item of text.split(/[\s,]+/).filter((s) => s.length > 0)) {
    const at = item.indexOf('=')
    if (at <= 0) throw new AuditKeyError(`entry "${item.slice(0, 20)}…" must be keyId=publicKey`)
    const keyId = checkKeyId(item.slice(0, at), `key id "${item.slice(0, at)}"`)
    if (keys.has(keyId)) throw new AuditKeyError(`key id "${keyId}" is listed twice`)
    try {
      keys.set(keyId, parsePublicKey(item.slice(at + 1)))
    } catch (e) {
      throw new AuditKeyError(`key "${keyId}" ${(e as Error).message}`)
    }
  }
  return keys
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return publicKeyText(a) === publicKeyText(b)
}

/** The signer's own public key plus the configured older ones; a clash of ids is refused. */
export function buildKeyring(signer: AuditSigner | undefined, others: PublicKeyring): Map<string, KeyObject> {
  const ring = new Map(others)
  if (signer) {
    const listed = ring.get(signer.keyId)
    if (listed && !samePublicKey(listed, signer.publicKey))
      throw new AuditKeyError(
        `key id "${signer.keyId}" is listed with a different public key from the signing key`,
      )
    ring.set(signer.keyId, signer.publicKey)
  }
  return ring
}

export interface GeneratedKey {
  keyId: string
  /** base64 PKCS#8 DER: the value for AUDIT_SIGNING_KEY. */
  privateKey: string
  /** base64 SPKI DER: for AUDIT_PUBLIC_KEYS on the machines that verify. */
  publicKey: string
}

export function generateSigningKey(keyId?: string): GeneratedKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    keyId: keyId === undefined ? defaultKeyId(publicKey) : checkKeyId(keyId, 'the key id'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKeyText(publicKey),
  }
}

export interface DevelopmentKey {
  signer: AuditSigner
  created: boolean
  /** True when group or others can read the file (it should be 0600). */
  readableByOthers: boolean
}

/**
 * Development only: the signing key lives in a file beside the data (never in the database),
 * created on first start with mode 0600. Production must configure AUDIT_SIGNING_KEY instead.
 */
export function loadOrCreateDevelopmentKey(file: string): DevelopmentKey {
  let created = false
  let pem: string
  try {
    pem = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    mkdirSync(dirname(file), { recursive: true })
    const { privateKey } = generateKeyPairSync('ed25519')
    pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    // 'wx': if another process created it meanwhile, fail rather than overwrite its key.
    const fd = openSync(file, 'wx', 0o600)
    try {
      writeSync(fd, pem)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    created = true
  }
  let signer: AuditSigner
  try {
    signer = parseSigningKey(pem)
  } catch (e) {
    throw new AuditKeyError(`the development audit key in ${file} ${(e as Error).message}`)
  }
  return { signer, created, readableByOthers: (statSync(file).mode & 0o077) !== 0 }
}
