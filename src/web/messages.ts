/** Every message a user reads on a form, in one place (GOV.UK style). */
import { EARLIEST_YEAR, LATEST_YEAR } from '../boundary/dates.js'

export const messages = {
  dateRequired: (label: string) => `Enter the ${label}`,
  dateMissingPart: (label: string, parts: string[]) => `The ${label} must include a ${parts.join(' and ')}`,
  dateNotReal: (label: string) => `The ${label} must be a real date`,
  dateOutOfRange: (label: string) => `The ${label} must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
  wholeNumber: (label: string, max: number) =>
    `${capitalise(label)} must be a whole number between 0 and ${max}`,
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
  tooManySignIns: 'There have been too many attempts to sign in as this user. Wait 15 minutes and try again.',
  enterCourtName: 'Enter the name of the court',
  courtNameTooLong: 'Court name must be 200 characters or fewer',
  caseReferenceTooLong: 'Case reference must be 100 characters or fewer',
  enterSearch: 'Enter a name, alias or prison number',
  searchTooLong: 'Search must be 100 characters or fewer',
  enterFirstName: 'Enter the first name',
  enterLastName: 'Enter the last name',
  nameTooLong: (label: string) => `${capitalise(label)} must be 100 characters or fewer`,
  aliasNamePart: (part: 'first' | 'last', n: number) => `Enter the ${part} name of alias ${n}`,
  dateOfBirthInFuture: 'The date of birth must be in the past',
  enterBooking: 'Paste the booking in the reference booking format (JSON)',
  bookingTooLong: (max: number) => `The booking must be ${max.toLocaleString('en-GB')} characters or fewer`,
  bookingNotJson: (detail: string) => `The booking must be valid JSON: ${detail}`,
  bookingProblem: (path: string, message: string) =>
    path === '(root)' ? `The booking ${message}` : `${path} ${message}`,
  sentenceHasConsecutive: (names: string[]) =>
    `You cannot remove this sentence because ${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} consecutive to it. Change or remove ${names.length === 1 ? 'that sentence' : 'those sentences'} first.`,
} as const

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
