import { Swiper, SwiperItem, View } from '@tarojs/components'
import './index.css'

/** A town's slogans (附件5 for the seed town) turning like a street banner. */
export function SloganBanner({ slogans }: { slogans: readonly string[] }) {
  if (slogans.length === 0) return null
  return (
    <Swiper className='slogan-banner' autoplay circular interval={4000} duration={600} indicatorDots indicatorColor='rgba(255,255,255,0.4)' indicatorActiveColor='#ffffff'>
      {slogans.map((slogan, i) => (
        <SwiperItem key={`${i}-${slogan}`}>
          <View className='slogan-banner__item'>{slogan}</View>
        </SwiperItem>
      ))}
    </Swiper>
  )
}
