import { View } from '@tarojs/components'
import { OpenLetter } from '../../components/open-letter'
import { SloganList } from '../../components/slogan-list'
import './index.css'

export default function Home() {
  return (
    <View className='home'>
      <OpenLetter />
      <View className='home__heading'>宣传标语</View>
      <SloganList />
    </View>
  )
}
