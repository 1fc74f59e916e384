export const findPersonUrls = {
  search: (q?: string) => (q === undefined ? '/people/search' : `/people/search?${new URLSearchParams({ q }).toString()}`),
}
