/**
 * Demo data for the releases-in-error register and the board pack: about a year of past
 * incidents in both demo prisons, imported through the same CSV import managers use (so the
 * demo also shows that path). Deterministic for a seed. Fictional people only.
 */
import { LocalDate, YearMonth } from '@js-joda/core'
import type { Services } from '../web/app.js'
import { ROOT_CAUSE_CODES } from '../oversight/register/domain/taxonomy.js'

const SEED_ACTOR = 'system:demo-seed'
const HOW_FOUND = ['POLICE', 'COURT', 'PRISON_STAFF', 'HOME_OFFICE', 'HISTORIC_REVIEW', 'ESCORT_CONTRACTOR']

export async function seedRegisterDemo(
  services: Services,
  options: { prisons: { id: string }[]; referenceDate: string; seed?: number },
): Promise<number> {
  let state = (options.seed ?? 1) * 2654435761
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
  const header =
    'reference,prison_number,name,prison,direction,released_on,days,how_found,detected_at,police_notified_at,back_in_custody_on,root_causes,summary'
  const rows: string[] = []
  const thisMonth = YearMonth.from(LocalDate.parse(options.referenceDate))
  for (let back = 12; back >= 1; back--) {
    const month = thisMonth.minusMonths(back)
    const count = 1 + next(4)
    for (let i = 0; i < count; i++) {
      const n = rows.length + 1
      const day = month.atDay(1 + next(month.lengthOfMonth()))
      const early = next(3) !== 0
      const prison = options.prisons[next(options.prisons.length)]!.id
      const days = 1 + next(early ? 30 : 6)
      const causes = [ROOT_CAUSE_CODES[next(ROOT_CAUSE_CODES.length)]!]
      if (next(3) === 0) causes.push('DATA_ENTRY')
      const found = day.plusDays(next(3))
      const minutes = 30 + next(600)
      const notified = `${found}T${String(9 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
      rows.push(
        [
          `DEMO-${String(n).padStart(3, '0')}`,
          `D${String(n).padStart(4, '0')}RE`,
          `Demo Person ${n}`,
          prison,
          early ? 'EARLY' : 'LATE',
          day.toString(),
          String(days),
          HOW_FOUND[next(HOW_FOUND.length)]!,
          `${found}T09:00`,
          early ? notified : '',
          early ? found.plusDays(1 + next(5)).toString() : '',
          [...new Set(causes)].join(';'),
          early
            ? 'Released before the lawful release date (demo data)'
            : 'Held past the release date (demo data)',
        ].join(','),
      )
    }
  }
  const importer = {
    username: SEED_ACTOR,
    caseload: { estateWide: false, prisons: options.prisons.map((p) => p.id) },
  }
  const result = await services.register.importCsv(importer, [header, ...rows].join('\n'))
  if (!result.ok) throw new Error(`demo register data is invalid: ${JSON.stringify(result.rows.slice(0, 3))}`)
  return result.imported
}
