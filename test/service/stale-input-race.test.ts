/**
 * Decisions made from a person's booking (confirm, override, manual entry, resolving a second-check
 * difference) raced against edits to that booking, many times, on both databases. On PostgreSQL
 * the two requests run at once on separate pooled connections; on SQLite they interleave between
 * awaits. Commit order is read from the audit trail: every change holds the audit head row from
 * its audit entry until it commits, so audit sequence is commit order.
 *
 * The rule: a decision that succeeded was written before the edit committed (it saw the booking
 * as it then was); otherwise it was refused as INPUTS_CHANGED. Never a success after the edit.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { sql } from 'kysely'
import { buildTestApp, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addPerson, simpleBooking } from '../support/calculation.js'

const ROUNDS = { confirm: 16, override: 8, manual: 8, resolution: 6 }

describeEachDatabase('Stale inputs: decisions raced against booking edits', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
  })
  afterEach(async () => {
    await t.dispose()
  })

  const api = (
    role: 'calculator' | 'checker',
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${t.tokens[role]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  /** Audit sequence of the newest entry matching, or undefined. */
  async function auditSeq(action: string, subjectId: string, event?: string): Promise<number | undefined> {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['seq', 'after'])
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .orderBy('seq', 'desc')
      .execute()
    const row = rows.find(
      (r) => event === undefined || (JSON.parse(r.after ?? '{}') as { event?: string }).event === event,
    )
    return row === undefined ? undefined : Number(row.seq)
  }

  /** Starts the edit a little later each round, so it lands at a different point of the decision. */
  async function jitter(round: number) {
    for (let i = 0; i < (round * 37) % 400; i++) await Promise.resolve()
  }

  /**
   * A booking edit, alternating between adding an adjustment and changing the date of birth
   * (both are engine inputs). Resolves to the audit sequence of the committed edit.
   */
  async function edit(prisonNumber: string, round: number): Promise<number> {
    if (round % 3 === 2) {
      const { person } = (await api('calculator', 'GET', `/people/${prisonNumber}`)).json() as {
        person: Record<string, unknown>
      }
      await jitter(round)
      const res = await api('calculator', 'PUT', `/people/${prisonNumber}`, {
        version: person.version,
        firstName: person.firstName,
        lastName: person.lastName,
        aliases: person.aliases,
        prisonId: person.prisonId,
        isActiveSexOffender: person.isActiveSexOffender,
        dateOfBirth: person.dateOfBirth === '1990-01-01' ? '1990-01-02' : '1990-01-01',
      })
      expect(res.statusCode, res.body).toBe(200)
      const seq = await sql<{
        seq: number
      }>`select max(seq) as seq from audit_log where action = 'PERSON_UPDATED'`.execute(t.database.db)
      return Number(seq.rows[0]!.seq)
    }
    await jitter(round)
    const res = await api('calculator', 'POST', `/people/${prisonNumber}/adjustments`, {
      type: 'TAGGED_BAIL',
      appliesToSentencesFrom: '2024-06-03',
      numberOfDays: 1,
    })
    expect(res.statusCode, res.body).toBe(201)
    return (await auditSeq('ADJUSTMENT_CREATED', `${prisonNumber}/${(res.json() as { id: number }).id}`))!
  }

  /** Races `decision` against an edit and checks the rule; returns whether the decision won. */
  async function race(
    prisonNumber: string,
    round: number,
    decision: () => Promise<{ statusCode: number; body: string; json(): unknown }>,
    written: () => Promise<number | undefined>,
  ): Promise<boolean> {
    const [decided, editSeq] = await Promise.all([decision(), edit(prisonNumber, round)])
    if (decided.statusCode >= 200 && decided.statusCode < 300) {
      const seq = await written()
      expect(seq, 'the decision was acknowledged, so it was written').toBeDefined()
      expect(seq!, `round ${round}: a decision succeeded after the edit it did not see`).toBeLessThan(editSeq)
      return true
    }
    expect(decided.statusCode, decided.body).toBe(409)
    expect((decided.json() as { code: string }).code).toBe('INPUTS_CHANGED')
    return false
  }

  async function preliminary(prisonNumber: string) {
    const pre = await api('calculator', 'POST', `/people/${prisonNumber}/calculations`, {
      reason: { code: 'INITIAL_CALCULATION' },
    })
    expect(pre.statusCode, pre.body).toBe(201)
    return pre.json() as { calculationId: string; version: string; dates: { type: string; date: string }[] }
  }

  it('confirm and override never succeed with the booking as it was before a committed edit', async () => {
    const PN = 'C1111CC'
    await addPerson(t.app, PN)
    const won: boolean[] = []
    for (let round = 0; round < ROUNDS.confirm + ROUNDS.override; round++) {
      const pre = await preliminary(PN)
      const override = round >= ROUNDS.confirm
      const url = `/people/${PN}/calculations/${pre.calculationId}/${override ? 'override' : 'confirm'}`
      const body = override
        ? {
            version: pre.version,
            reason: { code: 'TRIAL_RECORD_MISMATCH' },
            dates: { CRD: '2030-01-02', SLED: '2031-01-02' },
          }
        : { version: pre.version }
      won.push(
        await race(
          PN,
          round,
          () => api('calculator', 'POST', url, body),
          () =>
            auditSeq(
              'CALCULATION_EVENT',
              `${PN}/${pre.calculationId}`,
              override ? 'DatesOverridden' : 'CalculationConfirmed',
            ),
        ),
      )
    }
    // Every round ended one of the two legal ways (checked in race); how often each won varies.
    expect(won).toHaveLength(ROUNDS.confirm + ROUNDS.override)
  })

  /*
   * The same interleaving made deterministic, for both databases (in one process SQLite runs a
   * request's reads and its transaction without yielding, so the race above rarely lands in the
   * window there): the handler has read the inputs, an edit commits, then the decision is written.
   */
  it('a decision built from inputs read before an edit committed is refused, naming what changed', async () => {
    const PN = 'F3333FF'
    const UNSUPPORTED = 'G4444GG'
    await addPerson(t.app, PN)
    await addPerson(t.app, UNSUPPORTED, { recall: true })
    const { calculationJourney: journey, people, users } = t.app.services
    const user = (await users.findByUsername('calculator1'))!
    const addTaggedBail = (pn: string) =>
      api('calculator', 'POST', `/people/${pn}/adjustments`, {
        type: 'TAGGED_BAIL',
        appliesToSentencesFrom: '2024-06-03',
        numberOfDays: 3,
      })
    const readThenEdit = async (pn: string) => {
      const person = await people.getByPrisonNumber(pn)
      const read = await journey.engine.currentInput(person)
      if (!read.ok) throw new Error('fixture booking unreadable')
      expect((await addTaggedBail(pn)).statusCode).toBe(201)
      return { person, input: read.input, ref: { prisonNumber: pn, prisonId: person.prisonId } }
    }

    const confirmPre = await preliminary(PN)
    const c = await readThenEdit(PN)
    const confirmed = await journey.execute(user, c.person, () => ({
      type: 'ConfirmCalculation',
      person: c.ref,
      preliminaryId: confirmPre.calculationId,
      currentInput: c.input,
    }))
    expect(confirmed.ok).toBe(false)
    if (!confirmed.ok) {
      expect(confirmed.refusal.code).toBe('INPUTS_CHANGED')
      expect(confirmed.refusal.changes?.join(' ')).toMatch(/tagged bail/i)
    }

    const overridePre = await preliminary(PN)
    const o = await readThenEdit(PN)
    const overridden = await journey.execute(user, o.person, () => ({
      type: 'OverrideDates',
      person: o.ref,
      preliminaryId: overridePre.calculationId,
      currentInput: o.input,
      overrideReason: { code: 'TRIAL_RECORD_MISMATCH' },
      dates: { CRD: '2030-01-02', SLED: '2031-01-02' },
    }))
    expect(overridden.ok ? 'accepted' : overridden.refusal.code).toBe('INPUTS_CHANGED')

    const m = await readThenEdit(UNSUPPORTED)
    const manual = await journey.execute(user, m.person, () => ({
      type: 'EnterManualDates',
      person: m.ref,
      calculationId: '00000000-0000-4000-8000-000000000001',
      reason: { code: 'INITIAL_CALCULATION' },
      currentInput: m.input,
      currentOutcome: journey.engine.outcome(m.input, journey.today()),
      dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
    }))
    expect(manual.ok ? 'accepted' : manual.refusal.code).toBe('INPUTS_CHANGED')
    const PN2 = 'H5555HH'
    const check = await checkWithCorrection(PN2)
    expect((await addTaggedBail(PN2)).statusCode).toBe(201)
    const resolved = await resolveByCorrection(PN2, check)
    expect(resolved.statusCode, resolved.body).toBe(409)
    expect(resolved.json()).toMatchObject({ code: 'INPUTS_CHANGED' })
    expect((resolved.json() as { changes: string[] }).changes.join(' ')).toMatch(/tagged bail/i)
    // Nothing was written for any of them.
    const written = await t.database.db
      .selectFrom('calculation_events')
      .select('event_type')
      .where('event_type', 'in', ['DatesOverridden', 'ManualDatesEntered', 'DifferenceResolved'])
      .execute()
    expect(written).toEqual([])
    const confirmedIds = await t.database.db
      .selectFrom('calculation_events')
      .select('calculation_id')
      .where('event_type', '=', 'CalculationConfirmed')
      .execute()
    expect(confirmedIds.map((r) => r.calculation_id)).not.toContain(confirmPre.calculationId)
  })

  it('manual entry never records dates against a booking that changed before it was written', async () => {
    const PN = 'D2222DD'
    await addPerson(t.app, PN, { recall: true })
    for (let round = 0; round < ROUNDS.manual; round++) {
      const before = await t.database.db.selectFrom('calculation_events').select('calculation_id').execute()
      const known = new Set(before.map((r) => r.calculation_id))
      await race(
        PN,
        round,
        () =>
          api('calculator', 'POST', `/people/${PN}/calculations/manual`, {
            reason: { code: 'INITIAL_CALCULATION' },
            dates: { PRRD: '2025-06-01', SLED: '2026-05-13' },
          }),
        async () => {
          const rows = await t.database.db
            .selectFrom('calculation_events')
            .select('calculation_id')
            .where('event_type', '=', 'ManualDatesEntered')
            .execute()
          const id = rows.map((r) => r.calculation_id).find((c) => !known.has(c))
          return id === undefined
            ? undefined
            : auditSeq('CALCULATION_EVENT', `${PN}/${id}`, 'ManualDatesEntered')
        },
      )
    }
  })

  /** A confirmed calculation, a check that found the remand differs, and the confirmed correction. */
  async function checkWithCorrection(PN: string) {
    await addPerson(t.app, PN)
    const first = await preliminary(PN)
    expect(
      (
        await api('calculator', 'POST', `/people/${PN}/calculations/${first.calculationId}/confirm`, {
          version: first.version,
        })
      ).statusCode,
    ).toBe(200)
    const entry = await api(
      'checker',
      'POST',
      `/people/${PN}/calculations/${first.calculationId}/check/entry`,
      {
        booking: simpleBooking(PN, { remandDays: 25 }),
      },
    )
    expect(entry.statusCode, entry.body).toBe(200)
    const differences = (entry.json() as { differences: { id: string; kind: string }[] }).differences
    const remand = differences.find((d) => d.kind === 'input')!
    expect(remand).toBeDefined()
    // The calculator corrects the record to the checker's figure and confirms again.
    const records = (await api('calculator', 'GET', `/people/${PN}`)).json() as {
      adjustments: {
        id: number
        version: number
        type: string
        appliesToSentencesFrom: string
        fromDate: string
        toDate: string
      }[]
    }
    const adj = records.adjustments.find((a) => a.type === 'REMAND')!
    const fixed = await api('calculator', 'PUT', `/people/${PN}/adjustments/${adj.id}`, {
      version: adj.version,
      adjustment: {
        type: 'REMAND',
        appliesToSentencesFrom: adj.appliesToSentencesFrom,
        numberOfDays: 25,
        fromDate: '2024-01-10',
        toDate: '2024-02-03',
      },
    })
    expect(fixed.statusCode, fixed.body).toBe(200)
    const correction = await preliminary(PN)
    expect(
      (
        await api('calculator', 'POST', `/people/${PN}/calculations/${correction.calculationId}/confirm`, {
          version: correction.version,
        })
      ).statusCode,
    ).toBe(200)
    return { first, remand, correction }
  }

  const resolveByCorrection = (PN: string, c: Awaited<ReturnType<typeof checkWithCorrection>>) =>
    api('checker', 'POST', `/people/${PN}/calculations/${c.first.calculationId}/check/resolutions`, {
      differenceId: c.remand.id,
      resolution: { kind: 'corrected-and-recalculated', newCalculationId: c.correction.calculationId },
    })

  it('a second-check difference is never resolved by a correction the booking has moved on from', async () => {
    for (let round = 0; round < ROUNDS.resolution; round++) {
      const PN = `E${round}000EE`
      const c = await checkWithCorrection(PN)
      const { first } = c
      await race(
        PN,
        round,
        () => resolveByCorrection(PN, c),
        () => auditSeq('CALCULATION_EVENT', `${PN}/${first.calculationId}`, 'DifferenceResolved'),
      )
    }
  })
})
