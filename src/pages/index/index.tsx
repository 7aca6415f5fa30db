import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useEffect } from 'react'
import { OPEN_LETTER } from '../../core/content'
import { FourKnows } from '../../components/four-knows'
import { HotlineList } from '../../components/hotline-list'
import { LocalIdentity } from '../../components/local-identity'
import { OpenLetter } from '../../components/open-letter'
import { SloganBanner } from '../../components/slogan-banner'
import { SloganList } from '../../components/slogan-list'
import { useWhoami } from '../../services/whoami'
import './index.css'

const SHARE_TITLE = `${OPEN_LETTER.title}：致全街道人民群众的一封公开信`

const openPractice = () => Taro.navigateTo({ url: '/pages/survey/index' })
const openInterview = () => Taro.navigateTo({ url: '/packages/cadre/interview/index' })
// The cadre hub also shows non-cadres the invite-code form: it is how a cadre joins.
const openCadreHub = () => Taro.navigateTo({ url: '/packages/cadre/home/index' })
const openAdmin = () => Taro.navigateTo({ url: '/packages/admin/ranking/index' })

export default function Home() {
  const { who, reload } = useWhoami()

  useEffect(() => {
    // WeChat's `menus` (chat and Moments) is missing from Taro's typing of showShareMenu.
    if (process.env.TARO_ENV === 'weapp') Taro.showShareMenu({ withShareTicket: false, menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option)
  }, [])
  useShareAppMessage(() => ({ title: SHARE_TITLE, path: '/pages/index/index' }))
  useShareTimeline(() => ({ title: SHARE_TITLE }))

  return (
    <View className='home'>
      <SloganBanner />
      <View className='home__entries'>
        <Button className='btn btn--primary home__practice' onClick={openPractice}>
          练习答题
        </Button>
        <View className='home__entries-note'>和真实调查一样的14道题，按您的真实感受作答，不评分。</View>
        {who?.role === 'cadre' && (
          <>
            <Button className='btn btn--secondary' onClick={openCadreHub}>
              干部工作台
            </Button>
            <Button className='btn btn--secondary' onClick={openInterview}>
              模拟民调（干部用）
            </Button>
          </>
        )}
        {who?.role === 'admin' && (
          <Button className='btn btn--secondary' onClick={openAdmin}>
            管理后台
          </Button>
        )}
      </View>
      <HotlineList />
      <FourKnows onPractice={openPractice} />
      <OpenLetter />
      <View className='home__heading'>宣传标语</View>
      <SloganList />
      {who?.role === 'resident' && (
        <View className='home__join' onClick={openCadreHub}>
          我是村(社区)干部,输入邀请码
        </View>
      )}
      {LOCAL_CLOUD && <LocalIdentity onChanged={reload} />}
    </View>
  )
}
