import Taro, { useDidShow } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import type { Whoami } from '../../../../core/contract'
import { CampaignPrivacyNotice } from '../../../../components/privacy-notice'
import { hasPrivacyConsent, recordPrivacyConsent } from '../../../../services/consent'
import { useCadreWhoami } from '../../../../services/cadre-identity'
import { startOutbox } from '../../../../services/outbox-store'
import { CADRE_PAGES } from '../../shared/routes'
import './index.css'

/** A cadre as the pages need them: always with their village and their name. */
export type Cadre = Whoami & { role: 'cadre'; village: string; name: string }

export function isCadre(who: Whoami | null): who is Cadre {
  return who?.role === 'cadre' && Boolean(who.village) && typeof who.name === 'string'
}

const goHome = () => Taro.reLaunch({ url: '/pages/index/index' })

interface Props {
  children: (cadre: Cadre, reload: () => void) => ReactNode
  /** What a resident or an admin sees; by default "仅限干部" with the way to the invite code. */
  other?: (who: Whoami, reload: () => void) => ReactNode
}

/**
 * What every cadre page sits behind: the privacy guide accepted on this device (residents' numbers
 * are typed in here), then the caller's role from the `user` function.
 */
export function CadreGate({ children, other }: Props) {
  const [consented, setConsented] = useState(hasPrivacyConsent)
  const [declined, setDeclined] = useState(false)
  const { who, loading, offline, reload } = useCadreWhoami()
  // Whatever waits on the phone goes when a cadre page opens or comes back into view.
  useEffect(() => startOutbox(), [])
  useDidShow(() => startOutbox())

  if (!consented) {
    if (declined) {
      return (
        <View className='card cadre-gate'>
          <View className='card__title'>未同意隐私保护指引</View>
          <View className='cadre-gate__text'>干部工作台会登记居民的姓名和电话号码，需要先同意隐私保护指引。公开信、宣传标语和调查热线仍然可以随时查看。</View>
          <Button className='btn btn--primary' onClick={() => setDeclined(false)}>
            重新阅读隐私保护指引
          </Button>
          <Button className='btn btn--secondary' onClick={goHome}>
            返回首页
          </Button>
        </View>
      )
    }
    return (
      <CampaignPrivacyNotice
        lead='登记住户电话前，请先了解这些信息会如何使用、谁能看到、保存多久。'
        onAgree={() => {
          recordPrivacyConsent()
          setConsented(true)
        }}
        onDecline={() => setDeclined(true)}
      />
    )
  }

  if (loading) return <View className='card cadre-gate cadre-gate--wait'>正在确认身份…</View>
  if (!who) {
    return (
      <View className='card cadre-gate'>
        <View className='card__title'>无法确认身份</View>
        <View className='cadre-gate__text'>网络不稳定，请稍后重试。</View>
        <Button className='btn btn--primary' onClick={reload}>
          重试
        </Button>
      </View>
    )
  }
  if (isCadre(who)) {
    return (
      <>
        {offline && (
          <View className='notice notice--warn cadre-gate__offline'>
            现在没有网络。登记、走访和答复会先存在本手机上，有网络后自动上传。
          </View>
        )}
        {children(who, reload)}
      </>
    )
  }
  if (other) return <>{other(who, reload)}</>
  return (
    <View className='card cadre-gate'>
      <View className='card__title'>仅限村(社区)干部使用</View>
      <View className='cadre-gate__text'>村(社区)干部请先在“干部工作台”输入街道发放的邀请码。</View>
      <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: CADRE_PAGES.hub })}>
        输入邀请码
      </Button>
      <Button className='btn btn--secondary' onClick={goHome}>
        返回首页
      </Button>
    </View>
  )
}
