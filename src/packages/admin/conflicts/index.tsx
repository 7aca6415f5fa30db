import { Button, Text, View } from '@tarojs/components'
import type { ConflictItem } from '../../../core/contract'
import { chinaDateTime } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { usePagedList } from '../shared/use-paged-list'
import './index.css'

const PAGE_SIZE = 20

/** Both towns are named: a number may be taken in another town of the county. */
/** A side in another town reaches a town admin as 其他乡镇 with no village. */
const place = (town: string, village: string) => (town && village ? `${village}（${town}）` : village || town)

function ConflictRow({ conflict }: { conflict: ConflictItem }) {
  return (
    <View className='conflicts__item'>
      <View className='admin__row'>
        <Text className='conflicts__phone'>{conflict.phoneMasked}</Text>
        <Text className='conflicts__at'>{chinaDateTime(conflict.at)}</Text>
      </View>
      <View className='conflicts__side conflicts__holder'>
        已登记：{place(conflict.holderTown, conflict.holderVillage)} · 包户责任人 {conflict.holderResponsible}
      </View>
      <View className='conflicts__side conflicts__attempt'>
        又登记：{place(conflict.attemptTown, conflict.attemptVillage)} · {conflict.attemptBy}
      </View>
    </View>
  )
}

function ConflictsView() {
  const { town } = useAdminScope()
  const list = usePagedList<ConflictItem>(
    (page) =>
      callCloud('contacts', { action: 'conflicts', town, page, pageSize: PAGE_SIZE }).then((r) =>
        r.ok ? { ok: true as const, data: { items: r.data.conflicts, total: r.data.total } } : r
      ),
    `conflicts|${town}`
  )
  return (
    <View className='card conflicts'>
      <View className='card__title'>号码冲突{list.total > 0 ? `（共 ${list.total} 次）` : ''}</View>
      <View className='admin__note'>
        同一号码只能登记一次。干部登记已被其他村(社区)登记的号码时，只会看到“该号码已在其他村(社区)登记”；这里列出每一次冲突，号码打码，供核实后协调由哪个村(社区)负责。
      </View>
      <LoadState what='冲突记录' loading={list.loading && list.items.length === 0} error={list.error} onRetry={list.reload} />
      {!list.loading && !list.error && list.items.length === 0 && <View className='muted conflicts__empty'>还没有号码冲突。</View>}
      {list.items.map((c) => (
        <ConflictRow key={c.id} conflict={c} />
      ))}
      {list.hasMore && (
        <Button className='btn btn--small' disabled={disabledWhen(list.loading)} onClick={list.more}>
          {list.loading ? '正在加载…' : `加载更多（共 ${list.total} 次）`}
        </Button>
      )}
    </View>
  )
}

/** Every refused registration of a number already registered, newest first, for the sub-district to settle. */
export default function ConflictsPage() {
  return (
    <AdminPage current={null}>
      <ConflictsView />
    </AdminPage>
  )
}
