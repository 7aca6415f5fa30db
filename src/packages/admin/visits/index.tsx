import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { visitRates, type VisitProgressRow, type VisitRates } from '../../../core/contract'
import { FiveRates } from '../../../components/five-rates'
import { WideTable } from '../../../components/wide-table'
import { percent } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, LoadState, useAdminScope } from '../shared/admin-page'
import { useCloudData } from '../shared/use-cloud-data'
import './index.css'

type SortKey = 'village' | keyof VisitRates
const COLUMNS: { key: keyof VisitRates; label: string }[] = [
  { key: 'visited', label: '走访' },
  { key: 'letter', label: '公开信' },
  { key: 'card', label: '联系卡' },
  { key: 'explained', label: '讲解' },
  { key: 'replied', label: '诉求回复' }
]

const shown = (rate: number | null) => (rate === null ? '—' : percent(rate))

/** Lowest first: the villages furthest from 100% are the ones to go and see. No rate sorts last. */
function sortRows(rows: VisitProgressRow[], key: SortKey, up: boolean): VisitProgressRow[] {
  if (key === 'village') return [...rows].sort((a, b) => (up ? 1 : -1) * a.village.localeCompare(b.village, 'zh'))
  const value = (r: VisitProgressRow) => visitRates(r)[key]
  return [...rows].sort((a, b) => {
    const x = value(a)
    const y = value(b)
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1
    return (up ? 1 : -1) * (x - y)
  })
}

function VisitsView() {
  const { town } = useAdminScope()
  const progress = useCloudData(() => callCloud('visits', { action: 'progress', town }), `visits.progress|${town}`)
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'visited', up: true })
  const data = progress.data
  const by = (key: SortKey) => setSort((s) => ({ key, up: s.key === key ? !s.up : true }))
  const arrow = (key: SortKey) => (sort.key === key ? (sort.up ? ' ▲' : ' ▼') : '')
  return (
    <View className='admin-visits'>
      <View className='card'>
        <View className='card__title'>{town}五个100%</View>
        <LoadState what='走访进度' loading={progress.loading && !data} error={progress.error} onRetry={progress.reload} />
        {data && <FiveRates row={data.total} />}
      </View>
      {data && (
        <View className='card admin-visits__table'>
          <WideTable>
            <View className='admin-visits__row admin-visits__row--head'>
              <Text className='admin-visits__cell admin-visits__name' onClick={() => by('village')}>
                村(社区){arrow('village')}
              </Text>
              {COLUMNS.map((c) => (
                <Text key={c.key} className={`admin-visits__cell admin-visits__sort admin-visits__sort--${c.key}`} onClick={() => by(c.key)}>
                  {c.label}
                  {arrow(c.key)}
                </Text>
              ))}
            </View>
            {sortRows(data.rows, sort.key, sort.up).map((r) => {
              const rates = visitRates(r)
              return (
                <View key={r.village} className='admin-visits__row'>
                  <Text className='admin-visits__cell admin-visits__name'>
                    {r.village}
                    <Text className='muted admin-visits__households'>（{r.households}户）</Text>
                  </Text>
                  {COLUMNS.map((c) => (
                    <Text key={c.key} className={`admin-visits__cell${rates[c.key] !== null && rates[c.key]! >= 1 ? ' admin-visits__cell--done' : ''}`}>
                      {shown(rates[c.key])}
                    </Text>
                  ))}
                </View>
              )
            })}
          </WideTable>
          <View className='muted admin-visits__hint'>点表头排序（再点一次反过来）；“—”表示还没有住户或诉求。</View>
        </View>
      )}
    </View>
  )
}

/** 入户走访: the town's five rates, then each village's, sortable by any of them. */
export default function AdminVisitsPage() {
  return (
    <AdminPage current='visits'>
      <VisitsView />
    </AdminPage>
  )
}
