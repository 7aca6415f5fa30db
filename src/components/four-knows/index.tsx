import { Button, View } from '@tarojs/components'
import { fourKnowsFor } from '../../core/content'
import { useCampaign } from '../../services/questionnaire'
import './index.css'

/** 群众"四知": the numbers, the dates, what is asked (with the way to the practice), how to take the call. */
export function FourKnows({ onPractice }: { onPractice: () => void }) {
  // The current campaign's year and dates (the phone's at once, then the fetched one).
  const campaign = useCampaign()
  const items = fourKnowsFor({ ...campaign, questions: campaign.questionnaire.questions.filter((q) => q.kind !== 'note').length })
  return (
    <View className='four-knows'>
      <View className='four-knows__title'>民调“四知”</View>
      {items.map((item) => (
        <View key={item.title} className='four-knows__item'>
          <View className='four-knows__name'>{item.title}</View>
          <View className='four-knows__text'>{item.text}</View>
          {item.title === '知内容' && (
            <Button className='btn btn--secondary four-knows__practice' onClick={onPractice}>
              看看这些题目：练习答题
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}
