/**
 * Citations: every legislative value in the engine names the law it comes from.
 */
import type { Citation } from '../api.js'

/** A ratio of two integers, e.g. one half = { numerator: 1, denominator: 2 }. */
export interface Fraction {
  readonly numerator: number
  readonly denominator: number
}

export function cite(provision: string, url?: string): Citation {
  return url === undefined ? { provision } : { provision, url }
}

/** A value fixed by law, with its source. `source` is required by the type. */
export interface Sourced<T> {
  readonly value: T
  readonly source: Citation
  readonly summary: string
}

export function fractionText(f: Fraction): string {
  const known: Record<string, string> = {
    '1/1': 'the whole term',
    '3/4': 'three quarters',
    '2/3': 'two thirds',
    '1/2': 'one half',
    '1/3': 'one third',
    '2/5': '40%',
    '3/10': '30%',
  }
  return known[`${f.numerator}/${f.denominator}`] ?? `${f.numerator}/${f.denominator}`
}
