import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import { CALL_OUTCOME_LABELS, type CallOutcome } from '../../../core/contract/survey'
import { AnswerReview } from '../../../components/answer-review'
import { Notice } from '../../../components/notice'
import { QuestionScreen } from '../../../components/question-screen'
import { SurveyProgress } from '../../../components/survey-progress'
import { useScreenScroll, useSurvey } from '../../../components/survey'
import { SurveyGate } from '../../../components/survey-gate'
import { useWhoami } from '../../../services/whoami'
import './index.css'

/** outcome: how the call went; questions: reading the script; hangUp: confirming a mid-call hang-up; done: recorded. */
type Stage = 'outcome' | 'questions' | 'hangUp' | 'done'

/**
 * 模拟民调: a cadre phones a resident and reads the questionnaire as the survey centre would, recording
 * the call outcome and the answers. Same question screens as the practice, read as a script.
 */
export default function InterviewPage() {
  const { who, loading } = useWhoami()
  const survey = useSurvey('interview')
  const { flow, question } = survey
  // Absent rather than false: Taro's H5 button greys out whenever the attribute exists, even as "false".
  const busy = survey.sending || undefined
  const [stage, setStage] = useState<Stage>(() => (survey.phase === 'resume' ? 'questions' : 'outcome'))
  const [recorded, setRecorded] = useState<CallOutcome | null>(null)
  // The outcome last sent, for 重试 on the outcome screen (未接通 or 拒访).
  const [lastTried, setLastTried] = useState<CallOutcome | null>(null)
  // Placed from the household list (拨打并记录模拟民调): the household called, whose last outcome is kept.
  const params = useRouter()?.params ?? {}
  const [household, setHousehold] = useState<{ id: string; name: string } | null>(() =>
    params.contact ? { id: params.contact, name: params.name ? decodeURIComponent(params.name) : '' } : null
  )
  const [calledFromList, setCalledFromList] = useState(false)

  useScreenScroll(flow, stage)

  if (loading) return <View className='card interview__wait'>正在确认身份…</View>
  if (who?.role !== 'cadre') {
    return (
      <View className='card'>
        <View className='card__title'>仅限村(社区)干部使用</View>
        <View>模拟民调供村(社区)干部练习电话调查使用。居民朋友请回到首页，使用“练习答题”。</View>
        <Button className='btn btn--primary interview__home' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
      </View>
    )
  }

  const record = async (outcome: CallOutcome) => {
    setLastTried(outcome)
    if (await survey.submit(outcome, household?.id)) {
      setRecorded(outcome)
      setStage('done')
      // The next call is to someone else: only this one belongs to the household.
      setCalledFromList(household !== null)
      setHousehold(null)
    }
  }
  const gate = {
    ...survey,
    restart: () => {
      survey.restart()
      setStage('outcome')
    }
  }
  // Where the eyes are, above the buttons; a failure on the way offers the same call again (same id).
  const error = (outcome: CallOutcome) => (
    <Notice tone='error' message={survey.error} onRetry={survey.canRetry && !survey.sending ? () => record(outcome) : undefined} retryLabel='重试提交' />
  )

  return (
    <View className='interview'>
      <SurveyGate survey={gate} what='模拟民调'>
        {stage === 'done' && recorded && (
          <View className='card'>
            <View className='card__title'>已记录：{CALL_OUTCOME_LABELS[recorded]}</View>
            <View className='interview__text'>这通电话已经保存。可以拨打下一户了。</View>
            {calledFromList ? (
              <Button className='btn btn--primary' onClick={() => Taro.navigateBack().catch(() => undefined)}>
                返回登记名单，拨打下一户
              </Button>
            ) : (
              <Button className='btn btn--primary' onClick={() => setStage('outcome')}>
                下一通电话
              </Button>
            )}
          </View>
        )}

        {stage === 'outcome' && (
          <View className='card'>
            <View className='card__title'>记录这通电话</View>
            {household && <View className='interview__household'>打给：{household.name}（结果会显示在登记名单上）</View>}
            <View className='interview__text'>拨通后先说明来意。对方愿意回答，就点“已接通，开始提问”；没有接通或对方不愿接受调查，直接记录结果。</View>
            {error(lastTried ?? 'unreached')}
            <Button className='btn btn--primary' disabled={busy} onClick={() => setStage('questions')}>
              已接通，开始提问
            </Button>
            <Button className='btn btn--secondary' disabled={busy} onClick={() => record('unreached')}>
              {CALL_OUTCOME_LABELS.unreached}
            </Button>
            <Button className='btn btn--secondary' disabled={busy} onClick={() => record('refused')}>
              {CALL_OUTCOME_LABELS.refused}
            </Button>
          </View>
        )}

        {stage === 'hangUp' && (
          <View className='card'>
            <View className='card__title'>对方{CALL_OUTCOME_LABELS.hungUp}了？</View>
            <View className='interview__text'>将提交已经回答的 {survey.progress.answered} 题，这通电话记录为“{CALL_OUTCOME_LABELS.hungUp}”。</View>
            {error('hungUp')}
            <Button className='btn btn--primary' disabled={busy} onClick={() => record('hungUp')}>
              {survey.sending ? '正在提交…' : '确认挂断并提交'}
            </Button>
            <Button className='btn btn--secondary' disabled={busy} onClick={() => setStage('questions')}>
              没有挂断，继续提问
            </Button>
          </View>
        )}

        {stage === 'questions' && question && (
          <View>
            <QuestionScreen survey={survey} question={question} variant='interviewer' lastLabel='全部问完' />
            <View className='interview__hangup'>
              <Button className='btn btn--secondary' onClick={() => setStage('hangUp')}>
                {CALL_OUTCOME_LABELS.hungUp}
              </Button>
            </View>
          </View>
        )}

        {stage === 'questions' && !question && (
          <View>
            <SurveyProgress answers={flow.answers} current='review' />
            <View className='interview__title'>问完了：核对后提交</View>
            <View className='interview__text interview__intro'>向对方致谢。记录有误的，点“修改”更正。</View>
            <AnswerReview state={flow} onEdit={survey.edit} asker='interviewer' edited={flow.returnTo} />
            <View className='interview__actions'>
              {error('completed')}
              <Button className='btn btn--primary' disabled={busy} onClick={() => record('completed')}>
                {survey.sending ? '正在提交…' : `提交（${CALL_OUTCOME_LABELS.completed}）`}
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
