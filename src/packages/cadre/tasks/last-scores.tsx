import { View } from '@tarojs/components'
import { TrendChart } from '../../../components/trend-chart'
import { scoreTrend } from '../../../components/trend-chart/score-trend'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import type { Cadre } from '../components/cadre-gate'

/** The unit's score and rank in each round so far (its own line only). */
export function LastScores({ cadre }: { cadre: Cadre }) {
  const history = useCloudData(() => callCloud('inspections', { action: 'history', ...(cadre.town ? { town: cadre.town } : {}), unit: cadre.village }), `history|${cadre.village}`)
  const points = scoreTrend(history.data, cadre.village)
  return (
    <View className='card'>
      <View className='card__title'>历次督查成绩</View>
      {history.error && <View className='cadre-tasks__error'>督查成绩加载失败：{history.error}</View>}
      {history.data && <TrendChart points={points} reference={{ value: 100, label: '100分' }} emptyText='还没有督查成绩。' />}
    </View>
  )
}
