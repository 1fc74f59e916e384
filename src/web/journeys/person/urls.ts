const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const personUrls = {
  person: (prisonNumber: string) => `/people/${pn(prisonNumber)}`,
}
