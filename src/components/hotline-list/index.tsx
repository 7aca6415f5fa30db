import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HOTLINE_LABEL, HOTLINES } from '../../core/content'
import './index.css'

/** The survey's numbers, so residents recognise the call; a tap dials (the phone asks first). */
export function HotlineList() {
  return (
    <View className='hotline-list'>
      <View className='hotline-list__title'>{HOTLINE_LABEL}</View>
      <View className='hotline-list__hint'>调查电话来自以下号码，来电也可能显示“{HOTLINE_LABEL}”，请放心接听。</View>
      {HOTLINES.map((h) => (
        <View
          key={h.number}
          className='hotline-list__item'
          onClick={() => Taro.makePhoneCall({ phoneNumber: h.number.replace(/-/g, '') }).catch(() => undefined)}
        >
          <Text className='hotline-list__number'>{h.number}</Text>
          <Text className='hotline-list__call'>拨打</Text>
        </View>
      ))}
    </View>
  )
}
