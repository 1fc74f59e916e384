/**
 * The composition root: the one place the service is wired together. Tests build it with a
 * fresh database and a fixed clock; src/main.ts builds it from the environment.
 */
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifyHelmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import { checkDatabase } from '../db/database.js'
import { Store, systemClock, type Clock } from '../db/store.js'
import { PeopleRepository, PrisonsRepository } from '../db/repositories/people.js'
import { BookingRepository } from '../db/repositories/booking.js'
import { CalculationsRepository } from '../db/repositories/calculations.js'
import { UsersRepository, type PasswordHashing } from '../accounts/users.js'
import { accessPlugin } from './plugins/access.js'
import { errorsPlugin } from './plugins/errors.js'
import { sessionPlugin } from './plugins/session.js'
import { viewsPlugin, GOVUK_DIST, MOJ_DIR, WEB_DIR } from './plugins/views.js'
import { metricsPlugin } from './plugins/metrics.js'
import { openApiPlugin } from './plugins/openapi.js'
import { createOidcClient, type OidcClient } from './plugins/oidc.js'
import { apiV1 } from './api/v1/index.js'
import { signInJourney } from './journeys/sign-in/index.js'
import { findPersonJourney } from './journeys/find-a-person/index.js'
import { personJourney } from './journeys/person/index.js'
import { sentenceJourney } from './journeys/sentence/index.js'
import { courtCaseJourney } from './journeys/court-case/index.js'
import { adjustmentJourney } from './journeys/adjustment/index.js'
import { personDetailsJourney } from './journeys/person-details/index.js'
import { bookingImportJourney } from './journeys/booking-import/index.js'
import { userAdministrationJourney } from './journeys/user-administration/index.js'
import { BankHolidayRepository } from '../calculation/service/bank-holidays.js'
import { EngineService } from '../calculation/service/engine-service.js'
import { CalculationJourneyService } from '../calculation/service/journey-service.js'
import { loadCalculationSettings, type CalculationSettings } from '../calculation/service/settings.js'
import { calculationJourney } from './journeys/calculation/index.js'
import { secondCheckJourney } from './journeys/second-check/index.js'
import { bankHolidaysJourney } from './journeys/bank-holidays/index.js'
import { calculationsApi } from './api/v1/calculations.js'
import { blindCheckGuard } from './journeys/calculation/shared.js'
import { CourtsService, notYetWiredGate } from '../courts/service/courts-service.js'
import type { ReleaseGatePort } from '../courts/service/ports.js'
import { EscalationScheduler } from '../courts/service/escalation-scheduler.js'
import { courtMetrics } from '../courts/service/metrics.js'
import { TransfersRepository } from '../db/repositories/transfers.js'
import { courtsApi } from './api/v1/courts.js'
import { courtJourneys } from './journeys/court-queries/index.js'
import fastifyMultipart from '@fastify/multipart'
import { GuidanceService } from '../guidance/service/guidance-service.js'
import { CourtDocumentService } from '../guidance/service/court-document-service.js'
import { configuredReader } from '../guidance/service/readers.js'
import type { CourtTextReader } from '../guidance/domain/reader/types.js'
import { guidanceJourney } from './journeys/guidance/index.js'
import { courtDocumentJourney } from './journeys/court-document/index.js'
import { guidanceApi } from './api/v1/guidance.js'
import { RegisterService } from '../oversight/register/service/register-service.js'
import { BoardService } from '../oversight/board/service/board-service.js'
import { noDischargesRecorded } from '../oversight/board/service/discharges.js'
import type { DischargesReader } from '../oversight/board/domain/ports.js'
import { boardMetrics } from '../oversight/board/service/metrics.js'
import { boardApi } from './api/v1/board.js'
import { registerApi } from './api/v1/register.js'
import { boardJourney } from './journeys/board/index.js'
import { registerJourney } from './journeys/register/index.js'
import { RecheckService } from '../oversight/service/recheck-service.js'
import { RecheckWorker } from '../oversight/service/worker.js'
import { EnginePool } from '../oversight/service/pool.js'
import { loadRecheckSettings, type RecheckSettings } from '../oversight/service/settings.js'
import { recheckJourney } from './journeys/recheck/index.js'
import { recheckApi } from './api/v1/recheck.js'
import { PreliminaryExpiry } from '../calculation/service/preliminary-expiry.js'

