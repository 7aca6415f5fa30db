import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { CLAIMS_PER_DAY, type ContactItem } from '../../../core/contract'
import { callCloud } from '../../../services/cloud-staff'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { ContactCard } from '../components/contact-card'
import { ContactEditor } from '../components/contact-editor'
import { CADRE_PAGES, interviewUrl } from '../shared/routes'
import './index.css'

const PAGE_SIZE = 20

interface Listing {
  contacts: ContactItem[]
  total: number
  /** The next page to ask for. */
  page: number
  /** The search these results answer. */
  search: string
  /** Only the households nobody holds (待认领). */
  unassigned: boolean
}

/**
 * The village's registered households, newest first, searchable, twenty at a time; the ones nobody
 * holds (their cadre left, or an admin registered them) can be claimed (认领).
 */
function ContactList({ cadre }: { cadre: Cadre }) {
  const [query, setQuery] = useState('')
  const [listing, setListing] = useState<Listing | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [phones, setPhones] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const generation = useRef(0)
  // Back from a mock call's interview screen: the list reloads, showing the household's new outcome.
  const called = useRef(false)

  const load = useCallback(async (search: string, page: number, before: ContactItem[], unassigned = false) => {
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    const res = await callCloud('contacts', { action: 'list', page, pageSize: PAGE_SIZE, ...(search ? { search } : {}), ...(unassigned ? { unassigned } : {}) })
    // A newer search was started meanwhile: this answer is stale.
    if (mine !== generation.current) return
    setLoading(false)
    if (!res.ok) return setError(res.message)
    // A page may repeat a contact when someone registered meanwhile: keep each once.
    const seen = new Set(before.map((c) => c.id))
    setListing({ contacts: [...before, ...res.data.contacts.filter((c) => !seen.has(c.id))], total: res.data.total, page: page + 1, search, unassigned })
  }, [])

  useEffect(() => {
    load('', 0, [])
  }, [load])
  useDidShow(() => {
    if (!called.current) return
    called.current = false
    load(listing?.search ?? '', 0, [], listing?.unassigned ?? false)
  })

  const onlyUnassigned = listing?.unassigned ?? false
  const runSearch = (text: string, unassigned = onlyUnassigned) => {
    setEditing(null)
    load(text.trim(), 0, [], unassigned)
  }

  const claim = async (item: ContactItem) => {
    const answer = await Taro.showModal({
      title: '认领这户？',
      content: `${item.phoneMasked}这户将由您负责（包户责任人改为${cadre.name}），之后可以显示号码、修改。每人每天最多认领${CLAIMS_PER_DAY}户。`,
      confirmText: '认领',
      cancelText: '不认领'
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    setBusy(item.id)
    const res = await callCloud('contacts', { action: 'reassign', ids: [item.id], to: cadre.openid })
    setBusy(null)
    if (!res.ok) return Taro.showModal({ title: '没有认领', content: res.message, showCancel: false }).catch(() => undefined)
    Taro.showToast({ title: '已认领', icon: 'success' }).catch(() => undefined)
    // Reloaded: the household now shows in full, as the caller's.
    load(listing?.search ?? '', 0, [], onlyUnassigned)
  }

  const reveal = async (item: ContactItem) => {
    setBusy(item.id)
    const res = await callCloud('contacts', { action: 'reveal', id: item.id })
    setBusy(null)
    if (!res.ok) return Taro.showModal({ title: '无法显示号码', content: res.message, showCancel: false }).catch(() => undefined)
    setPhones((p) => ({ ...p, [item.id]: res.data.phone }))
  }
  /**
   * 模拟民调 from the list: the number is revealed as 显示号码 reveals it (the same audited call, once
   * per household on screen), dialled, then the interview screen opens for this household, whose
   * outcome the list shows afterwards. A cancelled dial opens nothing.
   */
  const mockCall = async (item: ContactItem) => {
    let phone = phones[item.id]
    if (!phone) {
      setBusy(item.id)
      const res = await callCloud('contacts', { action: 'reveal', id: item.id })
      setBusy(null)
      if (!res.ok) return Taro.showModal({ title: '无法拨打', content: res.message, showCancel: false }).catch(() => undefined)
      phone = res.data.phone
      setPhones((p) => ({ ...p, [item.id]: res.data.phone }))
    }
    const dialled = await Taro.makePhoneCall({ phoneNumber: phone.replace(/-/g, '') }).then(
      () => true,
      () => false
    )
    if (!dialled) return
    called.current = true
    Taro.navigateTo({ url: interviewUrl(item) }).catch(() => undefined)
  }

  const hide = (item: ContactItem) =>
    setPhones((p) => {
      const { [item.id]: _hidden, ...rest } = p
      return rest
    })

  const remove = async (item: ContactItem) => {
    const answer = await Taro.showModal({
      title: '删除这户？',
      content: `${item.name} ${item.phoneMasked} 将从本村名单中删除，本村登记数减少1户。`,
      confirmText: '删除',
      confirmColor: '#c8161d',
      cancelText: '不删除'
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    setBusy(item.id)
    const res = await callCloud('contacts', { action: 'remove', id: item.id })
    setBusy(null)
    if (!res.ok) return Taro.showModal({ title: '没有删除', content: res.message, showCancel: false }).catch(() => undefined)
    hide(item)
    setListing((l) => l && { ...l, contacts: l.contacts.filter((c) => c.id !== item.id), total: Math.max(0, l.total - 1) })
    Taro.showToast({ title: '已删除', icon: 'success' }).catch(() => undefined)
  }

  const saved = (before: ContactItem, after: ContactItem) => {
    setEditing(null)
    hide(before)
    setListing((l) => l && { ...l, contacts: l.contacts.map((c) => (c.id === before.id ? after : c)) })
    Taro.showToast({ title: '已修改', icon: 'success' }).catch(() => undefined)
  }

  const searching = Boolean(listing?.search)
  return (
    <View className='contacts'>
      <View className='contacts__search'>
        <Input
          className='contacts__search-input'
          name='search'
          type='text'
          confirmType='search'
          value={query}
          placeholder='姓名或尾号4位'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={(e) => runSearch(e.detail.value)}
        />
        <Button className='btn btn--small contacts__search-button' onClick={() => runSearch(query)}>
          搜索
        </Button>
      </View>
      <View className='contacts__filter'>
        <Button className={`btn btn--small contacts__filter-button${onlyUnassigned ? ' contacts__filter-button--on' : ''}`} onClick={() => runSearch(query, !onlyUnassigned)}>
          {onlyUnassigned ? '显示全部住户' : '只看待认领'}
        </Button>
      </View>
      <View className='contacts__note'>可按完整姓名、尾号4位或完整号码搜索。号码部分隐藏：您负责的住户可以“显示号码”或“拨打并记录模拟民调”，每次显示完整号码都会被记录。别人负责的住户只能按尾号4位找到。</View>
      {listing && (
        <View className='contacts__total'>
          {searching ? `“${listing.search}”找到 ${listing.total} 户` : `${cadre.village}${onlyUnassigned ? '待认领' : '共'} ${listing.total} 户`}
          {searching && (
            <Button
              className='btn btn--small contacts__clear'
              onClick={() => {
                setQuery('')
                runSearch('')
              }}
            >
              显示全部
            </Button>
          )}
        </View>
      )}
      {listing && listing.total === 0 && !loading && (
        <View className='card contacts__empty'>
          {searching ? '没有找到，请换个姓名或号码试试。' : onlyUnassigned ? '本村没有待认领的住户。' : '本村还没有登记的住户。'}
          {!searching && !onlyUnassigned && (
            <Button className='btn btn--primary contacts__first' onClick={() => Taro.navigateTo({ url: CADRE_PAGES.register })}>
              登记第一户
            </Button>
          )}
        </View>
      )}
      {listing?.contacts.map((item) =>
        editing === item.id ? (
          <ContactEditor key={item.id} item={item} onSaved={(after) => saved(item, after)} onCancel={() => setEditing(null)} />
        ) : (
          <ContactCard
            key={item.id}
            item={item}
            phone={phones[item.id]}
            busy={busy === item.id}
            onReveal={() => reveal(item)}
            onHide={() => hide(item)}
            onEdit={() => setEditing(item.id)}
            onRemove={() => remove(item)}
            onClaim={() => claim(item)}
            onCall={() => mockCall(item)}
          />
        )
      )}
      {error && (
        <View className='card'>
          <View className='contacts__error'>{error}</View>
          <Button className='btn btn--secondary' onClick={() => load(listing?.search ?? '', listing?.page ?? 0, listing?.contacts ?? [], onlyUnassigned)}>
            重试
          </Button>
        </View>
      )}
      {loading && <View className='contacts__loading'>正在读取…</View>}
      {listing && !loading && listing.contacts.length < listing.total && (
        <View className='contacts__more'>
          <Button className='btn btn--secondary' onClick={() => load(listing.search, listing.page, listing.contacts, listing.unassigned)}>
            加载更多（已显示 {listing.contacts.length}/{listing.total}）
          </Button>
        </View>
      )}
    </View>
  )
}

export default function ContactsPage() {
  return <CadreGate>{(cadre) => <ContactList cadre={cadre} />}</CadreGate>
}
