/**
 * Checks on how sentences relate: consecutive chains, and the sentence types (fines, DTOs,
 * BOTUS) that the service cannot calculate inside a chain.
 */
import type { ValidationMessage } from '../engine-types.js'
import type { DurationInput, SentenceInput } from '../engine-types.js'
import { validationMessage } from '../catalogue.js'
import { type CheckInput, date, isAfter, isBefore, isRecall, PCSC_COMMENCEMENT_DATE } from './context.js'
import { addDurations, describeDuration, describePeriod, plusDuration } from './durations.js'

/**
 * BROKEN_CONSECUTIVE_CHAINS: the reference raises it when a sentence is consecutive to one that
 * is not active. In the booking format every sentence is active, so the equivalent is a link to
 * an identifier that no sentence in the booking carries. We also report a sentence whose links
 * loop back to itself, since such a chain has no start and cannot be calculated either.
 */
export function checkConsecutiveLinks(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasConsecutiveLinks) return out
  const { booking, indexById, parentOf } = input
  const sentences = booking.sentences
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    const target = s.consecutiveSentenceUUIDs[0]
    if (target === undefined) continue
    const p = indexById.get(target)
    if (p === undefined || inLoop(i, parentOf)) {
      out.push(validationMessage('BROKEN_CONSECUTIVE_CHAINS', { sentence: input.ref(i) }))
      continue
    }
    const parent = sentences[p]!
    if (isAfter(parent.sentencedAt, s.sentencedAt))
      out.push(
        validationMessage('CONSECUTIVE_TO_SENTENCE_IMPOSED_AFTER', {
          sentence: input.ref(i),
          other: input.ref(p),
          date: s.sentencedAt,
          comparedWith: parent.sentencedAt,
        }),
      )
  }
  return out
}

function inLoop(start: number, parentOf: Map<number, number>): boolean {
  let at = parentOf.get(start)
  if (at === undefined) return false // the usual case: a link to a first sentence
  const seen = new Set<number>([start])
  while (at !== undefined) {
    if (seen.has(at)) return true // the chain above this sentence never reaches a first sentence
    seen.add(at)
    at = parentOf.get(at)
  }
  return false
}

function totalTerm(s: SentenceInput): DurationInput {
  return s.type === 'ExtendedDeterminateSentence' || s.type === 'SopcSentence'
    ? addDurations(s.custodialDuration, s.extensionDuration)
    : s.duration
}

/**
 * CONCURRENT_CONSECUTIVE_SENTENCES_DURATION (warning): two or more sentences are consecutive to
 * the same sentence. Often a recording slip (each should follow the previous one), so the user is
 * asked to check. The message gives the length of the longest chain that runs through the shared
 * sentence, measured by laying the parts end to end from the chain's first sentence date.
 * Interpretation: one warning per shared sentence, attached to that sentence.
 */
export function checkConcurrentConsecutive(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasConsecutiveLinks) return out
  const { booking, parentOf, childrenOf } = input
  let shared = false
  for (const children of childrenOf.values()) if (children.length >= 2) shared = true
  if (!shared) return out
  for (const [parent, children] of [...childrenOf.entries()].sort(([a], [b]) => a - b)) {
    if (children.length < 2) continue
    // Walk up to the chain's first sentence (guarding against loops, reported elsewhere).
    const ancestors: number[] = []
    const seen = new Set<number>([parent])
    let at = parentOf.get(parent)
    while (at !== undefined && !seen.has(at)) {
      seen.add(at)
      ancestors.unshift(at)
      at = parentOf.get(at)
    }
    const head = [...ancestors, parent]
    const first = booking.sentences[head[0]!]!
    let longestEnd = date(first.sentencedAt)
    let longest = ''
    for (const path of descendantPaths(parent, childrenOf)) {
      const parts = [...head, ...path.slice(1)].map((k) => totalTerm(booking.sentences[k]!))
      let end = date(first.sentencedAt)
      for (const p of parts) end = plusDuration(end, p)
      if (longest === '' || end.isAfter(longestEnd)) {
        longestEnd = end
        const total = describePeriod(date(first.sentencedAt), end)
        longest = parts.length > 1 ? `${total} (${parts.map(describeDuration).join(' + ')})` : total
      }
    }
    out.push(
      validationMessage('CONCURRENT_CONSECUTIVE_SENTENCES_DURATION', {
        sentence: input.ref(parent),
        other: input.ref(parent),
        count: children.length,
        length: longest,
      }),
    )
  }
  return out
}

function descendantPaths(
  root: number,
  childrenOf: Map<number, number[]>,
  seen = new Set<number>(),
): number[][] {
  if (seen.has(root)) return [[root]]
  const kids = childrenOf.get(root) ?? []
  if (kids.length === 0) return [[root]]
  const next = new Set(seen).add(root)
  return kids.flatMap((k) => descendantPaths(k, childrenOf, next).map((p) => [root, ...p]))
}

