import { ScrollView, Text, View } from '@tarojs/components'
import './index.css'

export interface TrendPoint {
  /** Unique within the chart (e.g. the round's day). */
  key: string
  /** Under the bar: "9-10". */
  label: string
  value: number
  /** Over the bar: the value as people read it ("112%", "45"). */
  text: string
  /** Drawn apart: the figure now, not a past round. */
  current?: boolean
}

/**
 * A bar per inspection round, oldest on the left, drawn with plain Views (no chart library: this is
 * one small picture). Heights are relative to the largest value, or to the reference line (e.g. 100%)
 * when that is higher. Many rounds scroll sideways, opened on the latest.
 */
export function TrendChart({ points, reference, emptyText }: { points: readonly TrendPoint[]; reference?: { value: number; label: string }; emptyText: string }) {
  if (points.length === 0) return <View className='trend-chart__empty muted'>{emptyText}</View>
  const top = Math.max(...points.map((p) => p.value), reference?.value ?? 0) || 1
  const height = (v: number) => `${Math.max(0, Math.min(1, v / top)) * 100}%`
  const last = `trend-chart-${points[points.length - 1].key}`
  return (
    <ScrollView scrollX scrollIntoView={last} className='trend-chart'>
      <View className='trend-chart__plot'>
        <View className='trend-chart__bars'>
          {reference && (
            <View className='trend-chart__reference' style={{ bottom: height(reference.value) }}>
              <Text className='trend-chart__reference-label'>{reference.label}</Text>
            </View>
          )}
          {points.map((p) => (
            <View key={p.key} className={`trend-chart__column${p.current ? ' trend-chart__column--current' : ''}`}>
              <Text className='trend-chart__value'>{p.text}</Text>
              <View className='trend-chart__bar' style={{ height: height(p.value) }} />
            </View>
          ))}
        </View>
        <View className='trend-chart__labels'>
          {points.map((p) => (
            <Text key={p.key} id={`trend-chart-${p.key}`} className={`trend-chart__label${p.current ? ' trend-chart__label--current' : ''}`}>
              {p.label}
            </Text>
          ))}
        </View>
      </View>
    </ScrollView>
  )
}
