import Taro from '@tarojs/taro'
import { Button, Input, Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Cadre, Invite } from '../../../core/contract'
import { chinaDate, chinaDateTime, groupedCode } from '../../../components/figures/format'
import { callCloud } from '../../../services/cloud-staff'
import { useTownUnits } from '../../../services/towns'
import { AdminPage, ErrorNote, LoadState, disabledWhen, useAdminScope } from '../shared/admin-page'
import { confirmAction, toast } from '../shared/dialogs'
import { usePagedList } from '../shared/use-paged-list'
import { VillageSelect } from '../shared/village-select'
import './index.css'

const ALL = '全部村(社区)'
const PAGE_SIZE = 20

/** Who an invite is for, in the list and in the message. */
const inviteFor = (invite: Invite) => (invite.role === 'townAdmin' ? `${invite.town ?? ''}乡镇管理员` : invite.role === 'admin' ? '县级管理员' : (invite.village ?? ''))

/** What the admin pastes into the village's chat group with the code (or sends to the new town admin). */
function inviteMessage(invite: Invite): string {
  if (invite.role === 'townAdmin') {
    return (
      `【平安民调】${invite.town}管理员邀请码：${invite.code}\n` +
      `请在微信中打开“平安民调”小程序，在“干部工作台”输入邀请码和您的真实姓名，成为${invite.town}的管理员，即可管理本乡镇(街道)的村(社区)、公开信、干部邀请和排名。` +
      `邀请码可供${invite.maxUses}人使用，${chinaDate(invite.expiresAt)}前有效，请勿转给他人。`
    )
  }
  return (
    `【平安民调】${invite.village}干部邀请码：${invite.code}\n` +
    `请在微信中打开“平安民调”小程序，输入邀请码和您的真实姓名，登记为${invite.village}的干部，即可登记包户联系人、开展模拟民调。` +
    `邀请码可供${invite.maxUses}人使用，${chinaDate(invite.expiresAt)}前有效，请勿转给本村(社区)干部以外的人。`
  )
}

type InviteStatus = 'active' | 'revoked' | 'expired' | 'used'
const STATUS_LABELS: Record<InviteStatus, string> = { active: '有效', revoked: '已撤销', expired: '已过期', used: '已用完' }

function statusOf(invite: Invite, now: number): InviteStatus {
  if (invite.revoked) return 'revoked'
  if (new Date(invite.expiresAt).getTime() <= now) return 'expired'
  if (invite.uses >= invite.maxUses) return 'used'
  return 'active'
}

const copy = (data: string) =>
  Taro.setClipboardData({ data })
    .then(() => toast('已复制'))
    .catch(() => undefined)

type InviteKind = 'cadre' | 'townAdmin'

