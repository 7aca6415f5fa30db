import { Text, View } from '@tarojs/components'
import { formatPoints } from '../../../components/figures/points'
import type { AnswerOf, InspectionsContract } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import type { Cadre } from '../components/cadre-gate'

type Item = AnswerOf<InspectionsContract, 'unitDetail'>['items'][number]

function pointsText(item: Item): string {
  if (item.got !== null) return `${formatPoints(item.got)} / ${formatPoints(item.points)} 分`
  // A figures item with nothing to divide by is left out of the score; an entered one is not scored yet.
  return item.kind === 'figures' ? '无数据，不计分' : '尚未评分'
}

/** The unit's latest scored round item by item: where it lost points, with the inspector's notes. */
export function ItemScores({ cadre }: { cadre: Cadre }) {
  const detail = useCloudData(() => callCloud('inspections', { action: 'unitDetail', ...(cadre.town ? { town: cadre.town } : {}) }), `unit-detail|${cadre.village}`)
  const d = detail.data
  return (
    <View className='card'>
      <View className='card__title'>{d?.round ? `第${d.round.number}轮督查得分明细` : '督查得分明细'}</View>
      {detail.error && <View className='cadre-tasks__error'>得分明细加载失败：{detail.error}</View>}
      {d && d.items.length === 0 && <View className='muted'>还没有督查成绩。</View>}
      {d?.items.map((item) => (
        <View key={item.id} className={`item-score${item.got !== null && item.got < item.points ? ' item-score--short' : ''}`}>
          <View className='item-score__line'>
            <Text className='item-score__name'>{item.name}</Text>
            <Text className='item-score__points'>{pointsText(item)}</Text>
          </View>
          {item.note && <View className='item-score__note'>督查备注：{item.note}</View>}
        </View>
      ))}
    </View>
  )
}
