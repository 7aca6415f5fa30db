import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useWhoami } from '../../../services/whoami'
import './admin.css'

/** The admin subpackage's pages, as the tabs at the top of each of them. */
export const ADMIN_PAGES = [
  { key: 'ranking', label: '排名', url: '/packages/admin/ranking/index' },
  { key: 'indicators', label: '民意指标', url: '/packages/admin/indicators/index' },
  { key: 'people', label: '干部邀请', url: '/packages/admin/people/index' },
  { key: 'exports', label: '导出清除', url: '/packages/admin/exports/index' }
] as const
export type AdminPageKey = (typeof ADMIN_PAGES)[number]['key']

export const villageUrl = (village: string) => `/packages/admin/village/index?village=${encodeURIComponent(village)}`

/**
 * Every admin page: asks who this is first and renders its content for admins only (the functions
 * refuse anyone else anyway; this says so in words). Sibling pages replace each other, so the page
 * stack never grows past WeChat's limit however often the tabs are used.
 */
export function AdminPage({ current, children }: { current: AdminPageKey | null; children: ReactNode }) {
  const { who, loading } = useWhoami()
  if (loading) return <View className='card admin__wait'>正在确认身份…</View>
  if (who?.role !== 'admin') {
    return (
      <View className='card'>
        <View className='card__title'>仅限街道管理员使用</View>
        <View>这里是街道综治民调工作的管理页面（各村(社区)完成情况、排名、督查和邀请码）。如需使用，请联系街道综治办。</View>
        <Button className='btn btn--primary admin__home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
      </View>
    )
  }
  return (
    <View className='admin'>
      <View className='admin__tabs'>
        {ADMIN_PAGES.map((p) => (
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
      {children}
    </View>
  )
}

/** Loading and failure of what a card shows, with a retry. Renders nothing once loaded. */
export function LoadState({ loading, error, onRetry, what }: { loading: boolean; error: string | null; onRetry: () => void; what: string }) {
  if (error) {
    return (
      <View className='admin__error'>
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
  return message ? <View className='admin__error'>{message}</View> : null
}

/**
 * For a Button's `disabled`: true, or no attribute at all. Taro's H5 button writes `disabled="false"`
 * for false, which app.css's `.btn[disabled]` still fades; leaving the prop out keeps enabled buttons solid.
 */
export const disabledWhen = (off: boolean): true | undefined => (off ? true : undefined)
