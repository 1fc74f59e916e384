/**
 * Identification: which release dates a calculable sentence produces (CRD or ARD, SLED or
 * SED/LED, PED, TUSED, HDCED, PRRD...). Sources: Criminal Justice Act 1991 ss.33, 37 (pre-2005
 * sentences), Criminal Justice Act 2003 ss.244-247, 256AA (top-up supervision, inserted by the
 * Offender Rehabilitation Act 2014, s.2), s.246 (HDC).
 */
import type { LocalDate } from '@js-joda/core'
import type { ReleaseDateType } from '../api.js'
import { ageOn } from '../calendar/period.js'
import { ceilExact } from '../legislation/release-fractions.js'
import type { Context } from './context.js'
import { lessThan, type Part } from './part.js'

export type Types = Set<ReleaseDateType>

export interface Shape {
  parts: readonly Part[]
  kind: 'single' | 'chain' | 'singleTerm'
  sentencedAt: LocalDate
  /** Inclusive length (element-wise sum of durations for a chain). */
  lengthDays: number
  isRecall: boolean
  /** Progression-model switch of pre-ORA short sentences from ARD/SED to CRD/SLED. */
  progressionArdToCrd: boolean
}

function sdsTypes(shape: Shape, oldStyle: boolean, ora: boolean): ReleaseDateType[] {
  const { lengthDays: L, sentencedAt: S } = shape
  if (oldStyle) {
    if (!lessThan(L, S, 4, 'YEARS')) return ['CRD', 'SLED']
    if (!lessThan(L, S, 12, 'MONTHS')) return ['LED', 'CRD', 'SED']
    return ['ARD', 'SED']
  }
  if ((lessThan(L, S, 12, 'MONTHS') && !ora && !shape.progressionArdToCrd) || L <= 1) return ['ARD', 'SED']
  return ['CRD', 'SLED']
}

export function tusedEligible(shape: Shape, ctx: Context): boolean {
  if (ctx.toggles.applyPostRecallRepealRules) return false
  const ps = shape.parts
  if (!ps.every((p) => p.isSds)) return false
  if (!ps.some((p) => p.ora)) return false
  if (!ps.every((p) => !p.oldStyle)) return false
  const { lengthDays: L, sentencedAt: S } = shape
  if (!lessThan(L, S, 2, 'YEARS')) return false
  if (L <= 1) return false
  return ageOn(ctx.dob, S.plusDays(ceilExact(L, 2))) > 18
}

export function hdcedEligible(shape: Shape, ctx: Context): boolean {
  if (ctx.sexOffender || shape.isRecall) return false
  const ps = shape.parts
  if (ps.some((p) => p.isDto || p.kind === 'ExtendedDeterminateSentence' || p.kind === 'SopcSentence')) return false
  if (ps.some((p) => p.sdsPlusEligible || p.isSDSPlus)) return false
  return ps.some((p) => p.isSds)
}

export function identify(shape: Shape, ctx: Context): Types {
  const ps = shape.parts
  const first = ps[0]!
  let types: ReleaseDateType[]
  const hasEdsOrSopc = ps.some((p) => p.kind === 'ExtendedDeterminateSentence' || p.kind === 'SopcSentence')
  if (ps.every((p) => p.isDto)) {
    types = ['SED', 'MTD', 'ETD', 'LTD', 'TUSED']
  } else if (ps.every((p) => p.isFine || p.isBotus) && !(shape.kind === 'single' && first.isBotus)) {
    types = ['SED', 'ARD']
  } else if (shape.kind === 'single' && first.isBotus) {
    types = ['ARD', 'SED']
    if (first.latestTusedDate && !ctx.toggles.applyPostRecallRepealRules) types.push('TUSED')
  } else if (hasEdsOrSopc) {
    types = ['SLED', 'CRD']
    if (ps.some((p) => p.hasPed)) types.push('PED')
  } else if (ps.every((p) => p.isSDSPlus)) {
    types = ['SLED', 'CRD']
  } else {
    const sds = ps.filter((p) => p.isSds || p.isFine || p.isBotus)
    const allOld = sds.every((p) => p.oldStyle)
    const allNew = sds.every((p) => !p.oldStyle)
    if (!allOld && !allNew) types = ['SLED', 'CRD']
    else if (allOld) types = sdsTypes(shape, true, false)
    else {
      const anyOra = sds.some((p) => p.ora)
      const allOra = sds.every((p) => p.ora)
      if (shape.kind === 'chain' && anyOra && !allOra) {
        types = lessThan(shape.lengthDays, shape.sentencedAt, 12, 'MONTHS') ? ['LED', 'SED', 'CRD'] : ['SLED', 'CRD']
      } else {
        types = sdsTypes(shape, false, anyOra)
      }
    }
    if (tusedEligible(shape, ctx)) types.push('TUSED')
    if (hdcedEligible(shape, ctx)) types.push('HDCED')
  }
  const set = new Set(types)
  if (shape.isRecall) {
    set.delete('HDCED')
    if (hasEdsOrSopc) {
      set.delete('CRD')
      set.delete('PED')
    }
    set.add('PRRD')
  }
  return set
}
