const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const courtDocumentUrls = {
  new: (prisonNumber: string) => `/people/${pn(prisonNumber)}/court-documents/new`,
  draft: (prisonNumber: string, id: string) =>
    `/people/${pn(prisonNumber)}/court-documents/${encodeURIComponent(id)}`,
  check: (prisonNumber: string, id: string) =>
    `/people/${pn(prisonNumber)}/court-documents/${encodeURIComponent(id)}/check`,
  discard: (prisonNumber: string, id: string) =>
    `/people/${pn(prisonNumber)}/court-documents/${encodeURIComponent(id)}/discard`,
}