export interface Services {
  store: Store
  people: PeopleRepository
  prisons: PrisonsRepository
  bookings: BookingRepository
  calculations: CalculationsRepository
  users: UsersRepository
  bankHolidays: BankHolidayRepository
  calculationJourney: CalculationJourneyService
  courts: CourtsService
  transfers: TransfersRepository
  courtEscalations: EscalationScheduler
  guidance: GuidanceService
  courtDocuments: CourtDocumentService
  register: RegisterService
  board: BoardService
  recheck: RecheckService
  recheckWorker: RecheckWorker
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export interface AppDependencies {
  database: Database
  config: Config
  clock?: Clock
  /** false to log nothing (tests); otherwise a level and optionally a stream. Personal data is never logged. */
  logger?: false | { level?: string; stream?: NodeJS.WritableStream }
  /** An OIDC client; built from config.oidc when not given. */
  oidc?: OidcClient
  /** Tests only: cheaper argon2id parameters. */
  passwordHashing?: PasswordHashing
  /** Legislation profile for calculations; from LEGISLATION_PROFILE when not given. */
  calculationSettings?: CalculationSettings
  /** What the courts write to the release gate; until the gate is wired, nobody is discharged. */
  releaseGate?: ReleaseGatePort
  /** The court-text reader; from GUIDANCE_READER_URL when not given (the deterministic reader if unset). */
  courtTextReader?: CourtTextReader
  /** Discharges per prison and month for the board's rates; the release gate's, once wired. */
  dischargesReader?: DischargesReader
  /** Oversight re-checks: threads, batch size, lease, polling; from RECHECK_* when not given. */
  recheckSettings?: RecheckSettings
}

/** URL paths may carry prison numbers: log the route pattern, never the URL or the body. */
const logSerializers = {
  req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
    id: req.id,
    method: req.method,
    route: req.routeOptions?.url ?? 'unmatched',
  }),
}

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config } = deps
  const logger: FastifyServerOptions['logger'] =
    deps.logger === false
      ? false
      : {
          level: deps.logger?.level ?? config.logLevel,
          serializers: logSerializers,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          ...(deps.logger?.stream ? { stream: deps.logger.stream } : {}),
        }
  const app = Fastify({
    logger,
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (never by default):
    // otherwise a client could choose its own address and slip the sign-in rate limit.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  })
  // zod validates inside each handler (so every error names its field); fastify's schema is for
  // the OpenAPI document only.
  app.setValidatorCompiler(() => (data) => ({ value: data }))

  const store = new Store(deps.database, deps.clock ?? systemClock)
  const bookings = new BookingRepository(store)
  const bankHolidays = new BankHolidayRepository(store)
  const engine = new EngineService(
    bookings,
    bankHolidays,
    deps.calculationSettings ?? loadCalculationSettings(),
  )
  const people = new PeopleRepository(store)
  const calculationJourneyService = new CalculationJourneyService(store, engine)
  let onEscalated: (kind: 'query' | 'order') => void = () => undefined
  const courts = new CourtsService(
    store,
    people,
    bookings,
    calculationJourneyService,
    deps.releaseGate ?? notYetWiredGate,
    config.courts,
    (kind) => onEscalated(kind),
  )
  const courtEscalations = new EscalationScheduler(courts, (e) =>
    app.log.error({ err: e }, 'court escalation run failed'),
  )
  const calculationSettings = deps.calculationSettings ?? loadCalculationSettings()
  const recheckSettings = deps.recheckSettings ?? loadRecheckSettings()
  const recheck = new RecheckService(
    store,
    people,
    bookings,
    bankHolidays,
    calculationJourneyService,
    calculationSettings.profile,
    recheckSettings,
  )
  const recheckPool = new EnginePool(recheckSettings.threads)
  const recheckWorker = new RecheckWorker(recheck, recheckPool, {
    onError: (e) => app.log.error({ err: e }, 'oversight re-check worker failed'),
  })
  app.decorate('services', {
    store,
    people,
    prisons: new PrisonsRepository(store),
    bookings,
    bankHolidays,
    calculationJourney: calculationJourneyService,
    calculations: new CalculationsRepository(store),
    users: new UsersRepository(store, deps.passwordHashing),
    courts,
    transfers: new TransfersRepository(store),
    courtEscalations,
    guidance: new GuidanceService(store),
    courtDocuments: new CourtDocumentService(store, bookings, deps.courtTextReader ?? configuredReader()),
    register: new RegisterService(store, people, calculationJourneyService),
    board: new BoardService(store, deps.dischargesReader ?? noDischargesRecorded),
    recheck,
    recheckWorker,
  })

  const oidc = deps.oidc ?? (config.oidc ? await createOidcClient(config.oidc) : undefined)

  await app.register(fastifyHelmet, { contentSecurityPolicy: false, global: true })
  await app.register(fastifyFormbody)
  // Court documents may be uploaded (one PDF or text file); fields arrive in req.body like a form's.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 20 },
  })
  // Only routes that opt in (sign-in) are rate limited; accounts also lock after 5 failures.
  await app.register(fastifyRateLimit, { global: false })
  await sessionPlugin(app, store, config)
  viewsPlugin(app, { oidcEnabled: oidc !== undefined })
  accessPlugin(app)
  blindCheckGuard(app)
  errorsPlugin(app)
  metricsPlugin(app, config.metrics)
  onEscalated = courtMetrics(app.metricsRegistry, () => courts).escalated
  boardMetrics(app.metricsRegistry, () => app.services.board)
  courtEscalations.start(config.courts.escalationIntervalSeconds)
  app.addHook('onClose', () => courtEscalations.stop())
  recheckWorker.start(recheckSettings.pollSeconds)
  app.addHook('onClose', async () => {
    await recheckWorker.stop()
    await recheckPool.close()
  })
  const preliminaryExpiry = new PreliminaryExpiry(
    calculationJourneyService,
    config.calculationStorage.preliminaryRetentionDays,
    (e) => app.log.error({ err: e }, 'preliminary result expiry failed'),
  )
  preliminaryExpiry.start(config.calculationStorage.purgeIntervalSeconds)
  app.addHook('onClose', () => preliminaryExpiry.stop())

  await app.register(fastifyStatic, {
    root: join(GOVUK_DIST, 'govuk', 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
  })
  await app.register(fastifyStatic, {
    root: join(GOVUK_DIST, 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    index: false,
  })
  await app.register(fastifyStatic, {
    root: join(MOJ_DIR, 'moj'),
    prefix: '/assets/moj/',
    decorateReply: false,
    index: false,
  })
  await app.register(fastifyStatic, {
    root: join(WEB_DIR, 'assets'),
    prefix: '/assets/app/',
    decorateReply: false,
    index: false,
  })

  app.get('/health', { config: { access: { roles: 'public' } } }, async (_req, reply) => {
    const db = await checkDatabase(store.db)
    return reply
      .status(db ? 200 : 503)
      .send({ status: db ? 'UP' : 'DOWN', components: { db: db ? 'UP' : 'DOWN' } })
  })

  await openApiPlugin(app)
  await app.register(apiV1, { prefix: '/api/v1' })
  await app.register(calculationsApi, { prefix: '/api/v1' })
  await app.register(courtsApi, { prefix: '/api/v1' })
  await app.register(guidanceApi, { prefix: '/api/v1' })
  await app.register(boardApi, { prefix: '/api/v1' })
  await app.register(registerApi, { prefix: '/api/v1' })
  await app.register(recheckApi, { prefix: '/api/v1' })
  await app.register(async (pages) => {
    signInJourney(pages, oidc)
    findPersonJourney(pages)
    personJourney(pages)
    courtCaseJourney(pages)
    sentenceJourney(pages)
    adjustmentJourney(pages)
    personDetailsJourney(pages)
    bookingImportJourney(pages)
    userAdministrationJourney(pages)
    calculationJourney(pages)
    secondCheckJourney(pages)
    bankHolidaysJourney(pages)
    courtJourneys(pages)
    guidanceJourney(pages)
    courtDocumentJourney(pages)
    boardJourney(pages)
    registerJourney(pages)
    recheckJourney(pages)
  })
  return app
}
