import { Button, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { REASSIGN_MAX, type Cadre, type ContactItem } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { ErrorNote, LoadState, disabledWhen } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { useCloudData } from '../shared/use-cloud-data'
import { usePagedList } from '../shared/use-paged-list'

const PAGE_SIZE = 20

/**
 * The village's households nobody holds (an admin registered them, or their cadre was revoked or
 * moved), handed to one of the village's cadres: pick households, pick the cadre, 交给… (at most
 * REASSIGN_MAX at once; an admin's hand-overs have no daily limit).
 */
export function UnassignedHouseholds({ town, village, onChanged }: { town: string; village: string; onChanged: () => void }) {
  const [version, setVersion] = useState(0)
  const list = usePagedList<ContactItem>(
    (page) =>
      callCloud('contacts', { action: 'list', town, village, unassigned: true, page, pageSize: PAGE_SIZE }).then((r) =>
        r.ok ? { ok: true as const, data: { items: r.data.contacts, total: r.data.total } } : r
      ),
    `${town}|${village}|${version}`
  )
  const cadres = useCloudData(() => callCloud('user', { action: 'listCadres', town, village, pageSize: 100 }), `listCadres|${town}|${village}`)
  const [selected, setSelected] = useState<string[]>([])
  const [to, setTo] = useState<Cadre | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const choices = cadres.data?.cadres ?? []

  const toggle = (id: string) => {
    setError(null)
    if (selected.includes(id)) return setSelected(selected.filter((x) => x !== id))
    if (selected.length >= REASSIGN_MAX) return setError(`一次最多交接${REASSIGN_MAX}户`)
    setSelected([...selected, id])
  }
  const selectShown = () => setSelected(list.items.slice(0, REASSIGN_MAX).map((c) => c.id))

  const hand = async () => {
    setError(null)
    if (selected.length === 0) return setError('请先点选要交接的住户')
    if (!to) return setError('请选择交给哪位干部')
    const content = `${selected.length}户将交给${to.name}负责（包户责任人改为${to.name}），${to.name}可以查看完整号码。此次交接会记入操作日志。`
    if (!(await confirmAction('交给干部', content, '交给'))) return
    setBusy(true)
    const res = await callCloud('contacts', { action: 'reassign', ids: selected, to: to.openid, town })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    toast(`已交给${res.data.responsible}`)
    setSelected([])
    setVersion((v) => v + 1)
    onChanged()
  }

  return (
    <View className='card'>
      <View className='card__title'>待分配的住户</View>
      <View className='admin__note'>这些住户现在没有包户责任人（管理员登记的，或原负责干部已撤销、调走）。点选住户，再选本村(社区)的干部交给他负责。</View>
      <LoadState what='待分配的住户' loading={list.loading && list.items.length === 0} error={list.error} onRetry={list.reload} />
      {!list.loading && !list.error && list.items.length === 0 && <View className='muted'>本村(社区)没有待分配的住户。</View>}
      {list.items.length > 0 && (
        <View>
          <View className='admin__row'>
            <Text>共 {list.total} 户，已选 {selected.length} 户</Text>
            <Button className='btn btn--small unassigned__all' onClick={selectShown}>
              全选已显示
            </Button>
          </View>
          {list.items.map((c) => {
            const on = selected.includes(c.id)
            return (
              <View key={c.id} className={`admin__row unassigned__item${on ? ' unassigned__item--on' : ''}`} onClick={() => toggle(c.id)}>
                <Text className='unassigned__mark'>{on ? '☑' : '☐'}</Text>
                <Text className='unassigned__name'>{c.name}</Text>
                <Text>{c.phoneMasked}</Text>
                <Text className='muted'>原：{c.responsible}</Text>
              </View>
            )
          })}
          {list.hasMore && (
            <Button className='btn btn--small' disabled={disabledWhen(list.loading)} onClick={list.more}>
              {list.loading ? '正在加载…' : `加载更多（已显示 ${list.items.length}/${list.total}）`}
            </Button>
          )}
          <View className='admin__label'>交给</View>
          <LoadState what='本村(社区)干部' loading={cadres.loading && !cadres.data} error={cadres.error} onRetry={cadres.reload} />
          {cadres.data && choices.length === 0 && <View className='muted'>本村(社区)还没有干部，请先在“干部邀请”页生成邀请码。</View>}
          {choices.length > 0 && (
            <Picker mode='selector' range={choices.map((c) => c.name)} onChange={(e) => setTo(choices[Number(e.detail.value)] ?? null)}>
              <View className='admin__field unassigned__to'>
                <Text>{to?.name ?? '请选择本村(社区)干部'}</Text>
                <Text className='admin__field-change'>点此选择</Text>
              </View>
            </Picker>
          )}
          <ErrorNote message={error} />
          <Button className='btn btn--primary unassigned__hand' disabled={disabledWhen(busy)} onClick={hand}>
            {busy ? '正在交接…' : `交给${to?.name ?? '…'}（${selected.length}户）`}
          </Button>
        </View>
      )}
    </View>
  )
}
