import { View } from '@tarojs/components'
import { questionNumber, type Progress, type QuestionId } from '../../core/questionnaire'
import './index.css'

/** "第3题 · 已答 2/12": the total grows when an answer opens a follow-up question. */
export function SurveyProgress({ current, progress }: { current: QuestionId | null; progress: Progress }) {
  const where = current ? `第${questionNumber(current)}题 · ` : ''
  return (
    <View className='survey-progress'>
      <View className='survey-progress__text'>
        {where}已答 {progress.answered}/{progress.total}
      </View>
      <View className='survey-progress__track'>
        <View className='survey-progress__bar' style={{ width: `${Math.round(progress.ratio * 100)}%` }} />
      </View>
    </View>
  )
}
