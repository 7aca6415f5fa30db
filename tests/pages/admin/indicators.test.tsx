import { screen } from '@testing-library/react'
import type { AnswerOf, StatsContract } from '../../../src/core/contract'
import { getQuestion } from '../../../src/core/questionnaire'
import IndicatorsPage from '../../../src/packages/admin/indicators/index'
import { stubDeviceApis } from '../support/survey-driver'
import { cloud, open, pick, sent, serve, tapText } from './support'

jest.mock('../../../src/services/cloud', () => ({ callCloud: jest.fn() }))

type Indicators = AnswerOf<StatsContract, 'indicators'>

const distribution = (questionId: string, asked: number, counts: Record<number, number>) => {
  const question = getQuestion(questionId as 'Q2')
  return {
    questionId,
    asked,
    answered: Object.values(counts).some((c) => c > 0) ? asked : 0,
    // The server's own labels are deliberately not the paper's: the page shows the questionnaire's.
    options: question.options.map((o) => ({ value: o.value, label: `#${o.value}`, count: counts[o.value] ?? 0, share: asked ? (counts[o.value] ?? 0) / asked : null }))
  }
}

const INTERVIEW: Indicators = {
  mode: 'interview',
  village: null,
  responses: 12,
  safety: { rate: 10 / 12, favourable: 10, sampleSize: 12 },
  nightWorry: { rate: 3 / 12, favourable: 3, sampleSize: 12 },
  crackdownSatisfaction: { rate: 0.9, favourable: 9, sampleSize: 10 },
  lawEnforcementSatisfaction: { rate: null, favourable: 0, sampleSize: 0 },
  distributions: [distribution('Q2', 2, { 1: 2, 7: 1 }), distribution('Q4', 12, { 3: 6 }), distribution('Q12', 12, { 13: 12 }), distribution('Q13', 0, {})],
  outcomes: { unreached: 5, refused: 2, hungUp: 1, completed: 12 }
}

const PRACTICE: Indicators = {
  ...INTERVIEW,
  mode: 'practice',
  responses: 40,
  safety: { rate: 0.95, favourable: 38, sampleSize: 40 },
  outcomes: null
}

function serveIndicators() {
  serve({
    'stats.indicators': (e: Record<string, unknown>) => {
      const base = e.mode === 'practice' ? PRACTICE : INTERVIEW
      const withUnknown = e.excludeUnknown === false
      return {
        ...base,
        village: e.village ?? null,
        lawEnforcementSatisfaction: withUnknown ? { rate: 0, favourable: 0, sampleSize: 12 } : base.lawEnforcementSatisfaction
      }
    }
  })
}

beforeEach(() => {
  stubDeviceApis()
  cloud.mockReset()
})
afterEach(() => jest.restoreAllMocks())

const rateRow = (title: string) => {
  const row = Array.from(document.querySelectorAll<HTMLElement>('.indicators__rate')).find((r) => r.querySelector('.indicators__rate-title')?.textContent === title)
  if (!row) throw new Error(`no rate ${title}`)
  return {
    value: row.querySelector('.indicators__rate-value')?.textContent,
    n: row.querySelector('.indicators__n')?.textContent,
    detail: row.querySelector('.indicators__rate-detail')?.textContent
  }
}

it('shows each rate with its own sample size, and "样本不足" where nobody counts', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  expect(sent('stats', 'indicators')).toEqual([{ action: 'indicators', town: '云集街道', mode: 'interview', excludeUnknown: true }])
  expect(rateRow('安全感率')).toMatchObject({ value: '83.3%', n: 'n=12' })
  expect(rateRow('夜间独自出行担心的比例')).toMatchObject({ value: '25%', n: 'n=12' })
  expect(rateRow('扫黑除恶满意率')).toMatchObject({ value: '90%', n: 'n=10' })
  expect(rateRow('政法机关执法满意率')).toMatchObject({ value: '样本不足', n: 'n=0' })
  expect(rateRow('安全感率').detail).toContain('第1题“安全”+“比较安全” 10 人 ÷ 有效回答 12 人')
  expect(rateRow('安全感率').detail).toContain('样本较少，仅供参考')
})

