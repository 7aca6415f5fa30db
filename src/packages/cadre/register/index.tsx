import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { CONSENT_REQUIRED, type AnswerOf, type ContactsContract } from '../../../core/contract'
import '../../../services/cloud-staff'
import { newSubmissionId } from '../../../services/submission-id'
import { PendingUploads } from '../components/pending-uploads'
import { maskedOf, registrationItem, send } from '../shared/outbox'
import { CadreGate, type Cadre } from '../components/cadre-gate'
import { ConsentBox } from '../components/consent-box'
import { Notice } from '../../../components/notice'
import { ContactFields, FIELD_LABELS, FORM_FIELDS, emptyForm, fieldError, issuesByField, useContactForm, type FormValues } from '../components/contact-form'
import { consentText } from '../shared/consent'
import { useCampaign } from '../../../services/questionnaire'
import { CADRE_PAGES } from '../shared/routes'
import { disabledIf } from '../shared/disabled'
import './index.css'

interface Registered {
  name: string
  phoneMasked: string
  again: boolean
  /** Kept on the phone (no network): it goes by itself later (the outbox). */
  kept?: boolean
  /** Which registration of this visit: a second one in a row shows (and scrolls to) its confirmation again. */
  seq: number
}

/** What still stops 登记, in the form's order: "还有2项要改：姓名、电话号码". */
function blockers(values: FormValues, consent: boolean): string | null {
  const fields = FORM_FIELDS.filter((f) => fieldError(f, values[f]) !== null).map((f) => FIELD_LABELS[f])
  const all = consent ? fields : [...fields, '告知居民并征得同意']
  return all.length > 0 ? `还有${all.length}项要填好才能登记：${all.join('、')}（见红字）` : null
}

const RETRYABLE = new Set(['TIMEOUT', 'OFFLINE', 'INTERNAL'])

/** 附件2 one household at a time: checked as typed, registered against the cadre's own village. */
function RegisterForm({ cadre }: { cadre: Cadre }) {
  const form = useContactForm(() => ({ ...emptyForm(), responsible: cadre.name }))
  const [consent, setConsent] = useState(false)
  const [consentError, setConsentError] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  // Said by the 登记 button, where the eyes are: what is missing, counted per tap so it shows again.
  const [missing, setMissing] = useState<{ at: number } | null>(null)
  const [canRetry, setCanRetry] = useState(false)
  const [sending, setSending] = useState(false)
  const [last, setLast] = useState<Registered | null>(null)
  // One id per household being typed: every attempt (and the outbox's uploads) send the same one.
  const [registrationId, setRegistrationId] = useState(newSubmissionId)
  const inFlight = useRef(false)
  // What the resident is told names the current campaign's year.
  const { year } = useCampaign()

  const submit = async () => {
    const valid = form.check()
    setConsentError(!consent)
    const blocking = blockers(form.values, consent)
    setMissing(blocking ? { at: Date.now() } : null)
    if (!valid || !consent || inFlight.current) return
    inFlight.current = true
    setSending(true)
    setRefusal(null)
    setCanRetry(false)
    const v = form.values
    let res: Awaited<ReturnType<typeof send<AnswerOf<ContactsContract, 'register'>>>> | undefined
    try {
      // Through the outbox: without signal the household waits on the phone and goes by itself.
      res = await send<AnswerOf<ContactsContract, 'register'>>(
        registrationItem({ action: 'register', name: v.name, phone: v.phone, occupation: v.occupation, address: v.address, note: v.note, responsible: v.responsible, consent: true, registrationId })
      )
    } catch {
      res = undefined
    } finally {
      inFlight.current = false
      setSending(false)
    }
    if (res?.ok === 'kept') {
      setLast({ name: v.name.trim(), phoneMasked: maskedOf(v.phone), again: false, kept: true, seq: (last?.seq ?? 0) + 1 })
      setRegistrationId(newSubmissionId())
      form.reset({ ...emptyForm(), responsible: v.responsible })
      setConsent(false)
      setConsentError(false)
      return
    }
    if (!res || !res.ok) {
      // The form keeps what was typed; a retry is the same household again.
      const byField = issuesByField(res?.issues)
      form.refuse(byField)
      setRefusal(!res ? '网络不稳定,没有登记成功,内容已保留,请稍后重试' : Object.keys(byField).length > 0 ? '请按红字提示修改后再提交' : res.message)
      setCanRetry(!res || RETRYABLE.has(res.code))
      return
    }
    setLast({ name: v.name.trim(), phoneMasked: res.data.phoneMasked, again: !res.data.stored, seq: (last?.seq ?? 0) + 1 })
    setRegistrationId(newSubmissionId())
    // The next household: same 包户责任人, everything else (and the consent) afresh.
    form.reset({ ...emptyForm(), responsible: v.responsible })
    setConsent(false)
    setConsentError(false)
    Taro.showToast({ title: '已登记', icon: 'success' }).catch(() => undefined)
  }

  return (
    <View className='register'>
      <PendingUploads kinds={['register']} />
      {/* Above the emptied form: the page moves up to it, so the confirmation and the next household's
          first field are on screen together. */}
      <Notice
        tone='ok'
        className='register__last'
        shownAt={last?.seq}
        message={
          last?.kept
            ? `上一户已存在手机上（待上传）：${last.name} ${last.phoneMasked}。现在网络不通，有网络后会自动上传，不用再点。`
            : last
              ? `上一户已登记：${last.name} ${last.phoneMasked}${last.again ? '（您之前已登记过这户，未重复计数）' : ''}`
              : null
        }
      >
        {last && <View className='register__next'>可以登记下一户了。</View>}
      </Notice>
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
        <Notice tone='error' message={missing ? blockers(form.values, consent) : null} shownAt={missing?.at} />
        <Notice tone='error' message={refusal} onRetry={canRetry && !sending ? submit : undefined} />
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
