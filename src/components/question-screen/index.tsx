import { View } from '@tarojs/components'
import { nextQuestion, previousQuestion, type Question } from '../../core/questionnaire'
import { QuestionCard, type QuestionVariant } from '../question-card'
import type { UseSurvey } from '../survey'
import { SurveyNav } from '../survey-nav'
import { SurveyProgress } from '../survey-progress'

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
  return (
    <View>
      <SurveyProgress current={question.id} progress={survey.progress} questionnaire={q} />
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
