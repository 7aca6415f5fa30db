import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { PrivacyNotice } from '../privacy-notice'
import type { UseSurvey } from '../survey'
import './index.css'

const goHome = () => {
  // Opened from a shared link the page may have no history to go back to.
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.reLaunch({ url: '/pages/index/index' })
}

/**
 * What comes before the first question, for practice and mock call alike: the privacy notice (before
 * anything is entered), and the offer to pick up an unfinished questionnaire.
 */
export function SurveyGate({ survey, what, children }: { survey: UseSurvey; what: string; children: ReactNode }) {
  if (survey.phase === 'privacy') return <PrivacyNotice onAgree={survey.acceptPrivacy} onDecline={survey.declinePrivacy} deletionNotice={survey.campaign.deletionNotice} />
  if (survey.phase === 'declined') {
    return (
      <View className='card survey-gate'>
        <View className='card__title'>未同意隐私保护指引</View>
        <View className='survey-gate__text'>不同意也没关系。没有您的同意，我们不会记录任何内容，{what}也就无法开始。公开信、宣传标语和调查热线仍然可以随时查看。</View>
        <Button className='btn btn--primary' onClick={survey.showPrivacy}>
          重新阅读隐私保护指引
        </Button>
        <Button className='btn btn--secondary' onClick={goHome}>
          返回首页
        </Button>
      </View>
    )
  }
  if (survey.phase === 'resume') {
    return (
      <View className='card survey-gate'>
        <View className='card__title'>上次还没做完</View>
        <View className='survey-gate__text'>
          上次的{what}已答 {survey.progress.answered} 题，可以接着做，也可以从头开始。
        </View>
        <Button className='btn btn--primary' onClick={survey.resume}>
          继续上次的{what}
        </Button>
        <Button className='btn btn--secondary' onClick={survey.restart}>
          重新开始
        </Button>
      </View>
    )
  }
  return <>{children}</>
}
