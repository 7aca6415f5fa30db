import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Round } from '../../../../core/contract'
import { chinaDate } from '../../../../components/figures/format'
import './inspections.css'

/** The 督查 pages of the admin subpackage, as the tabs under the admin tabs. */
export const INSPECTION_PAGES = [
  { key: 'rounds', label: '督查轮次', url: '/packages/admin/inspections/index' },
  { key: 'ranking', label: '排名通报', url: '/packages/admin/inspections/ranking/index' },
  { key: 'sheet', label: '评分细则', url: '/packages/admin/inspections/sheet/index' },
  { key: 'units', label: '考核对象', url: '/packages/admin/inspections/units/index' }
] as const
export type InspectionPageKey = (typeof INSPECTION_PAGES)[number]['key']

export const rankingUrl = (round: string) => `/packages/admin/inspections/ranking/index?round=${encodeURIComponent(round)}`
export const circularUrl = (round: string, type?: string | null) =>
  `/packages/admin/inspections/circular/index?round=${encodeURIComponent(round)}${type ? `&type=${encodeURIComponent(type)}` : ''}`

/** Sibling pages replace each other (as the admin tabs do): the page stack never grows. */
export function InspectionsNav({ current }: { current: InspectionPageKey }) {
  return (
    <View className='tabs inspections__nav'>
      {INSPECTION_PAGES.map((p) => (
        <View
          key={p.key}
          className={`tabs__tab inspections__nav-tab${p.key === current ? ' tabs__tab--on' : ''}`}
          onClick={() => {
            if (p.key !== current) Taro.redirectTo({ url: p.url }).catch(() => undefined)
          }}
        >
          {p.label}
        </View>
      ))}
    </View>
  )
}

/** "第2轮（进行中）" / "第1轮（9-10结束）": how a round is named in pickers and titles. */
export function roundLabel(r: Pick<Round, 'number' | 'status' | 'closedAt'>): string {
  return `第${r.number}轮（${r.status === 'open' ? '进行中' : r.closedAt ? `${chinaDate(r.closedAt)}结束` : '已结束'}）`
}

/** The query may arrive still percent-encoded (WeChat passes it as written in the URL). */
export function queryParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
