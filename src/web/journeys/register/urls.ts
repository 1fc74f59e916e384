/** Where the releases-in-error register's pages live. */
export const registerUrls = {
  list: () => '/register',
  add: () => '/register/new',
  import: () => '/register/import',
  entry: (id: string) => `/register/${id}`,
  edit: (id: string) => `/register/${id}/edit`,
  actions: (id: string) => `/register/${id}/actions`,
  action: (id: string, actionId: number) => `/register/${id}/actions/${actionId}`,
}
