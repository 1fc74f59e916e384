/**
 * The reusable guard for decisions that depend on a booking (BookingRepository.lockForDecision /
 * assertUnchangedSince): every engine-relevant edit moves the booking's version, a stale version
 * is refused inside the transaction, and on PostgreSQL an edit waits for the decision holding the
 * lock (so commit order is decision order).
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.js'
import { describeEachDatabase } from '../support/databases.js'
import { addPerson } from '../support/calculation.js'
import { BookingChangedError } from '../../src/db/repositories/booking.js'

const PN = 'C1111CC'
const system = { username: 'system:test' }

describeEachDatabase('Booking guard for decisions', (dialect) => {
  let t: TestApp
  beforeEach(async () => {
    t = await buildTestApp(dialect)
    await addPerson(t.app, PN)
  })
  afterEach(async () => {
    await t.dispose()
  })

  const adjustment = { type: 'TAGGED_BAIL' as const, appliesToSentencesFrom: '2024-06-03', numberOfDays: 2 }

  it('moves with every engine input (adjustments, date of birth) and not with a name change', async () => {
    const { bookings, people } = t.app.services
    let person = await people.getByPrisonNumber(PN)
    const v0 = await bookings.version(person.bookingId)
    await bookings.createAdjustment(system, person, adjustment)
    const v1 = await bookings.version(person.bookingId)
    expect(v1).toBeGreaterThan(v0)
    const fields = {
      firstName: person.firstName,
      lastName: person.lastName,
      aliases: person.aliases,
      prisonId: person.prisonId,
      isActiveSexOffender: person.isActiveSexOffender,
    }
    person = await people.update(system, person, {
      ...fields,
      firstName: 'Renamed',
      dateOfBirth: person.dateOfBirth,
      version: person.version,
    })
    expect(await bookings.version(person.bookingId)).toBe(v1)
    await people.update(system, person, {
      ...fields,
      firstName: 'Renamed',
      dateOfBirth: '1991-02-03',
      version: person.version,
    })
    expect(await bookings.version(person.bookingId)).toBeGreaterThan(v1)
  })

  it('refuses, inside the transaction and writing nothing, a decision made from an older version', async () => {
    const { bookings, people, store } = t.app.services
    const person = await people.getByPrisonNumber(PN)
    const seen = await bookings.version(person.bookingId)
    await bookings.createAdjustment(system, person, adjustment)
    const decide = store.change(system, async ({ trx, audit }) => {
      await bookings.assertUnchangedSince(trx, person.bookingId, seen)
      await audit({ action: 'PERSON_UPDATED', subjectType: 'person', subjectId: PN })
    })
    await expect(decide).rejects.toBeInstanceOf(BookingChangedError)
    await expect(decide).rejects.toThrow(/changed while you were working/)
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'PERSON_UPDATED')
      .execute()
    expect(audited).toEqual([])
    const current = await bookings.version(person.bookingId)
    await store.change(system, async ({ trx }) =>
      bookings.assertUnchangedSince(trx, person.bookingId, current),
    )
  })

  if (dialect === 'postgres')
    it('holds an edit back until the decision that locked the booking has committed', async () => {
      const { bookings, people, store } = t.app.services
      const person = await people.getByPrisonNumber(PN)
      const order: string[] = []
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let locked!: () => void
      const lockTaken = new Promise<void>((r) => (locked = r))
      const decision = store.change(system, async ({ trx }) => {
        await bookings.lockForDecision(trx, person.bookingId)
        locked()
        await held
        order.push('decision committed')
      })
      await lockTaken
      const edit = bookings
        .createAdjustment(system, person, adjustment)
        .then(() => order.push('edit committed'))
      await new Promise((r) => setTimeout(r, 150))
      const visible = await t.database.db
        .selectFrom('adjustments')
        .select('id')
        .where('type', '=', 'TAGGED_BAIL')
        .execute()
      expect(visible, 'the edit cannot commit while the booking is locked').toEqual([])
      release()
      await Promise.all([decision, edit])
      expect(order).toEqual(['decision committed', 'edit committed'])
    })
})
