import { Button, View } from '@tarojs/components'
import './index.css'

interface Props {
  /** The gentle reason the last "下一题" was refused, if any. */
  notice: string | null
  canGoBack: boolean
  nextLabel: string
  /** The question was opened from the review screen. */
  fromReview: boolean
  onPrevious: () => void
  onNext: () => void
  onBackToReview: () => void
}

/**
 * Previous / next under a question. "下一题" stays tappable so a refusal can say why; on the first
 * question there is no "上一题" at all rather than a greyed one.
 */
export function SurveyNav({ notice, canGoBack, nextLabel, fromReview, onPrevious, onNext, onBackToReview }: Props) {
  return (
    <View className='survey-nav'>
      {notice && <View className='notice notice--warn survey-nav__notice'>{notice}</View>}
      {fromReview && (
        <Button className='btn btn--secondary' onClick={onBackToReview}>
          改好了，回到检查页
        </Button>
      )}
      <View className='survey-nav__row'>
        {canGoBack && (
          <Button className='btn btn--secondary survey-nav__prev' onClick={onPrevious}>
            上一题
          </Button>
        )}
        <Button className='btn btn--primary survey-nav__next' onClick={onNext}>
          {nextLabel}
        </Button>
      </View>
    </View>
  )
}
