import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { createContext, useContext, useState, type ReactNode } from 'react'
import type { Whoami } from '../../../core/contract'
import { DEFAULT_TOWN } from '../../../core/towns'
import { townName } from '../../../services/town-choice'
import { useWhoami } from '../../../services/whoami'
import { TownSelect } from './town-select'
import './admin.css'

/** The admin subpackage's pages, as the tabs at the top of each of them; `county`: county admins only. */
export const ADMIN_PAGES = [
  { key: 'ranking', label: '排名', url: '/packages/admin/ranking/index', county: false },
  { key: 'indicators', label: '民意指标', url: '/packages/admin/indicators/index', county: false },
  { key: 'visits', label: '入户走访', url: '/packages/admin/visits/index', county: false },
  { key: 'concerns', label: '群众诉求', url: '/packages/admin/concerns/index', county: false },
  { key: 'inspections', label: '督查', url: '/packages/admin/inspections/index', county: false },
  { key: 'people', label: '干部邀请', url: '/packages/admin/people/index', county: false },
  { key: 'content', label: '公开信', url: '/packages/admin/content/index', county: false },
  { key: 'exports', label: '导出清除', url: '/packages/admin/exports/index', county: false },
  { key: 'campaigns', label: '测评年度', url: '/packages/admin/campaigns/index', county: false },
  { key: 'county', label: '全县排名', url: '/packages/admin/county/index', county: true },
  { key: 'towns', label: '乡镇管理', url: '/packages/admin/towns/index', county: true }
] as const
export type AdminPageKey = (typeof ADMIN_PAGES)[number]['key']

export const villageUrl = (town: string, village: string) =>
  `/packages/admin/village/index?town=${encodeURIComponent(town)}&village=${encodeURIComponent(village)}`

/**
 * Which town an admin page works on. A town admin's is fixed (their own); a county admin picks one
 * (the default town at first, then the last one picked, kept on the device across pages).
 */
export interface AdminScope {
  who: Whoami
  town: string
  /** A county admin: every town, town admins' invites, the county's pages. */
  county: boolean
  /** County admins only (a town admin's is fixed): work on another town from now on. */
  setTown: (town: string) => void
}

const ScopeContext = createContext<AdminScope | null>(null)

/** The scope of the admin page this component sits in (inside AdminPage only). */
export function useAdminScope(): AdminScope {
  const scope = useContext(ScopeContext)
  if (!scope) throw new Error('useAdminScope outside AdminPage')
  return scope
}

const TOWN_KEY = 'admin-town'
function rememberedTown(): string | null {
  try {
    return townName(Taro.getStorageSync(TOWN_KEY))
  } catch {
    return null
  }
}
function rememberTown(town: string): void {
  try {
    Taro.setStorageSync(TOWN_KEY, town)
  } catch {
    // The choice then lasts for this page only.
  }
}

/** A county admin's town: a page opened with `?town=` (a row of the county ranking), else the last picked. */
function useCountyTown(): [string, (town: string) => void] {
  const linked = townName(useRouter()?.params?.town)
  const [town, setTown] = useState(() => {
    if (linked) rememberTown(linked)
    return linked ?? rememberedTown() ?? DEFAULT_TOWN
  })
  return [
    town,
    (t: string) => {
      rememberTown(t)
      setTown(t)
    }
  ]
}

const isAdmin = (who: Whoami | null): who is Whoami => who?.role === 'admin' || who?.role === 'townAdmin'

/**
 * Every admin page: asks who this is first and renders its content for county and town admins only
 * (the functions refuse anyone else anyway; this says so in words). `townless` pages are the county's
 * (no town picker). Sibling pages replace each other, so the page stack never grows past WeChat's
 * limit however often the tabs are used.
 */
export function AdminPage({ current, townless = false, children }: { current: AdminPageKey | null; townless?: boolean; children: ReactNode }) {
  const { who, loading } = useWhoami()
  const [countyTown, setCountyTown] = useCountyTown()
  if (loading) return <View className='card admin__wait'>正在确认身份…</View>
  if (!isAdmin(who)) {
    return (
      <View className='card'>
        <View className='card__title'>仅限管理员使用</View>
        <View>这里是综治民调工作的管理页面（各村(社区)完成情况、排名、督查和邀请码），供县和乡镇(街道)综治办使用。如需使用，请联系县或乡镇(街道)综治办。</View>
        <Button className='btn btn--primary admin__home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
      </View>
    )
  }
  const county = who.role === 'admin'
  const page = ADMIN_PAGES.find((p) => p.key === current)
  if (!county && (page?.county || !who.town)) {
    return (
      <View className='card'>
        <View className='card__title'>仅限县级管理员使用</View>
        <View>{who.town ? `您是${who.town}的管理员，可以管理本乡镇(街道)的工作。` : '您的账号没有关联乡镇(街道)，请联系县综治办。'}</View>
        <Button className='btn btn--primary admin__home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
      </View>
    )
  }
  const scope: AdminScope = { who, town: county ? countyTown : who.town!, county, setTown: county ? setCountyTown : () => undefined }
  return (
    <ScopeContext.Provider value={scope}>
      <View className='admin'>
        <View className='admin__tabs'>
          {ADMIN_PAGES.filter((p) => county || !p.county).map((p) => (
            <View
              key={p.key}
              className={`admin__tab${p.key === current ? ' admin__tab--current' : ''}`}
              onClick={() => {
                if (p.key !== current) Taro.redirectTo({ url: p.url }).catch(() => undefined)
              }}
            >
              {p.label}
            </View>
          ))}
        </View>
        {!townless && (
          <View className='admin__scope'>
            {county ? <TownSelect value={scope.town} onChange={scope.setTown} /> : <View className='admin__scope-town'>{scope.town}</View>}
          </View>
        )}
        {children}
      </View>
    </ScopeContext.Provider>
  )
}

/** Loading and failure of what a card shows, with a retry. Renders nothing once loaded. */
export function LoadState({ loading, error, onRetry, what }: { loading: boolean; error: string | null; onRetry: () => void; what: string }) {
  if (error) {
    return (
      <View className='error-box admin__error'>
        <View>{what}加载失败：{error}</View>
        <Button className='btn btn--small admin__retry' onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (loading) return <View className='admin__loading muted'>正在加载{what}…</View>
  return null
}

/** A failure message under a form or a button. */
export function ErrorNote({ message }: { message: string | null }) {
  return message ? <View className='error-box admin__error'>{message}</View> : null
}

/**
 * For a Button's `disabled`: true, or no attribute at all. Taro's H5 button writes `disabled="false"`
 * for false, which app.css's `.btn[disabled]` still fades; leaving the prop out keeps enabled buttons solid.
 */
export const disabledWhen = (off: boolean): true | undefined => (off ? true : undefined)
