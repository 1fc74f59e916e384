const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const adjustmentUrls = {
  add: (prisonNumber: string) => `/people/${pn(prisonNumber)}/adjustments/add`,
  edit: (prisonNumber: string, adjustmentId: number) =>
    `/people/${pn(prisonNumber)}/adjustments/${adjustmentId}/edit`,
  remove: (prisonNumber: string, adjustmentId: number) =>
    `/people/${pn(prisonNumber)}/adjustments/${adjustmentId}/remove`,
}
