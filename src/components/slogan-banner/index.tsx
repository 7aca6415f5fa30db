import { Swiper, SwiperItem, View } from '@tarojs/components'
import { SLOGANS } from '../../core/content'
import './index.css'

/** The slogans of 附件5 turning like a street banner. */
export function SloganBanner() {
  return (
    <Swiper className='slogan-banner' autoplay circular interval={4000} duration={600} indicatorDots indicatorColor='rgba(255,255,255,0.4)' indicatorActiveColor='#ffffff'>
      {SLOGANS.map((slogan) => (
        <SwiperItem key={slogan}>
          <View className='slogan-banner__item'>{slogan}</View>
        </SwiperItem>
      ))}
    </Swiper>
  )
}
