import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { CALL_OUTCOME_LABELS, type AnswerOf, type StatsContract } from '../../../core/contract'
import { getQuestion, questionNumber, type QuestionId } from '../../../core/questionnaire'
import { percent } from '../../../components/figures/format'
import { OptionBars } from '../../../components/option-bars'
import { callCloud } from '../../../services/cloud-staff'
import { AdminPage, LoadState, useAdminScope } from '../shared/admin-page'
import { useCloudData } from '../shared/use-cloud-data'
import { VillageSelect } from '../shared/village-select'
import './index.css'

type Mode = 'interview' | 'practice'
type Indicators = AnswerOf<StatsContract, 'indicators'>
type RateKey = 'safety' | 'nightWorry' | 'crackdownSatisfaction' | 'lawEnforcementSatisfaction'

const ALL = '全部村(社区)'

/** Below this many answers a rate moves a lot with each one: said next to it, not hidden. */
const SMALL_SAMPLE = 30

/** What each rate counts, in the questionnaire's words. */
const RATES: { key: RateKey; title: string; question: QuestionId; counts: string; unknownApplies: boolean }[] = [
  { key: 'safety', title: '安全感率', question: 'Q1', counts: '“安全”+“比较安全”', unknownApplies: false },
  { key: 'nightWorry', title: '夜间独自出行担心的比例', question: 'Q3', counts: '“担心”+“比较担心”', unknownApplies: false },
  { key: 'crackdownSatisfaction', title: '扫黑除恶满意率', question: 'Q11', counts: '“满意”+“比较满意”', unknownApplies: true },
  { key: 'lawEnforcementSatisfaction', title: '政法机关执法满意率', question: 'Q14', counts: '“满意”+“比较满意”', unknownApplies: true }
]

