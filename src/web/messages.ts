/** Every message a user reads on a form, in one place (GOV.UK style). */
export const messages = {
  dateRequired: (label: string) => `Enter the ${label}`,
  dateMissingPart: (label: string, parts: string[]) => `The ${label} must include a ${parts.join(' and ')}`,
  dateNotReal: (label: string) => `The ${label} must be a real date`,
  dateOutOfRange: (label: string) => `The ${label} must be between 1900 and 2200`,
  wholeNumber: (label: string, max: number) => `${capitalise(label)} must be a whole number between 0 and ${max}`,
  chooseSentenceType: 'Select the type of sentence',
  chooseCourtCase: 'Select the court case',
  sentenceLength: 'Enter the length of the sentence',
  custodialLength: 'Enter the custodial term',
  extensionLength: 'Enter the extension period',
  offenceCode: 'Offence code must be 40 characters or fewer and contain only letters and numbers',
  fineAmount: 'Fine amount must be a number of pounds, for example 250 or 99.50',
  chooseAdjustmentType: 'Select the type of adjustment',
  adjustmentDays: 'Enter the number of days',
  chooseUalReason: 'Select the reason the person was unlawfully at large',
  toBeforeFrom: 'The last day must be the same as or after the first day',
  conflict: 'This record was changed by someone else. Reload and try again.',
  enterUsername: 'Enter your username',
  enterPassword: 'Enter your password',
  badCredentials: 'The username or password is not correct',
  locked: 'Your account is locked after 5 failed sign-ins. Ask an administrator to unlock it.',
  enterSearch: 'Enter a name, alias or prison number',
  searchTooLong: 'Search must be 100 characters or fewer',
} as const

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
