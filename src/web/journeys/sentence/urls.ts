const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const sentenceUrls = {
  add: (prisonNumber: string) => `/people/${pn(prisonNumber)}/sentences/add`,
  edit: (prisonNumber: string, sentenceId: number) =>
    `/people/${pn(prisonNumber)}/sentences/${sentenceId}/edit`,
  remove: (prisonNumber: string, sentenceId: number) =>
    `/people/${pn(prisonNumber)}/sentences/${sentenceId}/remove`,
}
