/** The calculation settings the service runs the engine with, from the environment. */
import { z } from 'zod'
import { LEGISLATION_PROFILES, type LegislationProfileName } from '../../engine/api.js'

export interface CalculationSettings {
  /** Which body of legislation the engine applies: LEGISLATION_PROFILE, default calculation-params. */
  profile: LegislationProfileName
}

const envSchema = z.object({
  LEGISLATION_PROFILE: z.enum(LEGISLATION_PROFILES).default('calculation-params'),
})

export function loadCalculationSettings(
  env: Record<string, string | undefined> = process.env,
): CalculationSettings {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success)
    throw new Error(
      `Configuration error: LEGISLATION_PROFILE must be one of ${LEGISLATION_PROFILES.join(', ')}`,
    )
  return { profile: parsed.data.LEGISLATION_PROFILE }
}
