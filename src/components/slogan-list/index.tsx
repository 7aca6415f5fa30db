import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { SLOGANS } from '../../core/content'
import './index.css'

function copy(slogan: string) {
  Taro.setClipboardData({ data: slogan })
    .then(() => Taro.showToast({ title: '已复制', icon: 'success' }))
    .catch(() => undefined)
}

/** 附件5: each distinct slogan once, in the order the plan first prints it; a tap copies it for a chat. */
export function SloganList() {
  return (
    <View className='slogan-list' aria-label='宣传标语'>
      <View className='slogan-list__hint'>轻点一条标语即可复制，方便转发到群里。</View>
      {SLOGANS.map((slogan) => (
        <View key={slogan} className='slogan-list__item' onClick={() => copy(slogan)}>
          {slogan}
        </View>
      ))}
    </View>
  )
}
