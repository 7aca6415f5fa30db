import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { DEFAULT_TOWN } from '../../core/towns'
import { FourKnows } from '../../components/four-knows'
import { HotlineList } from '../../components/hotline-list'
import { LocalIdentity } from '../../components/local-identity'
import { OpenLetter } from '../../components/open-letter'
import { ResidentPage } from '../../components/resident-page'
import { SloganBanner } from '../../components/slogan-banner'
import { SloganList } from '../../components/slogan-list'
import { TownPicker } from '../../components/town-picker'
import { TypeSize } from '../../components/type-size'
import { chooseTown, chosenTown, townHomePath, townName, townQuery } from '../../services/town-choice'
import { useTownContent, useTowns } from '../../services/towns'
import { useWhoami } from '../../services/whoami'
import './index.css'

const openPractice = () => Taro.navigateTo({ url: '/pages/survey/index' })
const openConcern = () => Taro.navigateTo({ url: '/pages/concern/index' })
const openInterview = () => Taro.navigateTo({ url: '/packages/cadre/interview/index' })
// The cadre hub also shows non-cadres the invite-code form: it is how a cadre joins.
const openCadreHub = () => Taro.navigateTo({ url: '/packages/cadre/home/index' })
const openAdmin = () => Taro.navigateTo({ url: '/packages/admin/ranking/index' })
const openCounty = () => Taro.navigateTo({ url: '/packages/admin/county/index' })

/** The town this visit is about: a shared link's `?town=` (remembered from now on), else the device's choice. */
function useResidentTown(): [string | null, (town: string) => void] {
  const linked = townName(useRouter()?.params?.town)
  const [town, setTown] = useState<string | null>(() => linked ?? chosenTown())
  useEffect(() => {
    if (!linked) return
    chooseTown(linked)
    setTown(linked)
  }, [linked])
  const choose = (t: string) => {
    chooseTown(t)
    setTown(t)
  }
  return [town, choose]
}

export default function Home() {
  const { who, reload } = useWhoami()
  const [town, choose] = useResidentTown()
  const shown = town ?? DEFAULT_TOWN
  const towns = useTowns()
  const letter = useTownContent(shown)
  const content = letter.content
  const title = content?.letter.title ? `${content.letter.title}：${shown}致人民群众的一封公开信` : `${shown}致人民群众的一封公开信`
  // One town in the county, already shown: nothing to choose.
  const offerChoice = towns.data !== null && (towns.data.length > 1 || (town !== null && !towns.data.includes(town)))

  useEffect(() => {
    // WeChat's `menus` (chat and Moments) is missing from Taro's typing of showShareMenu.
    if (process.env.TARO_ENV === 'weapp') Taro.showShareMenu({ withShareTicket: false, menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option)
  }, [])
  // A shared card opens the same town's letter for whoever taps it.
  useShareAppMessage(() => ({ title, path: townHomePath(shown) }))
  useShareTimeline(() => ({ title, query: townQuery(shown) }))

  const isAdmin = who?.role === 'admin' || who?.role === 'townAdmin'
  return (
    <ResidentPage className='home' switchAt='none'>
      {content && <SloganBanner slogans={content.slogans} />}
      <TypeSize />
      {offerChoice && <TownPicker towns={towns.data ?? []} value={town} onChange={choose} />}
      <View className='home__entries'>
        <Button className='btn btn--primary home__practice' onClick={openPractice}>
          练习答题
        </Button>
        <View className='home__entries-note'>和真实调查一样的14道题，按您的真实感受作答，不评分。</View>
        <Button className='btn btn--secondary' onClick={openConcern}>
          反映问题 · 我的反映
        </Button>
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
        {isAdmin && (
          <Button className='btn btn--secondary' onClick={openAdmin}>
            管理后台
          </Button>
        )}
        {who?.role === 'admin' && (
          <Button className='btn btn--secondary' onClick={openCounty}>
            全县乡镇排名
          </Button>
        )}
      </View>
      <HotlineList />
      <FourKnows onPractice={openPractice} />
      {content ? (
        <>
          {letter.builtIn && <View className='muted home__built-in'>暂时连不上网络，以下是小程序内置的{shown}公开信。</View>}
          <OpenLetter letter={content.letter} />
          <View className='home__heading'>宣传标语</View>
          <SloganList slogans={content.slogans} />
        </>
      ) : (
        <View className='card home__letter-state'>
          {letter.unwritten ? (
            <View>{shown}的公开信和宣传标语正在准备中，请稍后再来看看。调查热线和练习答题可以随时使用。</View>
          ) : letter.error ? (
            <>
              <View>暂时无法显示{shown}的公开信和宣传标语：{letter.error}</View>
              <Button className='btn btn--secondary home__retry' onClick={letter.reload}>
                重试
              </Button>
            </>
          ) : (
            <View className='muted'>正在加载{shown}的公开信…</View>
          )}
        </View>
      )}
      {who?.role === 'resident' && (
        <View className='home__join' onClick={openCadreHub}>
          我是村(社区)干部,输入邀请码
        </View>
      )}
      {LOCAL_CLOUD && <LocalIdentity onChanged={reload} />}
    </ResidentPage>
  )
}
