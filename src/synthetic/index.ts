/** Synthetic data generator: demo people (about 50) and benchmark estates (~90,000). */
export {
  generatePeople,
  generatePrisons,
  MAX_PRISONS,
  _internal,
  type GeneratePeopleOptions,
  type SyntheticPerson,
  type SyntheticPrison,
} from './generate.js'
