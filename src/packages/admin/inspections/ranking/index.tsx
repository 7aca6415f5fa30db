import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { UNIT_TYPES, type AnswerOf, type InspectionsContract, type UnitKind } from '../../../../core/contract'
import { BOTTOM_COUNT, TOP_COUNT } from '../../../../core/ranking'
import { TrendChart } from '../../../../components/trend-chart'
import { scoreTrend } from '../../../../components/trend-chart/score-trend'
import { callCloud } from '../../../../services/cloud-staff'
import { AdminPage, LoadState, useAdminScope } from '../../shared/admin-page'
import { OptionSelect } from '../../shared/option-select'
import { useCloudData } from '../../shared/use-cloud-data'
import { InspectionsNav, circularUrl, queryParam, roundLabel } from '../shared/nav'
import { ScoreTable } from '../shared/score-table'
import './index.css'

type Ranking = AnswerOf<InspectionsContract, 'ranking'>

const names = (units: readonly string[]) => (units.length ? units.join('、') : '暂无')

/** The plan's 奖惩 (六), as computed over the rounds counted. */
function Rules({ ranking }: { ranking: Ranking }) {
  const bottom = ranking.rows.filter((r) => r.flag === 'bottom').map((r) => r.unit)
  return (
    <View className='card'>
      <View className='card__title'>奖惩名单（实施方案六）</View>
      <View className='admin__label'>本轮后三位：党工委书记约谈主要负责人</View>
      <View className='inspections__names ranking-rules__round-bottom'>{names(bottom)}</View>
      <View className='admin__label'>连续三轮排名后三位：约谈名单，年底单位负责人不得评先评优</View>
      <View className='inspections__names ranking-rules__bottom'>{names(ranking.bottomThreeInARow)}</View>
      <View className='admin__label'>每次督查均排在前五：年度考核优先评先评优</View>
      <View className='inspections__names ranking-rules__top'>{names(ranking.everyRoundTop)}</View>
      <View className='admin__note'>按已计入的 {ranking.roundsCounted} 轮督查（已结束的各轮和本轮）计算。</View>
    </View>
  )
}

/** One unit's score and rank round after round. */
function Trend({ unit, type }: { unit: string; type: UnitKind | null }) {
  const { town } = useAdminScope()
  const history = useCloudData(() => callCloud('inspections', { action: 'history', town, unit, ...(type ? { type } : {}) }), `history|${town}|${unit}|${type ?? ''}`)
  // Picked from a long table: the trend is brought into view rather than left under it.
  useEffect(() => {
    Taro.pageScrollTo({ selector: '.ranking-trend', duration: 300 }).catch(() => undefined)
  }, [unit])
  const points = scoreTrend(history.data, unit)
  return (
    <View className='card ranking-trend'>
      <View className='card__title'>{unit}历次督查</View>
      <LoadState what='历次成绩' loading={history.loading && !history.data} error={history.error} onRetry={history.reload} />
      {history.data && <TrendChart points={points} reference={{ value: 100, label: '100分' }} emptyText='还没有评分记录。' />}
    </View>
  )
}

function RankingOf({ round, type }: { round: string; type: UnitKind | null }) {
  const ranking = useCloudData(() => callCloud('inspections', { action: 'ranking', round, ...(type ? { type } : {}) }), `ranking|${round}|${type ?? ''}`)
  const [selected, setSelected] = useState<string | null>(null)
  const data = ranking.data
  return (
    <View>
      <LoadState what='排名' loading={ranking.loading && !data} error={ranking.error} onRetry={ranking.reload} />
      {data && (
        <View className='ranking-scores'>
          <View className='admin__note ranking-scores__head'>
            {data.round.status === 'open' ? `本轮进行中，已评 ${data.round.scored}/${data.round.units} 个单位，名次随评分变化。` : `本轮已结束，共 ${data.round.units} 个单位。`}
          </View>
          <ScoreTable rows={data.rows} selected={selected} onSelect={setSelected} />
          <View className='ranking__legend admin__note'>
            <Text className='flag-chip flag-chip--top'>前五</Text> 得分前{TOP_COUNT}名，
            <Text className='flag-chip flag-chip--bottom'>后三</Text> 后{BOTTOM_COUNT}名，同分同名次。得分按适用于该单位的评分项折算为百分制。点击单位查看历次成绩。
          </View>
        </View>
      )}
      {selected && <Trend unit={selected} type={type} />}
      {data && <Rules ranking={data} />}
      {data && (
        <View className='card'>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: circularUrl(round, type) }).catch(() => undefined)}>
            查看通报（可打印、导出Excel）
          </Button>
        </View>
      )}
    </View>
  )
}

function RankingView() {
  const { town } = useAdminScope()
  const asked = queryParam(useRouter()?.params?.round)
  const rounds = useCloudData(() => callCloud('inspections', { action: 'rounds', town }), `rounds|${town}`)
  const [picked, setPicked] = useState<string | null>(null)
  const [type, setType] = useState<UnitKind | null>(null)
  const list = rounds.data?.rounds ?? []
  // The round asked for (from the rounds page), else the newest.
  const round = list.find((r) => r.id === (picked ?? asked)) ?? list[0] ?? null
  const labels = list.map(roundLabel)
  return (
    <View>
      <InspectionsNav current='ranking' />
      <LoadState what='督查轮次' loading={rounds.loading && !rounds.data} error={rounds.error} onRetry={rounds.reload} />
      {rounds.data && !round && <View className='card muted'>还没有督查轮次。在“督查轮次”中开启第一轮。</View>}
      {round && (
        <View className='card ranking-filters'>
          <View className='admin__label'>督查轮次</View>
          <OptionSelect
            className='ranking-filters__round'
            value={roundLabel(round)}
            choices={labels}
            onChange={(label) => {
              const r = list[labels.indexOf(label ?? '')]
              if (r) setPicked(r.id)
            }}
          />
          <View className='admin__label'>排名范围</View>
          <OptionSelect className='ranking-filters__type' value={type} choices={UNIT_TYPES} noneLabel='全部单位一起排名' onChange={(t) => setType(t as UnitKind | null)} />
          {type && <View className='admin__note'>只在“{type}”类单位之间排名，前五、后三和奖惩名单也只算这一类。</View>}
        </View>
      )}
      {round && <RankingOf key={`${round.id}|${type ?? ''}`} round={round.id} type={type} />}
    </View>
  )
}

/** 督查排名: a round's units by score with 前五/后三, the plan's 奖惩 lists, and a unit's trend. */
export default function InspectionRankingPage() {
  return (
    <AdminPage current='inspections'>
      <RankingView />
    </AdminPage>
  )
}
