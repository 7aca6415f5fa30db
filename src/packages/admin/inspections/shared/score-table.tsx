import { ScrollView, Text, View } from '@tarojs/components'
import type { RankingRow, SheetItem } from '../../../../core/contract'
import { rankChange } from '../../../../components/figures/format'
import { FLAG_LABELS } from '../../../../components/rank-table'
import './inspections.css'
import { formatPoints } from '../../../../components/figures/points'

const points = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatPoints(n))

/**
 * A round's units ranked by score: rank, unit, type, score, the change since the unit's previous
 * round and its open 整改 tasks; with `items`, a column per item of the sheet (the circular). The
 * first five are green (前五), the last three red (后三). Wider than a phone: it scrolls sideways.
 */
export function ScoreTable({ rows, items, onSelect, selected }: { rows: readonly RankingRow[]; items?: readonly SheetItem[]; onSelect?: (unit: string) => void; selected?: string | null }) {
  return (
    <ScrollView scrollX className='score-table'>
      <View className='score-table__inner'>
        <View className='score-table__row score-table__head'>
          <View className='score-table__cell score-table__rank'>名次</View>
          <View className='score-table__cell score-table__unit'>单位</View>
          <View className='score-table__cell score-table__type'>类型</View>
          <View className='score-table__cell score-table__score'>得分</View>
          {items?.map((i) => (
            <View key={i.id} className='score-table__cell score-table__item'>
              {i.name}
              <Text className='score-table__max'>（{formatPoints(i.points)}）</Text>
            </View>
          ))}
          <View className='score-table__cell score-table__change'>较上轮</View>
          <View className='score-table__cell score-table__tasks'>未整改</View>
        </View>
        {rows.map((r) => (
          <View
            key={r.unit}
            className={`score-table__row score-table__body${r.flag ? ` score-table__row--${r.flag}` : ''}${selected === r.unit ? ' score-table__row--selected' : ''}`}
            onClick={onSelect ? () => onSelect(r.unit) : undefined}
          >
            <View className='score-table__cell score-table__rank'>{r.rank ?? '—'}</View>
            <View className='score-table__cell score-table__unit'>
              <Text className='score-table__name'>{r.unit}</Text>
              {r.flag && <Text className={`flag-chip flag-chip--${r.flag} score-table__flag`}>{FLAG_LABELS[r.flag]}</Text>}
            </View>
            <View className='score-table__cell score-table__type'>{r.type}</View>
            <View className='score-table__cell score-table__score'>{r.score === null ? '未评分' : formatPoints(r.score)}</View>
            {items?.map((i) => (
              <View key={i.id} className='score-table__cell score-table__item'>
                {points(r.items[i.id])}
              </View>
            ))}
            <View className='score-table__cell score-table__change'>{r.change === null ? '—' : rankChange(r.change)}</View>
            <View className='score-table__cell score-table__tasks'>{r.openTasks}</View>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
