import { View } from '@tarojs/components'
import { SLOGANS } from '../../core/content'
import './index.css'

/** 附件5: each distinct slogan once, in the order the plan first prints it. */
export function SloganList() {
  return (
    <View className='slogan-list' aria-label='宣传标语'>
      {SLOGANS.map((slogan) => (
        <View key={slogan} className='slogan-list__item'>
          {slogan}
        </View>
      ))}
    </View>
  )
}
