const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const bookingImportUrls = {
  import: (prisonNumber: string) => `/people/${pn(prisonNumber)}/booking/import`,
}
