import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../support/databases.js'
import { Store } from '../../src/db/store.js'
import { PeopleRepository, PrisonsRepository } from '../../src/db/repositories/people.js'
import { BookingRepository } from '../../src/db/repositories/booking.js'
import { CalculationsRepository } from '../../src/db/repositories/calculations.js'
import { ConflictError, ValidationError } from '../../src/db/errors.js'
import { parseBooking, type BookingInput } from '../../src/engine/input/reference-booking.js'
import { verifyAudit } from '../../src/audit/audit.js'
import { PRISON_A, PRISON_B, personInput, richBooking } from '../support/fixtures.js'

const actor = { username: 'calculator1' }

function parsed(raw: unknown): BookingInput {
  const r = parseBooking(raw)
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.value
}

describeEachDatabase('Storage', (dialect) => {
  let database: TestDatabase
  let store: Store
  let people: PeopleRepository
  let bookings: BookingRepository

  beforeEach(async () => {
    database = await freshDatabase(dialect)
    store = new Store(database, { now: () => new Date('2025-01-15T10:00:00Z') })
    people = new PeopleRepository(store)
    bookings = new BookingRepository(store)
    const prisons = new PrisonsRepository(store)
    await prisons.create(actor, PRISON_A)
    await prisons.create(actor, PRISON_B)
  })
  afterEach(async () => {
    await database.dispose()
  })

  it('creates a person with an empty booking and finds them by name, alias or prison number', async () => {
    await people.create(actor, personInput())
    const caseload = { estateWide: false, prisons: [PRISON_A.id] }
    expect((await people.search('smith', caseload)).map((p) => p.prisonNumber)).toEqual(['A1234BC'])
    expect((await people.search('Smyth', caseload)).map((p) => p.prisonNumber)).toEqual(['A1234BC'])
    expect((await people.search('a1234bc', caseload)).map((p) => p.prisonNumber)).toEqual(['A1234BC'])
    expect(await people.search('smith', { estateWide: false, prisons: [PRISON_B.id] })).toEqual([])
    expect(await people.search('%', caseload)).toEqual([])
  })

  it('exports an imported booking and re-importing the export gives an identical export', async () => {
    const person = await people.create(actor, personInput())
    await bookings.import(actor, person, parsed(richBooking()))
    const first = await bookings.export(person)
    expect(parseBooking(first).ok).toBe(true)
    await bookings.import(actor, person, parsed(first))
    const second = await bookings.export(person)
    expect(second).toEqual(first)
    expect(first.sentences).toHaveLength(7)
    expect(first.fixedTermRecallDetails).toEqual({
      bookingId: 12,
      returnToCustodyDate: '2024-02-10',
      recallLength: 28,
    })
  })

  it('refuses an import whose consecutive-to link names no sentence, naming the field, and writes nothing', async () => {
    const person = await people.create(actor, personInput())
    const raw = richBooking()
    ;(raw.sentences[1] as { consecutiveSentenceUUIDs: string[] }).consecutiveSentenceUUIDs = ['nope']
    await expect(bookings.import(actor, person, parsed(raw))).rejects.toThrow(ValidationError)
    await expect(bookings.import(actor, person, parsed(raw))).rejects.toThrow(
      /sentences\[1\]\.consecutiveSentenceUUIDs\[0\]/,
    )
    expect((await bookings.export(person)).sentences).toEqual([])
  })

  it('tells the second of two editors working from the same version that the record changed', async () => {
    const person = await people.create(actor, personInput())
    await bookings.import(actor, person, parsed(richBooking()))
    const [sentence] = (await bookings.load(person.bookingId)).sentences
    const exported = (await bookings.export(person)).sentences[0]!
    const edit = parsed({ ...richBooking(), sentences: [{ ...exported, offence: { offenceCode: 'XX1' } }] })
      .sentences[0]!
    await bookings.updateSentence({ username: 'alice' }, person, sentence!.id, sentence!.version, edit)
    await expect(
      bookings.updateSentence({ username: 'bob' }, person, sentence!.id, sentence!.version, edit),
    ).rejects.toThrow(ConflictError)
    const p = await people.getByPrisonNumber(person.prisonNumber)
    await people.update(actor, p, { ...personInput(), version: p.version, lastName: 'Smithe' })
    await expect(people.update(actor, p, { ...personInput(), version: p.version })).rejects.toThrow(
      ConflictError,
    )
  })

  it('writes an audit entry with every change and the chain verifies', async () => {
    const person = await people.create(actor, personInput())
    await bookings.import(actor, person, parsed(richBooking()))
    const calculations = new CalculationsRepository(store)
    await calculations.record(actor, person, {
      reason: 'Initial calculation',
      status: 'PRELIMINARY',
      source: 'ENGINE',
      inputSnapshot: await bookings.export(person),
      result: { dates: {} },
    })
    expect((await calculations.listFor(person))[0]?.status).toBe('PRELIMINARY')
    const log = await store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'prison_id'])
      .orderBy('seq')
      .execute()
    expect(log.map((l) => l.action)).toEqual([
      'PRISON_CREATED',
      'PRISON_CREATED',
      'PERSON_CREATED',
      'BOOKING_IMPORTED',
      'CALCULATION_RECORDED',
    ])
    expect(await verifyAudit(store.db)).toEqual({ ok: true, entries: 5, problems: [] })
  })

  it('finds an edited audit entry and a deleted one', async () => {
    await people.create(actor, personInput())
    await people.create(actor, personInput({ prisonNumber: 'B2222CD' }))
    await store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 3).execute()
    const edited = await verifyAudit(store.db)
    expect(edited.ok).toBe(false)
    expect(edited.problems.join('\n')).toMatch(/entry 3 has been edited/)
    await store.db.updateTable('audit_log').set({ actor: 'calculator1' }).where('seq', '=', 3).execute()
    expect((await verifyAudit(store.db)).ok).toBe(true)
    await store.db.deleteFrom('audit_log').where('seq', '=', 2).execute()
    const deleted = await verifyAudit(store.db)
    expect(deleted.ok).toBe(false)
    expect(deleted.problems.join('\n')).toMatch(/entry 2 is missing/)
  })

  it('finds the newest audit entry deleted', async () => {
    await people.create(actor, personInput())
    await store.db.deleteFrom('audit_log').where('seq', '=', 3).execute()
    expect((await verifyAudit(store.db)).problems.join('\n')).toMatch(/newest entries are missing/)
  })
})
