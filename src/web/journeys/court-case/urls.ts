const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const courtCaseUrls = {
  add: (prisonNumber: string) => `/people/${pn(prisonNumber)}/court-cases/add`,
}
