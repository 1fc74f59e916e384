/**
 * Working days: weekends and England and Wales bank holidays (passed in by the caller).
 * Used only to move a custody period's release point to the previous working day.
 */
import { DayOfWeek, type LocalDate } from '@js-joda/core'

export interface WorkingDays {
  isWorkingDay(d: LocalDate): boolean
  previousWorkingDay(d: LocalDate): LocalDate
}

export function workingDays(bankHolidays: ReadonlyArray<string>): WorkingDays {
  const holidays = new Set(bankHolidays)
  const isWorkingDay = (d: LocalDate) => {
    const dow = d.dayOfWeek()
    if (dow === DayOfWeek.SATURDAY || dow === DayOfWeek.SUNDAY) return false
    return !holidays.has(d.toString())
  }
  return {
    isWorkingDay,
    previousWorkingDay(d) {
      let x = d
      while (!isWorkingDay(x)) x = x.minusDays(1)
      return x
    },
  }
}
