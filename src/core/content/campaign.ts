import { QUESTIONS } from '../questionnaire/questions'
import { HOTLINE_LABEL, HOTLINES } from './hotlines'

/** Dates from the plan (四、工作步骤 and 五、工作措施), as printed. */
export const CAMPAIGN = {
  year: 2023,
  /** "街道从8月下旬开始至11月中旬结束". */
  start: '8月下旬',
  end: '11月中旬',
  phases: [
    { name: '动员部署阶段', period: '即日-8月下旬' },
    { name: '宣传发动阶段', period: '即日-10月底' },
    { name: '入户走访阶段', period: '即日-10月下旬' },
  ],
  /** Patrols led by the police station. */
  patrols: '9月至11月',
  /** Inspections of units and villages. */
  inspections: '9月、10月,每10天督导督查一次',
} as const

export interface FourKnowsItem {
  readonly title: '知电话' | '知时间' | '知内容' | '知方法'
  readonly text: string
}

/**
 * The residents' "四知" card (知电话、知时间、知内容、知方法, from the plan's
 * 宣传发动阶段). Facts only; the method asks for honest answers, never for a
 * particular one.
 */
export const FOUR_KNOWS: readonly FourKnowsItem[] = [
  {
    title: '知电话',
    text: `调查电话为${HOTLINES.map((h) => h.number).join('、')}，来电也可能显示“${HOTLINE_LABEL}”。`,
  },
  {
    title: '知时间',
    text: `${CAMPAIGN.year}年综治民调工作从${CAMPAIGN.start}开始，到${CAMPAIGN.end}结束，其间可能接到调查电话。`,
  },
  {
    title: '知内容',
    text: `问卷共${QUESTIONS.length}题，涉及治安感受、夜间出行、矛盾纠纷及其处理、综治中心、网格员、扫黑除恶、行业整治和政法队伍执法。`,
  },
  {
    title: '知方法',
    text: '接到电话请耐心接听，不拒接、不中途挂断，听清每道题后按自己的真实感受回答。',
  },
]

/** "2026-08-14" → "8月14日". */
const monthDay = (date: string): string => {
  const [, m, d] = date.split('-').map(Number)
  return `${m}月${d}日`
}

/**
 * The 四知 card for a campaign: its year and dates (知时间) and its questionnaire's length (知内容). The
 * seed's 2023 campaign keeps the plan's own words (8月下旬 … 11月中旬).
 */
export function fourKnowsFor(c: { year: number; phases: readonly { start: string }[]; endsOn: string; questions: number }): readonly FourKnowsItem[] {
  if (c.year === CAMPAIGN.year && c.questions === QUESTIONS.length) return FOUR_KNOWS
  const start = c.phases.map((p) => p.start).sort()[0] ?? c.endsOn
  return FOUR_KNOWS.map((item) => {
    if (item.title === '知时间') return { ...item, text: `${c.year}年综治民调工作从${monthDay(start)}开始，到${monthDay(c.endsOn)}结束，其间可能接到调查电话。` }
    if (item.title === '知内容' && c.questions !== QUESTIONS.length) return { ...item, text: item.text.replace(`问卷共${QUESTIONS.length}题`, `问卷共${c.questions}题`) }
    return item
  })
}
