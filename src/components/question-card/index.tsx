import { Input, Text, View } from '@tarojs/components'
import type { Question } from '../../core/questionnaire/types'
import { OTHER_TEXT_MAX, textLength } from '../../core/questionnaire/validate'
import './index.css'

export type QuestionVariant = 'resident' | 'interviewer'

/** A "(不读出)" option, told as a resident would put it: the caller will not read it, saying it is fine. */
export const NOT_READ_ALOUD_NOTE = '（电话里不会念这一项，您可以直接这样说）'

interface Props {
  question: Question<string>
  chosen: readonly number[]
  otherText: string
  /** resident: the practice; interviewer: the cadre's reading script (模拟民调). */
  variant: QuestionVariant
  onToggle: (value: number) => void
  onOtherText: (text: string) => void
}

/**
 * One question with its options, exactly in the paper's order and wording: nothing is pre-selected,
 * highlighted or reordered, so the screen never suggests an answer.
 */
export function QuestionCard({ question, chosen, otherText, variant, onToggle, onOtherText }: Props) {
  const multiple = question.kind === 'multiple'
  const otherOption = question.options.find((o) => o.other)
  const otherChosen = otherOption !== undefined && chosen.includes(otherOption.value)
  const interviewer = variant === 'interviewer'
  return (
    <View className={`question question--${variant}`}>
      <View className='question__kind'>
        {question.kind === 'note' ? '说明' : multiple ? '多选题：可以选多项' : '单选题：选一项'}
      </View>
      {interviewer && <View className='question__cue'>读题</View>}
      <View className='question__text'>{interviewer ? `请问，${question.text}` : question.text}</View>
      {interviewer && <View className='question__cue'>读选项（“不读出”的不念，对方主动说出时再选）</View>}
      <View className='question__options'>
        {question.options.map((o) => {
          const selected = chosen.includes(o.value)
          return (
            <View
              key={o.value}
              className={`option option--${multiple ? 'multiple' : 'single'}${selected ? ' option--selected' : ''}`}
              onClick={() => onToggle(o.value)}
            >
              <View className='option__mark'>{selected ? '✓' : ''}</View>
              <View className='option__body'>
                <View className='option__line'>
                  <Text className='option__number'>({o.value})</Text>
                  <Text className='option__label'>{o.label}</Text>
                </View>
                {o.notReadAloud && !interviewer && <Text className='option__note'>{NOT_READ_ALOUD_NOTE}</Text>}
                {o.notReadAloud && interviewer && <Text className='option__tag'>不读出</Text>}
              </View>
              {selected && <Text className='option__chosen'>已选</Text>}
            </View>
          )
        })}
      </View>
      {otherChosen && (
        <View className='question__other'>
          <View className='question__other-label'>请注明“其他”的具体内容：</View>
          <Input
            className='field question__other-input'
            value={otherText}
            maxlength={OTHER_TEXT_MAX}
            placeholder='请在这里填写'
            onInput={(e) => onOtherText(e.detail.value)}
          />
          <View className='question__other-count'>
            {textLength(otherText)}/{OTHER_TEXT_MAX}字
          </View>
        </View>
      )}
    </View>
  )
}
