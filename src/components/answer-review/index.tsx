import { Button, Text, View } from '@tarojs/components'
import type { SurveyState } from '../../core/questionnaire/answering'
import { explainSkip, type Asker } from '../../core/questionnaire/explain'
import { questionNumber } from '../../core/questionnaire/ids'
import { getQuestion } from '../../core/questionnaire/lookup'
import { QUESTIONNAIRE_2023 } from '../../core/questionnaire/model'
import { visibleQuestions } from '../../core/questionnaire/relevance'
import type { Questionnaire } from '../../core/questionnaire/types'
import { answerLabels } from '../survey/flow'
import './index.css'

interface Props {
  /** A flow carries the questionnaire it answers; a bare state is the built-in 2023 one's. */
  state: SurveyState & { questionnaire?: Questionnaire }
  onEdit: (id: string) => void
  /** Whose words the skips are told in. */
  asker?: Asker
  /** The question just changed with "修改": marked, and the screen returns to it. */
  edited?: string | null
}

/** The element id of a question's row, for the screen to come back to it after "修改". */
export const reviewRowId = (id: string): string => `answer-review-${id}`

/**
 * The whole paper in its order: every question asked, with what was chosen and a way back to change it,
 * and in its place each question not asked, with the answer that skipped it. Notes are read, not
 * answered: nothing of theirs to review.
 */
export function AnswerReview({ state, onEdit, asker = 'resident', edited = null }: Props) {
  const q = state.questionnaire ?? QUESTIONNAIRE_2023
  const visible = visibleQuestions(state.answers, q)
  return (
    <View className='answer-review'>
      {q.questions.filter((x) => x.kind !== 'note').map(({ id }) => {
        if (!visible.includes(id)) {
          const why = explainSkip(id, state.answers, asker, q)
          return why ? (
            <View key={id} id={reviewRowId(id)} className='answer-review__skipped'>
              {why}
            </View>
          ) : null
        }
        const labels = answerLabels(state, id, q)
        return (
          <View key={id} id={reviewRowId(id)} className={`answer-review__item${id === edited ? ' answer-review__item--edited' : ''}`}>
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
            {id === edited && <View className='answer-review__edited-note'>刚改过这一题</View>}
          </View>
        )
      })}
    </View>
  )
}
