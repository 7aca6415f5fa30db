/**
 * What the cadre tells the resident before writing the number down (who sees it, what for, how long:
 * PIPL art. 17, and the privacy guide's own words), and confirms on the form for each household.
 */
export { consentText, importConsentText } from '../../../core/campaigns'
import { consentText, FIRST_YEAR, importConsentText } from '../../../core/campaigns'
/** The first campaign's: pages name the current campaign's year (`consentText(year)`). */
export const CONSENT_TEXT = consentText(FIRST_YEAR)

/** The same, for every household in a sheet being imported. */
export const IMPORT_CONSENT_TEXT = importConsentText(FIRST_YEAR)
export { IMPORT_CONSENT_REQUIRED } from '../../../core/contract/contacts'
