import { View, Text } from '@tarojs/components'
import './index.css'

export default function Index() {
  return (
    <View className='home'>
      <Text>平安民调</Text>
    </View>
  )
}
