import { View } from '@tarojs/components'
import { explainSkip, skippedJustBefore } from '../../core/questionnaire/explain'
import { nextQuestion, previousQuestion } from '../../core/questionnaire/flow'
import type { Question } from '../../core/questionnaire/types'
import { QuestionCard, type QuestionVariant } from '../question-card'
import type { UseSurvey } from '../survey'
import { SurveyNav } from '../survey-nav'
import { SurveyProgress } from '../survey-progress'
import './index.css'

interface Props {
  survey: UseSurvey
  question: Question<string>
  variant: QuestionVariant
  /** The "next" button's label on the last question. */
  lastLabel: string
}

/** One question a screen, as both the practice and the interviewer's script show it. */
export function QuestionScreen({ survey, question, variant, lastLabel }: Props) {
  const { flow } = survey
  // The version being answered decides the way on and back.
  const q = survey.questionnaire
  const asker = variant === 'interviewer' ? 'interviewer' : 'resident'
  // The questions just jumped over, each with the answer that skipped it.
  const skips = skippedJustBefore(flow.answers, question.id, q)
    .map((id) => explainSkip(id, flow.answers, asker, q))
    .filter((why): why is string => why !== null)
  return (
    <View>
      <SurveyProgress answers={flow.answers} current={question.id} questionnaire={q} />
      {skips.length > 0 && (
        <View className='notice notice--info question-screen__skips'>
          {skips.map((why) => (
            <View key={why}>{why}</View>
          ))}
        </View>
      )}
      <QuestionCard
        question={question}
        chosen={flow.answers[question.id] ?? []}
        otherText={flow.others[question.id] ?? ''}
        variant={variant}
        onToggle={survey.toggle}
        onOtherText={survey.setOtherText}
      />
      <SurveyNav
        notice={flow.notice}
        canGoBack={previousQuestion(flow.answers, question.id, q) !== null}
        nextLabel={nextQuestion(flow.answers, question.id, q) ? '下一题' : lastLabel}
        fromReview={flow.fromReview}
        onPrevious={survey.previous}
        onNext={survey.next}
        onBackToReview={survey.backToReview}
      />
    </View>
  )
}
