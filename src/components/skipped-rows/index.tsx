import { Text, View } from '@tarojs/components'
import './index.css'

export interface SkippedRow {
  /** The row (or line) number as the sheet or the text box shows it. */
  row: number
  reason: string
}

/** The rows a sheet import left out, each with its number and why: what to fix before trying again. */
export function SkippedRows({ skipped, what = '行没有导入', rowLabel = '行号' }: { skipped: readonly SkippedRow[]; what?: string; rowLabel?: string }) {
  if (skipped.length === 0) return null
  return (
    <View className='skipped-rows'>
      <View className='skipped-rows__title'>
        {skipped.length}
        {what}：
      </View>
      <View className='skipped-rows__table'>
        <View className='skipped-rows__tr skipped-rows__tr--head'>
          <Text className='skipped-rows__row'>{rowLabel}</Text>
          <Text className='skipped-rows__reason'>原因</Text>
        </View>
        {skipped.map((s, i) => (
          <View key={`${s.row}-${i}`} className='skipped-rows__tr'>
            <Text className='skipped-rows__row'>{s.row}</Text>
            <Text className='skipped-rows__reason'>{s.reason}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
