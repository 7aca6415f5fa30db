import { Button, Text, View } from '@tarojs/components'
import { getQuestion, questionNumber, visibleQuestions, type QuestionId, type SurveyState } from '../../core/questionnaire'
import { answerLabels } from '../survey/flow'
import './index.css'

interface Props {
  state: SurveyState
  onEdit: (id: QuestionId) => void
}

/** Every question the respondent was asked, with what they chose, each with a way back to change it. */
export function AnswerReview({ state, onEdit }: Props) {
  return (
    <View className='answer-review'>
      {visibleQuestions(state.answers).map((id) => {
        const labels = answerLabels(state, id)
        return (
          <View key={id} className='answer-review__item'>
            <View className='answer-review__question'>
              {questionNumber(id)}、{getQuestion(id).text}
            </View>
            <View className='answer-review__row'>
              <View className='answer-review__answer'>
                {labels.length > 0 ? (
                  labels.map((l) => (
                    <Text key={l} className='answer-review__label'>
                      {l}
                    </Text>
                  ))
                ) : (
                  <Text className='answer-review__missing'>还没有作答</Text>
                )}
              </View>
              <Button className='btn btn--small answer-review__edit' onClick={() => onEdit(id)}>
                {labels.length > 0 ? '修改' : '去作答'}
              </Button>
            </View>
          </View>
        )
      })}
    </View>
  )
}
