import { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { TASK_STATUS_LABELS, UNIT_TYPES, type AnswerOf, type InspectionsContract, type Task, type UnitKind } from '../../../../core/contract'
import { chinaDate } from '../../../../components/figures/format'
import { formatPoints } from '../../../../components/figures/points'
import { lastDay } from '../../../../components/task-card'
import { callCloud } from '../../../../services/cloud-staff'
import { AdminPage, LoadState, useAdminScope } from '../../shared/admin-page'
import { ExportAction } from '../../shared/export-file'
import { useCloudData } from '../../shared/use-cloud-data'
import { queryParam } from '../shared/nav'
import { ScoreTable } from '../shared/score-table'
import './index.css'

type Ranking = AnswerOf<InspectionsContract, 'ranking'>

/** Not verified yet: still the unit's to fix (a carried task lives on as its new round's task). */
const stillOpen = (t: Task) => t.status === 'open' || t.status === 'done'

const H5 = process.env.TARO_ENV === 'h5'

function OpenTasks({ ranking, tasks }: { ranking: Ranking; tasks: Task[] }) {
  const units = ranking.rows.map((r) => ({ unit: r.unit, tasks: tasks.filter((t) => t.unit === r.unit && stillOpen(t)) })).filter((u) => u.tasks.length > 0)
  return (
    <View className='circular__section'>
      <View className='circular__heading'>四、未整改到位的问题</View>
      {units.length === 0 && <View>各单位没有未整改到位的问题。</View>}
      {units.map((u) => (
        <View key={u.unit} className='circular__unit-tasks' data-unit={u.unit}>
          <View className='circular__unit-name'>{u.unit}</View>
          {u.tasks.map((t, i) => (
            <View key={t.id} className='circular__task'>
              {i + 1}. {t.text}（第{t.roundNumber}轮发现，期限{lastDay(t.dueAt)}，{TASK_STATUS_LABELS[t.status]}
              {t.overdue ? '，已超期' : ''}）
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

function Circular({ round, type }: { round: string; type: UnitKind | null }) {
  const { town } = useAdminScope()
  const ranking = useCloudData(() => callCloud('inspections', { action: 'ranking', round, ...(type ? { type } : {}) }), `ranking|${round}|${type ?? ''}`)
  const tasks = useCloudData(() => callCloud('inspections', { action: 'tasks', town }), `tasks|${town}|${round}`)
  const data = ranking.data
  if (!data) return <LoadState what='通报' loading={ranking.loading} error={ranking.error} onRetry={ranking.reload} />
  const r = data.round
  const top = data.rows.filter((x) => x.flag === 'top')
  const bottom = data.rows.filter((x) => x.flag === 'bottom')
  const scored = data.rows.filter((x) => x.score !== null)
  const list = (rows: typeof top) => (rows.length ? rows.map((x) => `${x.unit}（${formatPoints(x.score ?? 0)}分）`).join('、') : '无')
  const title = `${town}综治民调第${r.number}轮督查情况通报`
  return (
    <View className='circular'>
      <View className='circular__tools card'>
        {H5 && (
          <Button className='btn btn--primary circular__print' onClick={() => window.print()}>
            打印通报
          </Button>
        )}
        <ExportAction
          label='导出通报（Excel）'
          fileName={`${title}.xlsx`}
          run={async () => {
            const res = await callCloud('inspections', { action: 'exportCircular', round, ...(type ? { type } : {}) })
            return res.ok ? { ok: true, data: { ...res.data, rows: data.rows.length } } : res
          }}
        />
        <View className='admin__note'>通报只含各单位的督查成绩和整改问题，不含居民个人信息；导出记入操作日志。</View>
      </View>
      <View className='circular__paper'>
        <View className='circular__title'>{title}</View>
        <View className='circular__meta'>
          督查时间：{chinaDate(r.openedAt)}
          {r.closedAt ? ` 至 ${chinaDate(r.closedAt)}` : '起（本轮尚未结束，成绩为暂定）'}
          {type ? `　排名范围：${type}` : ''}
        </View>
        <View className='circular__section'>
          <View className='circular__heading'>一、总体情况</View>
          <View>
            本轮应督查 {r.units} 个单位，已评分 {scored.length} 个。按评分细则{data.items.length}项计分，得分按适用于该单位的评分项折算为百分制，同分同名次。
          </View>
        </View>
        <View className='circular__section'>
          <View className='circular__heading'>二、排名</View>
          <View>
            排在前五的单位：<Text className='circular__top'>{list(top)}</Text>。
          </View>
          <View>
            排在后三位的单位：<Text className='circular__bottom'>{list(bottom)}</Text>，由党工委书记约谈主要负责人。
          </View>
          {data.bottomThreeInARow.length > 0 && <View>连续三次排名后三位：{data.bottomThreeInARow.join('、')}，年底单位负责人不得评先评优。</View>}
          {data.everyRoundTop.length > 0 && <View>每次督查均排在前五（共{data.roundsCounted}轮）：{data.everyRoundTop.join('、')}，年度考核优先评先评优。</View>}
        </View>
        <View className='circular__section'>
          <View className='circular__heading'>三、各单位得分</View>
          <ScoreTable rows={data.rows} items={data.items} />
        </View>
        {tasks.data ? <OpenTasks ranking={data} tasks={tasks.data.tasks} /> : <LoadState what='整改任务' loading={tasks.loading} error={tasks.error} onRetry={tasks.reload} />}
      </View>
    </View>
  )
}

function CircularView() {
  const params = useRouter()?.params ?? {}
  const round = queryParam(params.round)
  const asked = queryParam(params.type)
  const type = (UNIT_TYPES as readonly string[]).includes(asked) ? (asked as UnitKind) : null
  if (!round) return <View className='card'>请从“督查轮次”或“排名通报”打开某一轮的通报。</View>
  return <Circular round={round} type={type} />
}

/** 督查通报: one round's circular, to print (H5) or download as xlsx: ranks, scores per item, flags, open tasks. */
export default function CircularPage() {
  return (
    <AdminPage current='inspections'>
      <CircularView />
    </AdminPage>
  )
}
