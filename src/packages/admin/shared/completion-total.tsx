import { Text, View } from '@tarojs/components'
import { percent } from '../../../components/figures/format'

/** "registered / quota 个号码，完成率 rate": the head of every completion ranking (a town's villages, the county's towns). */
export function CompletionTotal({ total }: { total: { registered: number; quota: number; rate: number } }) {
  return (
    <View className='ranking__total'>
      <Text className='ranking__total-figure'>{total.registered}</Text>
      <Text> / {total.quota} 个号码，完成率 </Text>
      <Text className='ranking__total-figure'>{percent(total.rate)}</Text>
    </View>
  )
}
