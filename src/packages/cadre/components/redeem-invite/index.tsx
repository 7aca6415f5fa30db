import { Button, Input, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { inviteCodeSchema, personNameSchema, type Whoami } from '../../../../core/contract'
import { callCloud } from '../../../../services/cloud-staff'
import { disabledIf } from '../../shared/disabled'
import './index.css'

type Field = 'code' | 'name'
const RULES = { code: inviteCodeSchema, name: personNameSchema }

function problem(field: Field, value: string): string | null {
  const parsed = RULES[field].safeParse(value)
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '填写有误')
}

/**
 * How a cadre joins: the invite code the sub-district sent for their village, and their real name
 * (it becomes the 包户责任人 of what they register). The server's refusal is shown word for word.
 */
export function RedeemInvite({ onRedeemed }: { onRedeemed: (who: Whoami) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({ code: '', name: '' })
  const [touched, setTouched] = useState<Record<Field, boolean>>({ code: false, name: false })
  const [refusal, setRefusal] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const inFlight = useRef(false)

  const error = (f: Field) => (touched[f] ? problem(f, values[f]) : null)
  const set = (f: Field, v: string) => {
    setValues((s) => ({ ...s, [f]: v }))
    setRefusal(null)
  }

  const submit = async () => {
    setTouched({ code: true, name: true })
    if (problem('code', values.code) || problem('name', values.name) || inFlight.current) return
    inFlight.current = true
    setSending(true)
    setRefusal(null)
    const res = await callCloud('user', { action: 'redeemInvite', code: values.code, name: values.name })
    inFlight.current = false
    setSending(false)
    if (!res.ok) return setRefusal(res.message)
    onRedeemed(res.data)
  }

  const field = (f: Field, label: string, placeholder: string) => (
    <View className='redeem__field'>
      <View className='redeem__label'>{label}</View>
      <Input
        className={`field redeem__input${error(f) ? ' field--error' : ''}`}
        name={f}
        type='text'
        value={values[f]}
        placeholder={placeholder}
        onInput={(e) => set(f, e.detail.value)}
        onBlur={() => setTouched((t) => ({ ...t, [f]: true }))}
      />
      {error(f) && <View className='redeem__error'>{error(f)}</View>}
    </View>
  )

  return (
    <View className='card redeem'>
      <View className='card__title'>我是村(社区)干部</View>
      <View className='redeem__text'>输入街道综治办发给本村(社区)的邀请码和您的真实姓名，即可使用干部工作台：登记包户电话、查看本村进度、模拟民调。</View>
      {field('code', '邀请码', '10位，如 ABCD-23EFGH')}
      {field('name', '您的姓名（作为包户责任人）', '您的真实姓名')}
      {refusal && <View className='error-box redeem__refusal'>{refusal}</View>}
      <Button className='btn btn--primary' disabled={disabledIf(sending)} onClick={submit}>
        {sending ? '正在验证…' : '确认加入'}
      </Button>
    </View>
  )
}
