const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const personDetailsUrls = {
  edit: (prisonNumber: string) => `/people/${pn(prisonNumber)}/details/edit`,
}
