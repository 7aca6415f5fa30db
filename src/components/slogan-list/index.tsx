import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import './index.css'

function copy(slogan: string) {
  Taro.setClipboardData({ data: slogan })
    .then(() => Taro.showToast({ title: '已复制', icon: 'success' }))
    .catch(() => undefined)
}

/** A town's slogans, each once, in the order the town gave them; a tap copies one for a chat. */
export function SloganList({ slogans }: { slogans: readonly string[] }) {
  return (
    <View className='slogan-list' aria-label='宣传标语'>
      <View className='slogan-list__hint'>轻点一条标语即可复制，方便转发到群里。</View>
      {slogans.map((slogan, i) => (
        <View key={`${i}-${slogan}`} className='slogan-list__item' onClick={() => copy(slogan)}>
          {slogan}
        </View>
      ))}
    </View>
  )
}
