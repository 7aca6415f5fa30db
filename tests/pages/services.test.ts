import Taro from '@tarojs/taro'
import { hasPrivacyConsent, recordPrivacyConsent } from '../../src/services/consent'
import { clearDraft, draftKey, loadDraft, saveDraft, type SurveyDraft } from '../../src/services/draft'
import { newSubmissionId } from '../../src/services/submission-id'

beforeEach(() => localStorage.clear())

describe('submission ids', () => {
  it('are 22 URL-safe characters the contract accepts, and never repeat', () => {
    const ids = Array.from({ length: 2000 }, newSubmissionId)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('still work where there is no crypto (older WeChat engines)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      const ids = Array.from({ length: 500 }, newSubmissionId)
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(new Set(ids).size).toBe(ids.length)
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
    }
  })
})

describe('drafts on the device', () => {
  const draft: SurveyDraft = { answers: { Q1: [3], Q2: [10] }, others: { Q2: '偷电动车' }, current: 'Q3', village: '石塘', submissionId: 'abcdefghij0123456789_-' }

  it('round-trip per mode', () => {
    saveDraft('practice', draft)
    expect(loadDraft('practice')).toEqual(draft)
    expect(loadDraft('interview')).toBeNull()
    clearDraft('practice')
    expect(loadDraft('practice')).toBeNull()
  })

  it('anything unreadable counts as no draft', () => {
    for (const broken of ['text', { ...draft, answers: { Q99: [1] } }, { ...draft, current: 'Q15' }, { ...draft, submissionId: 'x' }, { ...draft, answers: { Q1: ['a'] } }]) {
      Taro.setStorageSync(draftKey('practice'), broken)
      expect(loadDraft('practice')).toBeNull()
    }
  })

  it('a village no unit could be named (not text, a "/") falls back to 不愿透露', () => {
    for (const village of ['新城/旧城', 42, '']) {
      Taro.setStorageSync(draftKey('practice'), { ...draft, village })
      expect(loadDraft('practice')?.village).toBe('不愿透露')
    }
    // Which units exist is the town's data: the survey page checks the name against towns.units.
    Taro.setStorageSync(draftKey('practice'), { ...draft, village: '茶市村' })
    expect(loadDraft('practice')?.village).toBe('茶市村')
  })
})

it('privacy consent is remembered on the device', () => {
  expect(hasPrivacyConsent()).toBe(false)
  recordPrivacyConsent()
  expect(hasPrivacyConsent()).toBe(true)
  Taro.setStorageSync('privacy-consent', 'an-older-version')
  expect(hasPrivacyConsent()).toBe(false)
})
