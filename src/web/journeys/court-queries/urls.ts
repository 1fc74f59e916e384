const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const courtQueryUrls = {
  /** Court staff: the queue; prison staff: their prison's queries. */
  list: (status?: 'OPEN' | 'ANSWERED') => `/court-queries${status === 'ANSWERED' ? '?status=ANSWERED' : ''}`,
  raise: (prisonNumber: string) => `/people/${pn(prisonNumber)}/court-queries/new`,
  query: (id: string) => `/court-queries/${id}`,
  message: (id: string) => `/court-queries/${id}/messages`,
  answer: (id: string) => `/court-queries/${id}/answer`,
}
