import Taro, { useDidShow } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { callCloud } from '../../../services/cloud-staff'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { PendingUploads } from '../components/pending-uploads'
import { RedeemInvite } from '../components/redeem-invite'
import { VillageProgress, type MyVillage } from '../components/village-progress'
import { MY_VILLAGE } from '../shared/calls'
import { CADRE_PAGES } from '../shared/routes'
import './index.css'

const open = (url: string) => () => Taro.navigateTo({ url })

/** 干部工作台: the village's progress against its quota, and the way to every cadre task. */
function Hub({ cadre }: { cadre: Cadre }) {
  const [stats, setStats] = useState<MyVillage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const started = useRef(false)

  const load = useCallback(async () => {
    setError(null)
    const res = await callCloud('stats', MY_VILLAGE)
    if (res.ok) setStats(res.data)
    else setError(res.message)
  }, [])

  useEffect(() => {
    started.current = true
    load()
  }, [load])
  // Back from registering or importing: the figures have changed. (The hub appears only once the
  // caller is known, after the page's first show, so the first load is the effect's.)
  useDidShow(() => {
    if (started.current) load()
  })

  return (
    <View>
      <View className='cadre-home__hello'>
        {cadre.name}，您好！您是{cadre.village}的干部。
      </View>
      <PendingUploads />
      {stats && <VillageProgress stats={stats} />}
      {!stats && !error && <View className='card cadre-home__wait'>正在读取本村进度…</View>}
      {error && (
        <View className='card'>
          <View className='cadre-home__error'>{error}</View>
          <Button className='btn btn--secondary' onClick={load}>
            重新读取
          </Button>
        </View>
      )}
      <View className='cadre-home__actions'>
        <Button className='btn btn--primary cadre-home__register' onClick={open(CADRE_PAGES.register)}>
          登记住户电话
        </Button>
        <Button className='btn btn--secondary' onClick={open(CADRE_PAGES.contacts)}>
          本村登记名单
        </Button>
        <View className='cadre-home__row'>
          <Button className='btn btn--secondary cadre-home__half' onClick={open(CADRE_PAGES.import)}>
            导入Excel
          </Button>
          <Button className='btn btn--secondary cadre-home__half' onClick={open(CADRE_PAGES.export)}>
            导出Excel
          </Button>
        </View>
        <View className='cadre-home__row'>
          <Button className='btn btn--secondary cadre-home__half' onClick={open(CADRE_PAGES.visits)}>
            入户走访
          </Button>
          <Button className='btn btn--secondary cadre-home__half' onClick={open(CADRE_PAGES.concerns)}>
            群众诉求
          </Button>
        </View>
        <Button className='btn btn--secondary' onClick={open(CADRE_PAGES.interview)}>
          模拟民调
        </Button>
        <Button className='btn btn--secondary cadre-home__tasks' onClick={open(CADRE_PAGES.tasks)}>
          整改任务
        </Button>
      </View>
    </View>
  )
}

export default function CadreHome() {
  return (
    <View className='cadre-home'>
      <CadreGate
        other={(who, reload) =>
          who.role === 'admin' || who.role === 'townAdmin' ? (
            <View className='card'>
              <View className='card__title'>{who.role === 'townAdmin' ? `${who.town ?? ''}管理员账号` : '管理员账号'}</View>
              <View>管理员不属于某个村(社区)，无需输入邀请码。</View>
              <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/admin/ranking/index' }).catch(() => undefined)}>
                进入管理后台
              </Button>
              <Button className='btn btn--secondary' onClick={() => Taro.redirectTo({ url: '/packages/admin/inspections/index' }).catch(() => undefined)}>
                督查管理
              </Button>
            </View>
          ) : who.role === 'inspector' ? (
            <View className='card'>
              <View className='card__title'>{who.name ? `${who.name}，您好！` : ''}您是{who.town ?? ''}督查组成员。</View>
              <View>督查人员到现场检查各单位，在这里记录评分和发现的问题，并验收上轮的整改。</View>
              <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/inspector/home/index' }).catch(() => undefined)}>
                督查评分
              </Button>
            </View>
          ) : (
            <RedeemInvite
              onRedeemed={(joined) => {
                Taro.showToast({ title: `已加入${joined.village ?? joined.town ?? ''}`, icon: 'success' }).catch(() => undefined)
                reload()
              }}
            />
          )
        }
      >
        {(cadre) => <Hub cadre={cadre} />}
      </CadreGate>
    </View>
  )
}
