import { View } from '@tarojs/components'
import { paperPosition, positionLabel } from '../../core/questionnaire/explain'
import type { Answers, Questionnaire } from '../../core/questionnaire/types'
import './index.css'

/**
 * "第5题（共14题，已跳过1题）": the paper's number and its fixed total, with the questions skipped so far,
 * so the count never jumps when an answer opens or closes a follow-up. The bar fills with the paper.
 */
export function SurveyProgress({ answers, current, questionnaire }: { answers: Answers; current: string | 'review'; questionnaire?: Questionnaire }) {
  const position = paperPosition(answers, current, questionnaire)
  return (
    <View className='survey-progress'>
      <View className='survey-progress__text'>{positionLabel(position)}</View>
      <View className='survey-progress__track'>
        <View className='survey-progress__bar' style={{ width: `${Math.round(position.ratio * 100)}%` }} />
      </View>
    </View>
  )
}
