import { Input, Text, View } from '@tarojs/components'
import { FIELD_LABELS, FORM_FIELDS, phoneReading, type FormField } from './fields'
import { phonePad } from '../../shared/phone-pad'
import type { ContactForm } from './use-contact-form'
import './index.css'

export { FORM_FIELDS, FIELD_LABELS, emptyForm, fieldError, issuesByField, storedValue, type FormErrors, type FormField, type FormValues } from './fields'
export { useContactForm, type ContactForm } from './use-contact-form'

const REQUIRED: ReadonlySet<FormField> = new Set(['responsible', 'name', 'phone'])

/** Short enough to be read whole in a 320 px wide phone's field (about 11 characters). */
const PLACEHOLDERS: Record<FormField, string> = {
  responsible: '负责这户的干部姓名',
  name: '居民姓名',
  phone: '手机号或带区号座机',
  occupation: '如务农、教师（可不填）',
  address: '如××村××组（可不填）',
  note: '可不填'
}

/** The element id of a field's row, for a page to bring a field with a problem into view. */
export const fieldRowId = (f: FormField): string => `contact-form-${f}`

interface Props {
  form: ContactForm
  /** Editing: what the number is now (masked), in the empty phone box. */
  currentPhoneMasked?: string
}

/** The 附件2 columns as large fields, each with its own message underneath as the cadre types. */
export function ContactFields({ form, currentPhoneMasked }: Props) {
  const field = (f: FormField) => {
    const error = form.errors[f]
    const required = REQUIRED.has(f) && !(f === 'phone' && form.phoneOptional)
    const reading = f === 'phone' ? phoneReading(form.values.phone) : null
    // Editing: the number it has now goes beside the label, where it fits; the box says only what to do.
    const placeholder = f === 'phone' && currentPhoneMasked ? '不改号码请留空' : PLACEHOLDERS[f]
    return (
      <View key={f} id={fieldRowId(f)} className={`contact-form__field contact-form__field--${f}`}>
        <View className='contact-form__label'>
          {FIELD_LABELS[f]}
          {required && <Text className='contact-form__required'>*</Text>}
          {f === 'phone' && currentPhoneMasked && <Text className='contact-form__current'>（现为{currentPhoneMasked}）</Text>}
        </View>
        <Input
          className={`field contact-form__input${error ? ' field--error contact-form__input--error' : ''}`}
          name={f}
          {...(f === 'phone' ? phonePad() : { type: 'text' as const })}
          value={form.values[f]}
          placeholder={placeholder}
          onInput={(e) => form.set(f, e.detail.value)}
          onBlur={() => form.leave(f)}
        />
        {error && <View className='contact-form__error'>{error}</View>}
        {!error && reading?.ok && (
          <View className='contact-form__phone'>
            将登记为：<Text className='contact-form__phone-number'>{reading.normalized}</Text>
            {reading.kind === 'mobile' ? '（手机）' : '（座机）'}
          </View>
        )}
      </View>
    )
  }
  return <View className='contact-form'>{FORM_FIELDS.map(field)}</View>
}