function Segments<T extends string>({ value, options, onChange }: { value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <View className='admin__segments'>
      {options.map((o) => (
        <View key={o.value} className={`admin__segment${o.value === value ? ' admin__segment--on' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  )
}

function RateCard({ data, excludeUnknown }: { data: Indicators; excludeUnknown: boolean }) {
  return (
    <View className='card'>
      <View className='card__title'>主要指标</View>
      {RATES.map((spec) => {
        const r = data[spec.key]
        return (
          <View key={spec.key} className='indicators__rate'>
            <View className='admin__row'>
              <Text className='indicators__rate-title'>{spec.title}</Text>
              <Text className={`indicators__rate-value${r.rate === null ? ' indicators__rate-value--none' : ''}`}>
                {r.rate === null ? '样本不足' : percent(r.rate)}
              </Text>
            </View>
            <View className='indicators__rate-detail'>
              <Text className='indicators__n'>n={r.sampleSize}</Text>
              {`（第${questionNumber(spec.question)}题${spec.counts} ${r.favourable} 人 ÷ 有效回答 ${r.sampleSize} 人${
                spec.unknownApplies ? (excludeUnknown ? '，不含“不了解/不清楚”' : '，含“不了解/不清楚”') : ''
              }）`}
              {r.sampleSize > 0 && r.sampleSize < SMALL_SAMPLE && <Text className='indicators__small'> 样本较少，仅供参考</Text>}
            </View>
          </View>
        )
      })}
    </View>
  )
}

function OutcomesCard({ outcomes }: { outcomes: NonNullable<Indicators['outcomes']> }) {
  const calls = outcomes.unreached + outcomes.refused + outcomes.hungUp + outcomes.completed
  const cells = [
    { label: '拨打', value: calls },
    { label: '接通', value: calls - outcomes.unreached },
    { label: CALL_OUTCOME_LABELS.unreached, value: outcomes.unreached },
    { label: CALL_OUTCOME_LABELS.refused, value: outcomes.refused },
    { label: CALL_OUTCOME_LABELS.hungUp, value: outcomes.hungUp },
    { label: CALL_OUTCOME_LABELS.completed, value: outcomes.completed }
  ]
  return (
    <View className='card'>
      <View className='card__title'>通话结果</View>
      <View className='indicators__outcomes'>
        {cells.map((c) => (
          <View key={c.label} className='indicators__outcome'>
            <Text className='indicators__outcome-value'>{c.value}</Text>
            <Text className='indicators__outcome-label'>{c.label}</Text>
          </View>
        ))}
      </View>
      <View className='admin__note'>只有“完成”的通话计入上面的指标和下面的分布。</View>
    </View>
  )
}

function DistributionCard({ d }: { d: Indicators['distributions'][number] }) {
  // The figures' own version names and numbers its questions; answers from before versions are 2023's.
  const question = d.text === undefined ? getQuestion(d.questionId as QuestionId) : null
  // Labels from the questionnaire itself (附件1), in its order.
  const options = d.options.map((o) => ({ ...o, label: question?.options.find((q) => q.value === o.value)?.label ?? o.label }))
  return (
    <View className='card'>
      <View className='indicators__question'>
        第{d.number ?? questionNumber(d.questionId as QuestionId)}题　{d.text ?? question?.text}
      </View>
      {d.asked === 0 ? (
        <View className='muted'>还没有人被问到这道题。</View>
      ) : (
        <View>
          <View className='admin__note'>
            被问到 {d.asked} 人，其中 {d.answered} 人作答。可多选，各项比例之和可超过100%。
          </View>
          <OptionBars options={options} />
        </View>
      )}
    </View>
  )
}

function IndicatorsView() {
  const { town } = useAdminScope()
  const [mode, setMode] = useState<Mode>('interview')
  const [village, setVillage] = useState<string | null>(null)
  const [excludeUnknown, setExcludeUnknown] = useState(true)
  const result = useCloudData(
    () => callCloud('stats', { action: 'indicators', town, mode, excludeUnknown, ...(village ? { village } : {}) }),
    `${town}|${mode}|${village ?? ''}|${excludeUnknown}`
  )
  const data = result.data

  return (
    <View className='indicators'>
      <View className='card'>
        <Segments
          value={mode}
          onChange={setMode}
          options={[
            { value: 'interview', label: '模拟民调（干部电话）' },
            { value: 'practice', label: '练习答题（居民自答）' }
          ]}
        />
        <VillageSelect town={town} value={village} noneLabel={ALL} onChange={setVillage} />
        <View className='admin__label'>“不了解/不清楚”（第11、14题）</View>
        <Segments
          value={excludeUnknown ? 'exclude' : 'include'}
          onChange={(v) => setExcludeUnknown(v === 'exclude')}
          options={[
            { value: 'exclude', label: '不计入分母' },
            { value: 'include', label: '计入分母' }
          ]}
        />
        <View className='admin__note'>
          以下是居民的真实看法，如实呈现：不设目标值，也没有“正确答案”。练习答题和模拟民调分开统计，互不混合。
        </View>
      </View>

      <View className='indicators__status'>
        <LoadState what='指标' loading={result.loading} error={result.error} onRetry={result.reload} />
      </View>
      {data && !result.loading && (
        <View>
          <View className='indicators__count'>
            {data.mode === 'interview' ? `完成的模拟民调 ${data.responses} 份` : `练习答题 ${data.responses} 份`}（{town} · {data.village ?? ALL}
            {data.version ? ` · ${data.year ?? ''}${data.year ? '年' : ''}问卷 ${data.version}` : ''}）
          </View>
          {data.outcomes && <OutcomesCard outcomes={data.outcomes} />}
          <RateCard data={data} excludeUnknown={excludeUnknown} />
          <View className='indicators__heading'>居民提到的问题和期望</View>
          {data.distributions.map((d) => (
            <DistributionCard key={d.questionId} d={d} />
          ))}
        </View>
      )}
    </View>
  )
}

/** What residents answered, from mock calls and from practice, never mixed; each rate with its sample size. */
export default function IndicatorsPage() {
  return (
    <AdminPage current='indicators'>
      <IndicatorsView />
    </AdminPage>
  )
}
