import { View } from '@tarojs/components'
import { questionNumber, type Progress, type Questionnaire } from '../../core/questionnaire'
import './index.css'

/** "第3题 · 已答 2/12": the total grows when an answer opens a follow-up question. */
export function SurveyProgress({ current, progress, questionnaire }: { current: string | null; progress: Progress; questionnaire?: Questionnaire }) {
  // A note has no number (questionNumber 0): only the count shows.
  const n = current ? questionNumber(current, questionnaire) : 0
  const where = n ? `第${n}题 · ` : ''
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
