import { Text, View } from '@tarojs/components'
import { percent } from '../figures/format'
import './index.css'

export interface OptionBar {
  value: number
  label: string
  /** People who chose it. */
  count: number
  /** count ÷ people asked; null when nobody was asked. */
  share: number | null
}

/**
 * How many people named each option of a multiple-choice question, as bars in the paper's order (not
 * sorted: no option is put forward). One colour for all: these are what residents said, not a score.
 */
export function OptionBars({ options }: { options: readonly OptionBar[] }) {
  return (
    <View className='option-bars'>
      {options.map((o) => (
        <View key={o.value} className='option-bars__row'>
          <View className='option-bars__head'>
            <Text className='option-bars__label'>{o.label}</Text>
            <Text className='option-bars__figure'>
              {o.count}人{o.share === null ? '' : ` · ${percent(o.share)}`}
            </Text>
          </View>
          <View className='option-bars__track'>
            <View className='option-bars__fill' style={{ width: `${Math.min(1, o.share ?? 0) * 100}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
