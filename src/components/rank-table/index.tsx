import { Text, View } from '@tarojs/components'
import { countChange, percent, rankChange } from '../figures/format'
import { WideTable } from '../wide-table'
import './index.css'

export interface RankTableRow {
  /** The village (a town's ranking) or the town (the county's). */
  name: string
  quota: number
  registered: number
  /** registered ÷ quota; may pass 1. */
  rate: number
  rank: number
  /** 'top': within the first five (rewarded); 'bottom': within the last three (summoned). */
  flag: 'top' | 'bottom' | null
  /** Since the previous inspection round; null when there was none (or the row was not in it). */
  change: { registered: number; rank: number } | null
}

export interface RankTableTotal {
  quota: number
  registered: number
  rate: number
}

export const FLAG_LABELS = { top: '前五', bottom: '后三' } as const

function CompletionCell({ rate }: { rate: number }) {
  return (
    <View className='rank-table__cell rank-table__rate'>
      <View className={`rank-table__bar${rate > 1 ? ' rank-table__bar--over' : ''}`}>
        <View className='rank-table__bar-fill' style={{ width: `${Math.min(rate, 1) * 100}%` }} />
      </View>
      <Text className='rank-table__rate-text'>{percent(rate)}</Text>
    </View>
  )
}

function ChangeCell({ change }: { change: RankTableRow['change'] }) {
  if (!change) return <View className='rank-table__cell rank-table__change rank-table__change--none'>—</View>
  const direction = change.rank > 0 ? 'up' : change.rank < 0 ? 'down' : 'same'
  return (
    <View className='rank-table__cell rank-table__change'>
      <Text className={`rank-table__move rank-table__move--${direction}`}>{rankChange(change.rank)}</Text>
      <Text className='rank-table__added'>{countChange(change.registered)}</Text>
    </View>
  )
}

/**
 * The completion table of a town's villages (or of the county's towns), as the inspections rank them: rank, quota, registered, completion
 * (a bar that fills at 100% and is marked beyond), the change since the previous round. The first five
 * are green, the last three red. Its columns fit a 360px phone; on a narrower one (or a larger font) the
 * shared WideTable scrolls it sideways and says so.
 */
export function RankTable({
  rows,
  total,
  nameLabel = '村(社区)',
  onSelect
}: {
  rows: readonly RankTableRow[]
  total?: RankTableTotal
  nameLabel?: string
  onSelect?: (name: string) => void
}) {
  return (
    <WideTable className='rank-table'>
      <View>
        <View className='rank-table__row rank-table__head'>
          <View className='rank-table__cell rank-table__rank'>名次</View>
          <View className='rank-table__cell rank-table__village'>{nameLabel}</View>
          <View className='rank-table__cell rank-table__num'>任务数</View>
          <View className='rank-table__cell rank-table__num'>已登记</View>
          <View className='rank-table__cell rank-table__rate'>完成率</View>
          <View className='rank-table__cell rank-table__change'>较上轮</View>
        </View>
        {rows.map((r) => (
          <View
            key={r.name}
            className={`rank-table__row rank-table__body${r.flag ? ` rank-table__row--${r.flag}` : ''}`}
            onClick={onSelect ? () => onSelect(r.name) : undefined}
          >
            <View className='rank-table__cell rank-table__rank'>{r.rank}</View>
            <View className='rank-table__cell rank-table__village'>
              <Text className='rank-table__name'>{r.name}</Text>
              {r.flag && <Text className={`flag-chip flag-chip--${r.flag} rank-table__flag`}>{FLAG_LABELS[r.flag]}</Text>}
            </View>
            <View className='rank-table__cell rank-table__num'>{r.quota}</View>
            <View className='rank-table__cell rank-table__num'>{r.registered}</View>
            <CompletionCell rate={r.rate} />
            <ChangeCell change={r.change} />
          </View>
        ))}
        {total && (
          <View className='rank-table__row rank-table__total'>
            <View className='rank-table__cell rank-table__rank' />
            <View className='rank-table__cell rank-table__village'>合计</View>
            <View className='rank-table__cell rank-table__num'>{total.quota}</View>
            <View className='rank-table__cell rank-table__num'>{total.registered}</View>
            <CompletionCell rate={total.rate} />
            <View className='rank-table__cell rank-table__change' />
          </View>
        )}
      </View>
    </WideTable>
  )
}
