import { View } from '@tarojs/components'
import { formatPoints } from '../../../components/figures/points'
import { TrendChart, type TrendPoint } from '../../../components/trend-chart'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import type { Cadre } from '../components/cadre-gate'

/** The unit's score and rank in each round so far (its own line only). */
export function LastScores({ cadre }: { cadre: Cadre }) {
  const history = useCloudData(() => callCloud('inspections', { action: 'history', ...(cadre.town ? { town: cadre.town } : {}), unit: cadre.village }), `history|${cadre.village}`)
  const line = history.data?.units.find((u) => u.unit === cadre.village)
  const points: TrendPoint[] = []
  history.data?.rounds.forEach((r, i) => {
    const score = line?.scores[i]
    if (score === null || score === undefined) return
    const rank = line?.ranks[i]
    points.push({ key: r.id, label: `第${r.number}轮`, value: score, text: `${formatPoints(score)}${rank ? `·${rank}名` : ''}`, current: r.status === 'open' })
  })
  return (
    <View className='card'>
      <View className='card__title'>历次督查成绩</View>
      {history.error && <View className='cadre-tasks__error'>督查成绩加载失败：{history.error}</View>}
      {history.data && <TrendChart points={points} reference={{ value: 100, label: '100分' }} emptyText='还没有督查成绩。' />}
    </View>
  )
}
