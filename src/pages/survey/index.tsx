import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useEffect } from 'react'
import { AnswerReview } from '../../components/answer-review'
import { QuestionScreen } from '../../components/question-screen'
import { SurveyProgress } from '../../components/survey-progress'
import { useSurvey } from '../../components/survey'
import { SurveyGate } from '../../components/survey-gate'
import { VillagePicker } from '../../components/village-picker'
import './index.css'

/** The practice: the real questionnaire, one question a screen, its skip rules, no score. */
export default function SurveyPage() {
  const survey = useSurvey('practice')
  const { flow, question } = survey
  // Absent rather than false: Taro's H5 button greys out whenever the attribute exists, even as "false".
  const busy = survey.sending || undefined

  // A new question starts at its top, not where the last one was scrolled to.
  useEffect(() => {
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }, [flow.current])

  const submit = async () => {
    if (await survey.submit()) Taro.redirectTo({ url: '/pages/thanks/index' })
  }

  return (
    <View className='survey'>
      <SurveyGate survey={survey} what='练习'>
        {question ? (
          <QuestionScreen survey={survey} question={question} variant='resident' lastLabel='答完了，检查一遍' />
        ) : (
          <View>
            <SurveyProgress current={null} progress={survey.progress} />
            <View className='survey__title'>检查您的回答</View>
            <View className='survey__intro'>请看一看每道题的回答，想改的点“修改”。这里没有对错，也不会评分。</View>
            <AnswerReview state={flow} onEdit={survey.edit} />
            <VillagePicker town={survey.town} value={flow.village} onChange={survey.setVillage} />
            <View className='survey__actions'>
              {survey.error && <View className='survey__error'>{survey.error}</View>}
              <Button className='btn btn--primary' disabled={busy} onClick={submit}>
                {survey.sending ? '正在提交…' : '提交练习'}
              </Button>
              <Button className='btn btn--secondary' disabled={busy} onClick={survey.previous}>
                上一题
              </Button>
            </View>
          </View>
        )}
      </SurveyGate>
    </View>
  )
}
