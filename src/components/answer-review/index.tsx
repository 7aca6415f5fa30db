import { Button, Text, View } from '@tarojs/components'
import { getQuestion, questionNumber, visibleQuestions, QUESTIONNAIRE_2023, type Questionnaire, type SurveyState } from '../../core/questionnaire'
import { answerLabels } from '../survey/flow'
import './index.css'

interface Props {
  /** A flow carries the questionnaire it answers; a bare state is the built-in 2023 one's. */
  state: SurveyState & { questionnaire?: Questionnaire }
  onEdit: (id: string) => void
}

/** Every question the respondent was asked, with what they chose, each with a way back to change it. */
export function AnswerReview({ state, onEdit }: Props) {
  const q = state.questionnaire ?? QUESTIONNAIRE_2023
  // Notes are read, not answered: nothing of theirs to review.
  const asked = visibleQuestions(state.answers, q).filter((id) => getQuestion(id, q).kind !== 'note')
  return (
    <View className='answer-review'>
      {asked.map((id) => {
        const labels = answerLabels(state, id, q)
        return (
          <View key={id} className='answer-review__item'>
            <View className='answer-review__question'>
              {questionNumber(id, q)}、{getQuestion(id, q).text}
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
