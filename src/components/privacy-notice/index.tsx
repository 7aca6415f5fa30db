import { Button, ScrollView, View } from '@tarojs/components'
import { useCampaign } from '../../services/questionnaire'
import { PRIVACY_GUIDE } from './guide'
import './index.css'

interface Props {
  onAgree: () => void
  onDecline: () => void
  /** The sentence above the guide: what the person is about to do. */
  lead?: string
  /** When this year's personal data is deleted (the campaign's planned end, or the day it was closed). */
  deletionNotice?: string
}

const PRACTICE_LEAD = '开始练习前，请先了解我们会如何使用您填写的内容。'

/**
 * The privacy guide, shown before anything is first entered. On WeChat the agree button also carries
 * `agreePrivacyAuthorization`, so the platform records the same consent the app remembers.
 */
export function PrivacyNotice({ onAgree, onDecline, lead = PRACTICE_LEAD, deletionNotice }: Props) {
  return (
    <View className='privacy-notice'>
      <View className='privacy-notice__title'>{PRIVACY_GUIDE.title}</View>
      <View className='privacy-notice__lead'>{lead}</View>
      <ScrollView className='privacy-notice__body' scrollY>
        <View className='privacy-notice__paragraph'>{PRIVACY_GUIDE.intro}</View>
        {PRIVACY_GUIDE.sections.map((s) => (
          <View key={s.heading}>
            <View className='privacy-notice__heading'>{s.heading}</View>
            {s.paragraphs.map((p) => (
              <View key={p.slice(0, 16)} className='privacy-notice__paragraph'>
                {p}
              </View>
            ))}
            {/* 保存多久: the date itself, from the current campaign (PIPL art. 17: how long). */}
            {deletionNotice && s.heading.startsWith('三、') && <View className='privacy-notice__paragraph privacy-notice__deletion'>{deletionNotice}</View>}
          </View>
        ))}
      </ScrollView>
      <Button
        id='agree-privacy'
        className='btn btn--primary'
        openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
        onClick={onAgree}
      >
        同意并继续
      </Button>
      <Button className='btn btn--secondary' onClick={onDecline}>
        不同意
      </Button>
    </View>
  )
}

/** The notice with the current campaign's deletion date (the phone's at once, then the fetched one). */
export function CampaignPrivacyNotice(props: Omit<Props, 'deletionNotice'>) {
  const campaign = useCampaign()
  return <PrivacyNotice {...props} deletionNotice={campaign.deletionNotice} />
}
