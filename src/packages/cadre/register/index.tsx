import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CONSENT_REQUIRED } from '../../../core/contract'
import { callCloud } from '../../../services/cloud'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { ConsentBox } from '../components/consent-box'
import { ContactFields, emptyForm, issuesByField, useContactForm } from '../components/contact-form'
import { consentText } from '../shared/consent'
import { useCampaign } from '../../../services/questionnaire'
import { CADRE_PAGES } from '../shared/routes'
import { disabledIf } from '../shared/disabled'
import './index.css'

interface Registered {
  name: string
  phoneMasked: string
  again: boolean
}

/** 附件2 one household at a time: checked as typed, registered against the cadre's own village. */
function RegisterForm({ cadre }: { cadre: Cadre }) {
  const form = useContactForm(() => ({ ...emptyForm(), responsible: cadre.name }))
  const [consent, setConsent] = useState(false)
  const [consentError, setConsentError] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [last, setLast] = useState<Registered | null>(null)
  const inFlight = useRef(false)
  // What the resident is told names the current campaign's year.
  const { year } = useCampaign()

  const submit = async () => {
    const valid = form.check()
    setConsentError(!consent)
    if (!valid || !consent || inFlight.current) return
    inFlight.current = true
    setSending(true)
    setRefusal(null)
    const v = form.values
    const res = await callCloud('contacts', {
      action: 'register',
      name: v.name,
      phone: v.phone,
      occupation: v.occupation,
      address: v.address,
      note: v.note,
      responsible: v.responsible,
      consent: true
    })
    inFlight.current = false
    setSending(false)
    if (!res.ok) {
      const byField = issuesByField(res.issues)
      form.refuse(byField)
      setRefusal(Object.keys(byField).length > 0 ? '请按红字提示修改后再提交' : res.message)
      return
    }
    setLast({ name: v.name.trim(), phoneMasked: res.data.phoneMasked, again: !res.data.stored })
    // The next household: same 包户责任人, everything else (and the consent) afresh.
    form.reset({ ...emptyForm(), responsible: v.responsible })
    setConsent(false)
    setConsentError(false)
    Taro.showToast({ title: '已登记', icon: 'success' }).catch(() => undefined)
  }

  return (
    <View className='register'>
      {last && (
        <View className='register__last'>
          上一户已登记：{last.name} {last.phoneMasked}
          {last.again && '（您之前已登记过这户，未重复计数）'}
        </View>
      )}
      <View className='card'>
        <View className='register__village'>
          村(社区)：<Text className='register__village-name'>{cadre.village}</Text>
        </View>
        <ContactFields form={form} />
        <ConsentBox
          checked={consent}
          error={consentError ? CONSENT_REQUIRED : null}
          text={consentText(year)}
          onChange={(on) => {
            setConsent(on)
            setConsentError(false)
          }}
        />
        {refusal && <View className='register__refusal'>{refusal}</View>}
        <Button className='btn btn--primary register__submit' disabled={disabledIf(sending)} onClick={submit}>
          {sending ? '正在登记…' : '登记'}
        </Button>
        <Button className='btn btn--secondary' onClick={() => Taro.navigateTo({ url: CADRE_PAGES.contacts })}>
          查看本村登记名单
        </Button>
      </View>
    </View>
  )
}

export default function RegisterPage() {
  return <CadreGate>{(cadre) => <RegisterForm cadre={cadre} />}</CadreGate>
}
