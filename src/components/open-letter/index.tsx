import { Text, View } from '@tarojs/components'
import { OPEN_LETTER } from '../../core/content'
import './index.css'

/** 附件4 laid out as the printed letter: title, greeting, body, closing, senders and date. */
export function OpenLetter() {
  return (
    <View className='open-letter' aria-label='公开信'>
      <View className='open-letter__title'>{OPEN_LETTER.title}</View>
      <View className='open-letter__subtitle'>{OPEN_LETTER.subtitle}</View>
      <View className='open-letter__greeting'>{OPEN_LETTER.greeting}</View>
      <View className='open-letter__paragraph'>{OPEN_LETTER.salutation}</View>
      {OPEN_LETTER.paragraphs.map((p) => (
        <View key={p.slice(0, 12)} className='open-letter__paragraph'>
          {p}
        </View>
      ))}
      <View className='open-letter__paragraph'>{OPEN_LETTER.closing}</View>
      <View className='open-letter__signature'>
        {OPEN_LETTER.senders.map((s) => (
          <Text key={s} className='open-letter__sender'>
            {s}
          </Text>
        ))}
        <Text className='open-letter__date'>{OPEN_LETTER.date}</Text>
      </View>
    </View>
  )
}
