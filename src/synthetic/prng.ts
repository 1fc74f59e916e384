/**
 * A small seeded pseudo-random number generator (xoshiro128**, seeded through splitmix32).
 * Deterministic across platforms: only 32-bit integer arithmetic.
 */

/** splitmix32 step: a good 32-bit mixer, used for seeding and for deriving sub-seeds. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** Combine several integers into one 32-bit seed (order matters). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x1b873593
  for (const p of parts) {
    h = mix32(h ^ (p >>> 0))
    // mix in the high part of values beyond 32 bits, so e.g. 2^32 and 0 differ
    h = mix32(h ^ Math.floor(p / 0x1_0000_0000))
  }
  return h
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed >>> 0
    this.a = s = mix32(s)
    this.b = s = mix32(s)
    this.c = s = mix32(s)
    this.d = mix32(s)
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`)
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with the given probability. */
  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Pick from `[item, weight]` pairs; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const n = items.length
    let total = 0
    for (let i = 0; i < n; i++) total += items[i]![1]
    let r = this.next() * total
    for (let i = 0; i < n; i++) {
      r -= items[i]![1]
      if (r < 0) return items[i]![0]
    }
    return items[n - 1]![0]
  }

  /** Roughly bell-shaped integer in [min, max] (mean of three uniforms). */
  bell(min: number, max: number): number {
    const u = (this.next() + this.next() + this.next()) / 3
    return min + Math.floor(u * (max - min + 1))
  }

  /** Integer in [min, max] skewed towards min (power > 1 skews harder). */
  skewed(min: number, max: number, power = 2): number {
    return min + Math.floor(Math.pow(this.next(), power) * (max - min + 1))
  }

  /** A UUID-shaped string (version 4 layout) drawn from this generator. */
  uuid(): string {
    const w0 = this.nextUint32()
    const w1 = this.nextUint32()
    const w2 = this.nextUint32()
    const w3 = this.nextUint32()
    const h = (n: number, len: number) => n.toString(16).padStart(len, '0')
    return (
      h(w0, 8) +
      '-' +
      h(w1 >>> 16, 4) +
      '-' +
      h(((w1 & 0x0fff) | 0x4000) >>> 0, 4) +
      '-' +
      h(((w2 >>> 16) & 0x3fff) | 0x8000, 4) +
      '-' +
      h(w2 & 0xffff, 4) +
      h(w3, 8)
    )
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}
