import { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { countChange, percent, rankChange, shortDay } from '../../../components/figures/format'
import { FLAG_LABELS } from '../../../components/rank-table'
import { TrendChart, type TrendPoint } from '../../../components/trend-chart'
import { callCloud } from '../../../services/cloud-staff'
import { useTownUnits } from '../../../services/towns'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { CONTACTS_EXPORT_WARNING, ExportAction } from '../shared/export-file'
import { useCloudData } from '../shared/use-cloud-data'
import { UnassignedHouseholds } from './unassigned'
import './index.css'

type Measure = 'registered' | 'rate'

/** The query may arrive still percent-encoded (WeChat passes it as written in the URL). */
function villageParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function QuotaEditor({ town, village, quota, onChanged }: { town: string; village: string; quota: number; onChanged: () => void }) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const save = async () => {
    setError(null)
    setDone(null)
    const value = Number(text.trim())
    if (text.trim() === '' || !Number.isInteger(value) || value < 0) return setError('请填写新的任务数（0或正整数）')
    if (value === quota) return setError(`任务数已经是 ${quota}`)
    const content = `${village}的任务数将由 ${quota} 改为 ${value}，完成率和排名随之变化。此次修改会记入操作日志（修改人、时间、原值和新值）。`
    if (!(await confirmAction('修改任务数', content, '确认修改'))) return
    setBusy(true)
    const res = await callCloud('stats', { action: 'setQuota', town, village, quota: value })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setText('')
    setDone(`已修改：任务数 ${res.data.previous} → ${res.data.quota}，已记入操作日志。`)
    toast('已修改')
    onChanged()
  }

  return (
    <View className='card'>
      <View className='card__title'>任务数</View>
      <View>
        当前任务数 <Text className='village__figure'>{quota}</Text>（附件3分配，活动中可按乡镇(街道)决定调整）
      </View>
      <View className='admin__label'>新的任务数</View>
      <Input className='field village__quota-input' type='number' value={text} placeholder={String(quota)} onInput={(e) => setText(e.detail.value)} />
      <ErrorNote message={error} />
      {done && <View className='village__done'>{done}</View>}
      <Button className='btn btn--secondary village__save' disabled={disabledWhen(busy)} onClick={save}>
        {busy ? '正在保存…' : '修改任务数'}
      </Button>
    </View>
  )
}

