import { Instant } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import type { Actor } from './actor.js'
import { decideDraft, evolveDraft, undecided, type DecisionInput, type DraftState } from './draft.js'
import { readCourtText } from './reader/court-text.js'

const now = Instant.parse('2025-01-10T10:00:00Z')
const calculator: Actor = { id: 'calc1', roles: ['calculator'], caseload: ['LEI'] }
const person = { prisonNumber: 'A1234BC', prisonId: 'LEI' }
const TEXT = `Court: The Crown Court at Leeds
Case number: T20240001
Date of sentence: 4 March 2024
Count 1: Burglary (TH68037), offence date 1 January 2024. Sentence: 2 years imprisonment.
Count 2: Theft. Sentence: 6 months imprisonment consecutive to count 1.
Count 3: Affray. Sentence: 12 weeks imprisonment suspended for 12 months.
Time spent on remand: 30 days.`

function proposed(): DraftState {
  const d = decideDraft(
    {
      type: 'ProposeDraft',
      draftId: 'd1',
      person,
      reading: readCourtText(TEXT),
      sourceKind: 'pasted',
      sourceText: TEXT,
    },
    undefined,
    now,
    calculator,
  )
  if (!d.ok) throw new Error(d.refusal.message)
  return d.events.reduce<DraftState | undefined>(evolveDraft, undefined)!
}

function apply(state: DraftState, decisions: DecisionInput[]): DraftState {
  const d = decideDraft({ type: 'DecideFields', person, decisions }, state, now, calculator)
  if (!d.ok) throw new Error(JSON.stringify(d.refusal))
  return d.events.reduce(evolveDraft, state)
}

/** Confirms what was found and rejects what was not, except the overrides given. */
function decideAll(state: DraftState, extra: Record<string, DecisionInput> = {}): DraftState {
  // The first count does not say concurrent or consecutive: the person must.
  const overrides: Record<string, DecisionInput> = {
    'count.1.relation': { key: 'count.1.relation', outcome: 'correct', input: 'CONCURRENT' } as DecisionInput,
    ...extra,
  }
  let s = state
  for (let i = 0; i < 3 && undecided(s).length > 0; i++)
    s = apply(
      s,
      undecided(s).map(
        (f) => overrides[f.key] ?? { key: f.key, outcome: f.proposed === null ? 'reject' : 'confirm' },
      ),
    )
  return s
}

const record = (state: DraftState, existing: string[] = []) =>
  decideDraft(
    {
      type: 'RecordDraft',
      person,
      identifiers: { 1: 'id-1', 2: 'id-2', 3: 'id-3' },
      existingSentences: existing,
    },
    state,
    now,
    calculator,
  )

describe('A draft read from a court document', () => {
  it('cannot be recorded until a person has decided every field that reaches a record', () => {
    const s = proposed()
    const refused = record(s)
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.refusal.code).toBe('FIELDS_UNDECIDED')
      expect(refused.refusal.fields!.length).toBe(undecided(s).length)
    }
    const almost = apply(
      s,
      undecided(s)
        .slice(1)
        .map((f) => ({ key: f.key, outcome: f.proposed === null ? 'reject' : 'confirm' })),
    )
    expect(record(almost).ok).toBe(false)
  })

  it("records the person's values: a correction replaces what was read, a suspended count is not custody", () => {
    const s = decideAll(proposed(), {
      'count.1.length': { key: 'count.1.length', outcome: 'correct', input: '2 years 3 months' },
    })
    const d = record(s)
    expect(d.ok).toBe(true)
    if (!d.ok) return
    const plan = (d.events[0] as Extract<(typeof d.events)[number], { type: 'DraftRecorded' }>).plan
    expect(plan.sentences.map((x) => x.count)).toEqual([1, 2])
    expect(plan.sentences[0]!.sentence).toMatchObject({
      type: 'StandardSentence',
      duration: { durationElements: { YEARS: 2, MONTHS: 3 } },
      offence: { offenceCode: 'TH68037', committedAt: '2024-01-01' },
    })
    expect(plan.sentences[1]!.sentence.consecutiveSentenceUUIDs).toEqual(['id-1'])
    expect(plan.notRecorded).toEqual([{ count: 3, reason: expect.stringMatching(/Suspended/) }])
    expect(plan.adjustments).toEqual([
      { type: 'REMAND', numberOfDays: 30, appliesToSentencesFrom: '2024-03-04' },
    ])
    expect(plan.courtCase).toEqual({ courtName: 'The Crown Court at Leeds', caseReference: 'T20240001' })
  })

  it('refuses to confirm a field nothing was found for, and a correction it cannot read', () => {
    const s = proposed()
    const empty = s.fields.find((f) => f.proposed === null)!
    const d = decideDraft(
      { type: 'DecideFields', person, decisions: [{ key: empty.key, outcome: 'confirm' }] },
      s,
      now,
      calculator,
    )
    expect(d.ok ? '' : d.refusal.code).toBe('CANNOT_CONFIRM_EMPTY')
    const bad = decideDraft(
      {
        type: 'DecideFields',
        person,
        decisions: [{ key: 'sentenceDate', outcome: 'correct', input: '31 February 2024' }],
      },
      s,
      now,
      calculator,
    )
    expect(bad.ok ? '' : bad.refusal.fields![0]!.key).toBe('sentenceDate')
  })

  it('refuses a consecutive link to a count that is not kept as custody', () => {
    const s = decideAll(proposed(), {
      'count.2.consecutiveTo': { key: 'count.2.consecutiveTo', outcome: 'correct', input: '3' },
    })
    const d = record(s)
    expect(d.ok ? '' : d.refusal.code).toBe('BAD_CONSECUTIVE')
  })

  it('asks for "consecutive to" only when the person says consecutive, and for the rest of a count only when it is custody', () => {
    let s = apply(proposed(), [{ key: 'count.1.kind', outcome: 'reject' }])
    expect(undecided(s).some((f) => f.key === 'count.1.length')).toBe(false)
    s = apply(s, [
      { key: 'count.2.kind', outcome: 'confirm' },
      { key: 'count.2.relation', outcome: 'correct', input: 'CONCURRENT' },
    ])
    expect(undecided(s).some((f) => f.key === 'count.2.consecutiveTo')).toBe(false)
  })

  it('is refused to someone without the calculator role or the prison in their caseload, and once recorded', () => {
    const s = proposed()
    const other = decideDraft({ type: 'DecideFields', person, decisions: [] }, s, now, {
      ...calculator,
      caseload: ['BXI'],
    })
    expect(other.ok ? '' : other.refusal.code).toBe('NOT_IN_CASELOAD')
    const checker = decideDraft({ type: 'DiscardDraft', person }, s, now, {
      ...calculator,
      roles: ['checker'],
    })
    expect(checker.ok ? '' : checker.refusal.code).toBe('MISSING_ROLE')
    const done = decideAll(s)
    const recorded = record(done)
    if (!recorded.ok) throw new Error(recorded.refusal.message)
    const after = recorded.events.reduce(evolveDraft, done)
    expect(record(after).ok ? '' : (record(after) as { refusal: { code: string } }).refusal.code).toBe(
      'DRAFT_NOT_OPEN',
    )
  })
})
