import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BOTTOM_COUNT, TOP_COUNT } from '../../../core/ranking'
import { DEFAULT_TOWN } from '../../../core/towns'
import { TOTAL_QUOTA } from '../../../core/villages'
import { chinaDateTime } from '../../../components/figures/format'
import { RankTable } from '../../../components/rank-table'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope, villageUrl } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { CompletionTotal } from '../shared/completion-total'
import { useCloudData } from '../shared/use-cloud-data'
import './index.css'

const ROUND_EXPLAINED =
  '将以当前各村(社区)的登记数和完成率记为本轮督查成绩，此后的名次变化以它为基准。同一天再次督查会替换当天的记录。'

function RankingView() {
  const { town } = useAdminScope()
  const ranking = useCloudData(() => callCloud('stats', { action: 'villages', town }), `villages|${town}`)
  const [taking, setTaking] = useState(false)
  const [roundError, setRoundError] = useState<string | null>(null)
  const data = ranking.data

  const takeRound = async () => {
    if (!(await confirmAction('本轮督查', ROUND_EXPLAINED, '开始督查'))) return
    setTaking(true)
    setRoundError(null)
    const res = await callCloud('stats', { action: 'snapshot', town })
    setTaking(false)
    if (!res.ok) return setRoundError(res.message)
    toast('已记录本轮督查')
    ranking.reload()
  }

  const previous = data?.previousRound
  return (
    <View className='ranking'>
      <View className='card'>
        <View className='card__title'>{town}完成情况</View>
        <LoadState what='排名' loading={ranking.loading && !data} error={ranking.error} onRetry={ranking.reload} />
        {data && (
          <View>
            <CompletionTotal total={data.total} />
            {town === DEFAULT_TOWN && data.total.quota !== TOTAL_QUOTA && <View className='admin__note'>附件3原定任务数合计 {TOTAL_QUOTA}，部分村(社区)的任务数已调整。</View>}
            <View className='ranking__round'>
              {previous
                ? `上次督查：${chinaDateTime(previous.takenAt)}（${previous.takenBy === 'timer' ? '每日自动记录' : '管理员记录'}）`
                : '尚未督查：第一次督查之后，这里显示与上一轮相比的名次和登记数变化。'}
            </View>
          </View>
        )}
        <ErrorNote message={roundError} />
        <Button className='btn btn--primary' disabled={disabledWhen(taking || !data)} onClick={takeRound}>
          {taking ? '正在记录…' : '本轮督查'}
        </Button>
        <View className='admin__note'>按实施方案，9月、10月每10天督查一次。</View>
      </View>

      {data && (
        <View className='ranking__table'>
          <RankTable
            rows={data.rows.map((r) => ({ ...r, name: r.village }))}
            total={data.total}
            onSelect={(village) => Taro.navigateTo({ url: villageUrl(town, village) })}
          />
          <View className='ranking__legend'>
            <View>
              <Text className='ranking__key ranking__key--top'>前五</Text>完成率前{TOP_COUNT}名，
              <Text className='ranking__key ranking__key--bottom'>后三</Text>后{BOTTOM_COUNT}名，并列时同名次。实施方案（六）：每次督查排在前五的优先评先评优，后三位由党工委书记约谈主要负责人。
            </View>
            <View>较上轮：▲名次上升，▼名次下降，+N 为新增登记数；“—”表示还没有上一轮。点击村(社区)查看干部、趋势和任务数。</View>
          </View>
        </View>
      )}
    </View>
  )
}

/** The admin hub: a town's villages ranked by completion against their quotas (附件3), and the inspection rounds. */
export default function RankingPage() {
  return (
    <AdminPage current='ranking'>
      <RankingView />
    </AdminPage>
  )
}
