import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Whoami } from '../../../core/contract'
import { chinaDate } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { useCloudData } from '../../../services/use-cloud-data'
import { InspectorGate, townOf } from '../shared/gate'
import { LoadNote } from '../shared/load-note'
import { formatPoints } from '../shared/points'
import { INSPECTOR_PAGES, scoreUrl } from '../shared/routes'
import './index.css'

type Show = 'todo' | 'done'

function OpenRound({ round, version }: { round: string; version: number }) {
  const data = useCloudData(() => callCloud('inspections', { action: 'round', round }), `round|${round}|${version}`)
  const [show, setShow] = useState<Show>('todo')
  if (!data.data) return <LoadNote what='本轮单位' loading={data.loading} error={data.error} onRetry={data.reload} />
  const { units } = data.data
  const todo = units.filter((u) => u.score === null)
  const done = units.filter((u) => u.score !== null)
  const toVerify = units.reduce((n, u) => n + u.toVerify, 0)
  const list = show === 'todo' ? todo : done
  return (
    <View>
      {toVerify > 0 && (
        <View className='card'>
          <View>上轮发现的问题有 {toVerify} 项等待验收（整改到位 / 未到位）。</View>
          <Button className='btn btn--secondary inspector-home__verify' onClick={() => Taro.navigateTo({ url: INSPECTOR_PAGES.verify }).catch(() => undefined)}>
            验收整改任务（{toVerify}）
          </Button>
        </View>
      )}
      <View className='tabs'>
        <View className={`tabs__tab${show === 'todo' ? ' tabs__tab--on' : ''}`} onClick={() => setShow('todo')}>
          未评分（{todo.length}）
        </View>
        <View className={`tabs__tab${show === 'done' ? ' tabs__tab--on' : ''}`} onClick={() => setShow('done')}>
          已评分（{done.length}）
        </View>
      </View>
      {list.length === 0 && <View className='card muted'>{show === 'todo' ? '本轮全部单位都已评分。' : '还没有评分的单位。'}</View>}
      {list.map((u) => (
        <View key={u.unit} className='card inspector-home__unit' onClick={() => Taro.navigateTo({ url: scoreUrl(round, u.unit) }).catch(() => undefined)}>
          <View className='inspector-home__unit-head'>
            <Text className='inspector-home__unit-name'>{u.unit}</Text>
            <Text className='inspector-home__unit-score'>{u.score === null ? '未评分' : `${formatPoints(u.score)}分`}</Text>
          </View>
          <View className='muted inspector-home__unit-meta'>
            {u.type}
            {u.toVerify > 0 && `  ·  待验收整改 ${u.toVerify} 项`}
            {u.scoredBy && `  ·  评分：${u.scoredBy}`}
          </View>
        </View>
      ))}
    </View>
  )
}

function Rounds({ who }: { who: Whoami }) {
  // Back from scoring a unit: its line moves to 已评分.
  const [version, setVersion] = useState(0)
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) setVersion((v) => v + 1)
    shown.current = true
  })
  const rounds = useCloudData(() => callCloud('inspections', { action: 'rounds', ...townOf(who) }), `rounds|${who.town ?? ''}|${version}`)
  if (!rounds.data) return <LoadNote what='督查轮次' loading={rounds.loading} error={rounds.error} onRetry={rounds.reload} />
  const open = rounds.data.rounds.find((r) => r.status === 'open')
  return (
    <View>
      <View className='card'>
        <View className='card__title'>{rounds.data.town}督查评分</View>
        {open ? (
          <View>
            第{open.number}轮督查，{chinaDate(open.openedAt)}开始，已评 {open.scored}/{open.units} 个单位。
            <View className='muted inspector-home__rule'>按现场看到的情况评分；工作数据项在开轮时已固定，不需要录入。照片可拍可不拍。</View>
          </View>
        ) : (
          <View className='muted'>目前没有进行中的督查轮次。街道综治办开启新一轮督查后，这里列出要评分的单位。</View>
        )}
      </View>
      {open && <OpenRound round={open.id} version={version} />}
    </View>
  )
}

/** 督查评分: the open round's units, not scored first, and the tasks waiting for verification. */
export default function InspectorHome() {
  return (
    <View className='inspector'>
      <InspectorGate>{(who) => <Rounds who={who} />}</InspectorGate>
    </View>
  )
}
