import Taro from '@tarojs/taro'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Round, Schedule } from '../../../core/contract'
import { chinaDate, chinaDateTime } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { useCloudData } from '../shared/use-cloud-data'
import { InspectionsNav, circularUrl, rankingUrl } from './shared/nav'
import './index.css'

const OPEN_EXPLAINED =
  '开启后，各单位的工作数据项（电话台账、五个100%、诉求回复、模拟民调、上轮整改验收）按此刻的数据固定，评分细则按当前版本固定，督查人员即可逐个单位评分。同一时间只能有一轮进行中。'

const go = (url: string) => () => Taro.navigateTo({ url }).catch(() => undefined)

function OpenRoundCard({ round, onChanged }: { round: Round | null; onChanged: () => void }) {
  const { town } = useAdminScope()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const open = async () => {
    if (!(await confirmAction('开启新一轮督查', OPEN_EXPLAINED, '开启'))) return
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', { action: 'openRound', town })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast(`已开启第${res.data.number}轮`)
    onChanged()
  }

  const close = async (r: Round) => {
    const unscored = r.units - r.scored
    const content = `${unscored > 0 ? `还有${unscored}个单位未评分，结束后不能再评分。` : '全部单位已评分。'}结束后排名定格；上轮未验收的整改任务转为督导补火。确定结束第${r.number}轮吗？`
    if (!(await confirmAction('结束本轮督查', content, '结束'))) return
    setBusy(true)
    setError(null)
    const res = await callCloud('inspections', { action: 'closeRound', round: r.id })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已结束本轮')
    onChanged()
  }

  return (
    <View className='card'>
      <View className='card__title'>{town}督查</View>
      {round ? (
        <View>
          <View>
            第{round.number}轮进行中：{chinaDateTime(round.openedAt)}由{round.openedBy}开启，已评{' '}
            <Text className='inspections__figure'>
              {round.scored}/{round.units}
            </Text>{' '}
            个单位。
          </View>
          <ErrorNote message={error} />
          <View className='inspections__actions'>
            <Button className='btn btn--small inspections__action' onClick={go(rankingUrl(round.id))}>
              查看排名
            </Button>
            <Button className='btn btn--small inspections__action inspections__close' disabled={disabledWhen(busy)} onClick={() => close(round)}>
              {busy ? '正在结束…' : '结束本轮'}
            </Button>
          </View>
        </View>
      ) : (
        <View>
          <View className='admin__note'>按实施方案，9月、10月每10天督查一次：督查人员现场检查，成绩来自现场发现和工作数据，与使用小程序的多少无关。</View>
          <ErrorNote message={error} />
          <Button className='btn btn--primary' disabled={disabledWhen(busy)} onClick={open}>
            {busy ? '正在开启…' : '开启新一轮督查'}
          </Button>
        </View>
      )}
    </View>
  )
}

function RoundList({ rounds }: { rounds: Round[] }) {
  return (
    <View className='card'>
      <View className='card__title'>历次督查</View>
      {rounds.length === 0 && <View className='muted'>还没有督查轮次。</View>}
      {rounds.map((r) => (
        <View key={r.id} className='inspections__list-item inspections__round'>
          <View className='admin__row'>
            <Text className='inspections__names'>第{r.number}轮</Text>
            <Text className='muted'>{r.status === 'open' ? '进行中' : '已结束'}</Text>
          </View>
          <View className='admin__note'>
            {chinaDate(r.openedAt)}开始{r.closedAt ? `，${chinaDate(r.closedAt)}结束` : ''} · 已评 {r.scored}/{r.units} · {r.openedBy === '定时' ? '定时开启' : `${r.openedBy}开启`}
          </View>
          <View className='inspections__actions'>
            <Button className='btn btn--small inspections__action' onClick={go(rankingUrl(r.id))}>
              排名
            </Button>
            <Button className='btn btn--small inspections__action' onClick={go(circularUrl(r.id))}>
              通报
            </Button>
          </View>
        </View>
      ))}
    </View>
  )
}

function ScheduleCard() {
  const { town } = useAdminScope()
  const loaded = useCloudData(() => callCloud('inspections', { action: 'schedule', town }), `schedule|${town}`)
  return (
    <View className='card'>
      <View className='card__title'>定时开启</View>
      <LoadState what='督查安排' loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && <ScheduleForm key={town} town={town} initial={loaded.data.schedule} />}
    </View>
  )
}


/** A date the admin picks (YYYY-MM-DD), shown with its label and a hint that a tap changes it. */
function DateField({ label, className, value, onChange }: { label: string; className: string; value: string; onChange: (day: string) => void }) {
  return (
    <>
      <View className='admin__label'>{label}</View>
      <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`admin__field ${className}`}>
          <Text>{value}</Text>
          <Text className='admin__field-change'>点此选择</Text>
        </View>
      </Picker>
    </>
  )
}

function ScheduleForm({ town, initial }: { town: string; initial: Schedule }) {
  const [auto, setAuto] = useState(initial.auto)
  const [start, setStart] = useState(initial.start)
  const [end, setEnd] = useState(initial.end)
  const [every, setEvery] = useState(String(initial.everyDays))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const save = async () => {
    setBusy(true)
    setError(null)
    const everyDays = every.trim() === '' ? NaN : Number(every.trim())
    const res = await callCloud('inspections', { action: 'saveSchedule', town, schedule: { auto, start, end, everyDays } })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast('已保存')
  }
  return (
    <View className='inspections__schedule'>
      <View className='admin__segments'>
        <View className={`admin__segment${auto ? ' admin__segment--on' : ''}`} onClick={() => setAuto(true)}>
          到期自动开启
        </View>
        <View className={`admin__segment${!auto ? ' admin__segment--on' : ''}`} onClick={() => setAuto(false)}>
          只由管理员开启
        </View>
      </View>
      <DateField label='开始日期' className='inspections__start' value={start} onChange={setStart} />
      <DateField label='结束日期' className='inspections__end' value={end} onChange={setEnd} />
      <View className='admin__label'>每隔几天一轮</View>
      <Input className='admin__input' name='every-days' type='number' value={every} onInput={(e) => setEvery(e.detail.value)} />
      <View className='admin__note'>自动开启：从开始日期起，每隔设定的天数开启一轮，到结束日期为止（默认9月、10月每10天一次）。</View>
      <ErrorNote message={error} />
      <Button className='btn btn--secondary' disabled={disabledWhen(busy)} onClick={save}>
        {busy ? '正在保存…' : '保存督查安排'}
      </Button>
    </View>
  )
}

function RoundsView() {
  const { town } = useAdminScope()
  const rounds = useCloudData(() => callCloud('inspections', { action: 'rounds', town }), `rounds|${town}`)
  const open = rounds.data?.rounds.find((r) => r.status === 'open') ?? null
  return (
    <View>
      <InspectionsNav current='rounds' />
      <LoadState what='督查轮次' loading={rounds.loading && !rounds.data} error={rounds.error} onRetry={rounds.reload} />
      {rounds.data && <OpenRoundCard round={open} onChanged={rounds.reload} />}
      {rounds.data && <RoundList rounds={rounds.data.rounds} />}
      <ScheduleCard />
    </View>
  )
}

/** 督查轮次: open a round (figures frozen now), close it, every round so far, and the timer's schedule. */
export default function InspectionsPage() {
  return (
    <AdminPage current='inspections'>
      <RoundsView />
    </AdminPage>
  )
}