function VillageView({ town, village }: { town: string; village: string }) {
  const ranking = useCloudData(() => callCloud('stats', { action: 'villages', town }), `villages|${town}`)
  const cadres = useCloudData(() => callCloud('stats', { action: 'cadres', town, village }), `cadres|${town}|${village}`)
  const rounds = useCloudData(() => callCloud('stats', { action: 'rounds', town, village }), `rounds|${town}|${village}`)
  const [measure, setMeasure] = useState<Measure>('registered')
  const row = ranking.data?.rows.find((r) => r.village === village)

  const points: TrendPoint[] = []
  for (const round of rounds.data?.rounds ?? []) {
    const r = round.rows.find((x) => x.village === village)
    if (r) points.push({ key: round.day, label: shortDay(round.day), value: r[measure], text: measure === 'rate' ? percent(r.rate) : String(r.registered) })
  }
  if (row && rounds.data) points.push({ key: 'now', label: '现在', value: row[measure], text: measure === 'rate' ? percent(row.rate) : String(row.registered), current: true })

  return (
    <View className='village'>
      <View className='card'>
        <View className='card__title'>
          {village}
          <Text className='village__town'>（{town}）</Text>
        </View>
        <LoadState what='完成情况' loading={ranking.loading && !ranking.data} error={ranking.error} onRetry={ranking.reload} />
        {row && (
          <View>
            <View className='village__stats'>
              <View className='village__stat'>
                <Text className='village__stat-label'>名次</Text>
                <Text className='village__figure'>{row.rank}/{ranking.data!.rows.length}</Text>
              </View>
              <View className='village__stat'>
                <Text className='village__stat-label'>已登记/任务数</Text>
                <Text className='village__figure'>
                  {row.registered}/{row.quota}
                </Text>
              </View>
              <View className='village__stat'>
                <Text className='village__stat-label'>完成率</Text>
                <Text className='village__figure'>{percent(row.rate)}</Text>
              </View>
            </View>
            {row.flag && <View className={`village__flag village__flag--${row.flag}`}>{FLAG_LABELS[row.flag]}</View>}
            <View className='admin__note'>
              较上轮：{row.change ? `名次${rankChange(row.change.rank)}，登记${countChange(row.change.registered)}` : '—（还没有上一轮督查）'}
            </View>
          </View>
        )}
      </View>

      <View className='card'>
        <View className='card__title'>各干部登记数</View>
        <LoadState what='干部登记数' loading={cadres.loading && !cadres.data} error={cadres.error} onRetry={cadres.reload} />
        {cadres.data && cadres.data.rows.length === 0 && <View className='muted'>还没有干部在本村(社区)登记联系人。</View>}
        {cadres.data?.rows.map((c) => (
          <View key={c.openid} className='admin__row village__cadre'>
            <Text>{c.name}</Text>
            <Text className='village__cadre-count'>{c.registered} 个</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <View className='card__title'>历次督查</View>
        <View className='admin__segments'>
          <View className={`admin__segment${measure === 'registered' ? ' admin__segment--on' : ''}`} onClick={() => setMeasure('registered')}>
            已登记
          </View>
          <View className={`admin__segment${measure === 'rate' ? ' admin__segment--on' : ''}`} onClick={() => setMeasure('rate')}>
            完成率
          </View>
        </View>
        <LoadState what='历次督查' loading={rounds.loading && !rounds.data} error={rounds.error} onRetry={rounds.reload} />
        {rounds.data && row && (
          <TrendChart
            points={points}
            reference={measure === 'rate' ? { value: 1, label: '100%' } : { value: row.quota, label: `任务数 ${row.quota}` }}
            emptyText='还没有督查记录。'
          />
        )}
        {rounds.data && rounds.data.rounds.length === 0 && <View className='admin__note'>还没有督查记录，图中只有现在的数字。</View>}
      </View>

      <UnassignedHouseholds town={town} village={village} onChanged={cadres.reload} />

      {row && <QuotaEditor town={town} village={village} quota={row.quota} onChanged={ranking.reload} />}

      <View className='card'>
        <View className='card__title'>联系人表格</View>
        <View className='admin__note'>按附件2“电话号码收集表”的格式导出本村(社区)登记的全部联系人。</View>
        <ExportAction
          label='导出本村(社区)联系人'
          fileName={`${village}联系人.xlsx`}
          warning={CONTACTS_EXPORT_WARNING}
          run={() => callCloud('contacts', { action: 'exportXlsx', town, village })}
        />
      </View>
    </View>
  )
}

/** The village of the query, if the town (the page's scope: the query's for a county admin) has it. */
function VillageOfTown({ village }: { village: string }) {
  const { town } = useAdminScope()
  const units = useTownUnits(town)
  if (!units.data) return <View className='card'><LoadState what='村(社区)' loading={units.loading} error={units.error} onRetry={units.reload} /></View>
  if (!units.data.some((u) => u.name === village)) {
    return (
      <View className='card'>
        <View className='card__title'>没有这个村(社区)</View>
        <View>{town}没有“{village || '（空）'}”，请从排名表中点选村(社区)。</View>
      </View>
    )
  }
  return <VillageView town={town} village={village} />
}

/** One village: its figures, its cadres' counts, its trend over the rounds, its unassigned households, its quota, its contacts sheet. */
export default function VillagePage() {
  const router = useRouter()
  return (
    <AdminPage current={null}>
      <VillageOfTown village={villageParam(router?.params?.village)} />
    </AdminPage>
  )
}
