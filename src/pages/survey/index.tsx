import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { AnswerReview } from '../../components/answer-review'
import { Notice } from '../../components/notice'
import { QuestionScreen } from '../../components/question-screen'
import { ResidentPage } from '../../components/resident-page'
import { SurveyProgress } from '../../components/survey-progress'
import { usePracticeAllowance, useScreenScroll, useSurvey } from '../../components/survey'
import { SurveyGate } from '../../components/survey-gate'
import { VillagePicker } from '../../components/village-picker'
import './index.css'

const goHome = () => Taro.reLaunch({ url: '/pages/index/index' })

/** The practice: the real questionnaire, one question a screen, its skip rules, no score. */
export default function SurveyPage() {
  const survey = useSurvey('practice')
  const allowance = usePracticeAllowance(true)
  const { flow, question } = survey
  // Absent rather than false: Taro's H5 button greys out whenever the attribute exists, even as "false".
  const busy = survey.sending || undefined
  useScreenScroll(flow)

  const submit = async () => {
    if (await survey.submit()) Taro.redirectTo({ url: '/pages/thanks/index' })
  }

  // Said before the first question (and on the offer to resume), never after the last answer.
  const starting = survey.phase === 'resume' || (survey.phase === 'answering' && Object.keys(flow.answers).length === 0)
  const spent = allowance.left === 0
  return (
    <ResidentPage className='survey'>
      {starting && allowance.left !== null && !spent && (
        <View className='notice notice--info survey__allowance'>
          今天还可以练习 {allowance.left} 次（每人每天 {allowance.limit} 次）
        </View>
      )}
      {spent && survey.phase !== 'privacy' && survey.phase !== 'declined' ? (
        <View className='card survey__spent'>
          <View className='card__title'>今天的练习次数已经用完</View>
          <View className='survey__spent-text'>
            同一个微信号每天可以提交 {allowance.limit} 次练习，今天已经练满了，明天可以再来。调查热线、公开信随时可以看。
          </View>
          <Button className='btn btn--primary' onClick={goHome}>
            返回首页
          </Button>
        </View>
      ) : (
        <SurveyGate survey={survey} what='练习'>
          {question ? (
            <QuestionScreen survey={survey} question={question} variant='resident' lastLabel='答完了，检查一遍' />
          ) : (
            <View>
              <SurveyProgress answers={flow.answers} current='review' />
              <View className='survey__title'>检查您的回答</View>
              <View className='survey__intro'>请看一看每道题的回答，想改的点“修改”。这里没有对错，也不会评分。</View>
              <AnswerReview state={flow} onEdit={survey.edit} edited={flow.returnTo} />
              <VillagePicker town={survey.town} value={flow.village} onChange={survey.setVillage} />
              <View className='survey__actions'>
                <Notice tone='error' message={survey.error} onRetry={survey.canRetry && !survey.sending ? submit : undefined} retryLabel='重试提交' />
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
      )}
    </ResidentPage>
  )
}
