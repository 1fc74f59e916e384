/**
 * The re-check service without the web application: for worker processes and the command line.
 * The same classes the application wires in src/web/app.ts.
 */
import type { Database } from '../../db/database.js'
import { Store, systemClock, type Clock } from '../../db/store.js'
import { BookingRepository } from '../../db/repositories/booking.js'
import { PeopleRepository } from '../../db/repositories/people.js'
import { BankHolidayRepository } from '../../calculation/service/bank-holidays.js'
import { EngineService } from '../../calculation/service/engine-service.js'
import { CalculationJourneyService } from '../../calculation/service/journey-service.js'
import { loadCalculationSettings } from '../../calculation/service/settings.js'
import { UsersRepository } from '../../accounts/users.js'
import { RecheckService } from './recheck-service.js'
import { EnginePool } from './pool.js'
import { RecheckWorker, type WorkerProgress } from './worker.js'
import type { RecheckSettings } from './settings.js'

export interface StandaloneRecheck {
  store: Store
  service: RecheckService
  users: UsersRepository
  pool: EnginePool
  worker: RecheckWorker
  close(): Promise<void>
}

export function standaloneRecheck(
  database: Database,
  settings: RecheckSettings,
  options: {
    clock?: Clock
    workerId?: string
    onBatch?: (p: WorkerProgress) => void
    env?: Record<string, string | undefined>
  } = {},
): StandaloneRecheck {
  const store = new Store(database, options.clock ?? systemClock)
  const bookings = new BookingRepository(store)
  const bankHolidays = new BankHolidayRepository(store)
  const calculation = loadCalculationSettings(options.env)
  const journey = new CalculationJourneyService(store, new EngineService(bookings, bankHolidays, calculation))
  const service = new RecheckService(
    store,
    new PeopleRepository(store),
    bookings,
    bankHolidays,
    journey,
    calculation.profile,
    settings,
  )
  const pool = new EnginePool(settings.threads)
  const worker = new RecheckWorker(service, pool, {
    ...(options.workerId ? { id: options.workerId } : {}),
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
  })
  return {
    store,
    service,
    users: new UsersRepository(store),
    pool,
    worker,
    close: async () => {
      await worker.stop()
      await pool.close()
    },
  }
}
