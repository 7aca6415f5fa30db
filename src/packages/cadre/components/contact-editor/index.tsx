import { Button, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ContactItem, EventOf, ContactsContract } from '../../../../core/contract'
import { callCloud } from '../../../../services/cloud-staff'
import { ContactFields, FORM_FIELDS, issuesByField, storedValue, useContactForm, type FormValues } from '../contact-form'
import { disabledIf } from '../../shared/disabled'
import './index.css'

const valuesOf = (item: ContactItem): FormValues => ({
  responsible: item.responsible,
  name: item.name,
  phone: '',
  occupation: item.occupation ?? '',
  address: item.address ?? '',
  note: item.note ?? ''
})

interface Props {
  item: ContactItem
  onSaved(updated: ContactItem): void
  onCancel(): void
}

/**
 * Edits one of the cadre's own contacts in place. Only what changed is sent; the number stays unless
 * a new one is typed (no need to reveal it to edit the rest).
 */
export function ContactEditor({ item, onSaved, onCancel }: Props) {
  const [initial] = useState(() => valuesOf(item))
  const form = useContactForm(() => initial, { phoneOptional: true })
  const [refusal, setRefusal] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const inFlight = useRef(false)

  const save = async () => {
    if (!form.check() || inFlight.current) return
    const v = form.values
    const changed: Partial<FormValues> = {}
    for (const f of FORM_FIELDS) {
      if (f === 'phone' ? v.phone.trim() !== '' : v[f].trim() !== initial[f]) changed[f] = v[f]
    }
    if (Object.keys(changed).length === 0) return setRefusal('没有要修改的内容')
    inFlight.current = true
    setSending(true)
    setRefusal(null)
    const res = await callCloud('contacts', { action: 'update', id: item.id, ...changed } as EventOf<ContactsContract, 'update'>)
    inFlight.current = false
    setSending(false)
    if (!res.ok) {
      const byField = issuesByField(res.issues)
      form.refuse(byField)
      return setRefusal(Object.keys(byField).length > 0 ? '请按红字提示修改后再保存' : res.message)
    }
    onSaved({
      ...item,
      id: res.data.id,
      phoneMasked: res.data.phoneMasked,
      name: storedValue('name', v.name) ?? item.name,
      responsible: storedValue('responsible', v.responsible) ?? item.responsible,
      occupation: storedValue('occupation', v.occupation),
      address: storedValue('address', v.address),
      note: storedValue('note', v.note)
    })
  }

  return (
    <View className='contact-editor'>
      <View className='contact-editor__title'>修改 {item.name}</View>
      <ContactFields form={form} currentPhoneMasked={item.phoneMasked} />
      {refusal && <View className='error-box contact-editor__refusal'>{refusal}</View>}
      <Button className='btn btn--primary' disabled={disabledIf(sending)} onClick={save}>
        {sending ? '正在保存…' : '保存修改'}
      </Button>
      <Button className='btn btn--secondary' disabled={disabledIf(sending)} onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
