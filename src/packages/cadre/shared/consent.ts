/**
 * What the cadre tells the resident before writing the number down (who sees it, what for, how long:
 * PIPL art. 17, and the privacy guide's own words), and confirms on the form for each household.
 */
export const CONSENT_TEXT =
  '我已告知这位居民：登记的电话号码只用于2023年综治民调的宣传和模拟民调电话，本村(社区)干部和街道综治办管理员可以看到，测评工作结束后删除。居民同意登记。'

/** The same, for every household in a sheet being imported. */
export const IMPORT_CONSENT_TEXT =
  '表格中的每位居民都已被告知：电话号码只用于2023年综治民调的宣传和模拟民调电话，本村(社区)干部和街道综治办管理员可以看到，测评工作结束后删除；并且都同意登记。'
export { IMPORT_CONSENT_REQUIRED } from '../../../core/contract/contacts'