it('shows the call outcomes of the mock interviews: dialled, reached, refused, hung up, completed', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  const cells = Array.from(document.querySelectorAll('.indicators__outcome')).map((c) => [
    c.querySelector('.indicators__outcome-label')?.textContent,
    c.querySelector('.indicators__outcome-value')?.textContent
  ])
  expect(cells).toEqual([
    ['拨打', '20'],
    ['接通', '15'],
    ['未接通', '5'],
    ['拒访', '2'],
    ['中途挂断', '1'],
    ['完成', '12']
  ])
})

it('practice is reported on its own, without call outcomes', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  await tapText('练习答题（居民自答）')
  expect(sent('stats', 'indicators').at(-1)).toEqual({ action: 'indicators', town: '云集街道', mode: 'practice', excludeUnknown: true })
  expect(screen.getByText(/^练习答题 40 份/)).toBeTruthy()
  expect(rateRow('安全感率')).toMatchObject({ value: '95%', n: 'n=40' })
  expect(document.querySelector('.indicators__outcomes')).toBeNull()
})

it('"不了解/不清楚" can be counted in the denominator, and the rate says which', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  expect(rateRow('政法机关执法满意率').detail).toContain('不含“不了解/不清楚”')
  await tapText('计入分母')
  expect(sent('stats', 'indicators').at(-1)).toEqual({ action: 'indicators', town: '云集街道', mode: 'interview', excludeUnknown: false })
  expect(rateRow('政法机关执法满意率')).toMatchObject({ value: '0%', n: 'n=12' })
  expect(rateRow('政法机关执法满意率').detail).toContain('，含“不了解/不清楚”')
  expect(rateRow('政法机关执法满意率').detail).not.toContain('不含')
})

it('one village or all', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  // Entry 16 after "全部村(社区)" is the 16th village of 附件3: 渡口.
  await pick(1, 16)
  expect(sent('stats', 'indicators').at(-1)).toEqual({ action: 'indicators', town: '云集街道', mode: 'interview', excludeUnknown: true, village: '渡口' })
  expect(screen.getByText(/完成的模拟民调 12 份（云集街道 · 渡口）/)).toBeTruthy()
  await pick(1, 0)
  expect(sent('stats', 'indicators').at(-1)).toEqual({ action: 'indicators', town: '云集街道', mode: 'interview', excludeUnknown: true })
})

it("shows what residents named for Q2, Q4, Q12, Q13 with the questionnaire's own labels", async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  const cards = Array.from(document.querySelectorAll<HTMLElement>('.indicators__question')).map((q) => q.textContent)
  expect(cards).toEqual(['Q2', 'Q4', 'Q12', 'Q13'].map((id, i) => `第${[2, 4, 12, 13][i]}题　${getQuestion(id as 'Q2').text}`))
  const bars = Array.from(document.querySelectorAll('.option-bars__row')).map((r) => [r.querySelector('.option-bars__label')?.textContent, r.querySelector('.option-bars__figure')?.textContent])
  expect(bars).toContainEqual(['盗窃/抢劫/拐骗', '2人 · 100%'])
  expect(bars).toContainEqual(['电信网络诈骗', '1人 · 50%'])
  expect(bars).toContainEqual(['加大巡逻守护力度', '6人 · 50%'])
  expect(bars).toContainEqual(['无', '12人 · 100%'])
  expect(bars.some(([label]) => label?.startsWith('#'))).toBe(false)
  // Q13 was asked of nobody: said, not drawn as zeros.
  expect(screen.getByText('还没有人被问到这道题。')).toBeTruthy()
})

it('has no targets and no "correct" answers, and says so', async () => {
  serveIndicators()
  await open(<IndicatorsPage />)
  expect(screen.getByText(/不设目标值，也没有“正确答案”/)).toBeTruthy()
  expect(document.body.textContent).not.toMatch(/目标值：|达标|标准答案/)
})
