export const courtAdminUrls = {
  courts: () => '/admin/courts',
  add: () => '/admin/courts/add',
  edit: (code: string) => `/admin/courts/${encodeURIComponent(code)}/edit`,
}
