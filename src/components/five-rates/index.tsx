import { View } from '@tarojs/components'
import { RateBar } from '../rate-bar'

/** What `visits.progress` counts for one village (or a total). */
export interface ProgressRow {
  households: number
  visited: number
  letter: number
  card: number
  explained: number
  concerns: number
  replied: number
}

/** The 五个100% of the plan's 入户走访阶段, one bar each. */
export function FiveRates({ row }: { row: ProgressRow }) {
  return (
    <View className='five-rates'>
      <RateBar label='上门走访率' part={row.visited} whole={row.households} />
      <RateBar label='发放公开信' part={row.letter} whole={row.households} />
      <RateBar label='民情联系卡回执' part={row.card} whole={row.households} />
      <RateBar label='民调问卷讲解辅导' part={row.explained} whole={row.households} />
      <RateBar label='群众诉求回复率' part={row.replied} whole={row.concerns} />
    </View>
  )
}
