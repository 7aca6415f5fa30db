import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { questionNumber } from '../../core/questionnaire/ids'
import { campaignOnPhone } from '../../services/questionnaire'
import { HotlineList } from '../../components/hotline-list'
import { ResidentPage } from '../../components/resident-page'
import './index.css'

/**
 * After a practice: thanks, the hotlines, and what each question is about. Deliberately nothing about
 * the person's own answers: no score, no "correct" answer, no comparison.
 */
export default function ThanksPage() {
  // The version the phone runs (the one just practised, unless a new one came meanwhile); no fetch here.
  const q = campaignOnPhone().questionnaire
  const asked = q.questions.filter((x) => x.kind !== 'note' && x.about)
  return (
    <ResidentPage className='thanks'>
      <View className='card thanks__card'>
        <View className='thanks__title'>谢谢您的参与！</View>
        <View>您的练习已经提交。练习只是帮您熟悉题目，没有对错，也不评分。接到调查电话时，请耐心听完每道题，按自己的真实感受回答。</View>
      </View>
      <HotlineList />
      <View className='card'>
        <View className='card__title'>每道题问的是什么</View>
        {asked.map((x) => (
          <View key={x.id} className='thanks__about'>
            <View className='thanks__about-number'>第{questionNumber(x.id, q)}题</View>
            <View>{x.about}</View>
          </View>
        ))}
      </View>
      <View className='thanks__actions'>
        <Button className='btn btn--primary' onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          返回首页
        </Button>
        <Button className='btn btn--secondary' onClick={() => Taro.redirectTo({ url: '/pages/survey/index' })}>
          再练一次
        </Button>
      </View>
    </ResidentPage>
  )
}