/**
 * Fines, DTOs and BOTUS inside chains (all routed to manual entry):
 * - A_FINE_SENTENCE_CONSECUTIVE_TO: a fine default term that is consecutive to another sentence.
 * - A_FINE_SENTENCE_CONSECUTIVE: a sentence consecutive to a fine default term.
 *   (The two names are easy to swap; this is our reading: "_TO" = the fine points at another.)
 *   A fine default term consecutive to another fine default term is reported both ways.
 * - DTO_CONSECUTIVE_TO_SENTENCE: a DTO consecutive to a sentence that is not a DTO.
 * - DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT: a sentence that is not a DTO consecutive to a DTO.
 *   Chains made only of DTOs are calculated (they are aggregated and capped at 24 months).
 * - BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE: a BOTUS consecutive to a sentence that is not a BOTUS.
 *   All-BOTUS chains are calculated (§7 treats them as a unit; reference cases
 *   custom-examples/crs-1835-botus-ac4 and exclude-adas/6 calculate one).
 */
export function checkTypesInChains(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasConsecutiveLinks) return out
  const sentences = input.booking.sentences
  const dto = 'DetentionAndTrainingOrderSentence'
  for (const [i, p] of input.parentOf) {
    const s = sentences[i]!
    const parent = sentences[p]!
    const fineTo = s.type === 'AFineSentence'
    const fineFrom = parent.type === 'AFineSentence'
    const dtoTo = s.type === dto && parent.type !== dto
    const dtoFrom = s.type !== dto && parent.type === dto
    const botus = s.type === 'BotusSentence' && parent.type !== 'BotusSentence'
    if (!(fineTo || fineFrom || dtoTo || dtoFrom || botus)) continue
    const args = { sentence: input.ref(i), other: input.ref(p) }
    if (fineTo) out.push(validationMessage('A_FINE_SENTENCE_CONSECUTIVE_TO', args))
    if (fineFrom) out.push(validationMessage('A_FINE_SENTENCE_CONSECUTIVE', args))
    if (dtoTo) out.push(validationMessage('DTO_CONSECUTIVE_TO_SENTENCE', args))
    if (dtoFrom) out.push(validationMessage('DTO_HAS_SENTENCE_CONSECUTIVE_TO_IT', args))
    if (botus) out.push(validationMessage('BOTUS_CONSECUTIVE_TO_OTHER_SENTENCE', args))
  }
  return out
}

/**
 * DTOs and recalls. A DTO carrying a recall is a breach of DTO supervision or an offence during
 * the order (PCC(S)A 2000 s.104 and s.105, which give the code its name; the Sentencing Act 2020
 * has the corresponding DTO provisions, sections not confirmed):
 * UNSUPPORTED_DTO_RECALL_SEC104_SEC105. A DTO in a booking
 * that also has a recalled (non-DTO) sentence: UNSUPPORTED_CALCULATION_DTO_WITH_RECALL, reported
 * on each DTO.
 */
export function checkDtoRecalls(input: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!input.hasDto || !input.hasRecall) return out
  const sentences = input.booking.sentences
  const dto = 'DetentionAndTrainingOrderSentence'
  const otherRecall = sentences.some((s) => s.type !== dto && isRecall(s))
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!
    if (s.type !== dto) continue
    if (isRecall(s))
      out.push(validationMessage('UNSUPPORTED_DTO_RECALL_SEC104_SEC105', { sentence: input.ref(i) }))
    else if (otherRecall)
      out.push(validationMessage('UNSUPPORTED_CALCULATION_DTO_WITH_RECALL', { sentence: input.ref(i) }))
  }
  return out
}

/**
 * PRE_PCSC_DTO_WITH_ADJUSTMENT: remand or tagged bail recorded against a DTO passed before
 * 28 June 2022. The booking links a remand/tagged bail entry to sentences by date
 * (`appliesToSentencesFrom`), so we flag an entry whose date is the sentence date of such a DTO
 * and of no other kind of sentence (if a non-DTO sentence shares the date, the entry may well be
 * that sentence's).
 */
export function checkPrePcscDtoAdjustments({
  booking,
  adjustments,
  hasDto,
}: CheckInput): ValidationMessage[] {
  const out: ValidationMessage[] = []
  if (!hasDto) return out // an entry is flagged only when it names the date of a DTO
  const dto = 'DetentionAndTrainingOrderSentence'
  for (const type of ['REMAND', 'TAGGED_BAIL'] as const) {
    adjustments[type].forEach((adj, k) => {
      const on = booking.sentences.filter((s) => s.sentencedAt === adj.appliesToSentencesFrom)
      if (on.length > 0 && on.every((s) => s.type === dto && isBefore(s.sentencedAt, PCSC_COMMENCEMENT_DATE)))
        out.push(
          validationMessage('PRE_PCSC_DTO_WITH_ADJUSTMENT', {
            path: `adjustments.${type}[${k}]`,
            date: adj.appliesToSentencesFrom,
          }),
        )
    })
  }
  return out
}
