import { Text, View } from '@tarojs/components'
import type { AnswerOf, StatsContract } from '../../../../core/contract'
import './index.css'

export type MyVillage = AnswerOf<StatsContract, 'myVillage'>

/** 0.4533 → 45.3%, 1.12 → 112%: completion may pass 100%. */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`
}

const FLAG_TEXT = { top: '前五名', bottom: '后三名，请加油' } as const

/** The village's quota (附件3), what is registered against it, its rank, and the cadre's own share. */
export function VillageProgress({ stats }: { stats: MyVillage }) {
  const width = `${Math.min(stats.rate, 1) * 100}%`
  const over = stats.registered - stats.quota
  return (
    <View className='village-progress'>
      <View className='village-progress__village'>{stats.village}</View>
      <View className='village-progress__figures'>
        已登记 <Text className='village-progress__big'>{stats.registered}</Text> 户 / 任务 {stats.quota} 户
      </View>
      <View className='village-progress__track' aria-label={`完成率${percent(stats.rate)}`}>
        <View className={`village-progress__bar${stats.rate >= 1 ? ' village-progress__bar--done' : ''}`} style={{ width }} />
      </View>
      <View className='village-progress__rate'>
        完成率 <Text className='village-progress__big'>{percent(stats.rate)}</Text>
        {over > 0 && <Text className='village-progress__over'>（超额 {over} 户）</Text>}
      </View>
      <View className='village-progress__rank'>
        {stats.town}第 <Text className='village-progress__big'>{stats.rank}</Text> 名
        {stats.flag && <Text className={`village-progress__flag village-progress__flag--${stats.flag}`}>{FLAG_TEXT[stats.flag]}</Text>}
      </View>
      <View className='village-progress__mine'>
        我登记了 <Text className='village-progress__big'>{stats.mine}</Text> 户
      </View>
    </View>
  )
}
