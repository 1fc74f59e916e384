const pn = (prisonNumber: string) => encodeURIComponent(prisonNumber)
const calc = (prisonNumber: string, id: string) =>
  `/people/${pn(prisonNumber)}/calculations/${encodeURIComponent(id)}`
export const calculationUrls = {
  reason: (prisonNumber: string) => `/people/${pn(prisonNumber)}/calculate`,
  checkInformation: (prisonNumber: string) => `/people/${pn(prisonNumber)}/calculate/check-information`,
  manual: (prisonNumber: string) => `/people/${pn(prisonNumber)}/calculate/manual`,
  manualDates: (prisonNumber: string) => `/people/${pn(prisonNumber)}/calculate/manual/dates`,
  manualCheck: (prisonNumber: string) => `/people/${pn(prisonNumber)}/calculate/manual/check-your-answers`,
  result: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/result`,
  override: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/override`,
  overrideCheck: (prisonNumber: string, id: string) =>
    `${calc(prisonNumber, id)}/override/check-your-answers`,
  complete: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/complete`,
  view: (prisonNumber: string, id: string) => calc(prisonNumber, id),
  slip: (prisonNumber: string, id: string, variant: string) =>
    `${calc(prisonNumber, id)}/slip?variant=${variant}`,
  slipPdf: (prisonNumber: string, id: string, variant: string) =>
    `${calc(prisonNumber, id)}/slip.pdf?variant=${variant}`,
  history: (prisonNumber: string) => `/people/${pn(prisonNumber)}#calculation-history`,
}
export const secondCheckUrls = {
  start: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/check`,
  entry: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/check/entry`,
  records: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/check/records`,
  comparison: (prisonNumber: string, id: string) => `${calc(prisonNumber, id)}/check/comparison`,
  managerChecks: () => `/calculations/checks`,
}
export const bankHolidayUrls = {
  list: () => '/admin/bank-holidays',
}
