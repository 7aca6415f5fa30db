import { Text, View } from '@tarojs/components'
import { percent } from '../figures/format'
import './index.css'

/**
 * One of the 五个100%: its name, part of whole, and a bar that turns green at 100%. An empty whole
 * (no households, no concerns yet) shows "—" rather than a rate nobody earned.
 */
export function RateBar({ label, part, whole }: { label: string; part: number; whole: number }) {
  const rate = whole > 0 ? part / whole : null
  const width = `${Math.min(rate ?? 0, 1) * 100}%`
  return (
    <View className='rate-bar'>
      <View className='rate-bar__head'>
        <Text className='rate-bar__label'>{label}</Text>
        <Text className='rate-bar__figure'>
          {part}/{whole} · {rate === null ? '—' : percent(rate)}
        </Text>
      </View>
      <View className='rate-bar__track' aria-label={`${label}${rate === null ? '暂无' : percent(rate)}`}>
        <View className={`rate-bar__bar${rate !== null && rate >= 1 ? ' rate-bar__bar--done' : ''}`} style={{ width }} />
      </View>
    </View>
  )
}
