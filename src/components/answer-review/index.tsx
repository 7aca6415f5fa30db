import { Button, Text, View } from '@tarojs/components'
import { QUESTION_IDS, explainSkip, getQuestion, questionNumber, visibleQuestions, type Asker, type QuestionId, type SurveyState } from '../../core/questionnaire'
import { answerLabels } from '../survey/flow'
import './index.css'

interface Props {
  state: SurveyState
  onEdit: (id: QuestionId) => void
  /** Whose words the skips are told in. */
  asker?: Asker
  /** The question just changed with "修改": marked, and the screen returns to it. */
  edited?: QuestionId | null
}

/** The element id of a question's row, for the screen to come back to it after "修改". */
export const reviewRowId = (id: QuestionId): string => `answer-review-${id}`

/**
 * The whole paper in its order: every question asked, with what was chosen and a way back to change it,
 * and in its place each question not asked, with the answer that skipped it.
 */
export function AnswerReview({ state, onEdit, asker = 'resident', edited = null }: Props) {
  const visible = visibleQuestions(state.answers)
  return (
    <View className='answer-review'>
      {QUESTION_IDS.map((id) => {
        if (!visible.includes(id)) {
          const why = explainSkip(id, state.answers, asker)
          return why ? (
            <View key={id} id={reviewRowId(id)} className='answer-review__skipped'>
              {why}
            </View>
          ) : null
        }
        const labels = answerLabels(state, id)
        return (
          <View key={id} id={reviewRowId(id)} className={`answer-review__item${id === edited ? ' answer-review__item--edited' : ''}`}>
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
            {id === edited && <View className='answer-review__edited-note'>刚改过这一题</View>}
          </View>
        )
      })}
    </View>
  )
}
