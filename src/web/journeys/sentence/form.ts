/** The sentence form: reads the posted fields into a sentence in the reference booking format. */
import {
  RECALL_TYPES,
  SDS_EARLY_RELEASE_EXCLUSIONS,
  SENTENCE_TYPES,
  plainMessages,
  sentenceSchema,
  type SentenceInput,
  type SentenceTypeName,
} from '../../../engine/input/reference-booking.js'
import { FormErrors, checked, dateParts, partsFromIso, readCount, readDate, str, type FormBody } from '../../forms.js'
import { messages } from '../../messages.js'

const UNITS = [
  ['years', 'YEARS', 'Years'],
  ['months', 'MONTHS', 'Months'],
  ['weeks', 'WEEKS', 'Weeks'],
  ['days', 'DAYS', 'Days'],
] as const

/** Values to redisplay (strings, as typed). */
export type SentenceFormValues = Record<string, unknown>

function readDuration(body: FormBody, prefix: string, label: string, errors: FormErrors, requiredMessage: string) {
  const elements: Partial<Record<'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS', number>> = {}
  for (const [field, unit, unitLabel] of UNITS) {
    const v = readCount(body, `${prefix}-${field}`, `${unitLabel.toLowerCase()} of the ${label}`, errors, 1000)
    if (v !== undefined) elements[unit] = v
  }
  if (Object.values(elements).every((v) => v === 0 || v === undefined) && !UNITS.some(([f]) => errors.byField[`${prefix}-${f}`]))
    errors.add(prefix, requiredMessage, `${prefix}-years`)
  return { durationElements: elements }
}

export function readSentenceForm(
  body: FormBody,
  context: { identifier?: string; caseSequences: number[]; identifiers: string[] },
): { errors: FormErrors; sentence?: SentenceInput } {
  const errors = new FormErrors()
  const type = str(body, 'type', 60) as SentenceTypeName
  if (!(SENTENCE_TYPES as readonly string[]).includes(type)) errors.add('type', messages.chooseSentenceType)
  const caseSequence = Number(str(body, 'caseSequence', 10))
  if (!context.caseSequences.includes(caseSequence)) errors.add('caseSequence', messages.chooseCourtCase)
  const lineSequence = readCount(body, 'lineSequence', 'line number', errors, 10000)
  const sentencedAt = readDate(body, 'sentenceDate', 'sentence date', errors, true)
  const committedAt = readDate(body, 'offenceDate', 'offence date', errors, false)
  const offenceCode = str(body, 'offenceCode', 100).toUpperCase()
  if (offenceCode.length > 40 || !/^[A-Z0-9]*$/.test(offenceCode)) errors.add('offenceCode', messages.offenceCode)
  const consecutiveTo = str(body, 'consecutiveTo', 100)
  const consecutive = consecutiveTo !== '' && context.identifiers.includes(consecutiveTo) ? [consecutiveTo] : []
  const recallType = str(body, 'recallType', 40)
  const revocationDate = readDate(body, 'revocationDate', 'revocation date', errors, false)

  const common = {
    offence: { ...(offenceCode ? { offenceCode } : {}), ...(committedAt ? { committedAt } : {}) },
    sentencedAt,
    identifier: context.identifier,
    consecutiveSentenceUUIDs: consecutive,
    caseSequence,
    lineSequence,
    recall: (RECALL_TYPES as readonly string[]).includes(recallType)
      ? { recallType, ...(revocationDate ? { revocationDate } : {}) }
      : undefined,
  }
  let raw: Record<string, unknown> = { ...common, type }
  switch (type) {
    case 'ExtendedDeterminateSentence':
    case 'SopcSentence':
      raw = {
        ...raw,
        custodialDuration: readDuration(body, 'custodial', 'custodial term', errors, messages.custodialLength),
        extensionDuration: readDuration(body, 'extension', 'extension period', errors, messages.extensionLength),
        ...(type === 'ExtendedDeterminateSentence' ? { automaticRelease: checked(body, 'automaticRelease') } : { sdopcu18: checked(body, 'sdopcu18') }),
      }
      break
    case 'StandardSentence':
    case 'AFineSentence':
    case 'DetentionAndTrainingOrderSentence':
    case 'BotusSentence': {
      raw.duration = readDuration(body, 'duration', 'sentence', errors, messages.sentenceLength)
      if (type === 'StandardSentence') {
        const exclusion = str(body, 'exclusion', 60)
        raw.releaseArrangements = {
          isSDSPlus: checked(body, 'sdsPlus'),
          isSDSPlusEligibleSentenceTypeLengthAndOffence: checked(body, 'sdsPlus'),
          sdsEarlyReleaseExclusions: (SDS_EARLY_RELEASE_EXCLUSIONS as readonly string[]).includes(exclusion) && exclusion !== 'NO' ? [exclusion] : [],
          isSection250: checked(body, 'section250'),
        }
      }
      if (type === 'AFineSentence') {
        const fine = str(body, 'fineAmount', 20).replace(/^£/, '').replace(/,/g, '')
        if (fine !== '') {
          if (!/^\d{1,9}(\.\d{1,2})?$/.test(fine)) errors.add('fineAmount', messages.fineAmount)
          else raw.fineAmount = Number(fine)
        }
      }
      if (type === 'BotusSentence') {
        const tused = readDate(body, 'latestTusedDate', 'latest top-up supervision expiry date', errors, false)
        if (tused) raw.latestTusedDate = tused
      }
      break
    }
  }
  if (errors.any) return { errors }
  const parsed = sentenceSchema.safeParse(raw, { error: plainMessages })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.add(String(issue.path[0] ?? 'type'), `${issue.path.join('.')} ${issue.message}`)
    return { errors }
  }
  return { errors, sentence: parsed.data }
}