function CreateInvite({ onCreated }: { onCreated: () => void }) {
  const { town, county } = useAdminScope()
  const [kind, setKind] = useState<InviteKind>('cadre')
  const [village, setVillage] = useState<string | null>(null)
  const [maxUses, setMaxUses] = useState('20')
  const [days, setDays] = useState('7')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [invite, setInvite] = useState<Invite | null>(null)

  const create = async () => {
    setError(null)
    if (kind === 'cadre' && !village) return setError('请选择村(社区)')
    setBusy(true)
    // Empty boxes are numbers the contract refuses ("…应为数字"), with its own Chinese message.
    const numbers = { maxUses: Number(maxUses.trim() || NaN), expiresInDays: Number(days.trim() || NaN) }
    const res = await callCloud(
      'user',
      kind === 'townAdmin' ? { action: 'createInvite', role: 'townAdmin', town, ...numbers } : { action: 'createInvite', town, village: village ?? undefined, ...numbers }
    )
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setInvite(res.data)
    onCreated()
  }

  return (
    <View className='card'>
      <View className='card__title'>生成邀请码</View>
      {county && (
        <View className='admin__segments'>
          <View className={`admin__segment${kind === 'cadre' ? ' admin__segment--on' : ''}`} onClick={() => setKind('cadre')}>
            村(社区)干部
          </View>
          <View className={`admin__segment${kind === 'townAdmin' ? ' admin__segment--on' : ''}`} onClick={() => setKind('townAdmin')}>
            乡镇管理员
          </View>
        </View>
      )}
      {kind === 'cadre' ? (
        <>
          <View className='admin__note'>把邀请码发到村(社区)干部群，干部输入后即成为该村(社区)的干部。</View>
          <View className='admin__label'>村(社区)</View>
          <VillageSelect town={town} value={village} noneLabel='请选择村(社区)' onChange={setVillage} />
        </>
      ) : (
        <View className='admin__note'>发给{town}综治办的负责同志：输入后即成为{town}的管理员，只能管理本乡镇(街道)。</View>
      )}
      <View className='people__numbers'>
        <View className='people__number'>
          <View className='admin__label'>可用人数</View>
          <Input className='field people__max-uses' type='number' value={maxUses} onInput={(e) => setMaxUses(e.detail.value)} />
        </View>
        <View className='people__number'>
          <View className='admin__label'>有效天数</View>
          <Input className='field people__days' type='number' value={days} onInput={(e) => setDays(e.detail.value)} />
        </View>
      </View>
      <ErrorNote message={error} />
      <Button className='btn btn--primary people__create' disabled={disabledWhen(busy)} onClick={create}>
        {busy ? '正在生成…' : '生成邀请码'}
      </Button>

      {invite && (
        <View className='people__invite'>
          <View className='people__invite-village'>{invite.role === 'townAdmin' ? `${invite.town}管理员邀请码` : `${invite.village}干部邀请码`}</View>
          <View className='people__code'>{groupedCode(invite.code)}</View>
          <View className='admin__note'>
            可供 {invite.maxUses} 人使用，{chinaDateTime(invite.expiresAt)} 前有效。输入时不区分大小写，空格可有可无。
          </View>
          <Button className='btn btn--primary' onClick={() => copy(invite.code)}>
            复制
          </Button>
          <View className='admin__label'>发到群里的文字</View>
          <View className='people__message'>{inviteMessage(invite)}</View>
          <Button className='btn btn--secondary' onClick={() => copy(inviteMessage(invite))}>
            复制这段文字
          </Button>
        </View>
      )}
    </View>
  )
}

