import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { VisitHousehold, VisitStatus as HouseholdStatus } from '../../../core/contract'
import { FiveRates, type ProgressRow } from '../../../components/five-rates'
import { StatusChip } from '../../../components/status-chip'
import { callCloud } from '../../../services/cloud-staff'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { chinaTime } from '../shared/format'
import { visitUrl } from '../shared/routes'
import './index.css'

const PAGE_SIZE = 20
const TABS: { status: HouseholdStatus; label: string }[] = [
  { status: 'unvisited', label: '未走访' },
  { status: 'incomplete', label: '未完成' },
  { status: 'complete', label: '已完成' }
]

/** The four ticks of a household, as the 五个100% name them. */
function Ticks({ h }: { h: VisitHousehold }) {
  const tick = (done: boolean, label: string) => (
    <Text className={`visits__tick${done ? ' visits__tick--done' : ''}`}>
      {done ? '✓' : '○'}
      {label}
    </Text>
  )
  return (
    <View className='visits__ticks'>
      {tick(h.visited, '上门')}
      {tick(h.letter, '公开信')}
      {tick(h.card, '联系卡')}
      {tick(h.explained, '讲解')}
    </View>
  )
}

function Households({ cadre }: { cadre: Cadre }) {
  const [status, setStatus] = useState<HouseholdStatus>('unvisited')
  const [rows, setRows] = useState<VisitHousehold[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [page, setPage] = useState(0)
  const [progress, setProgress] = useState<ProgressRow | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)
  const started = useRef(false)

  const load = useCallback(async (which: HouseholdStatus, nextPage: number, before: VisitHousehold[]) => {
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    const res = await callCloud('visits', { action: 'households', status: which, page: nextPage, pageSize: PAGE_SIZE })
    if (mine !== generation.current) return
    setLoading(false)
    if (!res.ok) return setError(res.message)
    const seen = new Set(before.map((h) => h.id))
    setRows([...before, ...res.data.households.filter((h) => !seen.has(h.id))])
    setTotal(res.data.total)
    setPage(nextPage + 1)
  }, [])

  const loadProgress = useCallback(async () => {
    const res = await callCloud('visits', { action: 'progress' })
    if (res.ok) setProgress(res.data.rows.find((r) => r.village === cadre.village) ?? res.data.total)
  }, [cadre.village])

  useEffect(() => {
    started.current = true
    loadProgress()
    load('unvisited', 0, [])
  }, [load, loadProgress])
  // Back from a visit: the household has moved on, and the rates with it.
  useDidShow(() => {
    if (!started.current) return
    loadProgress()
    load(status, 0, [])
  })

  const show = (which: HouseholdStatus) => {
    setStatus(which)
    setRows([])
    setTotal(null)
    load(which, 0, [])
  }

  return (
    <View className='visits'>
      <View className='card'>
        <View className='card__title'>{cadre.village}五个100%</View>
        {progress ? <FiveRates row={progress} /> : <View className='muted'>正在读取…</View>}
      </View>
      <View className='tabs visits__tabs'>
        {TABS.map((t) => (
          <View key={t.status} className={`tabs__tab${t.status === status ? ' tabs__tab--on' : ''}`} onClick={() => show(t.status)}>
            {t.label}
          </View>
        ))}
      </View>
      {total !== null && (
        <View className='visits__total'>
          {TABS.find((t) => t.status === status)!.label} {total} 户
        </View>
      )}
      {total === 0 && !loading && <View className='card muted'>没有{TABS.find((t) => t.status === status)!.label}的住户。</View>}
      {rows.map((h) => (
        <View key={h.id} className='card visits__household' onClick={() => Taro.navigateTo({ url: visitUrl(h) })}>
          <View className='visits__head'>
            <Text className='visits__name'>{h.name}</Text>
            <Text className='visits__phone'>{h.phoneMasked}</Text>
            <StatusChip status={h.visited && h.letter && h.card && h.explained ? 'complete' : h.visited ? 'incomplete' : 'unvisited'} />
          </View>
          {h.address && <View className='muted'>{h.address}</View>}
          <Ticks h={h} />
          <View className='visits__foot'>
            <Text className='muted'>{h.lastVisitAt ? `上次走访 ${chinaTime(h.lastVisitAt)}` : '尚未走访'}</Text>
            <Text className='visits__go'>走访登记 ›</Text>
          </View>
        </View>
      ))}
      {error && (
        <View className='card'>
          <View className='visits__error'>{error}</View>
          <Button className='btn btn--secondary' onClick={() => load(status, page, rows)}>
            重试
          </Button>
        </View>
      )}
      {loading && <View className='visits__loading muted'>正在读取…</View>}
      {total !== null && !loading && rows.length < total && (
        <View className='visits__more'>
          <Button className='btn btn--secondary' onClick={() => load(status, page, rows)}>
            加载更多（已显示 {rows.length}/{total}）
          </Button>
        </View>
      )}
    </View>
  )
}

/** 入户走访: the village's five rates, and its households by how far their visits have got. */
export default function VisitsPage() {
  return <CadreGate>{(cadre) => <Households cadre={cadre} />}</CadreGate>
}
