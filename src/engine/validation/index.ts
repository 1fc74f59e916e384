/**
 * Validation: the catalogue of codes and messages, and the checks that run before calculation.
 * Post-calculation validators (./post-calculation, owned by the calculation core) build their
 * messages with `validationMessage` from here.
 */
export {
  CATEGORY_OF_REFERENCE_TYPE,
  firstBlockingOrder,
  isValidationCode,
  orderOf,
  renderMessage,
  sortMessages,
  VALIDATION_CATALOGUE,
  VALIDATION_CODES,
  VALIDATION_STAGES,
  validationMessage,
  type CatalogueEntry,
  type MessageArgs,
  type ReferenceValidationType,
  type ValidationCode,
  type ValidationOrder,
  type ValidationStage,
} from './catalogue.js'
export { describeAdjustment, describeSentence, formatDate, sentenceRef } from './describe.js'
export {
  blockingBeforeCalculation,
  PRE_CALCULATION_CODES,
  validateBeforeCalculation,
  type PreCalculationContext,
} from './pre-calculation/index.js'