function InviteList({ version }: { version: number }) {
  const { town } = useAdminScope()
  const [village, setVillage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = usePagedList<Invite>(
    (page) =>
      callCloud('user', { action: 'listInvites', town, page, pageSize: PAGE_SIZE, ...(village ? { village } : {}) }).then((r) =>
        r.ok ? { ok: true as const, data: { items: r.data.invites, total: r.data.total } } : r
      ),
    `${town}|${village ?? ''}|${version}`
  )
  const now = Date.now()

  const revoke = async (invite: Invite) => {
    const ok = await confirmAction('撤销邀请码', `撤销后，${groupedCode(invite.code)}（${inviteFor(invite)}）不能再使用；已经用它登记的干部不受影响。`, '撤销')
    if (!ok) return
    setError(null)
    const res = await callCloud('user', { action: 'revokeInvite', code: invite.code })
    if (!res.ok) return setError(res.message)
    toast('已撤销')
    list.reload()
  }

  return (
    <View className='card'>
      <View className='card__title'>邀请码</View>
      <VillageSelect town={town} value={village} noneLabel={ALL} onChange={setVillage} />
      <ErrorNote message={error} />
      <LoadState what='邀请码' loading={list.loading && list.items.length === 0} error={list.error} onRetry={list.reload} />
      {!list.loading && !list.error && list.items.length === 0 && <View className='muted people__empty'>还没有邀请码。</View>}
      {list.items.map((invite) => {
        const status = statusOf(invite, now)
        return (
          <View key={invite.code} className={`people__item people__item--${status}`}>
            <View className='admin__row'>
              <Text className='people__item-code'>{groupedCode(invite.code)}</Text>
              <Text className={`people__status people__status--${status}`}>{STATUS_LABELS[status]}</Text>
            </View>
            <View className='people__item-detail'>
              {inviteFor(invite)} · 已用 {invite.uses}/{invite.maxUses} · {chinaDate(invite.expiresAt)} 到期
            </View>
            {status === 'active' && (
              <Button className='btn btn--small people__revoke' onClick={() => revoke(invite)}>
                撤销
              </Button>
            )}
          </View>
        )
      })}
      {list.hasMore && (
        <Button className='btn btn--small' disabled={disabledWhen(list.loading)} onClick={list.more}>
          {list.loading ? '正在加载…' : `加载更多（共 ${list.total} 个）`}
        </Button>
      )}
    </View>
  )
}

function CadreList() {
  const { town } = useAdminScope()
  const units = useTownUnits(town)
  const names = (units.data ?? []).filter((u) => u.active).map((u) => u.name)
  const [village, setVillage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = usePagedList<Cadre>(
    (page) =>
      callCloud('user', { action: 'listCadres', town, page, pageSize: PAGE_SIZE, ...(village ? { village } : {}) }).then((r) =>
        r.ok ? { ok: true as const, data: { items: r.data.cadres, total: r.data.total } } : r
      ),
    `${town}|${village ?? ''}`
  )

  const revoke = async (cadre: Cadre) => {
    const ok = await confirmAction(
      '撤销干部',
      `撤销后，${cadre.name}不再是${cadre.village}的干部，不能再登记联系人或开展模拟民调；其负责的联系人留在${cadre.village}，待重新指定包户责任人。`,
      '撤销'
    )
    if (!ok) return
    setError(null)
    const res = await callCloud('user', { action: 'revokeCadre', openid: cadre.openid })
    if (!res.ok) return setError(res.message)
    toast(res.data.released ? `已撤销，${res.data.released}户待重新指定` : '已撤销')
    list.reload()
  }

  const move = async (cadre: Cadre, to: string) => {
    const ok = await confirmAction(
      '调整村(社区)',
      `${cadre.name}将从${cadre.village}调到${to}；其在${cadre.village}负责的联系人留在原村(社区)，待重新指定包户责任人。`,
      '调整'
    )
    if (!ok) return
    setError(null)
    const res = await callCloud('user', { action: 'moveCadre', openid: cadre.openid, village: to })
    if (!res.ok) return setError(res.message)
    toast(`已调到${to}`)
    list.reload()
  }

  // Grouped by village, in the town's table order (附件3); newest first within each.
  const order = (units.data ?? []).map((u) => u.name)
  const groups = new Map<string, Cadre[]>()
  for (const c of list.items) groups.set(c.village, [...(groups.get(c.village) ?? []), c])
  const ordered = [...groups].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))

  return (
    <View className='card'>
      <View className='card__title'>干部名单</View>
      <VillageSelect town={town} value={village} noneLabel={ALL} onChange={setVillage} />
      <ErrorNote message={error} />
      <LoadState what='干部名单' loading={list.loading && list.items.length === 0} error={list.error} onRetry={list.reload} />
      {!list.loading && !list.error && list.items.length === 0 && <View className='muted people__empty'>还没有干部。</View>}
      {ordered.map(([name, cadres]) => (
        <View key={name} className='people__group'>
          <View className='people__group-title'>
            {name}（{cadres.length}人）
          </View>
          {cadres.map((c) => (
            <View key={c.openid} className='admin__row people__cadre'>
              <View>
                <View>{c.name}</View>
                <View className='people__item-detail'>{chinaDate(c.since)} 加入</View>
              </View>
              <View className='people__actions'>
                <Picker
                  mode='selector'
                  range={names.filter((v) => v !== c.village)}
                  onChange={(e) => move(c, names.filter((v) => v !== c.village)[Number(e.detail.value)])}
                >
                  <Button className='btn btn--small people__move'>调村</Button>
                </Picker>
                <Button className='btn btn--small people__revoke' onClick={() => revoke(c)}>
                  撤销
                </Button>
              </View>
            </View>
          ))}
        </View>
      ))}
      {list.hasMore && (
        <Button className='btn btn--small' disabled={disabledWhen(list.loading)} onClick={list.more}>
          {list.loading ? '正在加载…' : `加载更多（共 ${list.total} 人）`}
        </Button>
      )}
    </View>
  )
}

function PeopleView() {
  // A new invite shows at the top of the list at once.
  const [version, setVersion] = useState(0)
  return (
    <View className='people'>
      <CreateInvite onCreated={() => setVersion((v) => v + 1)} />
      <InviteList version={version} />
      <CadreList />
    </View>
  )
}

/** Invites for the villages' cadres (and, by a county admin, for town admins), and the cadres themselves. */
export default function PeoplePage() {
  return (
    <AdminPage current='people'>
      <PeopleView />
    </AdminPage>
  )
}