/** Form values from a stored sentence (reference format), for the edit page. */
export function valuesFromSentence(s: Record<string, unknown>): SentenceFormValues {
  const v: SentenceFormValues = {}
  const put = (prefix: string, d: unknown) => {
    const e = (d as { durationElements?: Record<string, number> } | undefined)?.durationElements ?? {}
    for (const [field, unit] of UNITS) v[`${prefix}-${field}`] = e[unit] === undefined ? '' : String(e[unit])
  }
  v.type = s.type
  v.caseSequence = s.caseSequence === undefined ? '' : String(s.caseSequence)
  v.lineSequence = s.lineSequence === undefined ? '' : String(s.lineSequence)
  v.sentenceDate = partsFromIso(s.sentencedAt as string)
  const offence = (s.offence ?? {}) as { offenceCode?: string; committedAt?: string }
  v.offenceCode = offence.offenceCode ?? ''
  v.offenceDate = partsFromIso(offence.committedAt)
  v.consecutiveTo = (s.consecutiveSentenceUUIDs as string[] | undefined)?.[0] ?? ''
  put('duration', s.duration)
  put('custodial', s.custodialDuration)
  put('extension', s.extensionDuration)
  const ra = s.releaseArrangements as { isSDSPlus?: boolean; sdsEarlyReleaseExclusions?: string[]; isSection250?: boolean } | undefined
  v.sdsPlus = ra?.isSDSPlus ?? false
  v.section250 = ra?.isSection250 ?? false
  v.exclusion = ra?.sdsEarlyReleaseExclusions?.[0] ?? 'NO'
  v.automaticRelease = s.automaticRelease === true
  v.sdopcu18 = s.sdopcu18 === true
  v.fineAmount = s.fineAmount === undefined ? '' : String(s.fineAmount)
  v.latestTusedDate = partsFromIso(s.latestTusedDate as string | undefined)
  const recall = s.recall as { recallType?: string; revocationDate?: string } | undefined
  v.recallType = recall?.recallType ?? ''
  v.revocationDate = partsFromIso(recall?.revocationDate)
  return v
}

/** Form values as posted, for redisplay after an error. */
export function valuesFromBody(body: FormBody): SentenceFormValues {
  const v: SentenceFormValues = {}
  for (const k of ['type', 'caseSequence', 'lineSequence', 'offenceCode', 'consecutiveTo', 'exclusion', 'fineAmount', 'recallType'])
    v[k] = str(body, k, 100)
  for (const p of ['duration', 'custodial', 'extension']) for (const [f] of UNITS) v[`${p}-${f}`] = str(body, `${p}-${f}`, 20)
  for (const d of ['sentenceDate', 'offenceDate', 'latestTusedDate', 'revocationDate']) v[d] = dateParts(body, d)
  for (const c of ['sdsPlus', 'section250', 'automaticRelease', 'sdopcu18']) v[c] = checked(body, c)
  return v
}
