const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
export const personUrls = {
  person: (prisonNumber: string) => `/people/${pn(prisonNumber)}`,
  bookingJson: (prisonNumber: string) => `/people/${pn(prisonNumber)}/booking.json`,
}
