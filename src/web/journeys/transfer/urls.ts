export const transferUrls = {
  transfer: (prisonNumber: string) => `/people/${encodeURIComponent(prisonNumber)}/transfer`,
}
