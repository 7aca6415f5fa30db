import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Whoami } from '../../../core/contract'
import { useWhoami } from '../../../services/whoami'
import './inspector.css'

/** Inspectors score; town and county admins may open the same screens (the function decides what each may do). */
export function canInspect(who: Whoami | null): who is Whoami {
  return who?.role === 'inspector' || who?.role === 'townAdmin' || who?.role === 'admin'
}

/** What every inspector page sits behind: the caller's role from the `user` function. */
export function InspectorGate({ children }: { children: (who: Whoami) => ReactNode }) {
  const { who, loading, reload } = useWhoami()
  if (loading) return <View className='card inspector__wait'>正在确认身份…</View>
  if (canInspect(who)) return <>{children(who)}</>
  return (
    <View className='card'>
      <View className='card__title'>{who ? '仅限督查人员使用' : '无法确认身份'}</View>
      <View className='inspector__text'>
        {who ? '这里是督查评分页面，供街道督查组使用。督查人员请先在“干部工作台”输入街道发放的邀请码。' : '网络不稳定，请稍后重试。'}
      </View>
      {who ? (
        <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/cadre/home/index' }).catch(() => undefined)}>
          输入邀请码
        </Button>
      ) : (
        <Button className='btn btn--primary' onClick={reload}>
          重试
        </Button>
      )}
      <Button className='btn btn--secondary' onClick={() => Taro.reLaunch({ url: '/pages/index/index' }).catch(() => undefined)}>
        返回首页
      </Button>
    </View>
  )
}

/** The town the caller's calls name: their own (inspectors, town admins); a county admin's default. */
export const townOf = (who: Whoami): { town?: string } => (who.town ? { town: who.town } : {})
