const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  )
  return s.toString() === '' ? '' : `?${s.toString()}`
}
export const guidanceUrls = {
  search: (question?: string) => `/guidance${q({ q: question })}`,
  forDate: (date: string, rule?: string) => `/guidance/for${q({ date, rule })}`,
  forCode: (code: string) => `/guidance/for${q({ code })}`,
  source: (sourceId: string, anchor?: string) =>
    `/guidance/sources/${encodeURIComponent(sourceId)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`,
  adminList: () => '/admin/guidance',
  adminAdd: () => '/admin/guidance/add',
  adminDocument: (id: string) => `/admin/guidance/${encodeURIComponent(id)}`,
  adminEdit: (id: string) => `/admin/guidance/${encodeURIComponent(id)}/edit`,
}
