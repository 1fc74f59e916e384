export const courtOrderUrls = {
  /** Court staff: drafts and sent orders; prison staff: the court changes inbox. */
  list: (view?: 'drafts' | 'sent' | 'waiting' | 'done') => `/court-orders${view ? `?view=${view}` : ''}`,
  record: () => '/court-orders/new',
  order: (id: string) => `/court-orders/${id}`,
  addLine: (id: string) => `/court-orders/${id}/lines/add`,
  editLine: (id: string, line: number) => `/court-orders/${id}/lines/${line}/edit`,
  removeLine: (id: string, line: number) => `/court-orders/${id}/lines/${line}/remove`,
  judge: (id: string) => `/court-orders/${id}/judge`,
  send: (id: string) => `/court-orders/${id}/send`,
  acknowledge: (id: string) => `/court-orders/${id}/acknowledge`,
  apply: (id: string) => `/court-orders/${id}/apply`,
}
