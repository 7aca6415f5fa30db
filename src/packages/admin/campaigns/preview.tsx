import { Text, View } from '@tarojs/components'
import { describeCondition, questionNumber, type Questionnaire } from '../../../core/questionnaire'

const KIND_LABELS = { single: '单选', multiple: '多选', note: '说明' } as const

/** When a question is asked, in Chinese as describeCondition writes it: what an admin checks before a version goes live. */
export function skipRule(q: Questionnaire, id: string): string {
  const condition = q.relevance[id]
  return condition ? `${describeCondition(condition, q)}时才问` : '每个人都问'
}

/**
 * Every question of a version with its options (flags in words) and its skip rule, in paper order:
 * the preview an imported workbook gets before any campaign uses it.
 */
export function QuestionnairePreview({ questionnaire }: { questionnaire: Questionnaire }) {
  const q = questionnaire
  const asked = q.questions.filter((x) => x.kind !== 'note').length
  return (
    <View className='campaigns__preview'>
      <View className='campaigns__preview-title'>
        {q.title}（版本 {q.version}，{asked}题）
      </View>
      {q.questions.map((question) => {
        const n = questionNumber(question.id, q)
        return (
          <View key={question.id} className='campaigns__question'>
            <View className='campaigns__question-text'>
              {n ? `${n}、` : ''}
              {question.text}
              <Text className='muted'>
                （{KIND_LABELS[question.kind]} · {question.id}）
              </Text>
            </View>
            <View className='campaigns__rule'>{skipRule(q, question.id)}</View>
            {question.options.length > 0 && (
              <View className='campaigns__options'>
                {question.options.map((o) => (
                  <View key={o.value} className='campaigns__option'>
                    ({o.value}){o.label}
                    {o.notReadAloud ? '〔不读出〕' : ''}
                    {o.other ? '〔需注明〕' : ''}
                    {o.exclusive ? '〔选它不能再选其他〕' : ''}
                  </View>
                ))}
              </View>
            )}
          </View>
        )
      })}
      <View className='admin__note'>
        指标：安全感 第{questionNumber(q.indicators.safety.question, q)}题；满意度 第{questionNumber(q.indicators.satisfaction.question, q)}题
        {q.indicators.nightWorry ? `；夜间担心 第${questionNumber(q.indicators.nightWorry.question, q)}题` : ''}
        {q.indicators.crackdownSatisfaction ? `；扫黑除恶满意度 第${questionNumber(q.indicators.crackdownSatisfaction.question, q)}题` : ''}。
      </View>
    </View>
  )
}
