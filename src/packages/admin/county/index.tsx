import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { COUNTY } from '../../../core/towns'
import { BOTTOM_COUNT, TOP_COUNT } from '../../../core/ranking'
import { chinaDateTime } from '../../../components/figures/format'
import { RankTable } from '../../../components/rank-table'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, LoadState } from '../shared/admin-page'
import { CompletionTotal } from '../shared/completion-total'
import { useCloudData } from '../shared/use-cloud-data'
import '../ranking/index.css'

/** A row opens that town's own ranking, with the page's town set to it. */
const townRankingUrl = (town: string) => `/packages/admin/ranking/index?town=${encodeURIComponent(town)}`

function CountyView() {
  const ranking = useCloudData(() => callCloud('towns', { action: 'ranking' }), 'county')
  const data = ranking.data
  return (
    <View className='ranking'>
      <View className='card'>
        <View className='card__title'>{COUNTY}各乡镇(街道)完成情况</View>
        <LoadState what='全县排名' loading={ranking.loading && !data} error={ranking.error} onRetry={ranking.reload} />
        {data && (
          <View>
            <CompletionTotal total={data.total} />
            <View className='ranking__round'>
              {data.previousRound ? `上次督查：${chinaDateTime(data.previousRound.takenAt)}` : '尚未督查：第一次督查之后，这里显示与上一轮相比的名次和登记数变化。'}
            </View>
          </View>
        )}
      </View>
      {data && (
        <View className='ranking__table'>
          <RankTable
            nameLabel='乡镇(街道)'
            rows={data.rows.map((r) => ({ ...r, name: r.town }))}
            total={data.total}
            onSelect={(town) => Taro.navigateTo({ url: townRankingUrl(town) }).catch(() => undefined)}
          />
          <View className='ranking__legend'>
            <View>
              <Text className='ranking__key ranking__key--top'>前五</Text>完成率前{TOP_COUNT}名，
              <Text className='ranking__key ranking__key--bottom'>后三</Text>后{BOTTOM_COUNT}名，并列时同名次。完成率 = 已登记号码 ÷ 任务数（各村(社区)任务数之和）。
            </View>
            <View>较上轮：▲名次上升，▼名次下降，+N 为新增登记数；“—”表示还没有上一轮。点击乡镇(街道)查看其各村(社区)排名。</View>
          </View>
        </View>
      )}
    </View>
  )
}

/** The county's view: its towns ranked by phone-ledger completion (county admins only). */
export default function CountyPage() {
  return (
    <AdminPage current='county' townless>
      <CountyView />
    </AdminPage>
  )
}
